// The roster page of an instansi's admin (issue 12): a CSV or XLSX upload with every bad
// row listed and nothing imported unless asked, the summary, the audit entry, the browser
// and its search, and the refusal of an admin of another instansi (SQLite; the import rules
// themselves are tested on both backends in tests/unit/app_admin/roster_import_test.cpp).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { StaffClient, expectStatus, postMultipart } from '../lib/http.mjs';
import { TEST_PASSWORD, startServer } from '../lib/server.mjs';

// A minimal XLSX workbook (one worksheet of inline strings), zipped by python3's zipfile:
// the test's own fixture, without a spreadsheet library.
function makeXlsx(rows) {
  const script = `
import io, json, sys, zipfile
from xml.sax.saxutils import escape
rows = json.load(sys.stdin)
def col(i): return chr(ord('A') + i)
cells = ''.join('<row r="%d">%s</row>' % (r + 1, ''.join(
    '<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col(c), r + 1, escape(v)) for c, v in enumerate(row) if v))
    for r, row in enumerate(rows))
ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="Pegawai" sheetId="1" r:id="rId1"/></sheets></workbook>' % (ns, rel))
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % rel)
    z.writestr('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (ns, cells))
sys.stdout.buffer.write(buf.getvalue())
`;
  return execFileSync('python3', ['-c', script], { input: JSON.stringify(rows) });
}

const GOOD_CSV =
  'kode_unit;nama_unit;nip;nama;jenis_pegawai;jabatan;nip_atasan\n' +
  'RST-KOMINFO;Dinas Kominfo Uji;198001012005011001;Budi Rosterwan;PNS;Kepala Dinas;\n' +
  'RST-KOMINFO;;199003152023211003;Rina Rosterwati;PPPK;Pranata Komputer;198001012005011001\n';
const BAD_CSV =
  'kode_unit,nama,jenis_pegawai,nip\n' +
  'DISDIK,Andi Lewatan,PNS,198001012005011099\n' +
  'DISDIK,Cacat,PNS,12345\n' +
  'NOWHERE,Hilang,honorer,\n';

describe('the roster page (upload and browse)', () => {
  let server;
  let base;
  let admin;
  let provAdmin;
  let verifier;
  const sql = (q) => execFileSync('sqlite3', [server.db, q], { encoding: 'utf8' }).trim();
  const staffCount = () =>
    Number(sql("SELECT COUNT(*) FROM employees e JOIN instansi i ON i.id = e.instansi_id WHERE i.code = '19.03'"));
  const upload = (client, { name, data, type = 'text/csv', skip = false, code = '19.03', query = '' }) => {
    const parts = [{ name: 'csrf', data: client.csrf }];
    if (skip) parts.push({ name: 'skip_bad_rows', data: '1' });
    if (data !== undefined) parts.push({ name: 'file', filename: name, contentType: type, data });
    return postMultipart(base, `/staff/roster/${code}/import${query}`, parts, { cookie: client.cookie });
  };
  // The row-error table's rows as [row, column, value, problem].
  const rowErrors = (html) =>
    [...html.matchAll(/<tr class="row-error" data-row="(\d+)"><td>\d+<\/td><td>([^<]*)<\/td><td>(?:<code>([^<]*)<\/code>)?<\/td><td>([^<]*)<\/td><\/tr>/g)].map(
      (m) => [Number(m[1]), m[2], m[3] ?? '', m[4]],
    );

  before(async () => {
    server = await startServer({
      users: [
        { username: 'r_prov_admin', role: 'admin', instansi: '19' },
        { username: 'r_verifier', role: 'verifier', instansi: '19.03' },
      ],
    });
    base = server.url;
    admin = await StaffClient.login(base, 'admin', server.adminPassword);
    provAdmin = await StaffClient.login(base, 'r_prov_admin', TEST_PASSWORD);
    verifier = await StaffClient.login(base, 'r_verifier', TEST_PASSWORD);
  });
  after(async () => {
    await server?.stop();
  });

  test('bad rows are listed with row, column and value; nothing is imported', async () => {
    const before = staffCount();
    const res = await upload(admin, { name: 'pegawai.csv', data: BAD_CSV });
    expectStatus(res, 422, 'an upload with bad rows');
    const errors = rowErrors(res.text);
    assert.equal(errors.length, 2, res.text);
    assert.deepEqual(errors[0].slice(0, 3), [3, 'nip', '12345']);
    assert.match(errors[0][3], /^NIP.*harus 18 angka\.$/);
    assert.deepEqual(errors[1].slice(0, 3), [4, 'kode_unit', 'NOWHERE']);
    assert.match(errors[1][3], /^Unit tidak dikenal/);
    assert.match(res.text, /id="row-errors-note"><p>Tidak ada yang diimpor: 2 kesalahan/);
    assert.doesNotMatch(res.text, /id="import-summary"/);
    assert.equal(staffCount(), before, 'nothing imported');
    const en = await upload(admin, { name: 'pegawai.csv', data: BAD_CSV, query: '?lang=en' });
    expectStatus(en, 422);
    assert.match(rowErrors(en.text)[0][3], /has 18 digits/);
    assert.match(en.text, /Nothing was imported: 2 error/);
  });

  test('skip bad rows imports the good rows and says how many were skipped', async () => {
    const before = staffCount();
    const res = await upload(admin, { name: 'pegawai.csv', data: BAD_CSV, skip: true });
    expectStatus(res, 200, 'skip bad rows');
    assert.match(res.text, /id="import-summary"><p>Diimpor: 3 baris\. Unit: 0 baru, 0 diubah\. Pegawai: 1 baru, 0 diubah\. Baris dilewati: 2\./);
    assert.equal(rowErrors(res.text).length, 2, 'the skipped rows are still listed');
    assert.match(res.text, /id="skip-bad-rows"[^>]* checked/);
    assert.equal(staffCount(), before + 1);
  });

  test('a CSV upload imports units and staff, audited as the admin', async () => {
    const before = staffCount();
    const res = await upload(admin, { name: 'pegawai.csv', data: GOOD_CSV });
    expectStatus(res, 200, 'a good CSV');
    assert.match(res.text, /Unit: 1 baru, 0 diubah\. Pegawai: 2 baru, 0 diubah\. Baris dilewati: 0\./);
    assert.equal(staffCount(), before + 2);
    assert.equal(sql("SELECT superior_id IS NOT NULL FROM employees WHERE nip = '199003152023211003'"), '1');
    const audit = sql("SELECT actor || ' ' || detail FROM audit_log WHERE action = 'roster.import' ORDER BY id DESC LIMIT 1");
    assert.match(audit, new RegExp(`^user:${admin.user.id} .*"staff_created":2`));
    // Again: the same staff are updated, not duplicated.
    const again = await upload(admin, { name: 'pegawai.csv', data: GOOD_CSV });
    expectStatus(again, 200);
    assert.match(again.text, /Pegawai: 0 baru, 2 diubah/);
    assert.equal(staffCount(), before + 2);
  });

  test('an XLSX upload is read from its temporary file', async () => {
    const before = staffCount();
    const xlsx = makeXlsx([
      ['Kode Unit', 'Nama Unit', 'NIP', 'Nama', 'Jenis Pegawai', 'Jabatan'],
      ['RST-XLSX', 'Bagian Lembar Kerja', '198507172010011002', 'Sari Lembarkerja', 'PNS', 'Kepala Bagian'],
      ['RST-XLSX', '', '', 'Tono Honorer', 'honorer', 'Pramubakti'],
    ]);
    assert.equal(xlsx.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
    const res = await upload(admin, { name: 'pegawai.xlsx', data: xlsx, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expectStatus(res, 200, 'a good XLSX');
    assert.match(res.text, /Unit: 1 baru, 0 diubah\. Pegawai: 2 baru, 0 diubah/);
    assert.equal(staffCount(), before + 2);
    assert.equal(sql("SELECT name FROM employees WHERE nip = '198507172010011002'"), 'Sari Lembarkerja');
    // The upload's temporary file (the server's, in <data>/evidence/tmp) is gone with the request.
    const tmp = path.join(server.dataDir, 'evidence', 'tmp');
    assert.deepEqual(existsSync(tmp) ? readdirSync(tmp) : [], [], 'no upload left behind');
  });

  test('a malformed file, a missing column or no file is a clear error and imports nothing', async () => {
    const before = staffCount();
    const notZip = await upload(admin, { name: 'pegawai.xlsx', data: 'kode_unit,nama\nA,B\n', type: 'application/octet-stream' });
    expectStatus(notZip, 422, 'an .xlsx that is not a workbook');
    assert.match(notZip.text, /id="form-error"><p>Berkas tidak dapat dibaca\./);
    const broken = await upload(admin, { name: 'pegawai.xlsx', data: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 7)]) });
    expectStatus(broken, 422, 'a truncated zip');
    assert.match(broken.text, /Berkas tidak dapat dibaca\./);
    const binary = await upload(admin, { name: 'pegawai.csv', data: Buffer.from([0x44, 0x00, 0x01, 0x02]) });
    expectStatus(binary, 422, 'binary bytes as CSV');
    assert.match(binary.text, /Berkas tidak dapat dibaca\./);
    const noColumn = await upload(admin, { name: 'pegawai.csv', data: 'kode_unit,nip\nDISDIK,198001012005011001\n' });
    expectStatus(noColumn, 422, 'a missing required column');
    assert.match(noColumn.text, /Kolom wajib tidak ada di baris judul/);
    const pdf = await upload(admin, { name: 'pegawai.pdf', data: '%PDF-1.4\n', type: 'application/pdf' });
    expectStatus(pdf, 415, 'another file type');
    assert.match(pdf.text, /Gunakan berkas \.csv atau \.xlsx\./);
    const none = await upload(admin, {});
    expectStatus(none, 422, 'no file');
    assert.match(none.text, /Pilih berkas CSV atau XLSX/);
    assert.equal(staffCount(), before);
  });

  test('a file over 5 MiB is refused before the handler', async () => {
    const before = staffCount();
    const big = Buffer.alloc((5 << 20) + 1, 0x41);
    const res = await upload(admin, { name: 'besar.csv', data: big });
    expectStatus(res, 413, 'a 5 MiB + 1 byte file');
    assert.equal(staffCount(), before);
  });

  test('the upload is CSRF-checked', async () => {
    const before = staffCount();
    const res = await upload({ ...admin, csrf: 'not-the-token', cookie: admin.cookie }, { name: 'pegawai.csv', data: GOOD_CSV.replace(/Rosterw/g, 'Csrfw') });
    expectStatus(res, 403, 'a wrong csrf token');
    assert.equal(staffCount(), before);
  });

  test('an admin of another instansi, and other roles, are refused', async () => {
    const before = staffCount();
    expectStatus(await provAdmin.get('/staff/roster/19.03'), 403, 'the province admin browsing 19.03');
    const res = await upload(provAdmin, { name: 'pegawai.csv', data: GOOD_CSV.replace(/Rosterw/g, 'Asingw'), code: '19.03' });
    expectStatus(res, 403, 'the province admin uploading to 19.03');
    assert.equal(staffCount(), before, 'nothing imported');
    expectStatus(await admin.get('/staff/roster/19'), 403, 'the 19.03 admin browsing the province');
    expectStatus(await admin.get('/staff/roster/99.99'), 403, 'an unknown code');
    expectStatus(await verifier.get('/staff/roster/19.03'), 403, 'a verifier');
    const own = await provAdmin.get('/staff/roster');
    expectStatus(own, 303);
    assert.equal(own.headers.get('location'), '/staff/roster/19');
    expectStatus(await provAdmin.get('/staff/roster/19'), 200, 'the province admin on their own roster');
  });

  test('the browser lists units and staff and searches by name, NIP and unit', async () => {
    const names = (html) => [...html.matchAll(/<td class="emp-name">([^<]*)<\/td>/g)].map((m) => m[1]);
    const all = expectStatus(await admin.get('/staff/roster/19.03'), 200).text;
    assert.match(all, /<a href="\/staff\/roster">Data pegawai<\/a>/, 'the navigation links the roster');
    const total = staffCount();
    assert.match(all, new RegExp(`id="roster-count" role="status">${Math.min(total, total)} dari ${total} pegawai`));
    assert.match(all, /<tr class="unit"><td><code>RST-KOMINFO<\/code><\/td><td>Dinas Kominfo Uji<\/td><td><\/td><td class="num">2<\/td><\/tr>/);
    const byName = expectStatus(await admin.get('/staff/roster/19.03?q=budi+roster'), 200).text;
    assert.deepEqual(names(byName), ['Budi Rosterwan']);
    assert.match(byName, new RegExp(`1 dari ${total} pegawai`));
    const byNip = expectStatus(await admin.get('/staff/roster/19.03?q=' + encodeURIComponent('19900315 202321 1 003')), 200).text;
    assert.deepEqual(names(byNip), ['Rina Rosterwati']);
    assert.match(byNip, /<td>Budi Rosterwan<\/td><\/tr>/, 'the superior is named');
    const byUnit = expectStatus(await admin.get('/staff/roster/19.03?q=kominfo+uji'), 200).text;
    assert.deepEqual(names(byUnit), ['Budi Rosterwan', 'Rina Rosterwati']);
    assert.match(byUnit, /<tr class="unit"><td><code>RST-KOMINFO<\/code>/);
    assert.doesNotMatch(byUnit, /<code>RST-XLSX<\/code><\/td>/);
    const none = expectStatus(await admin.get('/staff/roster/19.03?q=tidak-ada-orang-ini'), 200).text;
    assert.match(none, /id="roster-none">Tidak ada pegawai yang cocok\./);
    assert.match(none, /value="tidak-ada-orang-ini"/, 'the search keeps its text');
    // A search longer than 100 bytes is cut, never inside a character (é is 2 bytes, € 3).
    const long = expectStatus(await admin.get('/staff/roster/19.03?q=' + encodeURIComponent('a' + 'é'.repeat(80))), 200).text;
    assert.match(long, new RegExp(`value="a${'é'.repeat(49)}"`));
    const odd = expectStatus(await admin.get('/staff/roster/19.03?q=' + encodeURIComponent('ab' + '€'.repeat(40))), 200).text;
    assert.match(odd, new RegExp(`value="ab${'€'.repeat(32)}"`));
  });

  test('the staff list is paginated 50 a page, the search kept in the links', async () => {
    // Enough staff in one unit for three pages of the search.
    let csv = 'kode_unit;nama_unit;nama;jenis_pegawai\n';
    for (let i = 0; i < 120; i += 1) csv += `RST-PAGE;Unit Halaman;Halaman Pegawai ${String(i).padStart(3, '0')};non-ASN\n`;
    expectStatus(await upload(admin, { name: 'halaman.csv', data: csv }), 200, 'import 120 non-ASN staff');
    const names = (html) => [...html.matchAll(/<td class="emp-name">([^<]*)<\/td>/g)].map((m) => m[1]);
    const p1 = expectStatus(await admin.get('/staff/roster/19.03?q=RST-PAGE'), 200).text;
    assert.equal(names(p1).length, 50);
    assert.equal(names(p1)[0], 'Halaman Pegawai 000');
    assert.match(p1, /Halaman 1 dari 3/);
    assert.match(p1, /<a rel="next" href="\/staff\/roster\/19\.03\?q=RST-PAGE&amp;page=2">/);
    assert.doesNotMatch(p1, /rel="prev"/);
    const p3 = expectStatus(await admin.get('/staff/roster/19.03?q=RST-PAGE&page=3'), 200).text;
    assert.deepEqual(names(p3), Array.from({ length: 20 }, (_, i) => `Halaman Pegawai ${100 + i}`));
    assert.match(p3, /rel="prev" href="\/staff\/roster\/19\.03\?q=RST-PAGE&amp;page=2"/);
    assert.doesNotMatch(p3, /rel="next"/);
    const past = expectStatus(await admin.get('/staff/roster/19.03?q=RST-PAGE&page=99'), 200).text;
    assert.match(past, /Halaman 3 dari 3/);
  });
});
