// The HTML pages over plain HTTP (no JavaScript): public form, receipt status and reply,
// staff login, inbox, case page, reply and logout; language switch; HTML escaping; error
// pages. SQLite only (the API suites cover both databases). The browser suite repeats the
// main journey in Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { JPEG } from '../lib/fixtures.mjs';
import { CookieJar, assetUrls, hasId, htmlLang, inputValue, textOfId } from '../lib/html.mjs';
import { CASE_NUMBER_RE, RECEIPT_RE, StaffClient, expectStatus, multipart, request } from '../lib/http.mjs';
import { STANDARD_USERS, TEST_PASSWORD, startServer } from '../lib/server.mjs';

const XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>';

function isHtml(res) {
  assert.match(res.headers.get('content-type') ?? '', /text\/html/, `not HTML: ${res.status} ${res.text.slice(0, 200)}`);
}

describe('pages over HTTP', { timeout: 300_000 }, () => {
  let srv;
  let base;

  before(async () => {
    srv = await startServer({ users: STANDARD_USERS });
    base = srv.url;
  });
  after(async () => {
    await srv?.stop();
  });

  // GET a page with the jar's cookies, remembering new ones.
  async function get(jar, path) {
    const res = await request(base, 'GET', path, { cookie: jar.header() || undefined });
    jar.update(res.cookies);
    return res;
  }
  async function postForm(jar, path, fields, { multipartForm = false, files = [] } = {}) {
    let res;
    if (multipartForm) {
      const parts = Object.entries(fields).map(([name, data]) => ({ name, data: String(data) }));
      for (const f of files) parts.push(f);
      const mp = multipart(parts);
      res = await request(base, 'POST', path, { body: mp.body, headers: { 'Content-Type': mp.contentType }, cookie: jar.header() || undefined });
    } else {
      res = await request(base, 'POST', path, {
        body: new URLSearchParams(fields).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        cookie: jar.header() || undefined,
      });
    }
    jar.update(res.cookies);
    return res;
  }

  function reportFields(csrf, extra = {}) {
    return {
      csrf,
      instansi: '19.03',
      reported_name: 'Andi Wijaya',
      reported_nip: '198503122010011001',
      reported_unit: 'Dinas Kesehatan',
      reported_position: 'Kepala Bidang',
      description: 'Mengajak staf memilih calon tertentu saat apel pagi.',
      incident_date: '2026-03-02',
      incident_place: 'Halaman Kantor Dinas',
      learned_date: '2026-03-02',
      links: 'https://example.org/1\nhttps://example.org/2',
      reporter_name: '',
      reporter_nik: '',
      reporter_phone: '',
      reporter_email: '',
      ...extra,
    };
  }

  // Files a report through the form; returns { receipt, caseNumber, jar }.
  async function fileReport(extra = {}, files) {
    const jar = new CookieJar();
    const form = await get(jar, '/lapor');
    expectStatus(form, 200);
    const csrf = inputValue(form.text, 'csrf');
    const res = await postForm(jar, '/lapor', reportFields(csrf, extra), {
      multipartForm: true,
      files: files ?? [{ name: 'evidence', filename: 'foto.jpg', contentType: 'image/jpeg', data: JPEG }],
    });
    assert.ok([200, 201].includes(res.status), `POST /lapor: ${res.status} ${res.text.slice(0, 600)}`);
    isHtml(res);
    const receipt = textOfId(res.text, 'receipt');
    const caseNumber = textOfId(res.text, 'case-number');
    assert.match(receipt ?? '', RECEIPT_RE, 'success page lacks #receipt');
    assert.match(caseNumber ?? '', CASE_NUMBER_RE, 'success page lacks #case-number');
    return { receipt, caseNumber, jar };
  }

  test('home page: HTML in Bahasa Indonesia by default; ?lang=en switches and sets a cookie', async () => {
    const jar = new CookieJar();
    const id = await get(jar, '/');
    expectStatus(id, 200);
    isHtml(id);
    assert.equal(htmlLang(id.text), 'id');
    assert.ok(id.text.includes('/lapor'), 'home links to the report form');
    const en = await get(jar, '/?lang=en');
    expectStatus(en, 200);
    assert.equal(htmlLang(en.text), 'en');
    assert.equal(jar.get('lang'), 'en', 'lang cookie not set');
    const again = await get(jar, '/lapor');
    assert.equal(htmlLang(again.text), 'en', 'the lang cookie is not honoured');
    const back = await get(jar, '/?lang=id');
    assert.equal(htmlLang(back.text), 'id');
  });

  test('pages load only same-origin assets, and each one exists', async () => {
    const jar = new CookieJar();
    for (const page of ['/', '/lapor', '/status', '/staff/login']) {
      const res = await get(jar, page);
      expectStatus(res, 200, page);
      for (const u of assetUrls(res.text)) {
        if (u.startsWith('data:')) continue;
        const url = new URL(u, base);
        assert.equal(url.origin, new URL(base).origin, `${page} loads ${u} from another origin`);
        const a = await request(base, 'GET', url.pathname + url.search);
        expectStatus(a, 200, `asset ${u}`);
      }
    }
  });

  test('the report form works without JavaScript: multipart, every field, CSRF twin cookie', async () => {
    const jar = new CookieJar();
    const form = await get(jar, '/lapor');
    expectStatus(form, 200);
    isHtml(form);
    assert.match(form.text, /<form\b[^>]*enctype=["']multipart\/form-data["']/i);
    assert.match(form.text, /<form\b[^>]*method=["']post["']/i);
    for (const name of ['reported_name', 'reported_nip', 'reported_unit', 'reported_position', 'incident_date', 'incident_place', 'learned_date', 'reporter_name', 'reporter_nik', 'reporter_phone', 'reporter_email']) {
      assert.ok(new RegExp(`name=["']${name}["']`).test(form.text), `form lacks ${name}`);
    }
    assert.match(form.text, /<select\b[^>]*name=["']instansi["']/i);
    assert.match(form.text, /<textarea\b[^>]*name=["']description["']/i);
    assert.match(form.text, /<textarea\b[^>]*name=["']links["']/i);
    assert.match(form.text, /<input\b(?=[^>]*type=["']file["'])(?=[^>]*name=["']evidence["'])(?=[^>]*multiple)[^>]*>/i);
    assert.ok(hasId(form.text, 'submit-report'));
    const csrf = inputValue(form.text, 'csrf');
    assert.ok(csrf && csrf.length >= 16, 'no csrf hidden field');
    assert.ok(jar.get('netral_csrf'), 'no netral_csrf cookie');
    assert.match(form.text, /value=["']19\.03["']/);
  });

  test('POST /lapor files the report, shows receipt and case number; the API confirms', async () => {
    const { receipt, caseNumber } = await fileReport();
    const st = await request(base, 'GET', `/api/v1/receipts/${receipt}`);
    expectStatus(st, 200);
    assert.equal(st.json.case_number, caseNumber);
    assert.equal(st.json.evidence_count, 1);
  });

  test('POST /lapor with an empty file input (no file chosen) is accepted', async () => {
    const { receipt } = await fileReport({}, [{ name: 'evidence', filename: '', contentType: 'application/octet-stream', data: '' }]);
    const st = await request(base, 'GET', `/api/v1/receipts/${receipt}`);
    assert.equal(st.json.evidence_count, 0);
  });

  test('POST /lapor with reporter identity; admin sees it in the case', async () => {
    const { caseNumber } = await fileReport({ reporter_name: 'Rina', reporter_nik: '1903015203900001', reporter_phone: '0812', reporter_email: 'rina@example.org' });
    const admin = await StaffClient.login(base, 't_admin', TEST_PASSWORD);
    const item = await admin.caseByNumber(caseNumber);
    const d = await admin.get(`/api/v1/cases/${item.id}`);
    assert.equal(d.json.reports[0].reporter?.nik, '1903015203900001');
    assert.equal(d.json.reports[0].anonymous, false);
    assert.deepEqual(d.json.reports[0].links, ['https://example.org/1', 'https://example.org/2']);
  });

  test('POST /lapor without or with a wrong CSRF token is 403 (HTML) and files nothing', async () => {
    const admin = await StaffClient.login(base, 't_admin', TEST_PASSWORD);
    const before = await admin.totalCases();
    const jar = new CookieJar();
    await get(jar, '/lapor');
    const none = await postForm(jar, '/lapor', reportFields(''), { multipartForm: true });
    assert.equal(none.status, 403, `no csrf: ${none.status}`);
    isHtml(none);
    const wrong = await postForm(jar, '/lapor', reportFields('A'.repeat(43)), { multipartForm: true });
    assert.equal(wrong.status, 403, `wrong csrf: ${wrong.status}`);
    // Right token but no twin cookie (another site posting the form).
    const jar2 = new CookieJar();
    const form = await get(jar2, '/lapor');
    const token = inputValue(form.text, 'csrf');
    const noCookie = await postForm(new CookieJar(), '/lapor', reportFields(token), { multipartForm: true });
    assert.equal(noCookie.status, 403, `csrf without its cookie: ${noCookie.status}`);
    assert.equal(await admin.totalCases(), before);
  });

  test('POST /lapor with an invalid NIP is 422: the form comes back with the input kept', async () => {
    const jar = new CookieJar();
    const form = await get(jar, '/lapor');
    const csrf = inputValue(form.text, 'csrf');
    const res = await postForm(jar, '/lapor', reportFields(csrf, { reported_nip: '12345', description: 'Deskripsi yang harus tetap ada' }), { multipartForm: true });
    assert.equal(res.status, 422, `invalid NIP on the form: ${res.status}`);
    isHtml(res);
    assert.ok(res.text.includes('Deskripsi yang harus tetap ada'), 'the description typed was lost');
    assert.ok(hasId(res.text, 'submit-report'), 'the form is not shown again');
    assert.match(res.text, /NIP/);
  });

  test('POST /lapor with an ELF named .jpg is 415 (HTML)', async () => {
    const jar = new CookieJar();
    const form = await get(jar, '/lapor');
    const csrf = inputValue(form.text, 'csrf');
    const { ELF } = await import('../lib/fixtures.mjs');
    const res = await postForm(jar, '/lapor', reportFields(csrf), {
      multipartForm: true,
      files: [{ name: 'evidence', filename: 'foto.jpg', contentType: 'image/jpeg', data: ELF }],
    });
    assert.equal(res.status, 415);
    isHtml(res);
  });

  test('status page: POST /status shows status and messages; unknown receipt is 404', async () => {
    const { receipt } = await fileReport();
    const jar = new CookieJar();
    const form = await get(jar, '/status');
    expectStatus(form, 200);
    assert.ok(hasId(form.text, 'check-status'));
    assert.match(form.text, /name=["']receipt["']/);
    assert.ok(!/<form\b[^>]*method=["']get["'][^>]*>[\s\S]*name=["']receipt["']/i.test(form.text), 'the receipt must not travel in a URL');
    const csrf = inputValue(form.text, 'csrf');
    const fields = csrf !== null ? { receipt, csrf } : { receipt };
    const res = await postForm(jar, '/status', fields);
    expectStatus(res, 200, 'POST /status');
    isHtml(res);
    assert.ok(textOfId(res.text, 'status'), 'no #status');
    assert.ok(hasId(res.text, 'send-reply'));
    const unknown = await postForm(jar, '/status', { ...fields, receipt: 'ABCD-EFGH-JKMN-PQRS-TVWX' });
    assert.equal(unknown.status, 404);
    isHtml(unknown);
  });

  test('staff journey over plain HTTP: login, inbox, case page (escaped), reply, logout', async () => {
    const { receipt, caseNumber } = await fileReport({ description: `Ada skrip ${XSS} di deskripsi` });
    const jar = new CookieJar();
    const login = await get(jar, '/staff/login');
    expectStatus(login, 200);
    assert.ok(hasId(login.text, 'login'));
    const csrf = inputValue(login.text, 'csrf');

    const bad = await postForm(jar, '/staff/login', { username: 't_admin', password: 'salah', csrf });
    assert.equal(bad.status, 401, `wrong password on the login page: ${bad.status}`);
    isHtml(bad);

    const csrf2 = inputValue(bad.text, 'csrf') ?? csrf;
    const ok = await postForm(jar, '/staff/login', { username: 't_admin', password: TEST_PASSWORD, csrf: csrf2 });
    assert.equal(ok.status, 303, `login: ${ok.status} ${ok.text.slice(0, 300)}`);
    assert.equal(new URL(ok.headers.get('location'), base).pathname, '/staff/cases');
    assert.ok(jar.get('netral_session'), 'no session cookie after login');

    const inbox = await get(jar, '/staff/cases');
    expectStatus(inbox, 200);
    const rows = inbox.text.match(/<tr\b[^>]*class=["'][^"']*\bcase-row\b/gi) ?? [];
    assert.ok(rows.length >= 1, 'no tr.case-row');
    const link = new RegExp(`<a\\b[^>]*class=["'][^"']*\\bcase-link\\b[^"']*["'][^>]*href=["'](/staff/cases/(\\d+))["'][^>]*>\\s*${caseNumber.replace('.', '\\.')}|<a\\b[^>]*href=["'](/staff/cases/(\\d+))["'][^>]*class=["'][^"']*\\bcase-link\\b[^>]*>\\s*${caseNumber.replace('.', '\\.')}`).exec(inbox.text);
    assert.ok(link, `no a.case-link for ${caseNumber}`);
    const casePath = link[1] ?? link[3];

    const page = await get(jar, casePath);
    expectStatus(page, 200);
    isHtml(page);
    assert.ok(page.text.includes(caseNumber));
    assert.ok(!page.text.includes('<script>alert("xss")</script>'), 'description not escaped: XSS');
    assert.ok(!/<img src=x onerror/i.test(page.text), 'description not escaped: XSS');
    assert.ok(page.text.includes('&lt;script&gt;'), 'escaped description not shown');
    assert.ok(/<img\b[^>]*src=["'][^"']*evidence[^"']*["']/i.test(page.text), 'image evidence not shown inline');
    const pageCsrf = inputValue(page.text, 'csrf');
    assert.ok(hasId(page.text, 'send-reply'));

    const noCsrf = await postForm(jar, `${casePath}/messages`, { body: 'tanpa csrf' });
    assert.equal(noCsrf.status, 403, `reply without csrf: ${noCsrf.status}`);
    const reply = await postForm(jar, `${casePath}/messages`, { body: 'Kapan kejadian tepatnya?', csrf: pageCsrf });
    assert.equal(reply.status, 303, `reply: ${reply.status} ${reply.text.slice(0, 300)}`);
    assert.equal(new URL(reply.headers.get('location'), base).pathname, casePath);
    const after = await get(jar, casePath);
    assert.ok(after.text.includes('Kapan kejadian tepatnya?'));

    // The reporter sees the reply on the status page, marked as from staff.
    const rj = new CookieJar();
    const sform = await get(rj, '/status');
    const scsrf = inputValue(sform.text, 'csrf');
    const status = await postForm(rj, '/status', scsrf !== null ? { receipt, csrf: scsrf } : { receipt });
    expectStatus(status, 200);
    assert.match(status.text, /class=["'][^"']*\bmessage\b[^"']*\bfrom-staff\b|class=["'][^"']*\bfrom-staff\b[^"']*\bmessage\b/);
    assert.ok(status.text.includes('Kapan kejadian tepatnya?'));
    // And answers it.
    const replyCsrf = inputValue(status.text, 'csrf');
    const answer = await postForm(rj, '/status/reply', { receipt, csrf: replyCsrf, body: 'Tanggal 2 Maret pukul 07.30.' }, { multipartForm: true });
    expectStatus(answer, 200, 'POST /status/reply');
    assert.ok(answer.text.includes('Tanggal 2 Maret pukul 07.30.'));

    const logoutCsrf = inputValue(after.text, 'csrf');
    const out = await postForm(jar, '/staff/logout', { csrf: logoutCsrf });
    assert.equal(out.status, 303, `logout: ${out.status}`);
    const afterOut = await request(base, 'GET', '/staff/cases', { cookie: `netral_session=${jar.get('netral_session') ?? 'gone'}` });
    assert.ok([303, 401].includes(afterOut.status), `inbox after logout: ${afterOut.status}`);
  });

  test('staff pages without a session redirect to login (303) or answer 401', async () => {
    for (const p of ['/staff/cases', '/staff/cases/1']) {
      const res = await request(base, 'GET', p);
      if (res.status === 303) assert.equal(new URL(res.headers.get('location'), base).pathname, '/staff/login');
      else assert.equal(res.status, 401, `${p}: ${res.status}`);
    }
  });

  test('unknown page is 404 HTML', async () => {
    const res = await request(base, 'GET', '/tidak-ada');
    assert.equal(res.status, 404);
    isHtml(res);
  });
});
