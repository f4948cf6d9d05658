// Catalogue pages over HTTP (issue 4): the public catalogue in force (/katalog), the
// optional categories of the report form and the JSON API, the conduct section of the
// case page (suggestions with <mark>, confirmation by a verifier, audited), and the admin
// import of a circular letter (upload, review, adopt; non-admins refused).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { pdfOfLines } from '../lib/fixtures.mjs';
import { CookieJar, inputValue } from '../lib/html.mjs';
import { StaffClient, expectError, expectStatus, multipart, request, submitReport, validReport } from '../lib/http.mjs';
import { REPO_ROOT, STANDARD_USERS, TEST_PASSWORD, startServer } from '../lib/server.mjs';

const SEEDS = path.resolve(REPO_ROOT, '../shared/seeds');

describe('catalogue pages over HTTP', { timeout: 300_000 }, () => {
  let srv;
  let base;

  before(async () => {
    srv = await startServer({ users: STANDARD_USERS });
    base = srv.url;
  });
  after(async () => {
    await srv?.stop();
  });

  async function postForm(staff, p, fields) {
    const body = new URLSearchParams();
    for (const [k, v] of fields) body.append(k, v);
    return request(base, 'POST', p, {
      body: body.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      cookie: staff.cookie,
    });
  }
  function upload(staff, name, data, contentType = 'text/plain', csrf = staff.csrf) {
    const mp = multipart([
      { name: 'csrf', data: csrf },
      { name: 'circular', filename: name, contentType, data },
    ]);
    return request(base, 'POST', '/staff/catalog/import', { body: mp.body, headers: { 'Content-Type': mp.contentType }, cookie: staff.cookie });
  }

  test('/katalog shows the regional circular and the national layers with sanctions per staff type', async () => {
    const res = await request(base, 'GET', '/katalog?instansi=19.03');
    expectStatus(res, 200);
    assert.match(res.headers.get('content-type'), /text\/html/);
    assert.ok(res.text.includes('800.1.10/7/BKPSDMD/2024'), 'Bangka Selatan circular number');
    assert.ok(res.text.includes('ikut kampanye'), 'an item of the circular');
    assert.ok(res.text.includes('Kepulauan Bangka Belitung'), 'the province circular applies to its regencies');
    assert.ok(res.text.includes('PP 94') || res.text.includes('Nomor 94'), 'national layer');
    assert.match(res.text, /Pegawai non-ASN:/, 'sanctions per staff type');
    assert.ok(!res.text.includes('id="doc-se-15.04'), 'another region is not in force here');
    const en = await request(base, 'GET', '/katalog?instansi=19.03&lang=en');
    assert.ok(en.text.includes('Regional circular'), 'English labels');
    const bad = await request(base, 'GET', '/katalog?instansi=%3Cscript%3E');
    assert.equal(bad.status, 422);
    assert.ok(!bad.text.includes('<script>'));
    const home = await request(base, 'GET', '/');
    assert.ok(home.text.includes('href="/katalog"'), 'home links to the catalogue');
    const lapor = await request(base, 'GET', '/lapor');
    assert.ok(lapor.text.includes('href="/katalog"'), 'report form links to the catalogue');
    assert.match(lapor.text, /name="conduct" value="social_media"/, 'report form offers the categories');
  });

  test('report form stores the ticked categories; the case page suggests, highlights and confirms', async () => {
    const jar = new CookieJar();
    const f = await request(base, 'GET', '/lapor');
    jar.update(f.cookies);
    const csrf = inputValue(f.text, 'csrf');
    const fields = [
      ['csrf', csrf], ['instansi', '19.03'], ['reported_name', 'Andi Wijaya'], ['reported_unit', 'Dinas Kesehatan'],
      ['description', 'Saya lihat dia ikut kampanye paslon 2 dan upload foto bersama calon sambil acungkan dua jari di ig.'],
      ['conduct', 'campaign_participation'], ['conduct', 'photo_symbol'],
    ];
    const parts = fields.map(([name, data]) => ({ name, data }));
    const mp = multipart(parts);
    const res = await request(base, 'POST', '/lapor', { body: mp.body, headers: { 'Content-Type': mp.contentType }, cookie: jar.header() });
    assert.equal(res.status, 200, res.text.slice(0, 400));
    const caseNumber = /id="case-number"[^>]*>([^<]+)</.exec(res.text)?.[1];
    assert.ok(caseNumber, 'case number on the receipt page');

    // An unknown category is refused and changes nothing.
    const bad = multipart([...parts.filter((p) => p.name !== 'conduct'), { name: 'conduct', data: 'not_a_category' }]);
    const refused = await request(base, 'POST', '/lapor', { body: bad.body, headers: { 'Content-Type': bad.contentType }, cookie: jar.header() });
    assert.equal(refused.status, 422);

    const verifier = await StaffClient.login(base, 't_verifier', TEST_PASSWORD);
    const item = await verifier.caseByNumber(caseNumber);
    assert.ok(item);
    const page = await verifier.get(`/staff/cases/${item.id}`);
    expectStatus(page, 200);
    assert.match(page.text, /<mark>[^<]*kampanye[^<]*<\/mark>/, 'the words that triggered a suggestion are marked');
    assert.ok(page.text.includes('Dipilih pelapor'), 'the reporter’s choice is shown');
    assert.ok(page.text.includes('Belum ditetapkan'), 'not confirmed yet');
    assert.equal((await verifier.get(`/api/v1/cases/${item.id}`)).json.confirmed_conduct, null);
    assert.match(page.text, /name="conduct" value="photo_symbol" checked/, 'suggestions preselected');

    // Without the CSRF token: refused, nothing stored.
    const noCsrf = await postForm(verifier, `/staff/cases/${item.id}/conduct`, [['conduct', 'social_media']]);
    assert.equal(noCsrf.status, 403);
    // The analyst may read the case but not set its categories.
    const analyst = await StaffClient.login(base, 't_analyst', TEST_PASSWORD);
    const denied = await postForm(analyst, `/staff/cases/${item.id}/conduct`, [['csrf', analyst.csrf], ['conduct', 'social_media']]);
    assert.equal(denied.status, 403);
    const unknown = await postForm(verifier, `/staff/cases/${item.id}/conduct`, [['csrf', verifier.csrf], ['conduct', 'nope']]);
    assert.equal(unknown.status, 422);

    const count = (stats, id) => stats.by_conduct.find((c) => c.conduct === id)?.count ?? 0;
    const statsBefore = expectStatus(await verifier.get('/api/v1/stats'), 200).json;
    const ok = await postForm(verifier, `/staff/cases/${item.id}/conduct`, [
      ['csrf', verifier.csrf], ['conduct', 'photo_symbol'], ['conduct', 'social_media'], ['conduct', 'campaign_participation'],
    ]);
    assert.equal(ok.status, 303, ok.text.slice(0, 300));
    const after = await verifier.get(`/staff/cases/${item.id}`);
    const confirmed = /id="conduct-confirmed">([\s\S]*?)<\/p>/.exec(after.text)?.[1] ?? '';
    assert.ok(confirmed.includes('Media sosial') && confirmed.includes('Ikut kampanye'), confirmed);
    assert.ok(!after.text.includes('Belum ditetapkan'));
    const api = await verifier.get(`/api/v1/cases/${item.id}`);
    expectStatus(api, 200);
    assert.deepEqual(api.json.confirmed_conduct, ['campaign_participation', 'photo_symbol', 'social_media']);
    assert.deepEqual(api.json.reports[0].conduct, ['campaign_participation', 'photo_symbol']);

    // Statistics count the staff's choice, once the case is confirmed (never the ticks).
    const statsAfter = expectStatus(await verifier.get('/api/v1/stats'), 200).json;
    assert.equal(statsAfter.confirmed_cases, statsBefore.confirmed_cases + 1);
    for (const id of ['photo_symbol', 'social_media', 'campaign_participation'])
      assert.equal(count(statsAfter, id), count(statsBefore, id) + 1, id);
    assert.equal(count(statsAfter, 'mobilising'), count(statsBefore, 'mobilising'));
    assert.equal(statsAfter.total, statsAfter.by_status.reduce((a, s) => a + s.count, 0));
    assert.ok(statsAfter.by_status.some((s) => s.status === 'received'));
    const statsPage = expectStatus(await verifier.get('/staff/stats'), 200);
    assert.match(statsPage.text, new RegExp(`data-conduct="social_media">${count(statsAfter, 'social_media')}<`));
    assert.match(statsPage.text, new RegExp(`id="stats-total">${statsAfter.total}<`));
    const csv = expectStatus(await verifier.get('/staff/stats.csv'), 200);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    assert.ok(csv.text.includes(`conduct,social_media,Media sosial,${count(statsAfter, 'social_media')}\r\n`), csv.text);
    assert.equal((await analyst.get('/api/v1/stats')).status, 403, 'the analyst sees no case figures');

    // A verifier of another instansi cannot touch it.
    const prov = await StaffClient.login(base, 't_prov', TEST_PASSWORD);
    const other = await postForm(prov, `/staff/cases/${item.id}/conduct`, [['csrf', prov.csrf], ['conduct', 'social_media']]);
    assert.equal(other.status, 404);
  });

  test('JSON API accepts an optional "conduct" list and refuses unknown ids', async () => {
    const ok = await request(base, 'POST', '/api/v1/reports', { json: validReport({ conduct: ['social_media'] }) });
    expectStatus(ok, 201);
    const bad = await request(base, 'POST', '/api/v1/reports', { json: validReport({ conduct: ['social_media', 'x'] }) });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.error.field ?? bad.json.field ?? 'conduct', 'conduct');
    const wrong = await request(base, 'POST', '/api/v1/reports', { json: validReport({ conduct: 'social_media' }) });
    assert.equal(wrong.status, 422);
  });

  test('admin imports a circular: draft beside the text, adopt stores a validated circular in force', async () => {
    const admin = await StaffClient.login(base, 't_admin', TEST_PASSWORD);
    const verifier = await StaffClient.login(base, 't_verifier', TEST_PASSWORD);
    // Non-admins are refused, with or without a file.
    const g = await verifier.get('/staff/catalog/import');
    assert.equal(g.status, 403);
    const seed = readFileSync(path.join(SEEDS, '002_06e9bd18a6ed3ce2.txt'));
    const u = await upload(verifier, '002.txt', seed);
    assert.equal(u.status, 403);
    const anon = await request(base, 'GET', '/staff/catalog/import');
    assert.equal(anon.status, 303);

    const form0 = await admin.get('/staff/catalog/import');
    expectStatus(form0, 200);
    const bin = await upload(admin, 'x.bin', Buffer.from([0, 1, 2, 3, 0xff]), 'application/octet-stream');
    assert.equal(bin.status, 415);
    const noCsrf = await upload(admin, '002.txt', seed, 'text/plain', 'wrong');
    assert.equal(noCsrf.status, 403);

    // The upload stores a draft and answers with its editor (issue 12).
    const stored = await upload(admin, '002.txt', seed);
    expectStatus(stored, 303);
    assert.match(stored.headers.get('location'), /^\/staff\/catalog\/circulars\/\d+#editor$/);
    const draft = await admin.get(stored.headers.get('location').replace(/#.*/, ''));
    expectStatus(draft, 200);
    assert.ok(draft.text.includes('id="source-text"'), 'the text is shown');
    assert.ok(draft.text.includes('id="adopt-form"'), 'the draft is editable');
    assert.equal(inputValue(draft.text, 'region_code'), '19.03', 'region code from the deployment');
    assert.ok(draft.text.includes('id="unread"'), 'unread fields are marked');
    const items = [...draft.text.matchAll(/<textarea id="item_text_\d+" name="item_text_\d+" rows="3" required>([^<]*)<\/textarea>/g)].map((m) => m[1]);
    assert.equal(items.filter((t) => t).length, 7, 'items a..g');

    // Adopt, after review: the date was not in the news report, the admin adds it.
    const fields = [
      ['csrf', admin.csrf], ['region_code', '19.03'], ['region_name', 'Kabupaten Bangka Selatan'],
      ['title', 'Netralitas ASN (impor uji)'], ['number', '800.1.10/7/BKPSDMD/2024-UJI'], ['date', '2024-09-26'],
      ['place', ''], ['signer', 'Dr. Elfin Elyas, Pjs Bupati Basel'], ['valid_from', '2024-09-26'], ['valid_until', '2024-12-31'],
      ['covers', 'pns'], ['covers', 'non_asn'],
      ['item_text', 'ikut kampanye.'], ['item_conduct', 'campaign_participation'],
      ['item_text', 'melakukan foto bersama dengan calon'], ['item_conduct', 'photo_symbol'],
      ['item_text', ''], ['item_conduct', ''],
      ['channels', 'https://bit.ly/LAPORBASEL_NETRALITAS_ASN-NONASN'], ['duties', 'Mengawasi bawahan'],
      ['source_name', '002.txt'], ['source_text', seed.toString()],
    ];
    // An unknown category is refused by the loader and nothing is written.
    const invalid = await postForm(admin, '/staff/catalog/adopt', fields.map(([k, v]) => [k, k === 'item_conduct' && v === 'photo_symbol' ? 'photo_sym' : v]));
    assert.equal(invalid.status, 422, invalid.text.slice(0, 300));
    assert.ok(invalid.text.includes('photo_sym') || invalid.text.includes('item_conduct_2'), 'the problem is shown');
    // Adopted circulars live in the database (issue 12), never in a file.
    const dir = path.join(srv.dataDir, 'catalog/regional');
    assert.ok(!existsSync(dir) || readdirSync(dir).length === 0, 'nothing written');
    assert.ok(!(await request(base, 'GET', '/katalog?instansi=19.03')).text.includes('Netralitas ASN (impor uji)'), 'nothing adopted');
    const denied = await postForm(verifier, '/staff/catalog/adopt', fields.map(([k, v]) => [k, k === 'csrf' ? verifier.csrf : v]));
    assert.equal(denied.status, 403);

    const adopted = await postForm(admin, '/staff/catalog/adopt', fields);
    assert.equal(adopted.status, 201, adopted.text.slice(0, 500));
    assert.ok(adopted.text.includes('id="adopted"'));
    assert.ok(!existsSync(dir) || readdirSync(dir).length === 0, 'no file');
    const docId = /id="adopted"[\s\S]*?<code>([^<]+)<\/code>/.exec(adopted.text)[1];
    const k = await request(base, 'GET', '/katalog?instansi=19.03');
    assert.ok(k.text.includes('Netralitas ASN (impor uji)'), 'the adopted circular is in force at once');
    assert.ok(k.text.includes(`${docId}/b`), 'letters normalised');

    // Findings of a case are made against the same catalogue: the adopted items are
    // offered and accepted at once; an item in force nowhere is refused.
    const examiner = await StaffClient.login(base, 't_examiner', TEST_PASSWORD);
    const sub = await submitReport(base, validReport());
    const kase = await verifier.caseByNumber(sub.case_number);
    const step = (client, body) => client.post(`/api/v1/cases/${kase.id}/transitions`, body);
    expectStatus(await step(verifier, { action: 'start_verification' }), 200);
    expectStatus(await step(verifier, {
      action: 'accept', checked: ['reported_identity', 'within_window', 'time_place', 'description', 'evidence'],
      examiners: [examiner.user.id], superior_name: 'Kepala Dinas',
    }), 200);
    expectStatus(await step(examiner, { action: 'record_bap', bap_number: 'BAP/1/2026', bap_date: '2026-03-20', note: 'Klarifikasi.' }), 200);
    const casePage = await examiner.get(`/staff/cases/${kase.id}`);
    expectStatus(casePage, 200);
    assert.ok(casePage.text.includes(`${docId}/b`), 'the adopted item is offered for findings');
    expectError(await step(examiner, { action: 'findings', findings: [{ item: 'no-such-document/a', proven: true }] }), 422, 'invalid_field', { field: 'findings' });
    const found = await step(examiner, { action: 'findings', findings: [{ item: `${docId}/b`, proven: true }] });
    expectStatus(found, 200);
    assert.equal(found.json.status, 'recommendation');
    // The finding names the version of the circular it cited (issue 12: later edits are new versions).
    const payload = execFileSync('sqlite3', [srv.db, `SELECT payload FROM case_events WHERE case_id = ${kase.id} AND payload LIKE '%findings%'`], { encoding: 'utf8' });
    assert.match(payload, new RegExp(`"item":"${docId.replace(/\./g, '\\.')}/b"[^}]*"version":1`), payload);

    // The server restarts with it: the same loader validates it at start.
    await srv.restart();
    base = srv.url;
    const k2 = await request(base, 'GET', '/katalog?instansi=19.03');
    assert.ok(k2.text.includes('Netralitas ASN (impor uji)'));
  });

  test('a PDF circular is read through pdftotext', async (t) => {
    const admin = await StaffClient.login(base, 't_admin', TEST_PASSWORD);
    const lines = ['SURAT EDARAN', 'NOMOR: 800/9/BKPSDM/2024', 'Setiap ASN di lingkungan Pemerintah Kabupaten Bangka Selatan dilarang:', 'a. ikut kampanye;', 'b. memasang spanduk calon;'];
    const stored = await upload(admin, 'se.pdf', pdfOfLines(lines), 'application/pdf');
    expectStatus(stored, 303);
    const res = await admin.get(stored.headers.get('location').replace(/#.*/, ''));
    expectStatus(res, 200);
    assert.equal(inputValue(res.text, 'number'), '800/9/BKPSDM/2024');
    assert.ok(res.text.includes('memasang spanduk calon'));
  });
});
