// Staff administration over HTTP: the users API and pages (instansi isolation, one-time
// reset codes, disabling ends sessions, role and unit), /staff/reset, TOTP enrolment and
// two-step login, each change in the audit trail (`netral audit verify` stays OK).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { CookieJar, inputValue, textOfId } from '../lib/html.mjs';
import { StaffClient, expectError, expectStatus, request } from '../lib/http.mjs';
import { NETRAL_BIN, STANDARD_USERS, TEST_PASSWORD, backends, startServer } from '../lib/server.mjs';
import { totp } from '../lib/totp.mjs';

async function patch(client, path, json) {
  return request(client.base, 'PATCH', path, { json, cookie: client.cookie, headers: { 'X-CSRF-Token': client.csrf } });
}

// A browser-like session on the HTML pages.
class PageUser {
  constructor(base) {
    this.base = base;
    this.jar = new CookieJar();
  }
  async get(path) {
    const res = await request(this.base, 'GET', path, { cookie: this.jar.header() });
    this.jar.update(res.cookies);
    return res;
  }
  async post(path, fields) {
    const res = await request(this.base, 'POST', path, {
      body: new URLSearchParams(fields).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      cookie: this.jar.header(),
    });
    this.jar.update(res.cookies);
    return res;
  }
  async login(username, password, code = '') {
    const form = await this.get('/staff/login');
    return this.post('/staff/login', { csrf: inputValue(form.text, 'csrf'), username, password, totp: code });
  }
}

for (const backend of backends()) {
  describe(`staff administration (${backend})`, () => {
    let server;
    let base;
    let admin;
    let prov;

    before(async () => {
      server = await startServer({ backend, users: [...STANDARD_USERS, { username: 't_prov_admin', role: 'admin', instansi: '19' }] });
      base = server.url;
      admin = await StaffClient.login(base, 't_admin', TEST_PASSWORD);
      prov = await StaffClient.login(base, 't_prov_admin', TEST_PASSWORD);
    });
    after(async () => {
      await server?.stop();
    });

    test('the users API lists only the admin\'s instansi and is closed to other roles', async () => {
      const mine = expectStatus(await admin.get('/api/v1/users'), 200).json.items.map((u) => u.username);
      assert.ok(mine.includes('t_verifier') && mine.includes('kadis'), mine.join(','));
      assert.ok(!mine.includes('t_prov') && !mine.includes('t_prov_admin'), 'no user of instansi 19');
      const theirs = expectStatus(await prov.get('/api/v1/users'), 200).json.items.map((u) => u.username);
      assert.deepEqual(theirs.sort(), ['t_prov', 't_prov_admin']);
      const kadis = (await admin.get('/api/v1/users')).json.items.find((u) => u.username === 'kadis');
      assert.equal(kadis.unit, 'DISDIK');
      assert.equal(kadis.role, 'unit_head');
      assert.equal(kadis.totp, false);
      assert.equal(kadis.password_hash, undefined);
      // Across instansi: not found, as if absent.
      expectError(await prov.get(`/api/v1/users/${kadis.id}`), 404, 'not_found');
      expectError(await patch(prov, `/api/v1/users/${kadis.id}`, { disabled: true }), 404, 'not_found');
      expectError(await prov.post(`/api/v1/users/${kadis.id}/reset`, {}), 404, 'not_found');
      const verifier = await StaffClient.login(base, 't_verifier', TEST_PASSWORD);
      expectError(await verifier.get('/api/v1/users'), 403, 'forbidden');
      expectError(await verifier.post('/api/v1/users', { username: 'sneaky', role: 'admin' }), 403, 'forbidden');
      expectError(await request(base, 'GET', '/api/v1/users'), 401, 'unauthenticated');
      expectError(await admin.post('/api/v1/users', { username: 'nocsrf', role: 'verifier' }, { csrf: false }), 403, 'csrf_failed');
    });

    test('create gives a one-time code; the user sets a password with it, once', async () => {
      const bad = [
        [{ role: 'verifier' }, 422, 'missing_field', 'username'],
        [{ username: 'Bad Name', role: 'verifier' }, 422, 'invalid_field', 'username'],
        [{ username: 'new_one', role: 'emperor' }, 422, 'unknown_role', 'role'],
        [{ username: 'new_one', role: 'unit_head' }, 422, 'missing_field', 'unit'],
        [{ username: 'new_one', role: 'verifier', unit: 'NOPE' }, 422, 'unknown_unit', 'unit'],
        [{ username: 't_verifier', role: 'verifier' }, 409, 'username_taken', 'username'],
        [{ username: 7, role: 'verifier' }, 422, 'invalid_field', 'username'],
      ];
      for (const [body, status, code, field] of bad) expectError(await admin.post('/api/v1/users', body), status, code, { field });
      const made = expectStatus(await admin.post('/api/v1/users', { username: 'kabid_disdik', display_name: 'Kabid', role: 'unit_head', unit: 'DISDIK' }), 201);
      assert.match(made.json.reset_code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
      const expires = Date.parse(made.json.reset_expires_at);
      assert.ok(Math.abs(expires - Date.now() - 24 * 3600 * 1000) < 10 * 60 * 1000, made.json.reset_expires_at);
      // The code is never shown again: the user record does not carry it.
      const shown = expectStatus(await admin.get(`/api/v1/users/${made.json.id}`), 200);
      assert.ok(!shown.text.includes(made.json.reset_code));

      const page = new PageUser(base);
      const form = await page.get('/staff/reset');
      expectStatus(form, 200);
      assert.match(form.text, /Buat kata sandi baru/);
      const csrf = inputValue(form.text, 'csrf');
      const short = await page.post('/staff/reset', { csrf, code: made.json.reset_code, password: 'pendek' });
      assert.equal(short.status, 422);
      assert.match(short.text, /minimal 10 karakter/);
      const wrong = await page.post('/staff/reset', { csrf, code: 'AAAA-BBBB-CCCC-DDDD-EEEE', password: 'kata-sandi-baru-2026' });
      assert.equal(wrong.status, 422);
      const nocsrf = await page.post('/staff/reset', { csrf: 'x'.repeat(32), code: made.json.reset_code, password: 'kata-sandi-baru-2026' });
      assert.equal(nocsrf.status, 403);
      const ok = await page.post('/staff/reset', { csrf, code: made.json.reset_code.toLowerCase(), password: 'kata-sandi-baru-2026' });
      expectStatus(ok, 200);
      assert.match(ok.text, /Kata sandi tersimpan/);
      const again = await page.post('/staff/reset', { csrf, code: made.json.reset_code, password: 'kata-sandi-lain-2026' });
      assert.equal(again.status, 422);
      const user = await StaffClient.login(base, 'kabid_disdik', 'kata-sandi-baru-2026');
      assert.equal(user.user.role, 'unit_head');

      // An admin reset for an existing user, redeemed over the API.
      const reset = expectStatus(await admin.post(`/api/v1/users/${made.json.id}/reset`, {}), 201);
      const redeemed = await request(base, 'POST', '/api/v1/password-resets', { json: { code: reset.json.reset_code, password: 'kata-sandi-ketiga-2026' } });
      expectStatus(redeemed, 200);
      assert.equal(redeemed.json.username, 'kabid_disdik');
      // The new password ended the old session.
      expectError(await user.get('/api/v1/cases'), 401, 'unauthenticated');
      await StaffClient.login(base, 'kabid_disdik', 'kata-sandi-ketiga-2026');
    });

    test('a liaison answers for Bawaslu, BKN or both; other roles carry no body', async () => {
      expectError(await admin.post('/api/v1/users', { username: 'liaison_x', role: 'liaison', liaison_body: 'kpu' }), 422, 'invalid_field', { field: 'liaison_body' });
      const made = expectStatus(await admin.post('/api/v1/users', { username: 'liaison_bkn', role: 'liaison', liaison_body: 'bkn' }), 201);
      let shown = expectStatus(await admin.get(`/api/v1/users/${made.json.id}`), 200).json;
      assert.equal(shown.liaison_body, 'bkn');
      expectStatus(await patch(admin, `/api/v1/users/${made.json.id}`, { liaison_body: 'bawaslu' }), 200);
      assert.equal(expectStatus(await admin.get(`/api/v1/users/${made.json.id}`), 200).json.liaison_body, 'bawaslu');
      expectError(await patch(admin, `/api/v1/users/${made.json.id}`, { liaison_body: 'kpu' }), 422, 'invalid_field', { field: 'liaison_body' });
      // Another role drops the body.
      expectStatus(await patch(admin, `/api/v1/users/${made.json.id}`, { role: 'verifier' }), 200);
      shown = expectStatus(await admin.get(`/api/v1/users/${made.json.id}`), 200).json;
      assert.equal(shown.role, 'verifier');
      assert.equal(shown.liaison_body, null);
      // The page form carries the choice too.
      const page = expectStatus(await admin.get(`/staff/admin/users/${made.json.id}`), 200);
      assert.match(page.text, /name="liaison_body"/);
    });

    test('disabling ends sessions at once and blocks login; enabling restores it', async () => {
      const made = expectStatus(await admin.post('/api/v1/users', { username: 'temp_verifier', role: 'verifier' }), 201);
      await request(base, 'POST', '/api/v1/password-resets', { json: { code: made.json.reset_code, password: 'sementara-12345' } });
      const user = await StaffClient.login(base, 'temp_verifier', 'sementara-12345');
      expectStatus(await user.get('/api/v1/cases'), 200);
      const off = expectStatus(await patch(admin, `/api/v1/users/${made.json.id}`, { disabled: true }), 200);
      assert.equal(off.json.disabled, true);
      expectError(await user.get('/api/v1/cases'), 401, 'unauthenticated');
      expectError(await request(base, 'POST', '/api/v1/sessions', { json: { username: 'temp_verifier', password: 'sementara-12345' } }), 401, 'invalid_credentials');
      expectError(await admin.post(`/api/v1/users/${made.json.id}/reset`, {}), 422, 'invalid_field');
      expectError(await patch(admin, `/api/v1/users/${admin.user.id}`, { disabled: true }), 422, 'invalid_field');
      expectError(await patch(admin, `/api/v1/users/${made.json.id}`, { disabled: 'yes' }), 422, 'invalid_field');
      expectStatus(await patch(admin, `/api/v1/users/${made.json.id}`, { disabled: false }), 200);
      await StaffClient.login(base, 'temp_verifier', 'sementara-12345');
      // Role change takes effect on the next request of an open session.
      const analyst = expectStatus(await patch(admin, `/api/v1/users/${made.json.id}`, { role: 'admin' }), 200);
      assert.equal(analyst.json.role, 'admin');
      expectError(await patch(admin, `/api/v1/users/${admin.user.id}`, { role: 'verifier' }), 422, 'invalid_field');
    });

    test('the admin pages: list, create with a code shown once, disable, role, and 403/redirect for others', async () => {
      const page = new PageUser(base);
      const anon = await page.get('/staff/admin/users');
      assert.equal(anon.status, 303);
      assert.equal(anon.headers.get('location'), '/staff/login');
      const verifier = new PageUser(base);
      await verifier.login('t_verifier', TEST_PASSWORD);
      assert.equal((await verifier.get('/staff/admin/users')).status, 403);
      const inbox = await verifier.get('/staff/cases');
      assert.ok(!inbox.text.includes('/staff/admin/users'), 'no users link for a verifier');

      await page.login('t_admin', TEST_PASSWORD);
      const list = await page.get('/staff/admin/users');
      expectStatus(list, 200);
      assert.match(list.text, /Pengguna petugas/);
      assert.match(list.text, /href="\/staff\/admin\/users"/);
      assert.ok(list.text.includes('>kadis<'));
      assert.ok(!list.text.includes('t_prov'));
      const csrf = inputValue(list.text, 'csrf');
      const bad = await page.post('/staff/admin/users', { csrf, username: 'x', role: 'verifier', unit: '' });
      assert.equal(bad.status, 422);
      assert.match(bad.text, /Nama pengguna 3-64 karakter/);
      const made = await page.post('/staff/admin/users', { csrf, username: 'pemeriksa2', display_name: 'Pemeriksa <b>Dua</b>', role: 'examiner', unit: 'INSP' });
      expectStatus(made, 200);
      const code = textOfId(made.text, 'reset-code');
      assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
      const id = (await admin.get('/api/v1/users')).json.items.find((u) => u.username === 'pemeriksa2').id;
      const detail = await page.get(`/staff/admin/users/${id}`);
      expectStatus(detail, 200);
      assert.ok(detail.text.includes('Pemeriksa &lt;b&gt;Dua&lt;/b&gt;'), 'display name escaped');
      assert.ok(!detail.text.includes(code), 'the code is shown once only');
      const assigned = await page.post(`/staff/admin/users/${id}/assign`, { csrf, role: 'unit_head', unit: 'DPUPR' });
      assert.equal(assigned.status, 303);
      assert.equal((await admin.get(`/api/v1/users/${id}`)).json.unit, 'DPUPR');
      const noUnit = await page.post(`/staff/admin/users/${id}/assign`, { csrf, role: 'unit_head', unit: '' });
      assert.match(noUnit.headers.get('location'), /error=unit_head_needs_unit/);
      const shown = await page.get(noUnit.headers.get('location'));
      assert.match(shown.text, /harus memiliki unit kerja/);
      assert.equal((await page.post(`/staff/admin/users/${id}/disable`, { csrf })).status, 303);
      assert.equal((await admin.get(`/api/v1/users/${id}`)).json.disabled, true);
      assert.equal((await page.post(`/staff/admin/users/${id}/disable`, { csrf: 'wrong' })).status, 403);
      const reset = await page.post(`/staff/admin/users/${id}/enable`, { csrf });
      assert.equal(reset.status, 303);
      const again = await page.post(`/staff/admin/users/${id}/reset`, { csrf });
      expectStatus(again, 200);
      assert.notEqual(textOfId(again.text, 'reset-code'), code);
      // Another instansi's user through the pages: 404.
      const provUser = (await prov.get('/api/v1/users')).json.items[0].id;
      assert.equal((await page.get(`/staff/admin/users/${provUser}`)).status, 404);
      assert.equal((await page.post(`/staff/admin/users/${provUser}/disable`, { csrf })).status, 404);
    });

    test('TOTP: enrol on the account page, then login needs the code, each code once', async () => {
      const page = new PageUser(base);
      await page.login('t_examiner', TEST_PASSWORD);
      const enrol = await page.get('/staff/account/totp');
      expectStatus(enrol, 200);
      const secret = /data-secret="([A-Z2-7]+)"/.exec(enrol.text)?.[1];
      assert.ok(secret && secret.length === 32, 'secret shown as base32');
      assert.match(enrol.text, new RegExp(`otpauth://totp/Netral%2019\\.03:t_examiner\\?secret=${secret}`));
      const csrf = inputValue(enrol.text, 'csrf');
      const wrong = await page.post('/staff/account/totp', { csrf, action: 'enable', secret, code: totp(secret, Date.now() / 1000 - 3600) });
      assert.equal(wrong.status, 401);
      assert.ok(wrong.text.includes(`data-secret="${secret}"`), 'the same secret is kept after a wrong code');
      const now = Date.now() / 1000;
      const ok = await page.post('/staff/account/totp', { csrf, action: 'enable', secret, code: totp(secret, now) });
      expectStatus(ok, 200);
      assert.match(ok.text, /Verifikasi dua langkah diaktifkan/);

      expectError(await request(base, 'POST', '/api/v1/sessions', { json: { username: 't_examiner', password: TEST_PASSWORD } }), 401, 'totp_required');
      const other = new PageUser(base);
      const noCode = await other.login('t_examiner', TEST_PASSWORD);
      assert.equal(noCode.status, 401);
      assert.match(noCode.text, /kode dari aplikasi autentikator/);
      // The enrolment code's step is used; the next step's code logs in once.
      const next = totp(secret, now + 30);
      const first = await request(base, 'POST', '/api/v1/sessions', { json: { username: 't_examiner', password: TEST_PASSWORD, totp: next } });
      expectStatus(first, 201);
      expectError(await request(base, 'POST', '/api/v1/sessions', { json: { username: 't_examiner', password: TEST_PASSWORD, totp: next } }), 401, 'invalid_totp');
      const admins = (await admin.get('/api/v1/users')).json.items.find((u) => u.username === 't_examiner');
      assert.equal(admins.totp, true);
      // The secret is sealed at rest: not in the database in clear.
      if (backend === 'sqlite') {
        const r = spawnSync('sqlite3', [server.db, "SELECT totp_sealed FROM staff_users WHERE username = 't_examiner'"], { encoding: 'utf8' });
        assert.ok(r.stdout.trim().length > 40 && !r.stdout.includes(secret));
      }
      // The admin removes it (lost phone): the password alone works again.
      expectStatus(await patch(admin, `/api/v1/users/${admins.id}`, { totp: false }), 200);
      await StaffClient.login(base, 't_examiner', TEST_PASSWORD);
    });

    test('every change is in the audit trail and the chain verifies', async () => {
      await server.kill('SIGTERM');
      const r = spawnSync(NETRAL_BIN, ['audit', 'verify', '--db', server.db, '--data', server.dataDir, '--json'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.equal(JSON.parse(r.stdout).ok, true);
      const actions = backend === 'sqlite'
        ? spawnSync('sqlite3', [server.db, 'SELECT DISTINCT action FROM audit_log'], { encoding: 'utf8' }).stdout.split('\n')
        : [];
      if (backend === 'sqlite') {
        for (const a of ['user.create', 'user.reset_issued', 'user.reset_used', 'user.disable', 'user.enable', 'user.assign', 'user.totp_enrol', 'user.totp_cleared']) {
          assert.ok(actions.includes(a), `audit has ${a}: ${actions.join(',')}`);
        }
      }
      await server.spawn();
    });
  });
}
