// Social-media screening over HTTP (issue 5): election import and account linking by
// admins, the collector push API (session or bearer token, JSON Lines or array, bad lines
// rejected with their numbers and nothing stored), the reviewers' queue with highlighted
// spans, dismissal with a reason, opening a case in one step, and role denials. Then the
// management of elections and accounts: file upload, the election page and its editor
// (whose saves reach the screener at once), download and re-import, removal (refused
// while flags exist), account unlink and CSV upload, each audited and for admins only.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { JPEG, PDF, PNG, jpegOfSize, sha256 } from '../lib/fixtures.mjs';
import { decodeEntities } from '../lib/html.mjs';
import { StaffClient, expectError, expectStatus, postMultipart, request } from '../lib/http.mjs';
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
const b64 = (buf) => Buffer.from(buf).toString('base64');
// A third image, distinct from PNG and JPEG: the JPEG with one comment segment.
const JPEG2 = jpegOfSize(JPEG.length + 64);

// Files of the evidence blob store (<data>/evidence/ab/cd/<sha256>), uploads in progress excepted.
function blobFiles(dataDir) {
  const out = [];
  const walk = (d) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'tmp') continue;
      if (e.isDirectory()) walk(path.join(d, e.name));
      else out.push(e.name);
    }
  };
  walk(path.join(dataDir, 'evidence'));
  return out.sort();
}
const blobPath = (dataDir, sha) => path.join(dataDir, 'evidence', sha.slice(0, 2), sha.slice(2, 4), sha);

function form(client, fields) {
  return {
    body: new URLSearchParams({ csrf: client.csrf, ...fields }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    cookie: client.cookie,
  };
}

function sql(srv, query) {
  const out = srv.backend === 'postgresql'
    ? execFileSync('psql', [srv.db, '-Atc', query], { encoding: 'utf8' })
    : execFileSync('sqlite3', [srv.db, query], { encoding: 'utf8' });
  return out.trim();
}

function someNips(srv, n = 1) {
  return sql(srv, `SELECT e.nip FROM employees e JOIN instansi i ON i.id = e.instansi_id WHERE i.code = '19.03' AND e.nip <> '' ORDER BY e.id LIMIT ${n}`).split('\n');
}
const someNip = (srv) => someNips(srv)[0];

// A second election, uploaded as a file: a fictional city, names with quotes and non-ASCII.
const CITY_CODE = 'pilwalkot-uji-2024';
const CITY = `# Pemilihan fiktif untuk uji / a fictional election for tests
[election]
id = "${CITY_CODE}"
name = "Pemilihan Wali Kota Uji 2024"
region = "19.03"
voting_date = 2024-11-27
campaign_start = 2024-09-25
campaign_end = 2024-11-23

[[candidate]]
number = 1
names = ["Zulkarnain Hakim", "Maria Ulfa"]
nicknames = ["ZUMA"]
parties = ["Golkar"]
hashtags = ["#ZumaJuara"]

[[candidate]]
number = 2
names = ["Teuku Rahmat Saleh", "Dewi \\"Ayu\\" Lestari"]
nicknames = ["RADEWI"]
slogans = ["Kota Uji Bercahaya — Maju Terus"]

[[candidate]]
number = 3
names = ["Yohanes Pranata", "Ni Made Sri"]
nicknames = ["YOSRI"]
`;

// The fields a browser would send for the form with this id: inputs (checked boxes only,
// no files) and textareas, values decoded.
function formFields(html, id) {
  const at = html.indexOf(`id="${id}"`);
  assert.ok(at >= 0, `form ${id} on the page`);
  const form = html.slice(html.lastIndexOf('<form', at), html.indexOf('</form>', at));
  const fields = new URLSearchParams();
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    const type = /\btype="([^"]*)"/.exec(tag)?.[1] ?? 'text';
    if (!name || type === 'file' || (type === 'checkbox' && !/\bchecked\b/.test(tag))) continue;
    fields.append(name, decodeEntities(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? ''));
  }
  for (const m of form.matchAll(/<textarea\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields.append(m[1], decodeEntities(m[2]));
  return fields;
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
      srv = await startServer({ backend, users: [...STANDARD_USERS, { username: 't_prov_admin', role: 'admin', instansi: '19' }] });
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
      assert.match(ok.text, /class="election"><td><a href="\/staff\/screening\/elections\/pilbup-sungai-kenanga-2024">pilbup-sungai-kenanga-2024</);
      // Compiled at import, before any batch: the first push screens at once.
      const cache = path.join(srv.dataDir, 'cache/screen');
      assert.ok(existsSync(cache) && readdirSync(cache).some((f) => f.endsWith('.hsdb')), 'compiled at import');
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
      assert.deepEqual(r1.json, { election: 'pilbup-sungai-kenanga-2024', posts: 3, flags: 2, new_flags: 2, screenshots: 0 });
      const r2 = await push(null, JSON.stringify([partisan('c1'), partisan('c4')]), { Authorization: `Bearer ${TOKEN}` });
      expectStatus(r2, 200);
      assert.equal(r2.json.flags, 2);
      assert.equal(r2.json.new_flags, 1);
      // The lexicon's compiled match databases are kept for the next start (docs/screening.md).
      const cache = path.join(srv.dataDir, 'cache/screen');
      assert.ok(readdirSync(cache).filter((f) => f.endsWith('.hsdb')).length >= 2, 'compiled databases cached');
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

    // ---- screenshots and the labelled data ----------------------------------------------
    const flagOf = (postId) => {
      const row = sql(srv, `SELECT id, status, COALESCE(screenshot_sha256, '-'), COALESCE(screenshot_mime, '-'), COALESCE(screenshot_size, -1) FROM screening_flags WHERE post_id = '${postId}'`);
      if (!row) return null;
      const [id, status, sha, mime, size] = row.split('|');
      return { id, status, sha, mime, size: Number(size) };
    };
    const shotUrl = (id) => `/staff/screening/${id}/screenshot`;
    const caseForm = (client, id, file) =>
      postMultipart(base, `/staff/screening/${id}/case`, [{ name: 'csrf', data: client.csrf }, ...(file ? [file] : [])], { cookie: client.cookie });
    const caseEvidence = async (number) => {
      const c = await admin.caseByNumber(number);
      assert.ok(c, `case ${number} listed`);
      const detail = expectStatus(await request(base, 'GET', `/api/v1/cases/${c.id}`, { cookie: admin.cookie }), 200);
      return { id: c.id, evidence: detail.json.evidence };
    };
    const openedNumber = (res) => decodeURIComponent(/opened=([^&]+)/.exec(res.headers.get('location'))[1]);

    test('screenshots: kept only with a flag; the queue shows a thumbnail; the route serves the same bytes to who may see the flag', async () => {
      const before = blobFiles(srv.dataDir);
      const res = await push(analyst, jsonl([{ ...partisan('s1'), screenshot: b64(PNG) }, { ...neutral('s2'), screenshot: b64(JPEG) }]));
      expectStatus(res, 200);
      assert.deepEqual(res.json, { election: 'pilbup-sungai-kenanga-2024', posts: 2, flags: 1, new_flags: 1, screenshots: 1 });
      // The flagged post's image is in the blob store under its SHA-256; the unflagged post's is nowhere.
      assert.deepEqual(blobFiles(srv.dataDir), [...before, sha256(PNG)].sort());
      assert.ok(existsSync(blobPath(srv.dataDir, sha256(PNG))));
      assert.ok(!existsSync(blobPath(srv.dataDir, sha256(JPEG))), 'a post that raises nothing leaves nothing behind');
      assert.equal(flagOf('s2'), null);
      const f = flagOf('s1');
      assert.deepEqual([f.sha, f.mime, f.size], [sha256(PNG), 'image/png', PNG.length]);
      const audit = JSON.parse(sql(srv, "SELECT detail FROM audit_log WHERE action = 'screening.batch' ORDER BY id DESC LIMIT 1"));
      assert.deepEqual(audit.screenshots, [sha256(PNG)]);

      // The queue: a small lazy thumbnail with alt text, linking the full image.
      const page = (await queue()).text;
      const article = page.split(`id="flag-${f.id}"`)[1].split('</article>')[0];
      assert.match(article, new RegExp(`<a href="${shotUrl(f.id)}"[^>]*><img src="${shotUrl(f.id)}" alt="Tangkapan layar postingan facebook @andi\\.k \\(s1\\)" loading="lazy" width="160">`));
      assert.match(article, /image\/png/);
      assert.ok(article.includes(sha256(PNG).slice(0, 12)));
      const other = [...page.matchAll(/id="flag-(\d+)"/g)].map((m) => m[1]).find((id) => id !== f.id);
      assert.ok(other, 'another open flag');
      assert.doesNotMatch(page.split(`id="flag-${other}"`)[1].split('</article>')[0], /class="screenshot"/, 'no thumbnail without a screenshot');

      // The route: the stored bytes, type and safe headers, for reviewers of the flag's instansi.
      for (const client of [verifier, analyst, admin]) {
        const img = await request(base, 'GET', shotUrl(f.id), { cookie: client.cookie });
        expectStatus(img, 200, client.user.username);
        assert.ok(img.bytes.equals(PNG), 'identical bytes');
        assert.equal(img.headers.get('content-type'), 'image/png');
        assert.equal(img.headers.get('x-content-type-options'), 'nosniff');
        assert.match(img.headers.get('content-disposition'), /^inline; filename="tangkapan-layar-\d+\.png"$/);
        assert.match(img.headers.get('cache-control'), /^private\b/);
      }
      assert.equal((await request(base, 'GET', shotUrl(f.id), { cookie: examiner.cookie })).status, 403);
      const prov = await StaffClient.login(base, 't_prov', TEST_PASSWORD);
      assert.equal((await request(base, 'GET', shotUrl(f.id), { cookie: prov.cookie })).status, 404, "another instansi's flag");
      const anon = await request(base, 'GET', shotUrl(f.id));
      assert.equal(anon.status, 303);
      assert.equal(anon.headers.get('location'), '/staff/login');
      assert.equal((await request(base, 'GET', shotUrl(other), { cookie: verifier.cookie })).status, 404, 'a flag without one');
      assert.equal((await request(base, 'GET', shotUrl(999999), { cookie: verifier.cookie })).status, 404);
      assert.equal((await request(base, 'GET', '/staff/screening/abc/screenshot', { cookie: verifier.cookie })).status, 404);
    });

    test('screenshots: a post pushed again gets one only while its flag is open and has none', async () => {
      expectStatus(await push(analyst, jsonl([partisan('s3')])), 200);
      assert.equal(flagOf('s3').sha, '-');
      const again = await push(null, JSON.stringify([{ ...partisan('s3'), screenshot: b64(JPEG) }]), { Authorization: `Bearer ${TOKEN}` });
      expectStatus(again, 200);
      assert.equal(again.json.new_flags, 0);
      assert.equal(again.json.screenshots, 1);
      assert.deepEqual([flagOf('s3').sha, flagOf('s3').mime], [sha256(JPEG), 'image/jpeg']);
      // The first screenshot stays; the other image is not stored.
      const third = await push(analyst, jsonl([{ ...partisan('s3'), screenshot: b64(JPEG2) }]));
      assert.equal(third.json.screenshots, 0);
      assert.equal(flagOf('s3').sha, sha256(JPEG));
      assert.ok(!existsSync(blobPath(srv.dataDir, sha256(JPEG2))), 'an image no flag records is not kept');
    });

    test('screenshots: bad base64, a PDF, plain text, too large: 422 naming each post, nothing stored', async () => {
      const before = blobFiles(srv.dataDir);
      const flagsBefore = sql(srv, 'SELECT COUNT(*) FROM screening_flags');
      const body = [
        JSON.stringify({ ...partisan('bad1'), screenshot: 'bukan base64!!' }),
        JSON.stringify({ ...partisan('bad2'), screenshot: b64(PDF) }),
        JSON.stringify({ ...partisan('bad3'), screenshot: b64('Pak Bambang calon bupati terbaik, hanya teks.\n') }),
        JSON.stringify({ ...partisan('ok1'), screenshot: b64(PNG) }),
        JSON.stringify({ ...partisan('bad4'), screenshot: `data:image/png;base64,${b64(PNG)}` }),
        JSON.stringify({ ...partisan('bad5'), screenshot: b64(PNG).replace(/=+$/, '') + '\n' }),
        // The key spelled with a JSON escape is the same key.
        JSON.stringify({ ...partisan('bad6') }).replace(/}$/, ',"\\u0073creenshot":"%%%"}'),
        JSON.stringify({ ...partisan('bad7'), screenshot: b64(jpegOfSize(5 * 1024 * 1024 + 10)) }),
      ].join('\n');
      const res = await push(analyst, body);
      const err = expectError(res, 422, 'invalid_posts');
      assert.deepEqual(err.lines.map((l) => [l.line, l.field, l.code]), [
        [1, 'screenshot', 'invalid_screenshot'],
        [2, 'screenshot', 'unsupported_screenshot_type'],
        [3, 'screenshot', 'unsupported_screenshot_type'],
        [5, 'screenshot', 'invalid_screenshot'],
        [6, 'screenshot', 'invalid_screenshot'],
        [7, 'screenshot', 'invalid_screenshot'],
        [8, 'screenshot', 'screenshot_too_large'],
      ]);
      assert.match(err.lines[1].detail, /PNG, JPEG atau WebP/);
      assert.match(err.lines[1].detail, /PNG, JPEG or WebP/);
      assert.match(err.lines[1].detail, /application\/pdf/);
      assert.match(err.lines[2].detail, /text\/plain/);
      assert.match(err.lines[0].detail, /base64/);
      assert.match(err.lines[6].detail, /5 MB/);
      // The same in an array: positions, and a screenshot that is not a string.
      const arr = await push(null, JSON.stringify([{ ...partisan('bad8'), screenshot: 42 }, { ...partisan('ok2'), screenshot: b64(PNG) }, { ...partisan('bad9'), screenshot: b64(PDF) }]), { Authorization: `Bearer ${TOKEN}` });
      assert.deepEqual(expectError(arr, 422, 'invalid_posts').lines.map((l) => [l.line, l.code]), [[1, 'invalid_screenshot'], [3, 'unsupported_screenshot_type']]);
      // Nothing of either batch stored: no flag, no blob.
      assert.equal(sql(srv, 'SELECT COUNT(*) FROM screening_flags'), flagsBefore);
      assert.equal(flagOf('ok1'), null);
      assert.deepEqual(blobFiles(srv.dataDir), before);
      // A null screenshot is no screenshot.
      const none = await push(analyst, jsonl([{ ...partisan('s4'), screenshot: null }]));
      expectStatus(none, 200);
      assert.equal(none.json.screenshots, 0);
      assert.equal(flagOf('s4').sha, '-');
    });

    test("open a case from a flag with the collector's screenshot: evidence holds the PDF and the image with its SHA-256", async () => {
      const f = flagOf('s1');
      const res = await request(base, 'POST', `/staff/screening/${f.id}/case`, form(analyst, {}));
      assert.equal(res.status, 303, res.text.slice(0, 300));
      const number = openedNumber(res);
      const { id: caseId, evidence } = await caseEvidence(number);
      assert.deepEqual(evidence.map((e) => e.mime).sort(), ['application/pdf', 'image/png']);
      const shot = evidence.find((e) => e.mime === 'image/png');
      assert.equal(shot.sha256, sha256(PNG));
      assert.equal(shot.size, PNG.length);
      const bytes = await request(base, 'GET', `/api/v1/evidence/${shot.id}`, { cookie: admin.cookie });
      expectStatus(bytes, 200);
      assert.ok(bytes.bytes.equals(PNG), 'the evidence downloads identical');
      // Listed on the case page like any other evidence, with its name for staff.
      const casePage = await request(base, 'GET', `/staff/cases/${caseId}`, { cookie: admin.cookie });
      expectStatus(casePage, 200);
      assert.match(casePage.text, new RegExp(`/staff/evidence/${shot.id}`));
      assert.equal(sql(srv, `SELECT original_name FROM evidence WHERE id = ${shot.id}`), 'tangkapan-layar-facebook-s1.png');
      // The PDF names the screenshot by its hash; the audit entry names both.
      const pdf = evidence.find((e) => e.mime === 'application/pdf');
      const pdfBytes = (await request(base, 'GET', `/api/v1/evidence/${pdf.id}`, { cookie: admin.cookie })).text;
      assert.ok(pdfBytes.includes(sha256(PNG).slice(0, 40)), 'the post document names the screenshot');
      const detail = JSON.parse(sql(srv, "SELECT detail FROM audit_log WHERE action = 'screening.open_case' ORDER BY id DESC LIMIT 1"));
      assert.equal(detail.case_number, number);
      assert.equal(detail.sha256, pdf.sha256);
      assert.deepEqual(detail.screenshots, [{ source: 'collector', sha256: sha256(PNG), mime: 'image/png', size: PNG.length }]);
      // The flag's screenshot is still served on the queue (confirmed).
      expectStatus(await request(base, 'GET', shotUrl(f.id), { cookie: verifier.cookie }), 200);
    });

    test("the reviewer's screenshot on the open-case form: a PDF or text is refused on the queue, nothing changed; an image becomes evidence", async () => {
      expectStatus(await push(analyst, jsonl([partisan('r1'), partisan('r2')])), 200);
      const f = flagOf('r1');
      // The form: multipart, with a labelled file input for images.
      const page = (await queue()).text;
      const article = page.split(`id="flag-${f.id}"`)[1].split('</article>')[0];
      assert.match(article, new RegExp(`<form method="post" action="/staff/screening/${f.id}/case" enctype="multipart/form-data"`));
      assert.match(article, new RegExp(`<label for="shot-${f.id}">`));
      assert.match(article, new RegExp(`<input type="file" id="shot-${f.id}" name="screenshot" accept="image/png,image/jpeg,image/webp"`));

      const casesBefore = await admin.totalCases();
      const blobsBefore = blobFiles(srv.dataDir);
      for (const [file, type] of [
        [{ name: 'screenshot', filename: 'bukti.png', contentType: 'image/png', data: PDF }, 'application/pdf'],
        [{ name: 'screenshot', filename: 'catatan.jpg', contentType: 'image/jpeg', data: 'hanya teks, bukan gambar\n' }, 'text/plain'],
      ]) {
        const bad = await caseForm(verifier, f.id, file);
        assert.equal(bad.status, 415, bad.text.slice(0, 300));
        assert.match(bad.text, /role="alert" id="case-error"/);
        assert.match(bad.text, /Perkara belum dibuka; tidak ada yang berubah\./);
        assert.match(bad.text, /harus berupa gambar PNG, JPEG atau WebP/);
        assert.ok(bad.text.includes(type), `the sniffed type ${type} is named`);
        assert.match(bad.text, new RegExp(`id="shot-${f.id}"[^>]*aria-invalid="true"`));
        assert.match(bad.text, new RegExp(`id="flag-${f.id}"`), 'the flag is still in the open queue');
      }
      const en = await postMultipart(base, `/staff/screening/${f.id}/case?lang=en`, [{ name: 'csrf', data: verifier.csrf }, { name: 'screenshot', filename: 'x.png', data: PDF }], { cookie: verifier.cookie });
      assert.equal(en.status, 415);
      assert.match(en.text, /must be a PNG, JPEG or WebP image/);
      // Over 5 MB: refused while it streams in.
      const big = await caseForm(verifier, f.id, { name: 'screenshot', filename: 'besar.jpg', contentType: 'image/jpeg', data: jpegOfSize(5 * 1024 * 1024 + 1024) });
      assert.equal(big.status, 413);
      // CSRF is checked on the multipart form too.
      const noCsrf = await postMultipart(base, `/staff/screening/${f.id}/case`, [{ name: 'screenshot', filename: 'a.jpg', data: JPEG2 }], { cookie: verifier.cookie });
      assert.equal(noCsrf.status, 403);
      assert.equal(await admin.totalCases(), casesBefore, 'no case opened');
      assert.equal(flagOf('r1').status, 'open');
      assert.deepEqual(blobFiles(srv.dataDir), blobsBefore, 'nothing stored');

      // A JPEG: the case opens with the PDF and the reviewer's image.
      const ok = await caseForm(verifier, f.id, { name: 'screenshot', filename: 'C:\\Users\\x\\tangkapan.jpg', contentType: 'application/octet-stream', data: JPEG2 });
      assert.equal(ok.status, 303, ok.text.slice(0, 300));
      const { evidence } = await caseEvidence(openedNumber(ok));
      assert.deepEqual(evidence.map((e) => e.mime).sort(), ['application/pdf', 'image/jpeg']);
      const shot = evidence.find((e) => e.mime === 'image/jpeg');
      assert.equal(shot.sha256, sha256(JPEG2));
      assert.ok((await request(base, 'GET', `/api/v1/evidence/${shot.id}`, { cookie: admin.cookie })).bytes.equals(JPEG2));
      assert.equal(sql(srv, `SELECT original_name FROM evidence WHERE id = ${shot.id}`), 'tangkapan-layar-peninjau-facebook-r1.jpg');
      const detail = JSON.parse(sql(srv, "SELECT detail FROM audit_log WHERE action = 'screening.open_case' ORDER BY id DESC LIMIT 1"));
      assert.deepEqual(detail.screenshots, [{ source: 'reviewer', sha256: sha256(JPEG2), mime: 'image/jpeg', size: JPEG2.length }]);
      assert.equal(flagOf('r1').status, 'confirmed');

      // No file chosen (a browser's empty file input): a case with the PDF alone, as before.
      const r2 = flagOf('r2');
      const plain = await caseForm(verifier, r2.id, { name: 'screenshot', filename: '', contentType: 'application/octet-stream', data: '' });
      assert.equal(plain.status, 303, plain.text.slice(0, 300));
      assert.deepEqual((await caseEvidence(openedNumber(plain))).evidence.map((e) => e.mime), ['application/pdf']);
    });

    test('reviewed.jsonl: exactly the reviewed flags the user may see, labelled; linked from the queue; reviewers only', async () => {
      // A flag of the province (19): its admin links an account there, the post is flagged and dismissed.
      const provAdmin = await StaffClient.login(base, 't_prov_admin', TEST_PASSWORD);
      const provNip = sql(srv, "SELECT e.nip FROM employees e JOIN instansi i ON i.id = e.instansi_id WHERE i.code = '19' AND e.nip <> '' ORDER BY e.id LIMIT 1");
      expectStatus(await request(base, 'POST', '/staff/screening/accounts', form(provAdmin, { platform: 'facebook', account: 'pegawai.prov', nip: provNip })), 200);
      expectStatus(await push(analyst, jsonl([partisan('prov1', 'pegawai.prov'), partisan('open1')])), 200);
      const prov1 = flagOf('prov1');
      assert.equal((await request(base, 'POST', `/staff/screening/${prov1.id}/dismiss`, form(verifier, { reason: 'x' }))).status, 404, "another instansi's flag");
      assert.equal((await request(base, 'POST', `/staff/screening/${prov1.id}/dismiss`, form(provAdmin, { reason: 'Akun pribadi keluarga' }))).status, 303);

      const instansi = sql(srv, "SELECT id FROM instansi WHERE code = '19.03'");
      const expected = (inst) => sql(srv, `SELECT id, status FROM screening_flags WHERE status IN ('dismissed', 'confirmed') AND (instansi_id = ${inst} OR instansi_id IS NULL) ORDER BY id`)
        .split('\n').filter(Boolean).map((r) => r.split('|')).map(([id, status]) => [Number(id), status]);
      const exportOf = async (client) => {
        const res = await request(base, 'GET', '/staff/screening/reviewed.jsonl', { cookie: client.cookie });
        expectStatus(res, 200, client.user.username);
        assert.match(res.headers.get('content-type'), /^application\/x-ndjson; charset=utf-8/);
        assert.match(res.headers.get('content-disposition'), /^attachment; filename="[^"]+\.jsonl"$/);
        assert.ok(res.text === '' || res.text.endsWith('\n'));
        return res.text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
      };
      const lines = await exportOf(verifier);
      const want = expected(instansi);
      assert.ok(want.some(([, s]) => s === 'dismissed') && want.some(([, s]) => s === 'confirmed'), 'both labels present');
      assert.deepEqual(lines.map((l) => [l.id, l.label]), want, 'every reviewed flag of 19.03 and unlinked accounts, in id order, labelled');
      assert.ok(!lines.some((l) => l.id === prov1.id), "not another instansi's");
      assert.ok(!lines.some((l) => l.id === Number(flagOf('open1').id)), 'not an open flag');
      for (const l of lines) {
        for (const key of ['id', 'election', 'post_id', 'platform', 'account', 'candidate', 'stance', 'conduct', 'score', 'spans', 'terms', 'label', 'reason', 'reviewed_at', 'case_number'])
          assert.ok(key in l, `${key} in ${JSON.stringify(l).slice(0, 200)}`);
        assert.equal(l.election, 'pilbup-sungai-kenanga-2024');
        assert.match(l.reviewed_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        assert.ok(Array.isArray(l.conduct) && l.conduct.includes('social_media'));
        assert.ok(l.terms.length > 0 && l.spans.every((sp) => l.terms.includes(sp.term)));
        if (l.label === 'confirmed') assert.match(l.case_number, /^19\.03-\d{4}-\d{5}$/);
        else {
          assert.equal(l.case_number, null);
          assert.ok(l.reason.length > 0);
        }
        // No employee identity: neither NIP nor name, nor the reviewer.
        for (const key of ['nip', 'employee', 'employee_name', 'reviewer', 'reviewer_name']) assert.ok(!(key in l), key);
      }
      const text = JSON.stringify(lines);
      assert.ok(!text.includes(nip), 'no NIP anywhere in the export');
      assert.ok(lines.some((l) => l.reason === 'Akun bukan milik pegawai'));
      const s1 = lines.find((l) => l.post_id === 's1');
      assert.equal(s1.screenshot_sha256, sha256(PNG));
      assert.equal(s1.linked, true);
      // The province's admin sees its own and the unlinked accounts' reviewed flags, not 19.03's.
      const provInstansi = sql(srv, "SELECT id FROM instansi WHERE code = '19'");
      assert.deepEqual((await exportOf(provAdmin)).map((l) => [l.id, l.label]), expected(provInstansi));
      assert.ok((await exportOf(provAdmin)).some((l) => l.id === Number(prov1.id) && l.label === 'dismissed' && l.reason === 'Akun pribadi keluarga'));
      // Analysts and admins too; audited.
      assert.equal((await exportOf(analyst)).length, lines.length);
      assert.equal((await exportOf(admin)).length, lines.length);
      assert.ok(auditActions('screening.export').includes('screening.export_reviewed'));
      // Linked from the queue beside the precision figure.
      assert.match((await queue()).text, /<p id="precision">[\s\S]*?<\/p>\s*<p id="export"><a href="\/staff\/screening\/reviewed\.jsonl"/);
      // Other roles 403; visitors to the login page.
      assert.equal((await request(base, 'GET', '/staff/screening/reviewed.jsonl', { cookie: examiner.cookie })).status, 403);
      const anon = await request(base, 'GET', '/staff/screening/reviewed.jsonl');
      assert.equal(anon.status, 303);
      assert.equal(anon.headers.get('location'), '/staff/login');
    });

    // ---- managing elections and accounts -----------------------------------------------
    const adminPage = async (client = admin) => request(base, 'GET', '/staff/screening/admin', { cookie: client.cookie });
    const electionRows = (html) => [...html.matchAll(/<tr class="election"><td><a href="[^"]*">([^<]+)</g)].map((m) => m[1]).sort();
    const upload = (client, path, parts) =>
      postMultipart(base, path, [{ name: 'csrf', data: client.csrf }, ...parts], { cookie: client.cookie });
    const electionPage = (code, client = admin) => request(base, 'GET', `/staff/screening/elections/${code}`, { cookie: client.cookie });
    const download = (code, client = admin) => request(base, 'GET', `/staff/screening/elections/${code}.toml`, { cookie: client.cookie });
    const saveForm = (code, fields, client = admin) =>
      request(base, 'POST', `/staff/screening/elections/${code}`, {
        body: fields.toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        cookie: client.cookie,
      });
    const pushTo = (code, posts) =>
      request(base, 'POST', `/api/v1/screening/posts?election=${code}`, {
        body: jsonl(posts),
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': analyst.csrf },
        cookie: analyst.cookie,
      });
    const post = (id, text) => ({ platform: 'x', account: 'warga.uji', post_id: id, kind: 'post', text });
    const candidateOf = (code, postId) =>
      sql(srv, `SELECT f.candidate FROM screening_flags f JOIN elections e ON e.id = f.election_id WHERE e.code = '${code}' AND f.post_id = '${postId}'`);
    const auditActions = (prefix) => sql(srv, `SELECT action FROM audit_log WHERE action LIKE '${prefix}%' ORDER BY id`).split('\n').filter(Boolean);

    test('election upload: a .toml file imports; a bad file is 422 naming file:line, kept, nothing changed', async () => {
      const before = electionRows((await adminPage()).text);
      assert.deepEqual(before, ['pilbup-sungai-kenanga-2024']);
      // A mistake on line 6 of the uploaded file: the error names the file, the line and the field.
      const broken = CITY.replace('voting_date = 2024-11-27', 'voting_date = "27 November 2024"');
      const bad = await upload(admin, '/staff/screening/elections', [{ name: 'file', filename: 'wali-kota.toml', contentType: 'application/toml', data: broken }]);
      assert.equal(bad.status, 422, bad.text.slice(0, 300));
      assert.match(bad.text, /id="form-error"[^>]*role="alert"|role="alert" id="form-error"/);
      assert.match(bad.text, /Berkas pemilihan tidak valid/);
      assert.match(decodeEntities(bad.text), /wali-kota\.toml:6: election\.voting_date: harus tanggal TOML/);
      assert.deepEqual(electionRows(bad.text), before, 'a bad file must not be stored');
      assert.ok(decodeEntities(bad.text).includes('voting_date = "27 November 2024"'), 'the uploaded text is kept in the form');
      // TOML syntax: the line too.
      const syntax = await upload(admin, '/staff/screening/elections', [{ name: 'file', filename: 'rusak.toml', data: '[election]\nid = "x"\nname = \n' }]);
      assert.equal(syntax.status, 422);
      assert.match(decodeEntities(syntax.text), /rusak\.toml:3: TOML tidak valid/);
      // Not text at all: 415 with its own message; nothing stored.
      const binary = await upload(admin, '/staff/screening/elections', [{ name: 'file', filename: 'foto.toml', contentType: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]) }]);
      assert.equal(binary.status, 415, binary.text.slice(0, 300));
      assert.match(binary.text, /harus berupa teks TOML/);
      // Neither a file nor a paste.
      const empty = await upload(admin, '/staff/screening/elections', [{ name: 'election', data: '  \n' }]);
      assert.equal(empty.status, 422);
      assert.match(empty.text, /Pilih berkas pemilihan atau tempel isinya/);
      // Larger than the 2 MiB an election may be: refused before the handler.
      const big = await upload(admin, '/staff/screening/elections', [{ name: 'file', filename: 'besar.toml', data: CITY + '#'.repeat(2 * 1024 * 1024) }]);
      assert.equal(big.status, 413);
      // Admins only, CSRF checked.
      const denied = await upload(analyst, '/staff/screening/elections', [{ name: 'file', filename: 'wali-kota.toml', data: CITY }]);
      assert.equal(denied.status, 403);
      const noCsrf = await postMultipart(base, '/staff/screening/elections', [{ name: 'file', filename: 'wali-kota.toml', data: CITY }], { cookie: admin.cookie });
      assert.equal(noCsrf.status, 403);
      assert.deepEqual(electionRows((await adminPage()).text), before);
      // The good file, with a byte-order mark as Windows editors write it.
      const ok = await upload(admin, '/staff/screening/elections', [{ name: 'file', filename: 'wali-kota.toml', contentType: 'application/octet-stream', data: '\ufeff' + CITY }]);
      expectStatus(ok, 200);
      assert.match(ok.text, new RegExp(`Tersimpan: ${CITY_CODE}`));
      assert.deepEqual(electionRows(ok.text), [CITY_CODE, 'pilbup-sungai-kenanga-2024'].sort());
      assert.ok(auditActions('election.').includes('election.import'));
    });

    test('an election belongs to its region: another government\'s is refused (403) and never listed', async () => {
      const before = electionRows((await adminPage()).text);
      // A Pilwalkot of Pangkal Pinang (19.71), uploaded by the admin of Bangka Selatan (19.03).
      const foreign = CITY.replace(`id = "${CITY_CODE}"`, 'id = "pilwalkot-lain-2024"').replace('region = "19.03"', 'region = "19.71"');
      const r = await upload(admin, '/staff/screening/elections', [{ name: 'file', filename: 'lain.toml', data: foreign }]);
      assert.equal(r.status, 403, r.text.slice(0, 300));
      assert.match(decodeEntities(r.text), /milik pemerintah daerah lain/);
      assert.deepEqual(electionRows((await adminPage()).text), before);
      // Stored behind the admin's back (another government's admin imported it): not listed,
      // its page not found, and it cannot be replaced under the same id.
      sql(srv, "INSERT INTO elections (code, name, region, voting_date, source, imported_by, imported_at) VALUES ('pilgub-lain-2024', 'Pilgub Lain', '21', '2024-11-27', '', 'user:999', 0)");
      assert.deepEqual(electionRows((await adminPage()).text), before);
      const page = await request(base, 'GET', '/staff/screening/elections/pilgub-lain-2024', { cookie: admin.cookie });
      assert.equal(page.status, 404);
      const replace = CITY.replace(`id = "${CITY_CODE}"`, 'id = "pilgub-lain-2024"');
      const again = await upload(admin, '/staff/screening/elections', [{ name: 'file', filename: 'ganti.toml', data: replace }]);
      assert.equal(again.status, 403);
      sql(srv, "DELETE FROM elections WHERE code = 'pilgub-lain-2024'");
    });

    test('election page: the election and its pairs, linked from the admin page', async () => {
      assert.match((await adminPage()).text, new RegExp(`<a href="/staff/screening/elections/${CITY_CODE}">${CITY_CODE}</a>`));
      const res = await electionPage(CITY_CODE);
      expectStatus(res, 200);
      const text = decodeEntities(res.text);
      assert.match(text, /<h1>Pemilihan Wali Kota Uji 2024<\/h1>/);
      assert.match(text, /id="election-region">19\.03</);
      assert.match(text, /id="election-voting-date">2024-11-27</);
      assert.match(text, /id="election-campaign">2024-09-25 – 2024-11-23</);
      assert.match(text, /id="flag-count">0</);
      for (const n of [1, 2, 3]) assert.match(text, new RegExp(`id="pair-${n}"`));
      assert.match(text, /Dewi "Ayu" Lestari/);
      assert.match(text, /class="f-hashtags">#ZumaJuara</);
      assert.match(text, /Kota Uji Bercahaya — Maju Terus/);
      // The editor: one fieldset per pair and an empty one for a new pair, labelled controls.
      const fields = formFields(res.text, 'election-form');
      assert.equal(fields.get('pairs'), '4');
      assert.equal(fields.get('p0_nicknames'), 'ZUMA');
      assert.equal(fields.get('p1_names'), 'Teuku Rahmat Saleh\nDewi "Ayu" Lestari');
      assert.equal(fields.get('p3_new'), '1');
      assert.equal(fields.get('p3_names'), '');
      for (const id of ['el-name', 'el-voting_date', 'p0-number', 'p0-nicknames', 'p3-names', 'p0-remove'])
        assert.match(res.text, new RegExp(`<label[^>]*for="${id}"`), `label for ${id}`);
      assert.match(res.text, /<fieldset class="pair-edit" id="p0">\s*<legend>Pasangan calon nomor 1<\/legend>/);
      expectStatus(await electionPage('tidak-ada'), 404);
    });

    test('editor: a nickname changed, a pair added, a pair removed; the next screening uses the new lexicon', async () => {
      // Before: the new nickname means nothing, pair 3 is matched.
      expectStatus(await pushTo(CITY_CODE, [post('e1', 'Bang Zul pilihan terbaik, ayo coblos!'), post('e2', 'YOSRI pasti menang, dukung terus!')]), 200);
      assert.equal(candidateOf(CITY_CODE, 'e1'), '');
      assert.equal(candidateOf(CITY_CODE, 'e2'), '3');
      const fields = formFields((await electionPage(CITY_CODE)).text, 'election-form');
      fields.set('p0_nicknames', 'ZUMA\nBang Zul');
      fields.set('p2_remove', '1');
      fields.set('p3_number', '4');
      fields.set('p3_names', 'Agus Salim Pratama\nRina Kartika');
      fields.set('p3_nicknames', 'AGUSRINA');
      fields.set('p3_hashtags', '#AgusRinaMenang');
      fields.set('name', 'Pemilihan Wali Kota Uji 2024 (perubahan)');
      const saved = await saveForm(CITY_CODE, fields);
      assert.equal(saved.status, 303, saved.text.slice(0, 400));
      assert.equal(saved.headers.get('location'), `/staff/screening/elections/${CITY_CODE}?saved=1`);
      const page = await request(base, 'GET', saved.headers.get('location'), { cookie: admin.cookie });
      expectStatus(page, 200);
      assert.match(page.text, /id="notice"/);
      assert.match(page.text, /<h1>Pemilihan Wali Kota Uji 2024 \(perubahan\)<\/h1>/);
      assert.match(page.text, /id="pair-4"/);
      assert.doesNotMatch(page.text, /id="pair-3"/);
      assert.match(decodeEntities(page.text), /class="f-nicknames">ZUMA · Bang Zul</);
      // Screening at once with the new lexicon (the same second as the import: the cache
      // must not keep the old one).
      const after = await pushTo(CITY_CODE, [post('e3', 'Bang Zul pilihan terbaik, ayo coblos!'), post('e4', 'AGUSRINA menang! dukung terus'), post('e5', 'YOSRI pasti menang, dukung terus!')]);
      expectStatus(after, 200);
      assert.equal(candidateOf(CITY_CODE, 'e3'), '1', 'the new nickname flags pair 1');
      assert.equal(candidateOf(CITY_CODE, 'e4'), '4', 'the new pair is matched');
      assert.equal(candidateOf(CITY_CODE, 'e5'), '', 'the removed pair is not');
      // Stored as the written file; audited like an import.
      const file = (await download(CITY_CODE)).text;
      assert.match(file, /nicknames = \["ZUMA", "Bang Zul"\]/);
      assert.match(file, /names = \["Teuku Rahmat Saleh", "Dewi \\"Ayu\\" Lestari"\]/);
      assert.doesNotMatch(file, /YOSRI/);
      const detail = JSON.parse(sql(srv, "SELECT detail FROM audit_log WHERE action = 'election.edit' ORDER BY id DESC LIMIT 1"));
      assert.equal(detail.code, CITY_CODE);
      assert.equal(detail.candidates, 3);
      assert.match(detail.sha256, /^[0-9a-f]{64}$/);
      assert.notEqual(detail.sha256, detail.previous_sha256);
    });

    test('editor: invalid input comes back kept with the error (422), nothing changed', async () => {
      const html = (await electionPage(CITY_CODE)).text;
      const fileBefore = (await download(CITY_CODE)).text;
      const fields = formFields(html, 'election-form');
      fields.set('name', 'Nama yang tidak tersimpan');
      fields.set('p1_hashtags', '#RadewiJuara\nTanpaPagar');
      const bad = await saveForm(CITY_CODE, fields);
      assert.equal(bad.status, 422, bad.text.slice(0, 300));
      assert.match(bad.text, /role="alert" id="form-error"/);
      assert.match(bad.text, /Isian pemilihan tidak valid; tidak ada yang disimpan/);
      assert.match(decodeEntities(bad.text), /Pasangan calon nomor 2 · Tagar \(diawali #\): harus diawali #/);
      assert.match(bad.text, /<textarea id="p1-hashtags"[^>]*aria-invalid="true"[^>]*>#RadewiJuara\nTanpaPagar<\/textarea>/);
      assert.match(bad.text, /<a href="#p1-hashtags">/);
      const kept = formFields(bad.text, 'election-form');
      assert.equal(kept.get('name'), 'Nama yang tidak tersimpan', 'input kept');
      assert.equal(kept.get('p0_nicknames'), 'ZUMA\nBang Zul');
      // Other rules of the file format, through the same parser.
      const cases = [
        ['voting_date', '2024-02-30', 'el-voting_date', /Hari pemungutan suara: harus tanggal TOML/],
        ['p0_number', 'satu', 'p0-number', /Pasangan calon nomor satu · Nomor urut \(1-99\): harus bilangan 1-99/],
        ['p1_number', '1', 'p1-number', /nomor urut ganda/],
        ['p0_names', '  \n ', 'p0-names', /minimal satu nama/],
        ['campaign_end', '2024-01-01', 'el-campaign_end', /sebelum campaign_start/],
      ];
      for (const [field, value, control, message] of cases) {
        const f = formFields(html, 'election-form');
        f.set(field, value);
        const r = await saveForm(CITY_CODE, f);
        assert.equal(r.status, 422, `${field}=${value}: ${r.status}`);
        assert.match(decodeEntities(r.text), message, `${field}=${value}`);
        assert.match(r.text, new RegExp(`id="${control}"[^>]*aria-invalid="true"`), `${control} marked`);
      }
      // Every pair removed: the file needs one.
      const none = formFields(html, 'election-form');
      for (const i of [0, 1, 2]) none.set(`p${i}_remove`, '1');
      const noPairs = await saveForm(CITY_CODE, none);
      assert.equal(noPairs.status, 422);
      assert.match(decodeEntities(noPairs.text), /Pasangan calon: minimal satu \[\[candidate\]\]/);
      // A form made before someone else's save: nothing saved, 409, input kept.
      const stale = formFields(html, 'election-form');
      stale.set('version', '0'.repeat(64));
      stale.set('name', 'Perubahan yang terlambat');
      const conflict = await saveForm(CITY_CODE, stale);
      assert.equal(conflict.status, 409);
      assert.match(conflict.text, /diubah orang lain/);
      assert.equal(formFields(conflict.text, 'election-form').get('name'), 'Perubahan yang terlambat');
      // Admins only, CSRF checked.
      assert.equal((await saveForm(CITY_CODE, formFields(html, 'election-form'), analyst)).status, 403);
      const noCsrf = formFields(html, 'election-form');
      noCsrf.delete('csrf');
      assert.equal((await saveForm(CITY_CODE, noCsrf)).status, 403);
      // Nothing changed.
      assert.equal((await download(CITY_CODE)).text, fileBefore);
      assert.match((await electionPage(CITY_CODE)).text, /<h1>Pemilihan Wali Kota Uji 2024 \(perubahan\)<\/h1>/);
    });

    test('download: the file as stored, as an attachment; it re-imports to the same election', async () => {
      // The sample was imported by paste: the download is that text, comments and all.
      const sample = await download('pilbup-sungai-kenanga-2024');
      expectStatus(sample, 200);
      assert.match(sample.headers.get('content-type'), /^application\/toml; charset=utf-8/);
      assert.equal(sample.headers.get('content-disposition'), 'attachment; filename="pilbup-sungai-kenanga-2024.toml"');
      assert.equal(sample.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(sample.text, ELECTION);
      // The edited one: download, import the file again, same election, same file.
      const pageBefore = (await electionPage(CITY_CODE)).text;
      const pairsOf = (html) => html.slice(html.indexOf('id="pairs-h"'), html.indexOf('id="edit-h"'));
      const first = await download(CITY_CODE);
      const again = await upload(admin, '/staff/screening/elections', [{ name: 'file', filename: `${CITY_CODE}.toml`, data: first.bytes }]);
      expectStatus(again, 200);
      assert.equal((await download(CITY_CODE)).text, first.text);
      assert.equal(pairsOf((await electionPage(CITY_CODE)).text), pairsOf(pageBefore));
      // Exchanged with another region under another id: a second election with the same pairs.
      const copy = first.text.replace(`id = "${CITY_CODE}"`, 'id = "pilwalkot-uji-2024-salinan"');
      expectStatus(await upload(admin, '/staff/screening/elections', [{ name: 'election', data: copy }]), 200);
      assert.equal(pairsOf((await electionPage('pilwalkot-uji-2024-salinan')).text), pairsOf(pageBefore));
      expectStatus(await download('tidak-ada'), 404);
      assert.equal((await download(CITY_CODE, analyst)).status, 403);
    });

    test('removal: confirmation needed; refused while flags exist; otherwise removed and audited', async () => {
      const removeIt = (code, fields, client = admin) =>
        request(base, 'POST', `/staff/screening/elections/${code}/remove`, form(client, fields));
      // Flags were raised against the sample and the city election: they stay, and so do their elections.
      const flagged = await electionPage(CITY_CODE);
      assert.match(flagged.text, /id="remove-refused"/);
      assert.doesNotMatch(flagged.text, /id="remove-form"/);
      const refused = await removeIt(CITY_CODE, { confirm: '1' });
      assert.equal(refused.status, 409);
      assert.match(refused.text, /tidak dapat dihapus/);
      assert.match(decodeEntities(refused.text), /Tanda penyaringan: \d+/);
      assert.equal((await removeIt('pilbup-sungai-kenanga-2024', { confirm: '1' })).status, 409);
      // The copy has none: the page offers removal; without the tick nothing happens.
      const code = 'pilwalkot-uji-2024-salinan';
      assert.match((await electionPage(code)).text, /id="remove-form"/);
      const unconfirmed = await removeIt(code, {});
      assert.equal(unconfirmed.status, 422);
      assert.match(unconfirmed.text, /Centang konfirmasi/);
      assert.equal((await removeIt(code, { confirm: '1' }, analyst)).status, 403);
      const noCsrf = await request(base, 'POST', `/staff/screening/elections/${code}/remove`, {
        ...form(admin, {}),
        body: new URLSearchParams({ confirm: '1' }).toString(),
      });
      assert.equal(noCsrf.status, 403);
      expectStatus(await electionPage(code), 200);
      const gone = await removeIt(code, { confirm: '1' });
      assert.equal(gone.status, 303, gone.text.slice(0, 300));
      assert.equal(gone.headers.get('location'), `/staff/screening/admin?removed=${code}`);
      const list = await request(base, 'GET', gone.headers.get('location'), { cookie: admin.cookie });
      assert.match(list.text, /Pemilihan dihapus: pilwalkot-uji-2024-salinan/);
      assert.deepEqual(electionRows(list.text), [CITY_CODE, 'pilbup-sungai-kenanga-2024'].sort());
      expectStatus(await electionPage(code), 404);
      assert.equal((await removeIt(code, { confirm: '1' })).status, 404);
      const detail = JSON.parse(sql(srv, "SELECT detail FROM audit_log WHERE action = 'election.remove' ORDER BY id DESC LIMIT 1"));
      assert.equal(detail.code, code);
      assert.match(detail.sha256, /^[0-9a-f]{64}$/);
      // The flags of the city election are all still there.
      assert.equal(sql(srv, `SELECT COUNT(*) FROM screening_flags f JOIN elections e ON e.id = f.election_id WHERE e.code = '${CITY_CODE}'`), '3');
    });

    test('accounts: CSV upload (all or nothing, errors by file and line) and unlink (audited, flags kept)', async () => {
      const [, second, third] = someNips(srv, 3);
      assert.ok(second && third, 'three roster NIPs');
      const accountRows = (html) => [...html.matchAll(/<tr class="account"><td>([^<]+)<\/td><td>@([^<]+)</g)].map((m) => `${m[1]}:${m[2]}`).sort();
      const before = accountRows((await adminPage()).text);
      const badCsv = `platform,account,nip\ninstagram,budi.uji,${second}\ntiktok,citra uji,${third}\n`;
      const bad = await upload(admin, '/staff/screening/accounts/import', [{ name: 'file', filename: 'akun.csv', contentType: 'text/csv', data: badCsv }]);
      assert.equal(bad.status, 422);
      assert.match(bad.text, /akun\.csv: line 3: account/);
      assert.ok(decodeEntities(bad.text).includes(`tiktok,citra uji,${third}`), 'the uploaded list is kept in the form');
      assert.deepEqual(accountRows(bad.text), before, 'all or nothing');
      const binary = await upload(admin, '/staff/screening/accounts/import', [{ name: 'file', filename: 'akun.xlsx', data: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]) }]);
      assert.equal(binary.status, 415);
      assert.match(binary.text, /Daftar akun harus berupa teks CSV/);
      assert.equal((await upload(verifier, '/staff/screening/accounts/import', [{ name: 'file', filename: 'akun.csv', data: badCsv }])).status, 403);
      const ok = await upload(admin, '/staff/screening/accounts/import', [{ name: 'file', filename: 'akun.csv', data: `platform,account,nip\r\ninstagram,@Budi.Uji,${second}\r\ntiktok,citra_uji,${third}\r\n` }]);
      expectStatus(ok, 200);
      assert.match(ok.text, /Tersimpan: 2/);
      assert.deepEqual(accountRows(ok.text), [...before, 'instagram:budi.uji', 'tiktok:citra_uji'].sort());

      // Unlink the account whose flag became a case: the link goes, the flag keeps its employee.
      const page = (await adminPage()).text;
      const id = /<tr class="account"><td>facebook<\/td><td>@andi\.k<\/td>[\s\S]*?id="unlink-(\d+)"/.exec(page)?.[1];
      assert.ok(id, 'unlink button of facebook @andi.k');
      const unlink = (client, accountId, fields = {}) => request(base, 'POST', `/staff/screening/accounts/${accountId}/unlink`, form(client, fields));
      assert.equal((await unlink(analyst, id)).status, 403);
      const noCsrf = await request(base, 'POST', `/staff/screening/accounts/${id}/unlink`, { ...form(admin, {}), body: '' });
      assert.equal(noCsrf.status, 403);
      const provAdmin = await StaffClient.login(base, 't_prov_admin', TEST_PASSWORD);
      assert.equal((await unlink(provAdmin, id)).status, 404, "another instansi's account does not exist for its admin");
      const done = await unlink(admin, id);
      expectStatus(done, 200);
      assert.match(done.text, /Tautan akun dilepas/);
      assert.ok(!accountRows(done.text).includes('facebook:andi.k'));
      assert.equal((await unlink(admin, id)).status, 404);
      assert.equal((await unlink(admin, 'abc')).status, 404);
      const detail = JSON.parse(sql(srv, "SELECT detail FROM audit_log WHERE action = 'screening.account_unlink' ORDER BY id DESC LIMIT 1"));
      assert.deepEqual([detail.platform, detail.account], ['facebook', 'andi.k']);
      assert.match((await queue(verifier, '?status=confirmed')).text, new RegExp(nip), 'the confirmed flag keeps its employee');
      // A post of the unlinked account is no longer tied to the employee.
      const r = await pushTo('pilbup-sungai-kenanga-2024', [partisan('u1')]);
      expectStatus(r, 200);
      assert.equal(r.json.new_flags, 1);
      assert.equal(sql(srv, "SELECT COALESCE(employee_id, 0) FROM screening_flags WHERE post_id = 'u1'"), '0');
    });

    test('only admins manage elections and accounts; others get 403, visitors the login page', async () => {
      const calls = [
        ['GET', '/staff/screening/admin'],
        ['GET', `/staff/screening/elections/${CITY_CODE}`],
        ['GET', `/staff/screening/elections/${CITY_CODE}.toml`],
        ['POST', `/staff/screening/elections/${CITY_CODE}`],
        ['POST', `/staff/screening/elections/${CITY_CODE}/remove`],
        ['POST', '/staff/screening/elections'],
        ['POST', '/staff/screening/accounts/import'],
        ['POST', '/staff/screening/accounts/1/unlink'],
      ];
      for (const client of [analyst, verifier, examiner]) {
        for (const [method, path] of calls) {
          const res = method === 'GET'
            ? await request(base, method, path, { cookie: client.cookie })
            : await request(base, method, path, form(client, { confirm: '1', election: CITY, accounts: 'x' }));
          assert.equal(res.status, 403, `${client.user.username} ${method} ${path}`);
          assert.doesNotMatch(res.text, /Zulkarnain|ZUMA/, 'a denial shows nothing of the election');
        }
      }
      for (const [method, path] of calls) {
        const res = await request(base, method, path, method === 'GET' ? {} : { body: 'csrf=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
        assert.equal(res.status, 303, `anonymous ${method} ${path}`);
        assert.equal(res.headers.get('location'), '/staff/login');
      }
    });
  });
}
