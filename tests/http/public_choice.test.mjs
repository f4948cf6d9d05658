// The public form's choice of government (issue 12): with several, a required choice with
// none preselected (a wrong default sent reports to the wrong government), grouped by
// province and narrowed by a search that needs no JavaScript; `/lapor/CODE` and
// `?instansi=CODE` preselect, an unknown code is a clear 404; with one government the form
// names it. Plain HTTP, SQLite.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { CookieJar, decodeEntities, inputValue } from '../lib/html.mjs';
import { expectStatus, request } from '../lib/http.mjs';
import { startServer } from '../lib/server.mjs';

// The <select name="instansi">: its options (value, label, selected) and optgroup labels.
function choice(html) {
  const select = /<select id="instansi" name="instansi"[^>]*required[^>]*>([\s\S]*?)<\/select>/.exec(html);
  if (!select) return null;
  const options = [...select[1].matchAll(/<option value="([^"]*)"( selected)?>([^<]*)<\/option>/g)].map((m) => ({ value: m[1], label: decodeEntities(m[3]), selected: Boolean(m[2]) }));
  const groups = [...select[1].matchAll(/<optgroup label="([^"]*)">/g)].map((m) => decodeEntities(m[1]));
  return { options, groups };
}

describe('the public form with several governments (demo: 19 and 19.03)', () => {
  let srv;
  before(async () => {
    srv = await startServer();
  });
  after(async () => {
    await srv?.stop();
  });
  const get = (path) => request(srv.url, 'GET', path);

  test('a required choice, empty first, nothing preselected, full names by province', async () => {
    const c = choice(expectStatus(await get('/lapor'), 200).text);
    assert.ok(c, 'a select named instansi');
    assert.deepEqual(c.options, [
      { value: '', label: '— Pilih pemerintah daerah —', selected: false },
      { value: '19', label: 'Provinsi Kepulauan Bangka Belitung', selected: false },
      { value: '19.03', label: 'Kabupaten Bangka Selatan', selected: false },
    ]);
    assert.deepEqual(c.groups, ['Provinsi Kepulauan Bangka Belitung']);
  });

  test('a report without a government is refused with the form shown again', async () => {
    const jar = new CookieJar();
    const form = await request(srv.url, 'GET', '/lapor');
    jar.update(form.cookies);
    const res = await request(srv.url, 'POST', '/lapor', {
      body: new URLSearchParams({ csrf: inputValue(form.text, 'csrf'), instansi: '', reported_name: 'Andi', description: 'Mengajak memilih calon tertentu.' }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      cookie: jar.header(),
    });
    expectStatus(res, 422);
    assert.match(res.text, /Pilih pemerintah daerah yang dilaporkan\./);
    assert.ok(choice(res.text).options.every((o) => !o.selected), 'still nothing chosen');
  });

  test('/lapor/19.03 and ?instansi=19.03 preselect it and name it in full', async () => {
    for (const path of ['/lapor/19.03', '/lapor?instansi=19.03']) {
      const page = expectStatus(await get(path), 200).text;
      const chosen = choice(page).options.filter((o) => o.selected).map((o) => o.value);
      assert.deepEqual(chosen, ['19.03'], path);
      assert.match(page, /<strong id="instansi-chosen">Pemerintah Kabupaten Bangka Selatan<\/strong>/, path);
    }
  });

  test('an unknown or malformed code is a clear 404 page', async () => {
    for (const path of ['/lapor/36.03', '/lapor/abc', '/lapor?instansi=99.99', '/lapor/19.03.01']) {
      const res = await get(path);
      expectStatus(res, 404);
      assert.match(res.headers.get('content-type'), /text\/html/);
      assert.match(res.text, /Pemerintah daerah dengan kode ini tidak menerima laporan di sini\./, path);
    }
    const en = await get('/lapor/36.03?lang=en');
    expectStatus(en, 404);
    assert.match(en.text, /No regional government with this code takes reports here\./);
  });

  test('the search narrows the choice without JavaScript', async () => {
    const page = expectStatus(await get('/lapor'), 200).text;
    assert.match(page, /<form method="get" action="\/lapor" role="search"[^>]*>[\s\S]*<input id="cari" name="cari" type="search"/);
    const narrowed = expectStatus(await get('/lapor?cari=selatan'), 200).text;
    assert.deepEqual(choice(narrowed).options.map((o) => o.value), ['', '19.03']);
    assert.match(narrowed, /id="instansi-show-all"/);
    assert.equal(inputValue(narrowed, 'cari'), 'selatan');
    const none = expectStatus(await get('/lapor?cari=zzzz'), 200).text;
    assert.match(none, /id="instansi-no-matches"/);
    assert.deepEqual(choice(none).options.map((o) => o.value), ['', '19', '19.03'], 'nothing matches: all are shown');
  });
});

describe('the public form with one government', () => {
  let srv;
  before(async () => {
    srv = await startServer({ init: ['--instansi', '36'] });
  });
  after(async () => {
    await srv?.stop();
  });

  test('shows that one, and files to it', async () => {
    const page = expectStatus(await request(srv.url, 'GET', '/lapor'), 200).text;
    assert.equal(choice(page), null, 'no choice to make');
    assert.doesNotMatch(page, /role="search"/);
    assert.match(page, /<input type="hidden" name="instansi" value="36">\s*<p id="instansi-only"><strong>[^<]+:<\/strong> Pemerintah Provinsi Banten<\/p>/);
    expectStatus(await request(srv.url, 'GET', '/lapor/36'), 200);
    expectStatus(await request(srv.url, 'GET', '/lapor/19.03'), 404);
  });
});
