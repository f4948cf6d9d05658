// The circular editor over HTTP (issue 12, docs/catalog.md "Editing a circular"): a draft
// stored from an upload, every editing action of the one no-JavaScript form (save, move,
// merge, remove, add, adopt), bad input (unknown conduct or sanction, empty text, stale
// form, another government), versions after adoption with the old one kept, the audit
// trail, and circular files of an earlier release moved into the database once.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { decodeEntities, inputValue } from '../lib/html.mjs';
import { StaffClient, expectStatus, multipart, request } from '../lib/http.mjs';
import { NETRAL_BIN, REPO_ROOT, STANDARD_USERS, TEST_PASSWORD, startServer } from '../lib/server.mjs';

const SEEDS = path.resolve(REPO_ROOT, '../shared/seeds');

// The fields a browser would send for the editor's form, in document order: inputs
// (checkboxes only when checked), textareas and the selected options of selects.
// Buttons are left out: each test names its action.
export function formFields(html) {
  const form = /<form method="post" action="\/staff\/catalog\/circulars\/\d+" id="adopt-form">([\s\S]*?)<\/form>/.exec(html)?.[1];
  assert.ok(form, 'the editor form');
  const out = [];
  const re = /<input\b([^>]*)>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/g;
  const attr = (a, n) => new RegExp(`\\b${n}="([^"]*)"`).exec(a)?.[1];
  for (const m of form.matchAll(re)) {
    if (m[1] !== undefined) {
      const name = attr(m[1], 'name');
      if (!name) continue;
      const type = attr(m[1], 'type') ?? 'text';
      if (type === 'checkbox' && !/\bchecked\b/.test(m[1])) continue;
      out.push([name, decodeEntities(attr(m[1], 'value') ?? '')]);
    } else if (m[2] !== undefined) {
      out.push([attr(m[2], 'name'), decodeEntities(m[3])]);
    } else {
      const name = attr(m[4], 'name');
      for (const o of m[5].matchAll(/<option value="([^"]*)"( selected)?>/g)) if (o[2]) out.push([name, decodeEntities(o[1])]);
    }
  }
  return out;
}
const get = (fields, k) => fields.find(([n]) => n === k)?.[1];
const set = (fields, k, v) => [...fields.filter(([n]) => n !== k), ...(v === null ? [] : [].concat(v).map((x) => [k, x]))];
const itemTexts = (html) => [...html.matchAll(/<textarea id="item_text_\d+" name="item_text_\d+"[^>]*>([^<]*)<\/textarea>/g)].map((m) => decodeEntities(m[1]));

describe('the circular editor over HTTP', { timeout: 300_000 }, () => {
  let srv;
  let base;
  let admin;
  let circular;  // the editor's path

  before(async () => {
    srv = await startServer({ users: [...STANDARD_USERS, { username: 't_admin19', role: 'admin', instansi: '19' }] });
    base = srv.url;
    admin = await StaffClient.login(base, 't_admin', TEST_PASSWORD);
  });
  after(async () => {
    await srv?.stop();
  });

  function post(client, p, fields) {
    const body = new URLSearchParams();
    for (const [k, v] of fields) body.append(k, v);
    return request(base, 'POST', p, { body: body.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, cookie: client.cookie });
  }
  function upload(client, name, data) {
    const mp = multipart([{ name: 'csrf', data: client.csrf }, { name: 'circular', filename: name, contentType: 'text/plain', data }]);
    return request(base, 'POST', '/staff/catalog/import', { body: mp.body, headers: { 'Content-Type': mp.contentType }, cookie: client.cookie });
  }
  // Sends the editor's form as it stands, changed by `change`, with `action`.
  async function act(action, change = (f) => f, client = admin) {
    const page = expectStatus(await client.get(circular), 200);
    const fields = change([...formFields(page.text), ['action', action]]);
    return post(client, circular, set(fields, 'csrf', client.csrf));
  }
  async function editor() {
    return expectStatus(await admin.get(circular), 200).text;
  }
  const audit = (action) =>
    execFileSync('sqlite3', [srv.db, `SELECT COUNT(*) FROM audit_log WHERE action = '${action}'`], { encoding: 'utf8' }).trim();

  test('an upload is a stored draft shown beside its text, with what was not read', async () => {
    const seed = readFileSync(path.join(SEEDS, '002_06e9bd18a6ed3ce2.txt'));
    const res = await upload(admin, '002.txt', seed);
    expectStatus(res, 303);
    circular = res.headers.get('location').replace(/#.*/, '');
    const html = await editor();
    assert.ok(html.includes('id="source-text"') && html.includes('class="side-by-side"'), 'the text beside the draft');
    assert.equal(inputValue(html, 'region_code'), '19.03', 'the admin’s own government');
    assert.ok(html.includes('id="unread"'), 'unread fields are listed');
    assert.match(html, /<label for="number">[^<]*<strong class="unread">/, 'and marked where they belong');
    assert.equal(itemTexts(html).length, 7);
    assert.match(html, /name="item_conduct_1" value="social_media"/, 'conduct ids from the canonical list, as checkboxes');
    assert.ok(html.includes('Media sosial'), 'labelled in Indonesian');
    assert.match(html, /<select id="item_sanction_1_pns" name="item_sanction_1_pns" multiple/, 'sanction options per staff type');
    const nonAsn = /<select id="item_sanction_1_non_asn"[^>]*>([\s\S]*?)<\/select>/.exec(html)[1];
    assert.ok(!nonAsn.includes('potongan_tunjangan_25_6') && nonAsn.includes('<option'), 'only the options of that staff type');
    assert.ok(html.includes('id="confirm_unread"'), 'adoption asks to confirm the unread fields');
    const list = expectStatus(await admin.get('/staff/catalog/import'), 200).text;
    assert.ok(list.includes(`href="${circular}"`), 'the draft is listed');
    assert.equal(audit('catalog.draft'), '1');
    // The English page.
    const en = expectStatus(await admin.get(`${circular}?lang=en`), 200).text;
    assert.ok(en.includes('Save the draft'));
  });

  test('save: text, marker, staff types, validity and sanctions of an item', async () => {
    const before = await editor();
    const rev = inputValue(before, 'rev');
    const res = await act('save', (f) => {
      f = set(f, 'item_text_1', 'ikut kampanye dalam bentuk apa pun');
      f = set(f, 'item_marker_1', '(1)');
      f = set(f, 'item_staff_1', ['pns', 'pppk']);
      f = set(f, 'item_from_1', '2024-10-01');
      f = set(f, 'item_until_1', '2024-12-31');
      f = set(f, 'item_sanction_1_pns', ['teguran_tertulis', 'potongan_tunjangan_25_6']);
      return f;
    });
    expectStatus(res, 303);
    assert.match(res.headers.get('location'), /\?saved=1#/);
    const html = await editor();
    assert.equal(itemTexts(html)[0], 'ikut kampanye dalam bentuk apa pun');
    assert.equal(inputValue(html, 'item_marker_1'), '(1)');
    assert.equal(inputValue(html, 'item_from_1'), '2024-10-01');
    assert.match(html, /name="item_staff_1" value="pppk" checked/);
    assert.match(html, /<option value="potongan_tunjangan_25_6" selected>/);
    assert.equal(Number(inputValue(html, 'rev')), Number(rev) + 1, 'a new revision');
    assert.equal(audit('catalog.edit'), '1');
  });

  test('bad input is refused and changes nothing', async () => {
    const html = await editor();
    const fields = formFields(html);
    const send = (f, action = 'save') => post(admin, circular, set([...f, ['action', action]], 'csrf', admin.csrf));
    // An unknown conduct id.
    let res = await send(set(fields, 'item_conduct_2', 'not_a_conduct'));
    assert.equal(res.status, 422);
    assert.ok(res.text.includes('id="form-error"') && res.text.includes('Kategori pelanggaran tidak dikenal'));
    // An empty text.
    res = await send(set(fields, 'item_text_2', '   '));
    assert.equal(res.status, 422);
    assert.ok(res.text.includes('Teks butir tidak boleh kosong'));
    // A sanction option that is not one for that staff type.
    res = await send(set(fields, 'item_sanction_2_non_asn', 'potongan_tunjangan_25_6'));
    assert.equal(res.status, 422);
    // A staff type that does not exist, a malformed date.
    assert.equal((await send(set(fields, 'item_staff_2', 'honorer'))).status, 422);
    assert.equal((await send(set(fields, 'item_from_2', '1 Oktober 2024'))).status, 422);
    // An unknown action, an item that does not exist.
    assert.equal((await send(fields, 'explode')).status, 422);
    assert.equal((await send(fields, 'down:99')).status, 422);
    assert.equal((await send(fields, 'up:1')).status, 422, 'the first item cannot move up');
    // Another government: refused, whatever the form says.
    res = await send(set(fields, 'region_code', '19'));
    assert.equal(res.status, 403);
    assert.ok(res.text.includes('pemerintah daerah Anda sendiri'));
    // Without the CSRF token.
    assert.equal((await post(admin, circular, [...set(fields, 'csrf', 'wrong'), ['action', 'save']])).status, 403);
    // Saving what is already there changes nothing, not even the revision.
    expectStatus(await send(fields), 303);
    assert.equal(inputValue(await editor(), 'rev'), get(fields, 'rev'));
    // A stale form: saved once with a change, then the same form again.
    expectStatus(await send(set(fields, 'item_text_3', `${get(fields, 'item_text_3')} (diperiksa)`)), 303);
    res = await send(set(fields, 'item_text_2', 'perubahan yang terlambat'));
    assert.equal(res.status, 409);
    assert.ok(res.text.includes('sudah diubah orang lain'));
    assert.ok(!itemTexts(await editor()).includes('perubahan yang terlambat'), 'nothing saved');
  });

  test('move up and down, merge, remove and add items', async () => {
    let texts = itemTexts(await editor());
    expectStatus(await act('down:1'), 303);
    let now = itemTexts(await editor());
    assert.deepEqual(now.slice(0, 2), [texts[1], texts[0]], 'moved down');
    expectStatus(await act('up:2'), 303);
    assert.deepEqual(itemTexts(await editor()), texts, 'moved back up');
    const marker = inputValue(await editor(), 'item_marker_1');
    assert.equal(marker, '(1)', 'an item keeps its fields when it moves');

    expectStatus(await act('merge:3'), 303);
    now = itemTexts(await editor());
    assert.equal(now.length, texts.length - 1);
    assert.ok(now[2].includes(texts[2].replace(/[;,]$/, '').slice(0, 20)) && now[2].endsWith(texts[3]), `merged: ${now[2]}`);
    texts = now;

    expectStatus(await act('remove:2'), 303);
    now = itemTexts(await editor());
    assert.deepEqual(now, [texts[0], ...texts.slice(2)], 'removed');
    texts = now;

    assert.equal((await act('add', (f) => set(f, 'new_text', ''))).status, 422, 'an empty new item is refused');
    expectStatus(await act('add', (f) => set(f, 'new_text', 'memberikan dukungan kepada calon melalui grup percakapan')), 303);
    now = itemTexts(await editor());
    assert.deepEqual(now, [...texts, 'memberikan dukungan kepada calon melalui grup percakapan'], 'added at the end');
    // The new item has no category yet: it is marked for the reviewer.
    const html = await editor();
    assert.match(html, new RegExp(`<fieldset class="item" id="item-${now.length}">[\\s\\S]*?<strong class="unread">`));
  });

  test('adoption needs the unread fields confirmed, then puts version 1 in force', async () => {
    const complete = (f) => {
      f = set(f, 'date', '2024-09-26');
      f = set(f, 'valid_from', '2024-09-26');
      f = set(f, 'title', 'Netralitas ASN Bangka Selatan (editor)');
      const n = Number(get(f, 'item_count'));
      for (let i = 1; i <= n; i++) if (!f.some(([k]) => k === `item_conduct_${i}`)) f.push([`item_conduct_${i}`, 'social_media']);
      return f;
    };
    let res = await act('adopt', complete);
    assert.equal(res.status, 422, 'unread fields not confirmed');
    assert.ok(res.text.includes('centang konfirmasi'));
    assert.ok(!(await request(base, 'GET', '/katalog?instansi=19.03')).text.includes('(editor)'), 'nothing adopted');
    // Another admin of another government cannot see or adopt it.
    const other = await StaffClient.login(base, 't_admin19', TEST_PASSWORD);
    assert.equal((await other.get(circular)).status, 404);
    assert.equal((await post(other, circular, [['csrf', other.csrf], ['action', 'adopt'], ['confirm_unread', '1']])).status, 404);
    const verifier = await StaffClient.login(base, 't_verifier', TEST_PASSWORD);
    assert.equal((await verifier.get(circular)).status, 403);

    res = await act('adopt', (f) => [...complete(f), ['confirm_unread', '1']]);
    expectStatus(res, 303);
    const html = expectStatus(await admin.get(res.headers.get('location').replace(/#.*/, '')), 200).text;
    assert.ok(html.includes('id="adopted"'));
    const doc = /<code id="document-id">([^<]+)<\/code>/.exec(html)[1];
    assert.equal(/id="current-version">(\d+)</.exec(html)[1], '1');
    assert.match(html, /<th scope="row" data-version="1">1<\/th>[\s\S]*?Ditetapkan/);
    assert.ok(!html.includes('id="adopt"'), 'no second adoption');
    const k = (await request(base, 'GET', '/katalog?instansi=19.03')).text;
    assert.ok(k.includes('Netralitas ASN Bangka Selatan (editor)') && k.includes(`item-${doc}/a`), 'in force at once');
    assert.ok(!(await request(base, 'GET', '/katalog?instansi=15.04')).text.includes('(editor)'), 'only for its government');
    assert.equal(audit('catalog.adopt'), '1');
  });

  test('after adoption every edit is a new version; the old one stays; a stale version is refused', async () => {
    const v1 = await editor();
    const fields = formFields(v1);
    assert.equal(get(fields, 'rev'), '1');
    const send = (f) => post(admin, circular, set([...f, ['action', 'save']], 'csrf', admin.csrf));
    expectStatus(await send(set(fields, 'item_text_1', 'ikut kampanye, versi kedua')), 303);
    const v2 = await editor();
    assert.equal(/id="current-version">(\d+)</.exec(v2)[1], '2');
    assert.match(v2, /data-version="2">2<\/th><td>[^<]+<\/td><td>[^<]+<\/td><td>Isi diubah<\/td>/, 'who changed what, when');
    assert.ok((await request(base, 'GET', '/katalog?instansi=19.03')).text.includes('ikut kampanye, versi kedua'));
    // The form of version 1 again: stale.
    const late = await send(set(fields, 'item_text_1', 'terlambat'));
    assert.equal(late.status, 409);
    // Bad input on an adopted circular is refused too, and adds no version.
    assert.equal((await send(set(formFields(v2), 'item_conduct_1', 'nope'))).status, 422);
    // A move is a version of its own.
    expectStatus(await act('down:1'), 303);
    const v3 = await editor();
    assert.equal(/id="current-version">(\d+)</.exec(v3)[1], '3');
    assert.match(v3, /data-version="3">3<\/th>[\s\S]*?Butir diturunkan \(a\)/);
    // Version 1 is kept as it was.
    const body1 = execFileSync('sqlite3', [srv.db, "SELECT body FROM catalog_versions WHERE version = 1 AND summary = 'adopt'"], { encoding: 'utf8' });
    assert.ok(body1.includes('ikut kampanye dalam bentuk apa pun') && !body1.includes('versi kedua'));
    assert.equal(audit('catalog.version'), '2');
    // The audit chain is intact.
    const verify = execFileSync(NETRAL_BIN, ['audit', 'verify', '--db', srv.db, '--data', srv.dataDir], { encoding: 'utf8' });
    assert.ok(!/broken|fail/i.test(verify), verify);
  });

  test('the hole: an admin of 19.03 cannot put a circular in force for 19', async () => {
    const fields = [
      ['csrf', admin.csrf], ['region_code', '19'], ['region_name', 'Provinsi Kepulauan Bangka Belitung'],
      ['title', 'Surat edaran palsu untuk provinsi'], ['date', '2024-09-26'], ['valid_from', '2024-09-26'], ['covers', 'pns'],
      ['item_text', 'ikut kampanye.'], ['item_conduct', 'campaign_participation'],
    ];
    const res = await post(admin, '/staff/catalog/adopt', fields);
    assert.equal(res.status, 403);
    for (const code of ['19', '19.03', '19.01'])
      assert.ok(!(await request(base, 'GET', `/katalog?instansi=${code}`)).text.includes('Surat edaran palsu'), code);
    // The admin of 19 may adopt for 19.
    const prov = await StaffClient.login(base, 't_admin19', TEST_PASSWORD);
    const ok = await post(prov, '/staff/catalog/adopt', set(fields, 'csrf', prov.csrf));
    assert.equal(ok.status, 201, ok.text.slice(0, 300));
    assert.ok((await request(base, 'GET', '/katalog?instansi=19.03')).text.includes('Surat edaran palsu'), 'a province circular binds its regencies');
  });

  test('circular files of an earlier release move into the database once', async () => {
    await srv.kill();
    const dir = path.join(srv.dataDir, 'catalog/regional');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, '19.03_se-19-03-lama.toml'), [
      '[document]', 'id = "se-19.03-lama"', 'kind = "regional_circular"', 'title = "Surat edaran lama dari berkas"',
      'date = 2024-08-01', 'region_code = "19.03"', 'region_name = "Kabupaten Bangka Selatan"', 'staff_types = ["pns", "pppk"]',
      'valid_from = 2024-08-01', 'sources = ["lama.txt"]', '', '[[item]]', 'id = "a"', 'point = "huruf a"',
      'text = "memasang alat peraga kampanye"', 'conduct = ["banner_props"]', '',
    ].join('\n'));
    base = await srv.spawn();
    admin = await StaffClient.login(base, 't_admin', TEST_PASSWORD);
    assert.ok((await request(base, 'GET', '/katalog?instansi=19.03')).text.includes('Surat edaran lama dari berkas'));
    assert.deepEqual(readdirSync(dir), ['19.03_se-19-03-lama.toml.migrated'], 'the file is set aside');
    assert.equal(audit('catalog.migrate'), '1');
    const list = (await admin.get('/staff/catalog/import')).text;
    assert.ok(list.includes('se-19.03-lama'), 'an adopted circular the editor opens');
    // A second start finds nothing left to move.
    await srv.restart();
    base = srv.url;
    assert.equal(audit('catalog.migrate'), '1');
    assert.ok((await request(base, 'GET', '/katalog?instansi=19.03')).text.includes('Surat edaran lama dari berkas'));
    assert.ok(!existsSync(path.join(dir, '19.03_se-19-03-lama.toml')));
  });
});
