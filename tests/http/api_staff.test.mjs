// Staff JSON API: sessions, CSRF, the case inbox, case detail, staff replies, evidence access,
// instansi isolation and the login rate limit. Runs on SQLite, and on PostgreSQL when configured.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { JPEG, sha256 } from '../lib/fixtures.mjs';
import {
  StaffClient,
  cookieValue,
  expectError,
  expectStatus,
  findSetCookie,
  postMultipart,
  request,
  submitReport,
  validReport,
} from '../lib/http.mjs';
import { STANDARD_USERS, TEST_PASSWORD, backends, startServer } from '../lib/server.mjs';

for (const backend of backends()) {
  describe(`staff API (${backend})`, { timeout: 300_000 }, () => {
    let srv;
    let base;
    let admin;
    const submitted = [];

    before(async () => {
      srv = await startServer({ backend, users: STANDARD_USERS });
      base = srv.url;
      for (let i = 0; i < 4; i++) submitted.push(await submitReport(base));
      admin = await StaffClient.login(base, 't_admin', TEST_PASSWORD);
    });
    after(async () => {
      await srv?.stop();
    });

    test('POST /api/v1/sessions logs in: 201, CSRF token, user, HttpOnly SameSite=Lax cookie', async () => {
      const res = await request(base, 'POST', '/api/v1/sessions', {
        json: { username: 't_verifier', password: TEST_PASSWORD },
      });
      expectStatus(res, 201);
      assert.equal(typeof res.json.csrf_token, 'string');
      assert.ok(res.json.csrf_token.length >= 16, 'CSRF token too short');
      const u = res.json.user;
      assert.equal(u.username, 't_verifier');
      assert.equal(u.role, 'verifier');
      assert.equal(u.instansi, '19.03');
      assert.equal(typeof u.id, 'number');
      assert.equal(typeof u.display_name, 'string');
      assert.ok(!('password_hash' in u), 'password hash leaked');
      const c = findSetCookie(res.cookies, 'netral_session');
      assert.ok(c, `no netral_session cookie in ${res.cookies}`);
      assert.match(c, /;\s*HttpOnly/i);
      assert.match(c, /;\s*SameSite=Lax/i);
      assert.match(c, /;\s*Path=\/(;|$)/);
      assert.ok(cookieValue(res.cookies, 'netral_session').length >= 20, 'session token too short');
      assert.doesNotMatch(c, /;\s*Secure/i, 'plain HTTP on loopback: no Secure flag');
    });

    test('behind a TLS proxy (X-Forwarded-Proto: https) the session cookie is Secure', async () => {
      const res = await request(base, 'POST', '/api/v1/sessions', {
        json: { username: 't_verifier', password: TEST_PASSWORD },
        headers: { 'X-Forwarded-Proto': 'https' },
      });
      expectStatus(res, 201);
      assert.match(findSetCookie(res.cookies, 'netral_session'), /;\s*Secure/i);
    });

    test('wrong password and unknown user are both 401 invalid_credentials', async () => {
      expectError(
        await request(base, 'POST', '/api/v1/sessions', { json: { username: 't_verifier', password: 'salah' } }),
        401,
        'invalid_credentials',
      );
      expectError(
        await request(base, 'POST', '/api/v1/sessions', { json: { username: 'nobody_here', password: 'x' } }),
        401,
        'invalid_credentials',
      );
    });

    test('bad login bodies: malformed JSON 400, missing field 422, wrong type 422', async () => {
      expectError(await request(base, 'POST', '/api/v1/sessions', { json: '{"username":' }), 400, 'malformed_json');
      expectError(
        await request(base, 'POST', '/api/v1/sessions', { json: { username: 't_admin' } }),
        422,
        'missing_field',
        { field: 'password' },
      );
      expectError(
        await request(base, 'POST', '/api/v1/sessions', { json: { username: ['t_admin'], password: 'x' } }),
        422,
        'invalid_field',
        { field: 'username' },
      );
    });

    test('staff endpoints without a session are 401 unauthenticated', async () => {
      const c = await admin.caseByNumber(submitted[0].case_number);
      for (const path of ['/api/v1/cases', `/api/v1/cases/${c.id}`, '/api/v1/evidence/1']) {
        expectError(await request(base, 'GET', path), 401, 'unauthenticated');
      }
      expectError(
        await request(base, 'POST', `/api/v1/cases/${c.id}/messages`, { json: { body: 'x' } }),
        401,
        'unauthenticated',
      );
    });

    test('an invalid session cookie is 401', async () => {
      for (const cookie of [
        'netral_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        'netral_session=',
        'netral_session=%00%ff',
        `netral_session=${'x'.repeat(3000)}`,
      ]) {
        expectError(await request(base, 'GET', '/api/v1/cases', { cookie }), 401, 'unauthenticated');
      }
    });

    test('GET /api/v1/cases lists cases newest first with the documented fields', async () => {
      const res = await admin.get('/api/v1/cases');
      expectStatus(res, 200);
      assert.ok(res.json.total >= submitted.length);
      assert.equal(res.json.offset, 0);
      assert.equal(typeof res.json.limit, 'number');
      const item = res.json.items[0];
      for (const k of ['id', 'case_number', 'status', 'reported_name', 'unit_id', 'summary', 'created_at']) {
        assert.ok(k in item, `case item lacks ${k}: ${JSON.stringify(item)}`);
      }
      assert.equal(item.case_number, submitted.at(-1).case_number, 'newest case first');
      const numbers = res.json.items.map((i) => i.case_number);
      for (const s of submitted) assert.ok(numbers.includes(s.case_number));
    });

    test('paging: offset/limit pages do not overlap; limit is capped at 200', async () => {
      const p1 = await admin.get('/api/v1/cases?offset=0&limit=2');
      const p2 = await admin.get('/api/v1/cases?offset=2&limit=2');
      expectStatus(p1, 200);
      expectStatus(p2, 200);
      assert.equal(p1.json.items.length, 2);
      assert.equal(p1.json.limit, 2);
      assert.equal(p2.json.offset, 2);
      assert.equal(p1.json.total, p2.json.total);
      const ids1 = p1.json.items.map((i) => i.id);
      assert.ok(p2.json.items.every((i) => !ids1.includes(i.id)), 'pages overlap');
      const big = await admin.get('/api/v1/cases?limit=100000');
      expectStatus(big, 200);
      assert.ok(big.json.limit <= 200, `limit not capped: ${big.json.limit}`);
      assert.ok(big.json.items.length <= 200);
      const past = await admin.get('/api/v1/cases?offset=100000');
      expectStatus(past, 200);
      assert.equal(past.json.items.length, 0);
    });

    test('filters: status and unit', async () => {
      const all = await admin.get('/api/v1/cases?limit=200');
      const received = await admin.get('/api/v1/cases?status=received&limit=200');
      expectStatus(received, 200);
      assert.ok(received.json.items.every((i) => i.status === 'received'));
      assert.equal(received.json.total, all.json.items.filter((i) => i.status === 'received').length);
      const closed = await admin.get('/api/v1/cases?status=closed');
      expectStatus(closed, 200);
      assert.equal(closed.json.total, 0);
      const noUnit = await admin.get('/api/v1/cases?unit=987654');
      expectStatus(noUnit, 200);
      assert.equal(noUnit.json.total, 0);
    });

    test('bad query parameters are 422 (or 400), never 500', async () => {
      for (const q of ['status=bogus', 'limit=-1', 'limit=abc', 'offset=-5', 'offset=1e99', 'unit=abc']) {
        const res = await admin.get(`/api/v1/cases?${q}`);
        assert.ok([400, 422].includes(res.status), `${q}: expected 400/422, got ${res.status} ${res.text}`);
        assert.ok(res.json?.error?.code, `${q}: no error code`);
      }
    });

    test('GET /api/v1/cases/{id}: detail; unknown id 404', async () => {
      const item = await admin.caseByNumber(submitted[0].case_number);
      const res = await admin.get(`/api/v1/cases/${item.id}`);
      expectStatus(res, 200);
      assert.equal(res.json.id, item.id);
      assert.equal(res.json.case_number, submitted[0].case_number);
      assert.equal(res.json.status, 'received');
      assert.ok(Array.isArray(res.json.reports) && res.json.reports.length === 1);
      assert.ok(Array.isArray(res.json.messages));
      assert.ok(Array.isArray(res.json.evidence));
      for (const k of ['id', 'channel', 'reported', 'description', 'incident_date', 'incident_place', 'learned_date', 'links', 'anonymous', 'created_at']) {
        assert.ok(k in res.json.reports[0], `report lacks ${k}`);
      }
      expectError(await admin.get('/api/v1/cases/99999999'), 404, 'not_found');
      const nonNumeric = await admin.get('/api/v1/cases/abc');
      assert.ok([400, 404].includes(nonNumeric.status), `non-numeric id: ${nonNumeric.status}`);
    });

    test('another instansi\'s case is 404 and absent from the inbox, both ways', async () => {
      const prov = await StaffClient.login(base, 't_prov', TEST_PASSWORD);
      const provReport = await submitReport(base, validReport({ instansi: '19' }));
      assert.match(provReport.case_number, /^19-\d{4}-\d{5}$/);
      const provCase = await prov.caseByNumber(provReport.case_number);
      assert.ok(provCase, 'province user does not see the province case');
      expectError(await admin.get(`/api/v1/cases/${provCase.id}`), 404, 'not_found');
      assert.equal(await admin.caseByNumber(provReport.case_number), null, 'regency user lists a province case');

      const regCase = await admin.caseByNumber(submitted[0].case_number);
      expectError(await prov.get(`/api/v1/cases/${regCase.id}`), 404, 'not_found');
      const postOther = await prov.post(`/api/v1/cases/${regCase.id}/messages`, { body: 'bukan kasus saya' });
      expectError(postOther, 404, 'not_found');
    });

    test('staff reply: CSRF required; the reporter sees it as a staff message', async () => {
      const r = submitted[1];
      const c = await admin.caseByNumber(r.case_number);
      const path = `/api/v1/cases/${c.id}/messages`;
      expectError(await admin.post(path, { body: 'tanpa token' }, { csrf: false }), 403, 'csrf_failed');
      const wrong = await request(base, 'POST', path, {
        json: { body: 'token salah' },
        cookie: admin.cookie,
        headers: { 'X-CSRF-Token': 'not-the-token' },
      });
      expectError(wrong, 403, 'csrf_failed');
      // A second session of the same user has its own token: tokens do not cross sessions.
      const other = await StaffClient.login(base, 't_admin', TEST_PASSWORD);
      if (other.csrf !== admin.csrf) {
        const crossed = await request(base, 'POST', path, {
          json: { body: 'token sesi lain' },
          cookie: admin.cookie,
          headers: { 'X-CSRF-Token': other.csrf },
        });
        expectError(crossed, 403, 'csrf_failed');
      }

      const ok = await admin.post(path, { body: 'Mohon kirim tautan aslinya.' });
      expectStatus(ok, 201, 'staff reply');
      assert.equal(typeof ok.json.id, 'number');

      const pub = await request(base, 'GET', `/api/v1/receipts/${r.receipt}`);
      expectStatus(pub, 200);
      const staffMsgs = pub.json.messages.filter((m) => m.author === 'staff');
      assert.deepEqual(staffMsgs.map((m) => m.body), ['Mohon kirim tautan aslinya.']);
      assert.ok(!pub.text.includes('t_admin'), 'the receipt view must not reveal the staff username');
      for (const bad of ['tanpa token', 'token salah', 'token sesi lain']) {
        assert.ok(!pub.text.includes(bad), `a rejected reply was stored: ${bad}`);
      }
      const detail = await admin.get(`/api/v1/cases/${c.id}`);
      assert.ok(detail.json.messages.some((m) => m.author === 'staff' && m.body === 'Mohon kirim tautan aslinya.'));
    });

    test('staff reply with an empty or mistyped body is 422', async () => {
      const c = await admin.caseByNumber(submitted[2].case_number);
      const path = `/api/v1/cases/${c.id}/messages`;
      expectError(await admin.post(path, {}), 422, 'missing_field', { field: 'body' });
      expectError(await admin.post(path, { body: '   ' }), 422, 'missing_field', { field: 'body' });
      expectError(await admin.post(path, { body: { x: 1 } }), 422, 'invalid_field', { field: 'body' });
      expectError(await admin.post('/api/v1/cases/99999999/messages', { body: 'x' }), 404, 'not_found');
    });

    test('evidence: staff of the instansi only; 401 without session; 404 unknown or foreign', async () => {
      const res = await postMultipart(base, '/api/v1/reports', [
        { name: 'report', data: JSON.stringify(validReport()) },
        { name: 'evidence', filename: 'x.jpg', contentType: 'image/jpeg', data: JPEG },
      ]);
      expectStatus(res, 201);
      const item = await admin.caseByNumber(res.json.case_number);
      const detail = await admin.get(`/api/v1/cases/${item.id}`);
      const ev = detail.json.evidence[0];
      assert.equal(ev.sha256, sha256(JPEG));
      for (const k of ['id', 'sha256', 'size', 'mime', 'created_at']) assert.ok(k in ev, `evidence lacks ${k}`);
      expectError(await request(base, 'GET', `/api/v1/evidence/${ev.id}`), 401, 'unauthenticated');
      const prov = await StaffClient.login(base, 't_prov', TEST_PASSWORD);
      expectError(await prov.get(`/api/v1/evidence/${ev.id}`), 404, 'not_found');
      expectError(await admin.get('/api/v1/evidence/99999999'), 404, 'not_found');
      const dl = await admin.get(`/api/v1/evidence/${ev.id}`);
      expectStatus(dl, 200);
      assert.ok(dl.bytes.equals(JPEG));
    });

    test('logout: CSRF required, then the session is dead (401)', async () => {
      const s = await StaffClient.login(base, 't_verifier', TEST_PASSWORD);
      expectStatus(await s.get('/api/v1/cases'), 200);
      expectError(await request(base, 'DELETE', '/api/v1/sessions', { cookie: s.cookie }), 403, 'csrf_failed');
      expectStatus(await s.get('/api/v1/cases'), 200, 'session must survive a refused logout');
      const out = await request(base, 'DELETE', '/api/v1/sessions', {
        cookie: s.cookie,
        headers: { 'X-CSRF-Token': s.csrf },
      });
      expectStatus(out, 204, 'logout');
      expectError(await s.get('/api/v1/cases'), 401, 'unauthenticated');
    });

    test('sessions survive a server restart (they live in the database)', async () => {
      const s = await StaffClient.login(base, 't_verifier', TEST_PASSWORD);
      await srv.restart();
      base = srv.url;
      s.base = base;
      admin.base = base;
      expectStatus(await s.get('/api/v1/cases'), 200, 'session after restart');
    });

    test('login rate limit: after 5 failures the account is 429 from this IP, even with the right password', async () => {
      for (let i = 1; i <= 5; i++) {
        const res = await request(base, 'POST', '/api/v1/sessions', {
          json: { username: 't_lockout', password: `salah-${i}` },
        });
        expectError(res, 401, 'invalid_credentials');
      }
      expectError(
        await request(base, 'POST', '/api/v1/sessions', { json: { username: 't_lockout', password: 'salah-6' } }),
        429,
        'rate_limited',
      );
      expectError(
        await request(base, 'POST', '/api/v1/sessions', { json: { username: 't_lockout', password: TEST_PASSWORD } }),
        429,
        'rate_limited',
      );
      // Other accounts are not locked out by it.
      await StaffClient.login(base, 't_verifier', TEST_PASSWORD);
    });
  });
}
