// Social-media screening over HTTP (issue 5): election import and account linking by
// admins, the collector push API (session or bearer token, JSON Lines or array, bad lines
// rejected with their numbers and nothing stored), the reviewers' queue with highlighted
// spans, dismissal with a reason, opening a case in one step, and role denials.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { StaffClient, expectError, expectStatus, request } from '../lib/http.mjs';
import { REPO_ROOT, STANDARD_USERS, TEST_PASSWORD, backends, startServer } from '../lib/server.mjs';

const ELECTION = readFileSync(path.join(REPO_ROOT, 'data/elections/pilbup-sungai-kenanga-2024.toml'), 'utf8');
const TOKEN = 'collector-token-for-tests-0123456789abcdef';

const partisan = (id, account = 'andi.k') => ({
  platform: 'facebook',
  account,
  post_id: id,
  url: `https://facebook.example/p/${id}`,
  time: '2024-10-02T08:00:00+07:00',
  kind: 'post',
  text: 'Pak Bambang calon bupati terbaik, pilih beliau!',
});
const neutral = (id) => ({ platform: 'facebook', account: 'andi.k', post_id: id, kind: 'post', text: 'Selamat ulang tahun Pak Bambang, semoga sehat selalu' });
const jsonl = (posts) => posts.map((p) => JSON.stringify(p)).join('\n') + '\n';

function form(client, fields) {
  return {
    body: new URLSearchParams({ csrf: client.csrf, ...fields }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    cookie: client.cookie,
  };
}

function someNip(srv) {
  const sql = "SELECT e.nip FROM employees e JOIN instansi i ON i.id = e.instansi_id WHERE i.code = '19.03' AND e.nip <> '' ORDER BY e.id LIMIT 1";
  const out = srv.backend === 'postgresql'
    ? execFileSync('psql', [srv.db, '-Atc', sql], { encoding: 'utf8' })
    : execFileSync('sqlite3', [srv.db, sql], { encoding: 'utf8' });
  return out.trim();
}

for (const backend of backends()) {
  describe(`screening (${backend})`, { timeout: 300_000 }, () => {
    let srv;
    let base;
    let admin;
    let analyst;
    let verifier;
    let examiner;
    let nip;

    const push = (client, body, extra = {}) =>
      request(base, 'POST', '/api/v1/screening/posts', {
        body,
        headers: { 'Content-Type': 'application/json', ...(client ? { 'X-CSRF-Token': client.csrf } : {}), ...extra },
        cookie: client?.cookie,
      });
    const queue = async (client = verifier, query = '') => request(base, 'GET', `/staff/screening${query}`, { cookie: client.cookie });

    before(async () => {
      process.env.NETRAL_COLLECTOR_TOKEN = TOKEN;
      srv = await startServer({ backend, users: STANDARD_USERS });
      base = srv.url;
      admin = await StaffClient.login(base, 't_admin', TEST_PASSWORD);
      analyst = await StaffClient.login(base, 't_analyst', TEST_PASSWORD);
      verifier = await StaffClient.login(base, 't_verifier', TEST_PASSWORD);
      examiner = await StaffClient.login(base, 't_examiner', TEST_PASSWORD);
      nip = someNip(srv);
      assert.match(nip, /^\d{18}$/);
    });
    after(async () => {
      delete process.env.NETRAL_COLLECTOR_TOKEN;
      await srv?.stop();
    });

    test('a push before any election is imported: 409 no_election', async () => {
      expectError(await push(analyst, jsonl([partisan('p0')])), 409, 'no_election');
    });

    test('election import: admins only, bad TOML is 422 with the line, nothing stored', async () => {
      const denied = await request(base, 'POST', '/staff/screening/elections', form(analyst, { election: ELECTION }));
      assert.equal(denied.status, 403);
      const bad = await request(base, 'POST', '/staff/screening/elections', form(admin, { election: '[election]\nid = "x"\nname = \n' }));
      assert.equal(bad.status, 422, bad.text.slice(0, 300));
      assert.match(bad.text, /id="form-error"/);
      assert.doesNotMatch(bad.text, /class="election"/, 'a bad file must not be stored');
      const noCsrf = await request(base, 'POST', '/staff/screening/elections', {
        ...form(admin, { election: ELECTION }),
        body: new URLSearchParams({ election: ELECTION }).toString(),
      });
      assert.equal(noCsrf.status, 403);
      const ok = await request(base, 'POST', '/staff/screening/elections', form(admin, { election: ELECTION }));
      expectStatus(ok, 200);
      assert.match(ok.text, /class="election"><td>pilbup-sungai-kenanga-2024</);
    });

    test('account linking: unknown NIP is 422 and changes nothing; a roster NIP links', async () => {
      const bad = await request(base, 'POST', '/staff/screening/accounts', form(admin, { platform: 'facebook', account: '@andi.k', nip: '199001012020121001' }));
      assert.equal(bad.status, 422);
      assert.doesNotMatch(bad.text, /class="account"/);
      const badCsv = await request(base, 'POST', '/staff/screening/accounts/import', form(admin, { accounts: `platform,account,nip\nfacebook,andi.k,${nip}\nx,budi\n` }));
      assert.equal(badCsv.status, 422);
      assert.match(badCsv.text, /line 3/);
      assert.doesNotMatch(badCsv.text, /class="account"/, 'all or nothing');
      const ok = await request(base, 'POST', '/staff/screening/accounts', form(admin, { platform: 'facebook', account: '@Andi.K', nip }));
      expectStatus(ok, 200);
      assert.match(ok.text, /class="account"><td>facebook<\/td><td>@andi\.k</);
      const denied = await request(base, 'POST', '/staff/screening/accounts', form(verifier, { platform: 'x', account: 'v', nip }));
      assert.equal(denied.status, 403);
    });

    test('push: auth and roles', async () => {
      expectError(await push(null, jsonl([partisan('a1')])), 401, 'unauthenticated');
      expectError(await push(examiner, jsonl([partisan('a1')])), 403, 'forbidden');
      expectError(await push(verifier, jsonl([partisan('a1')])), 403, 'forbidden');
      const noCsrf = await request(base, 'POST', '/api/v1/screening/posts', {
        body: jsonl([partisan('a1')]),
        headers: { 'Content-Type': 'application/json' },
        cookie: analyst.cookie,
      });
      expectError(noCsrf, 403, 'csrf_failed');
      expectError(await push(null, jsonl([partisan('a1')]), { Authorization: 'Bearer wrong-token-wrong-token-wrong-token!!' }), 401, 'unauthenticated');
      const text = await push(null, 'just text', { Authorization: `Bearer ${TOKEN}` });
      expectError(text, 422, 'invalid_posts');
    });

    test('push: bad lines are reported by number and nothing is stored', async () => {
      const body = [JSON.stringify(partisan('b1')), '{"platform":"x"', JSON.stringify(neutral('b2')), '{"platform":"x","account":"a","post_id":"z","kind":"wave","text":"x"}'].join('\n');
      const res = await push(analyst, body);
      expectError(res, 422, 'invalid_posts');
      assert.deepEqual(res.json.error.lines.map((l) => l.line), [2, 4]);
      const arr = await push(analyst, JSON.stringify([partisan('b3'), 7]));
      expectError(arr, 422, 'invalid_posts');
      assert.deepEqual(arr.json.error.lines.map((l) => l.line), [2]);
      expectError(await push(analyst, '   '), 422, 'missing_field');
      const q = await queue();
      assert.match(q.text, /Terbuka \(0\)/, 'nothing stored by rejected batches');
    });

    test('push: JSON Lines by session, array by bearer token; a repeated post is stored once', async () => {
      const r1 = await push(analyst, jsonl([partisan('c1'), neutral('c2'), partisan('c3', 'someone.else')]));
      expectStatus(r1, 200);
      assert.deepEqual(r1.json, { election: 'pilbup-sungai-kenanga-2024', posts: 3, flags: 2, new_flags: 2 });
      const r2 = await push(null, JSON.stringify([partisan('c1'), partisan('c4')]), { Authorization: `Bearer ${TOKEN}` });
      expectStatus(r2, 200);
      assert.equal(r2.json.flags, 2);
      assert.equal(r2.json.new_flags, 1);
    });

    test('queue: reviewers see flags with highlighted spans, employee and candidate; examiners are denied', async () => {
      const q = await queue();
      expectStatus(q, 200);
      assert.match(q.text, /<mark>Pak Bambang<\/mark>/);
      assert.match(q.text, /class="candidate">2</);
      assert.match(q.text, new RegExp(nip));
      assert.match(q.text, /akun belum ditautkan/, 'the unlinked account is shown as such');
      assert.equal((await queue(examiner)).status, 403);
      const anon = await request(base, 'GET', '/staff/screening');
      assert.ok([302, 303, 401].includes(anon.status), `anonymous: ${anon.status}`);
    });

    const flagIds = async () => [...(await queue()).text.matchAll(/id="flag-(\d+)"/g)].map((m) => m[1]);

    test('dismiss needs a reason and CSRF; then the flag leaves the open queue', async () => {
      const [id] = await flagIds();
      const noReason = await request(base, 'POST', `/staff/screening/${id}/dismiss`, form(verifier, { reason: '  ' }));
      assert.equal(noReason.status, 422);
      const noCsrf = await request(base, 'POST', `/staff/screening/${id}/dismiss`, {
        ...form(verifier, {}),
        body: new URLSearchParams({ reason: 'bukan pegawai' }).toString(),
      });
      assert.equal(noCsrf.status, 403);
      const denied = await request(base, 'POST', `/staff/screening/${id}/dismiss`, form(examiner, { reason: 'x' }));
      assert.equal(denied.status, 403);
      const ok = await request(base, 'POST', `/staff/screening/${id}/dismiss`, form(verifier, { reason: 'Akun bukan milik pegawai' }));
      assert.equal(ok.status, 303, ok.text.slice(0, 200));
      assert.doesNotMatch((await queue()).text, new RegExp(`id="flag-${id}"`));
      const dismissed = await queue(verifier, '?status=dismissed');
      assert.match(dismissed.text, /Akun bukan milik pegawai/);
      const again = await request(base, 'POST', `/staff/screening/${id}/dismiss`, form(verifier, { reason: 'lagi' }));
      assert.equal(again.status, 409);
    });

    test('open a case in one step: agency finding with the post as evidence; precision counted', async () => {
      const ids = await flagIds();
      const page = (await queue()).text;
      // The flag of the linked account.
      const linked = ids.find((id) => page.split(`id="flag-${id}"`)[1].split('</article>')[0].includes(nip));
      assert.ok(linked, 'linked flag in queue');
      const res = await request(base, 'POST', `/staff/screening/${linked}/case`, form(analyst, {}));
      assert.equal(res.status, 303, res.text.slice(0, 300));
      const number = decodeURIComponent(/opened=([^&]+)/.exec(res.headers.get('location'))[1]);
      assert.match(number, /^19\.03-\d{4}-\d{5}$/);
      const c = await admin.caseByNumber(number);
      assert.ok(c, 'case listed');
      const detail = await request(base, 'GET', `/api/v1/cases/${c.id}`, { cookie: admin.cookie });
      expectStatus(detail, 200);
      const ev = detail.json.evidence ?? detail.json.case?.evidence ?? [];
      assert.equal(ev.length, 1, JSON.stringify(detail.json).slice(0, 400));
      assert.match(ev[0].sha256, /^[0-9a-f]{64}$/);
      // It enters the workflow like any report: timeline, holder and running clocks.
      const flow = await request(base, 'GET', `/api/v1/cases/${c.id}/workflow`, { cookie: admin.cookie });
      expectStatus(flow, 200);
      assert.equal(flow.json.events[0].action, 'intake');
      assert.ok(flow.json.holder, 'someone holds the case');
      assert.ok(flow.json.deadlines.some((d) => d.running), JSON.stringify(flow.json.deadlines));
      const again = await request(base, 'POST', `/staff/screening/${linked}/case`, form(analyst, {}));
      assert.equal(again.status, 409);
      const q = await queue(verifier, '?status=confirmed');
      assert.match(q.text, new RegExp(number.replace(/\./g, '\\.')));
      assert.match(q.text, /id="precision">[^<]*<strong>50%<\/strong>/);
    });
  });
}
