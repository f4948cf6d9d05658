// The access-control matrix: every demo role (src/app/demo.cpp) and an anonymous visitor
// against every staff page and endpoint, asserting allowed or denied, including a case of
// another instansi (19 against users of 19.03) and a case of another unit for the unit head.
//
// Table-driven: to cover a new endpoint, add one row to ENDPOINTS with the roles that may
// use it. Denials are checked by their exact answer: 404 for a case (or user) the role may
// not see (existence is not disclosed), 403 for a role-restricted function, 401 (API) or a
// redirect to the login page (pages) for an anonymous visitor.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { JPEG, PNG } from '../lib/fixtures.mjs';
import { StaffClient, expectStatus, postMultipart, request, validReport } from '../lib/http.mjs';
import { REPO_ROOT, TEST_PASSWORD, runCli, startServer } from '../lib/server.mjs';

// The sample election under another id (screening admin rows).
const SAMPLE_ELECTION = readFileSync(path.join(REPO_ROOT, 'data/elections/pilbup-sungai-kenanga-2024.toml'), 'utf8');
const electionFile = (id) => SAMPLE_ELECTION.replace('id = "pilbup-sungai-kenanga-2024"', `id = "${id}"`);

// Demo users: username -> role; `super` (a superadmin of 19.03) is made by the suite.
const ROLES = {
  admin: 'admin',
  verifikator: 'verifier',
  pemeriksa: 'examiner',
  kadis: 'unit_head', // head of DISDIK
  ppk: 'ppk_office',
  bawaslu: 'liaison', // answers for Bawaslu
  bkn: 'liaison', // answers for BKN: never sees what went to Bawaslu
  analis: 'analyst',
  super: 'superadmin',
};
const ANON = 'anonymous';
const ALL = Object.keys(ROLES);
// Roles that see every case of their instansi (app/case_service.cpp); the liaison sees only
// cases forwarded to their own body (rows of the case forwarded to Bawaslu) and the analyst none.
const CASE_READERS = ['super', 'admin', 'verifikator', 'pemeriksa', 'ppk'];
// Admins of 19.03: the instansi admin and the superadmin, who is one for their own instansi.
const ADMINS = ['super', 'admin'];

// One row per endpoint and target. `allow`: demo usernames allowed; `ok`: the status of an
// allowed call; `deny`: the status of a denied logged-in call; pages redirect anonymous
// visitors to /staff/login, API calls answer 401. `public`: anonymous is allowed too.
// A one-shot action (edit, remove, unlink) is done by the first admin to call it (`admin`,
// principals call in ROLES order); `super` then finds it done: `ok` is a function of who.
const ONCE = (first, then) => (who) => (who === 'super' ? then : first);
const ENDPOINTS = [
  // Inbox and account
  { kind: 'page', method: 'GET', path: () => '/staff/cases', allow: ALL, ok: 200 },
  { kind: 'api', method: 'GET', path: () => '/api/v1/cases', allow: ALL, ok: 200 },
  { kind: 'page', method: 'GET', path: () => '/staff/account/totp', allow: ALL, ok: 200 },
  { kind: 'page', method: 'GET', path: () => '/staff/reset', allow: [...ALL, ANON], ok: 200, public: true },
  { kind: 'page', method: 'GET', path: () => '/staff/notifications', allow: ALL, ok: 200 },
  // Walk-in reports and agency findings are entered by the personnel agency (workflow, issue 3)
  { kind: 'page', method: 'GET', path: () => '/staff/intake', allow: [...ADMINS, 'verifikator'], ok: 200, deny: 403 },
  // Case statistics: the roles that see every case of the instansi
  { kind: 'page', method: 'GET', path: () => '/staff/stats', allow: CASE_READERS, ok: 200, deny: 403 },
  { kind: 'api', method: 'GET', path: () => '/api/v1/stats', allow: CASE_READERS, ok: 200, deny: 403 },
  { kind: 'page', method: 'GET', path: () => '/staff/stats.csv', allow: CASE_READERS, ok: 200, deny: 403 },
  // Staff intake: an incomplete walk-in report reaches validation (422) only for the roles
  // that take intakes (app::takes_intake); nothing is stored.
  { kind: 'api', method: 'POST', path: () => '/api/v1/intake', json: { channel: 'walk_in' }, allow: [...ADMINS, 'verifikator'], ok: 422, deny: 403 },
  { kind: 'page', method: 'POST', path: () => '/staff/intake', form: { channel: 'walk_in' }, allow: [...ADMINS, 'verifikator'], ok: 422, deny: 403 },
  // Pushing posts with a session (app::pushes_posts): an empty batch reaches validation (422).
  { kind: 'api', method: 'POST', path: () => '/api/v1/screening/posts?election=matriks-a', json: [], allow: [...ADMINS, 'analis'], ok: 422, deny: 403 },
  // Catalogue drafts from circular letters (issue 4): admins only
  { kind: 'page', method: 'GET', path: () => '/staff/catalog/import', allow: ADMINS, ok: 200, deny: 403 },
  // A circular of the admin's government (issue 12): its editor, and an edit without a
  // region code, which reaches validation (422) for the admin only.
  { kind: 'page', method: 'GET', path: (t) => `/staff/catalog/circulars/${t.circular}`, allow: ADMINS, ok: 200, deny: 403 },
  { kind: 'page', method: 'POST', path: (t) => `/staff/catalog/circulars/${t.circular}`, form: { action: 'save', rev: '1', item_count: '0' }, allow: ADMINS, ok: 422, deny: 403 },
  // A case of DISDIK (the unit head's unit) in 19.03
  { kind: 'page', method: 'GET', path: (t) => `/staff/cases/${t.disdik.id}`, allow: [...CASE_READERS, 'kadis'], ok: 200, deny: 404 },
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/cases/${t.disdik.id}`, allow: [...CASE_READERS, 'kadis'], ok: 200, deny: 404 },
  { kind: 'api', method: 'POST', path: (t) => `/api/v1/cases/${t.disdik.id}/messages`, json: { body: 'Uji matriks akses.' }, allow: [...CASE_READERS, 'kadis'], ok: 201, deny: 404 },
  { kind: 'page', method: 'POST', path: (t) => `/staff/cases/${t.disdik.id}/messages`, form: { body: 'Uji matriks akses (halaman).' }, allow: [...CASE_READERS, 'kadis'], ok: 303, deny: 404 },
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/evidence/${t.disdik.evidence}`, allow: [...CASE_READERS, 'kadis'], ok: 200, deny: 404 },
  { kind: 'page', method: 'GET', path: (t) => `/staff/evidence/${t.disdik.evidence}`, allow: [...CASE_READERS, 'kadis'], ok: 200, deny: 404 },
  { kind: 'page', method: 'GET', path: (t) => `/staff/cases/${t.disdik.id}/export`, allow: [...CASE_READERS, 'kadis'], ok: 200, deny: 404 },
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/cases/${t.disdik.id}/export`, allow: [...CASE_READERS, 'kadis'], ok: 200, deny: 404 },
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/cases/${t.disdik.id}/workflow`, allow: [...CASE_READERS, 'kadis'], ok: 200, deny: 404 },
  // Cross-unit: a case of DINKES, not the unit head's
  { kind: 'page', method: 'GET', path: (t) => `/staff/cases/${t.dinkes.id}`, allow: CASE_READERS, ok: 200, deny: 404 },
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/cases/${t.dinkes.id}`, allow: CASE_READERS, ok: 200, deny: 404 },
  { kind: 'api', method: 'POST', path: (t) => `/api/v1/cases/${t.dinkes.id}/messages`, json: { body: 'Lintas unit.' }, allow: CASE_READERS, ok: 201, deny: 404 },
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/evidence/${t.dinkes.evidence}`, allow: CASE_READERS, ok: 200, deny: 404 },
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/cases/${t.dinkes.id}/export`, allow: CASE_READERS, ok: 200, deny: 404 },
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/cases/${t.dinkes.id}/workflow`, allow: CASE_READERS, ok: 200, deny: 404 },
  // A DINKES case forwarded to Bawaslu: now the liaison sees it too
  { kind: 'page', method: 'GET', path: (t) => `/staff/cases/${t.forwarded.id}`, allow: [...CASE_READERS, 'bawaslu'], ok: 200, deny: 404 },
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/cases/${t.forwarded.id}`, allow: [...CASE_READERS, 'bawaslu'], ok: 200, deny: 404 },
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/cases/${t.forwarded.id}/workflow`, allow: [...CASE_READERS, 'bawaslu'], ok: 200, deny: 404 },
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/cases/${t.forwarded.id}/export`, allow: [...CASE_READERS, 'bawaslu'], ok: 200, deny: 404 },
  // Cross-instansi: a case of the province (19), unit DISDIK there
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/cases/${t.prov.id}/workflow`, allow: [], deny: 404 },
  { kind: 'page', method: 'GET', path: (t) => `/staff/cases/${t.prov.id}`, allow: [], deny: 404 },
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/cases/${t.prov.id}`, allow: [], deny: 404 },
  { kind: 'api', method: 'POST', path: (t) => `/api/v1/cases/${t.prov.id}/messages`, json: { body: 'Lintas instansi.' }, allow: [], deny: 404 },
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/evidence/${t.prov.evidence}`, allow: [], deny: 404 },
  { kind: 'page', method: 'GET', path: (t) => `/staff/evidence/${t.prov.evidence}`, allow: [], deny: 404 },
  { kind: 'page', method: 'GET', path: (t) => `/staff/cases/${t.prov.id}/export`, allow: [], deny: 404 },
  // User administration: admins only, and only their instansi's users
  { kind: 'page', method: 'GET', path: () => '/staff/admin/users', allow: ADMINS, ok: 200, deny: 403 },
  { kind: 'page', method: 'GET', path: (t) => `/staff/admin/users/${t.spare}`, allow: ADMINS, ok: 200, deny: 403 },
  { kind: 'page', method: 'POST', path: (t) => `/staff/admin/users/${t.spare}/enable`, form: {}, allow: ADMINS, ok: 303, deny: 403 },
  { kind: 'page', method: 'POST', path: (t) => `/staff/admin/users/${t.spare}/reset`, form: {}, allow: ADMINS, ok: 200, deny: 403 },
  { kind: 'api', method: 'GET', path: () => '/api/v1/users', allow: ADMINS, ok: 200, deny: 403 },
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/users/${t.spare}`, allow: ADMINS, ok: 200, deny: 403 },
  { kind: 'api', method: 'PATCH', path: (t) => `/api/v1/users/${t.spare}`, json: {}, allow: ADMINS, ok: 200, deny: 403 },
  { kind: 'api', method: 'POST', path: (t) => `/api/v1/users/${t.spare}/reset`, json: {}, allow: ADMINS, ok: 201, deny: 403 },
  { kind: 'api', method: 'POST', path: () => '/api/v1/users', json: () => ({ username: `m_${Math.random().toString(36).slice(2, 10)}`, role: 'verifier' }), allow: ADMINS, ok: 201, deny: 403 },
  // The staff roster (units and staff): admins, of their own instansi only (app::manages_roster_of).
  // An upload without its file reaches validation (422); nothing is imported.
  { kind: 'page', method: 'GET', path: () => '/staff/roster', allow: ADMINS, ok: 303, deny: 403 },
  { kind: 'page', method: 'GET', path: () => '/staff/roster/19.03', allow: ADMINS, ok: 200, deny: 403 },
  { kind: 'page', method: 'POST', path: () => '/staff/roster/19.03/import', form: {}, allow: ADMINS, ok: 422, deny: 403 },
  // Social-media screening: the reviewers' queue; elections and staff accounts for admins only
  { kind: 'page', method: 'GET', path: () => '/staff/screening', allow: [...ADMINS, 'verifikator', 'analis'], ok: 200, deny: 403 },
  { kind: 'page', method: 'GET', path: () => '/staff/screening/admin', allow: ADMINS, ok: 200, deny: 403 },
  { kind: 'page', method: 'POST', path: () => '/staff/screening/elections', form: () => ({ election: electionFile('matriks-c') }), allow: ADMINS, ok: 200, deny: 403 },
  { kind: 'page', method: 'GET', path: () => '/staff/screening/elections/matriks-a', allow: ADMINS, ok: 200, deny: 403 },
  { kind: 'page', method: 'GET', path: () => '/staff/screening/elections/matriks-a.toml', allow: ADMINS, ok: 200, deny: 403 },
  { kind: 'page', method: 'POST', path: () => '/staff/screening/elections/matriks-a', form: (t) => t.electionForm, allow: ADMINS, ok: ONCE(303, 409), deny: 403 },
  { kind: 'page', method: 'POST', path: () => '/staff/screening/elections/matriks-b/remove', form: { confirm: '1' }, allow: ADMINS, ok: ONCE(303, 404), deny: 403 },
  { kind: 'page', method: 'POST', path: () => '/staff/screening/accounts', form: (t) => ({ platform: 'x', account: 'matriks.link', nip: t.nip }), allow: ADMINS, ok: 200, deny: 403 },
  { kind: 'page', method: 'POST', path: () => '/staff/screening/accounts/import', form: (t) => ({ accounts: `platform,account,nip\ntiktok,matriks.csv,${t.nip}\n` }), allow: ADMINS, ok: 200, deny: 403 },
  { kind: 'page', method: 'POST', path: (t) => `/staff/screening/accounts/${t.account}/unlink`, form: {}, allow: ADMINS, ok: ONCE(200, 404), deny: 403 },
  // A flag's screenshot and the labelled data: the roles that review flags
  { kind: 'page', method: 'GET', path: (t) => `/staff/screening/${t.shotFlag}/screenshot`, allow: [...ADMINS, 'verifikator', 'analis'], ok: 200, deny: 403 },
  { kind: 'page', method: 'GET', path: () => '/staff/screening/reviewed.jsonl', allow: [...ADMINS, 'verifikator', 'analis'], ok: 200, deny: 403 },
  // Cross-instansi roster: the province's (19) is refused to the admin of 19.03
  { kind: 'page', method: 'GET', path: () => '/staff/roster/19', allow: [], deny: 403 },
  { kind: 'page', method: 'POST', path: () => '/staff/roster/19/import', form: {}, allow: [], deny: 403 },
  // Cross-instansi user administration: a user of 19 is not found for the admin of 19.03
  { kind: 'api', method: 'GET', path: (t) => `/api/v1/users/${t.provUser}`, allow: [], deny: (who) => (ADMINS.includes(who) ? 404 : 403) },
  { kind: 'api', method: 'PATCH', path: (t) => `/api/v1/users/${t.provUser}`, json: { disabled: true }, allow: [], deny: (who) => (ADMINS.includes(who) ? 404 : 403) },
  { kind: 'page', method: 'GET', path: (t) => `/staff/admin/users/${t.provUser}`, allow: [], deny: (who) => (ADMINS.includes(who) ? 404 : 403) },
  // The deployment's governments (issue 12): superadmins only. 36.71 is added by the suite.
  { kind: 'page', method: 'GET', path: () => '/staff/admin/instansi?q=tangerang', allow: ['super'], ok: 200, deny: 403 },
  { kind: 'page', method: 'POST', path: () => '/staff/admin/instansi', form: { code: '36.03' }, allow: ['super'], ok: 303, deny: 403 },
  { kind: 'page', method: 'POST', path: () => '/staff/admin/instansi/36.71/name', form: { name: 'Pemkot Tangerang' }, allow: ['super'], ok: 303, deny: 403 },
  { kind: 'page', method: 'POST', path: () => '/staff/admin/instansi/36.71/disable', form: {}, allow: ['super'], ok: 303, deny: 403 },
  { kind: 'page', method: 'POST', path: () => '/staff/admin/instansi/36.71/enable', form: {}, allow: ['super'], ok: 303, deny: 403 },
];

// Staff routes without a row yet: the gap this list pins may only shrink. A route added
// without a row, or a row added for a route still listed here, fails the coverage test.
const NOT_YET_IN_MATRIX = new Set([
  'DELETE /api/v1/sessions',
  'POST /staff/logout',
  'GET /staff',
  'POST /staff/cases/{id}/workflow',
  'POST /staff/notifications/{id}/read',
  'POST /api/v1/cases/{id}/transitions',
  'POST /staff/cases/{id}/conduct',
  'POST /staff/catalog/import',
  'POST /staff/catalog/adopt',
  'POST /staff/admin/users',
  'POST /staff/admin/users/{id}/assign',
  'POST /staff/admin/users/{id}/disable',
  'POST /staff/admin/users/{id}/totp-clear',
  'POST /staff/account/totp',
  'POST /staff/screening/{id}/dismiss',
  'POST /staff/screening/{id}/case',
]);

function routeMatches(pattern, method, row, targets) {
  if (row.method !== method) return false;
  const re = new RegExp('^' + pattern.replace(/\{[a-z_]+\}/g, '[^/]+') + '$');
  return re.test(row.path(targets).split('?')[0]);
}

async function call(base, row, targets, client) {
  const path = row.path(targets);
  const headers = {};
  let body;
  let json;
  if (row.json !== undefined) {
    json = typeof row.json === 'function' ? row.json() : row.json;
    if (client) headers['X-CSRF-Token'] = client.csrf;
  }
  if (row.form !== undefined) {
    const fields = typeof row.form === 'function' ? row.form(targets) : row.form;
    body = new URLSearchParams({ ...fields, csrf: client?.csrf ?? 'none' }).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  return request(base, row.method, path, { json, body, headers, cookie: client?.cookie });
}

describe('access-control matrix (every demo role against every staff endpoint)', () => {
  let server;
  let base;
  const clients = {};
  const targets = {};

  before(async () => {
    server = await startServer({ users: [{ username: 't_prov', role: 'verifier', instansi: '19' }, { username: 'super', role: 'superadmin', instansi: '19.03' }] });
    base = server.url;
    assert.ok(server.adminPassword, 'init --demo prints the demo password');
    runCli(['instansi', 'add', '36.71', '--db', server.db, '--data', server.dataDir]);
    for (const u of ALL) clients[u] = await StaffClient.login(base, u, u === 'super' ? TEST_PASSWORD : server.adminPassword);
    for (const [u, role] of Object.entries(ROLES)) assert.equal(clients[u].user.role, role);
    const prov = await StaffClient.login(base, 't_prov', TEST_PASSWORD);
    // Three cases with evidence: DISDIK and DINKES of 19.03, DISDIK of the province (19).
    const file = async (instansi, unit) => {
      const res = await postMultipart(base, '/api/v1/reports', [
        { name: 'report', data: JSON.stringify(validReport({ instansi, reported: { name: `Pegawai ${unit}`, unit } })), contentType: 'application/json' },
        { name: 'evidence', filename: 'bukti.jpg', contentType: 'image/jpeg', data: JPEG },
      ]);
      expectStatus(res, 201, `report ${instansi} ${unit}`);
      return res.json.case_number;
    };
    const detail = async (client, number) => {
      const c = await client.caseByNumber(number);
      const d = expectStatus(await client.get(`/api/v1/cases/${c.id}`), 200).json;
      return { id: c.id, unit: d.unit_id, evidence: d.evidence[0].id };
    };
    targets.disdik = await detail(clients.admin, await file('19.03', 'DISDIK'));
    targets.dinkes = await detail(clients.admin, await file('19.03', 'DINKES'));
    targets.prov = await detail(prov, await file('19', 'DISDIK'));
    targets.forwarded = await detail(clients.admin, await file('19.03', 'DINKES'));
    expectStatus(
      await clients.verifikator.post(`/api/v1/cases/${targets.forwarded.id}/transitions`, {
        action: 'forward',
        forward_to: 'bawaslu',
        external_ref: '001/Reg/LP/PB/Kab/09.03/XI/2026',
      }),
      200,
      'forward to Bawaslu',
    );
    assert.ok(targets.disdik.unit && targets.dinkes.unit && targets.disdik.unit !== targets.dinkes.unit, 'cases linked to units');
    const made = expectStatus(await clients.admin.post('/api/v1/users', { username: 'm_spare', role: 'verifier' }), 201);
    targets.spare = made.json.id;
    targets.provUser = prov.user.id;
    // Screening admin: two elections (one to edit, one to remove) and a linked account.
    const adminForm = (fields) => ({
      body: new URLSearchParams({ ...fields, csrf: clients.admin.csrf }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      cookie: clients.admin.cookie,
    });
    for (const id of ['matriks-a', 'matriks-b'])
      expectStatus(await request(base, 'POST', '/staff/screening/elections', adminForm({ election: electionFile(id) })), 200, `import ${id}`);
    const page = expectStatus(await clients.admin.get('/staff/screening/elections/matriks-a'), 200).text;
    const version = /name="version" value="([0-9a-f]{64})"/.exec(page)?.[1];
    assert.ok(version, 'the editor carries the version');
    targets.electionForm = {
      version, name: 'Pemilihan Matriks', region: '19.03', voting_date: '2024-11-27', pairs: '1', p0_number: '1', p0_names: 'Calon Matriks',
    };
    targets.nip = execFileSync('sqlite3', [server.db, "SELECT e.nip FROM employees e JOIN instansi i ON i.id = e.instansi_id WHERE i.code = '19.03' AND e.nip <> '' ORDER BY e.id LIMIT 1"], { encoding: 'utf8' }).trim();
    const linked = await request(base, 'POST', '/staff/screening/accounts', adminForm({ platform: 'facebook', account: 'matriks.unlink', nip: targets.nip }));
    expectStatus(linked, 200, 'link an account');
    targets.account = /<tr class="account"><td>facebook<\/td><td>@matriks\.unlink<\/td>[\s\S]*?id="unlink-(\d+)"/.exec(linked.text)?.[1];
    assert.ok(targets.account, 'the linked account has an unlink button');
    // A flag of 19.03 with a screenshot (an account linked to a 19.03 employee), pushed by the analyst.
    expectStatus(await request(base, 'POST', '/staff/screening/accounts', adminForm({ platform: 'instagram', account: 'matriks.shot', nip: targets.nip })), 200, 'link');
    const pushed = await request(base, 'POST', '/api/v1/screening/posts?election=matriks-a', {
      json: [{ platform: 'instagram', account: 'matriks.shot', post_id: 'm1', kind: 'post', text: 'Pak Bambang calon bupati terbaik, pilih beliau!', screenshot: PNG.toString('base64') }],
      headers: { 'X-CSRF-Token': clients.analis.csrf },
      cookie: clients.analis.cookie,
    });
    expectStatus(pushed, 200, 'push a post with a screenshot');
    assert.equal(pushed.json.screenshots, 1);
    // A draft circular of 19.03, uploaded by its admin.
    const draft = await postMultipart(base, '/staff/catalog/import', [
      { name: 'csrf', data: clients.admin.csrf },
      { name: 'circular', filename: 'se.txt', contentType: 'text/plain', data: 'Setiap ASN dilarang:\na. ikut kampanye;\nb. memasang spanduk calon.' },
    ], { cookie: clients.admin.cookie });
    expectStatus(draft, 303, 'upload a circular');
    targets.circular = /\/staff\/catalog\/circulars\/(\d+)/.exec(draft.headers.get('location'))[1];
    targets.shotFlag = execFileSync('sqlite3', [server.db, "SELECT id FROM screening_flags WHERE post_id = 'm1'"], { encoding: 'utf8' }).trim();
    assert.match(targets.shotFlag, /^\d+$/);
  });
  after(async () => {
    await server?.stop();
  });

  // The route table (netral serve --routes: method, path, body, gate) is the source: every
  // route whose gate is not public needs a row, and each row's allowed users must be what
  // its route's gate admits: exactly, or a subset for a gate that narrows per item.
  test('every staff route of the router has a row in the matrix, allowing what its gate admits', () => {
    const out = runCli(['serve', '--routes', '--db', server.db, '--data', server.dataDir]);
    const routes = out.trim().split('\n').map((l) => l.split('\t'));
    assert.ok(routes.length > 50, `netral serve --routes listed ${routes.length} routes`);
    const gateOf = (access) => {
      if (access === 'public') return { public: true, roles: new Set(Object.values(ROLES)), perCase: false };
      const m = /^[^:]+: ([a-z_ ]+?)( \(per item\))?$/.exec(access);
      assert.ok(m, `unreadable gate '${access}'`);
      return { public: false, roles: new Set(m[1].split(' ')), perCase: Boolean(m[2]) };
    };
    const wrong = [];
    for (const row of ENDPOINTS) {
      const route = routes.find(([method, pattern]) => routeMatches(pattern, method, row, targets));
      if (!route) {
        wrong.push(`${row.method} ${row.path(targets)}: no such route`);
        continue;
      }
      const gate = gateOf(route[3]);
      const where = `${row.method} ${row.path(targets)} (${route[3]})`;
      if (row.allow.includes(ANON) !== gate.public) wrong.push(`${where}: anonymous ${row.allow.includes(ANON) ? 'allowed' : 'denied'}`);
      const admitted = ALL.filter((u) => gate.roles.has(ROLES[u]));
      const allowed = row.allow.filter((u) => u !== ANON);
      const beyond = allowed.filter((u) => !admitted.includes(u));
      if (beyond.length) wrong.push(`${where}: allows ${beyond.join(', ')} beyond its gate`);
      if (!gate.perCase && !gate.public && allowed.length !== admitted.length)
        wrong.push(`${where}: allows ${allowed.join(', ')}, the gate admits ${admitted.join(', ')}`);
    }
    assert.deepEqual(wrong, [], `matrix rows that disagree with the route table:\n${wrong.join('\n')}`);
    const uncovered = [];
    const coveredButListed = [];
    for (const [method, pattern, , access] of routes) {
      const key = `${method} ${pattern}`;
      if (access === 'public') continue;
      const covered = ENDPOINTS.some((row) => routeMatches(pattern, method, row, targets));
      if (!covered && !NOT_YET_IN_MATRIX.has(key)) uncovered.push(key);
      if (covered && NOT_YET_IN_MATRIX.has(key)) coveredButListed.push(key);
    }
    const known = new Set(routes.map(([m, p]) => `${m} ${p}`));
    const stale = [...NOT_YET_IN_MATRIX].filter((k) => !known.has(k));
    assert.deepEqual(uncovered, [], `routes without a row in the access matrix:\n${uncovered.join('\n')}`);
    assert.deepEqual(coveredButListed, [], `covered now: remove from NOT_YET_IN_MATRIX:\n${coveredButListed.join('\n')}`);
    assert.deepEqual(stale, [], `listed routes that no longer exist:\n${stale.join('\n')}`);
  });

  test('every role gets exactly what the matrix allows', async () => {
    const failures = [];
    const rows = [];
    let checks = 0;
    for (const row of ENDPOINTS) {
      const cells = [];
      for (const who of [...ALL, ANON]) {
        const client = who === ANON ? null : clients[who];
        const res = await call(base, row, targets, client);
        checks += 1;
        const allowed = row.allow.includes(who);
        let want;
        if (allowed) want = typeof row.ok === 'function' ? row.ok(who) : row.ok;
        else if (who === ANON) want = row.kind === 'page' ? 303 : 401;
        else want = typeof row.deny === 'function' ? row.deny(who) : row.deny;
        let ok = res.status === want;
        if (ok && !allowed && who === ANON && row.kind === 'page') ok = res.headers.get('location') === '/staff/login';
        if (ok && !allowed && row.kind === 'api' && who !== ANON) ok = typeof res.json?.error?.code === 'string';
        // A denial never leaks case content.
        if (ok && !allowed && /Pegawai (DISDIK|DINKES)/.test(res.text)) ok = false;
        cells.push(`${allowed ? 'Y' : '-'}${res.status}`);
        if (!ok) failures.push(`${who} ${row.method} ${row.path(targets)}: got ${res.status}, want ${want} ${res.text.slice(0, 160)}`);
      }
      rows.push(`${(row.method + ' ' + row.path(targets)).padEnd(44)} ${cells.join(' ')}`);
    }
    console.log(`access matrix: ${ALL.length + 1} principals (${ALL.join(', ')}, anonymous) x ${ENDPOINTS.length} endpoints = ${checks} checks`);
    console.log(`${''.padEnd(44)} ${[...ALL, ANON].map((u) => u.slice(0, 4)).join(' ')}`);
    for (const r of rows) console.log(r);
    assert.deepEqual(failures, [], `${failures.length} of ${checks} checks failed:\n${failures.join('\n')}`);
  });
});
