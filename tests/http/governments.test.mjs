// The deployment's regional governments in the web UI (issue 12): a superadmin searches the
// official list with a plain GET form, adds a match with its button (CSRF-checked POST),
// renames and disables it; a disabled government takes no new public reports. Instansi
// admins cannot reach the page, give the superadmin role or take over a superadmin's
// account. SQLite (the instansi rows are the store's, tested on both).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { decodeEntities } from '../lib/html.mjs';
import { StaffClient, expectError, expectStatus, request, validReport } from '../lib/http.mjs';
import { TEST_PASSWORD, startServer } from '../lib/server.mjs';

describe('governments page (superadmin)', () => {
  let srv;
  let sup;
  let admin;
  const form = (client, path, fields, csrf = client.csrf) =>
    request(srv.url, 'POST', path, {
      body: new URLSearchParams({ ...fields, csrf }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      cookie: client.cookie,
    });
  const rows = () => spawnSync('sqlite3', [srv.db, 'SELECT code, name, disabled FROM instansi ORDER BY code'], { encoding: 'utf8' }).stdout.trim();

  before(async () => {
    srv = await startServer({ users: [{ username: 'super', role: 'superadmin', instansi: '19.03' }] });
    sup = await StaffClient.login(srv.url, 'super', TEST_PASSWORD);
    admin = await StaffClient.login(srv.url, 'admin', srv.adminPassword);
  });
  after(async () => {
    await srv?.stop();
  });

  test('the menu links the page for a superadmin only; others get 403', async () => {
    const inbox = expectStatus(await sup.get('/staff/cases'), 200).text;
    assert.match(inbox, /href="\/staff\/admin\/instansi"/);
    assert.doesNotMatch(expectStatus(await admin.get('/staff/cases'), 200).text, /\/staff\/admin\/instansi/);
    expectStatus(await admin.get('/staff/admin/instansi'), 403);
    expectStatus(await form(admin, '/staff/admin/instansi', { code: '36.03' }), 403);
    expectStatus(await form(admin, '/staff/admin/instansi/19/disable', {}), 403);
  });

  test('search without JavaScript lists matches with an add button each; adding needs the CSRF token', async () => {
    const page = expectStatus(await sup.get('/staff/admin/instansi'), 200).text;
    assert.match(page, /<tr class="gov-row" id="gov-19\.03">/);
    assert.match(page, /<form method="get" action="\/staff\/admin\/instansi#add" role="search"/);
    const found = expectStatus(await sup.get('/staff/admin/instansi?q=tangerang'), 200).text;
    const items = [...found.matchAll(/<li><strong>([^<]+)<\/strong> \(([\d.]+)/g)].map((m) => `${m[2]} ${decodeEntities(m[1])}`);
    assert.deepEqual(items, ['36.03 Pemerintah Kabupaten Tangerang', '36.71 Pemerintah Kota Tangerang', '36.74 Pemerintah Kota Tangerang Selatan']);
    assert.equal((found.match(/class="gov-add"/g) ?? []).length, 3);
    const served = expectStatus(await sup.get('/staff/admin/instansi?q=bangka+selatan'), 200).text;
    assert.match(served, /19\.03, Kepulauan Bangka Belitung\)\s*· <span class="hint">sudah dilayani/);
    assert.match(expectStatus(await sup.get('/staff/admin/instansi?q=zzzz'), 200).text, /id="gov-no-matches"/);

    const before = rows();
    expectStatus(await form(sup, '/staff/admin/instansi', { code: '36.03' }, 'wrong'), 403);
    assert.equal(rows(), before, 'nothing added without the token');
    const added = expectStatus(await form(sup, '/staff/admin/instansi', { code: '36.03' }), 303);
    assert.equal(added.headers.get('location'), '/staff/admin/instansi?added=36.03');
    assert.match(rows(), /^36\|Pemerintah Provinsi Banten\|0\n36\.03\|Pemerintah Kabupaten Tangerang\|0$/m);
    const again = await form(sup, '/staff/admin/instansi', { code: '36.03' });
    expectStatus(again, 409);
    assert.match(again.text, /Pemerintah daerah ini sudah terdaftar/);
    const unknown = await form(sup, '/staff/admin/instansi', { code: '99.99' });
    expectStatus(unknown, 422);
    assert.match(unknown.text, /Pemerintah daerah tidak dikenal/);
    const audit = spawnSync('sqlite3', [srv.db, "SELECT actor FROM audit_log WHERE action = 'instansi.create' AND object = 'instansi:36.03'"], { encoding: 'utf8' }).stdout.trim();
    assert.equal(audit, `user:${sup.user.id}`);
  });

  test('rename and disable: a disabled government takes no public report until enabled again', async () => {
    expectStatus(await form(sup, '/staff/admin/instansi/36.03/name', { name: 'Pemkab Tangerang' }), 303);
    assert.match(rows(), /^36\.03\|Pemkab Tangerang\|0$/m);
    const empty = await form(sup, '/staff/admin/instansi/36.03/name', { name: '  ' });
    expectStatus(empty, 303);
    assert.match(empty.headers.get('location'), /error=missing_field/);
    expectStatus(await form(sup, '/staff/admin/instansi/77.77/disable', {}), 404);

    expectStatus(await form(sup, '/staff/admin/instansi/36.03/disable', {}), 303);
    assert.match(rows(), /^36\.03\|Pemkab Tangerang\|1$/m);
    const refused = await request(srv.url, 'POST', '/api/v1/reports', { json: validReport({ instansi: '36.03' }) });
    expectError(refused, 422, 'instansi_disabled', { field: 'instansi' });
    const form19 = expectStatus(await request(srv.url, 'GET', '/lapor'), 200).text;
    assert.doesNotMatch(form19, /value="36\.03"/, 'not offered on the public form');

    expectStatus(await form(sup, '/staff/admin/instansi/36.03/enable', {}), 303);
    expectStatus(await request(srv.url, 'POST', '/api/v1/reports', { json: validReport({ instansi: '36.03' }) }), 201);
    const actions = spawnSync('sqlite3', [srv.db, "SELECT action FROM audit_log WHERE object = 'instansi:36.03' ORDER BY id"], { encoding: 'utf8' }).stdout.trim();
    assert.equal(actions, 'instansi.create\ninstansi.rename\ninstansi.disable\ninstansi.enable');
  });

  test('an instansi admin cannot give the superadmin role nor take over a superadmin', async () => {
    const made = await admin.post('/api/v1/users', { username: 'x_super', role: 'superadmin' });
    expectError(made, 403, 'forbidden');
    const page = expectStatus(await admin.get('/staff/admin/users'), 200).text;
    assert.doesNotMatch(page, /<option value="superadmin"/);
    assert.match(expectStatus(await sup.get('/staff/admin/users'), 200).text, /<option value="superadmin"/);
    expectError(await admin.post(`/api/v1/users/${sup.user.id}/reset`, {}), 403, 'forbidden');
    expectStatus(await form(admin, `/staff/admin/users/${sup.user.id}/disable`, {}), 403);
    const spare = expectStatus(await admin.post('/api/v1/users', { username: 'x_spare', role: 'verifier' }), 201).json.id;
    expectStatus(await form(admin, `/staff/admin/users/${spare}/assign`, { role: 'superadmin' }), 403);
    // The superadmin gives it, and manages the users of their own instansi only.
    expectStatus(await sup.post('/api/v1/users', { username: 'x_super2', role: 'superadmin' }), 201);
    const list = expectStatus(await sup.get('/api/v1/users'), 200).json;
    const items = Array.isArray(list) ? list : list.items;
    assert.ok(items.length > 0);
    const instansi = spawnSync('sqlite3', [srv.db, `SELECT DISTINCT i.code FROM staff_users u JOIN instansi i ON i.id = u.instansi_id WHERE u.username IN (${items.map((u) => `'${u.username}'`).join(',')})`], { encoding: 'utf8' }).stdout.trim();
    assert.equal(instansi, '19.03');
  });
});
