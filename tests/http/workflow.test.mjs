// The case workflow over real sockets (docs/workflow.md): a case through every state with
// the right role at each step, refusals (role, state, CSRF, missing fields, other
// instansi), a rejection, forwarding to Bawaslu and the liaison's view, duplicates merged
// with both receipts working, the case page offering only the allowed forms, and
// escalation e-mail delivered to a local SMTP sink (python3-aiosmtpd).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { StaffClient, expectError, expectStatus, request, submitReport, validReport } from '../lib/http.mjs';
import { TEST_PASSWORD, backends, runCli, startServer } from '../lib/server.mjs';

const USERS = [
  { username: 'w_admin', role: 'admin' },
  { username: 'w_verifier', role: 'verifier' },
  { username: 'w_examiner', role: 'examiner' },
  { username: 'w_ppk', role: 'ppk_office' },
  { username: 'w_liaison', role: 'liaison', liaisonBody: 'bawaslu' },
  { username: 'w_bkn', role: 'liaison', liaisonBody: 'bkn' },
  { username: 'w_both', role: 'liaison' },
  { username: 'w_kadis', role: 'unit_head', unit: 'DISDIK' },
  { username: 'w_analyst', role: 'analyst' },
  { username: 'w_prov', role: 'verifier', instansi: '19' },
];

async function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port) {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`SMTP sink did not listen on ${port}`);
}

for (const backend of backends()) {
  describe(`case workflow (${backend})`, { timeout: 300_000 }, () => {
    let srv;
    let base;
    const u = {};

    before(async () => {
      srv = await startServer({ backend, users: USERS });
      base = srv.url;
      for (const { username } of USERS) u[username.slice(2)] = await StaffClient.login(base, username, TEST_PASSWORD);
    });
    after(async () => {
      await srv?.stop();
    });

    async function newCase(overrides = {}) {
      const sub = await submitReport(base, validReport(overrides));
      const c = await u.verifier.caseByNumber(sub.case_number);
      assert.ok(c, 'the verifier finds the new case');
      return { ...sub, id: c.id };
    }
    const wf = (client, id) => client.get(`/api/v1/cases/${id}/workflow`);
    const step = (client, id, body, opts) => client.post(`/api/v1/cases/${id}/transitions`, body, opts);

    test('one case through every state, each step by its role', async () => {
      const c = await newCase({ reported: { unit: 'Dinas Pendidikan' } });
      let res = await wf(u.verifier, c.id);
      expectStatus(res, 200);
      assert.equal(res.json.case.status, 'received');
      assert.equal(res.json.holder, 'verifier');
      assert.ok(Date.parse(res.json.due_at) > Date.now(), `the verification clock runs: ${res.json.due_at}`);
      assert.deepEqual(res.json.actions, ['start_verification', 'reject', 'forward', 'merge']);
      assert.deepEqual((await wf(u.ppk, c.id)).json.actions, []);

      expectError(await step(u.ppk, c.id, { action: 'start_verification' }), 403, 'forbidden');
      expectError(await step(u.verifier, c.id, { action: 'start_verification' }, { csrf: false }), 403, 'csrf_failed');
      expectError(await step(u.verifier, c.id, { action: 'fly_to_the_moon' }), 422, 'invalid_field', { field: 'action' });
      expectError(await step(u.verifier, c.id, { action: 'accept' }), 409, 'transition_not_allowed');
      expectStatus(await step(u.verifier, c.id, { action: 'start_verification' }), 200);
      expectError(await step(u.verifier, c.id, { action: 'start_verification' }), 409, 'transition_not_allowed');

      res = await wf(u.verifier, c.id);
      const examiner = res.json.examiners.find((e) => e.name.startsWith('w_examiner') || e.id === u.examiner.user.id);
      assert.ok(examiner, `examiner offered: ${JSON.stringify(res.json.examiners)}`);
      const checked = ['reported_identity', 'within_window', 'time_place', 'description'];
      let r = await step(u.verifier, c.id, { action: 'accept', checked, examiners: [u.examiner.user.id], superior_name: 'Kepala Dinas Pendidikan' });
      expectError(r, 409, 'guard_failed');  // no evidence ticked: refused, nothing changed
      assert.equal((await wf(u.verifier, c.id)).json.case.status, 'verification');
      expectError(await step(u.verifier, c.id, { action: 'accept', checked: [...checked, 'evidence'] }), 422, 'missing_field', { field: 'examiners' });
      r = await step(u.verifier, c.id, { action: 'accept', checked: [...checked, 'evidence'], examiners: [u.examiner.user.id], superior_name: 'Kepala Dinas Pendidikan' });
      expectStatus(r, 200);
      assert.equal(r.json.status, 'examination');

      expectError(await step(u.examiner, c.id, { action: 'findings', findings: [{ item: 'pp-94-2021/5n6', proven: true }] }), 409, 'guard_failed');
      expectError(await step(u.examiner, c.id, { action: 'record_bap', bap_number: 'BAP/1', bap_date: '2026-13-01', note: 'x' }), 422, 'invalid_field', { field: 'bap_date' });
      expectStatus(await step(u.kadis, c.id, { action: 'record_bap', bap_number: 'BAP/01/2026', bap_date: '2026-03-20', note: 'Klarifikasi oleh atasan langsung.' }), 200);
      r = await step(u.examiner, c.id, { action: 'findings', findings: [{ item: 'pp-94-2021/5n6', proven: true }, { item: 'skb-2022/etik-spanduk', proven: false }] });
      expectStatus(r, 200);
      assert.equal(r.json.status, 'recommendation');
      expectError(await step(u.examiner, c.id, { action: 'recommend', staff_type: 'pns', sanction_level: 'sedang', sanctions: ['pemutusan_perjanjian_kerja'] }), 422, 'invalid_field', { field: 'sanctions' });
      r = await step(u.examiner, c.id, { action: 'recommend', staff_type: 'pns', sanction_level: 'sedang', sanctions: ['potongan_tunjangan_25_6', 'sanksi_moral_terbuka'] });
      expectStatus(r, 200);
      assert.equal(r.json.status, 'decision');
      assert.equal((await wf(u.ppk, c.id)).json.holder, 'ppk_office');
      expectError(await step(u.ppk, c.id, { action: 'execute', executed_date: '2026-04-01' }), 409, 'guard_failed');
      expectStatus(await step(u.ppk, c.id, { action: 'decide', decree_number: '800/45/BKPSDMD/2026', decree_date: '2026-03-30', staff_type: 'pns', sanctions: ['potongan_tunjangan_25_6'] }), 200);
      expectStatus(await step(u.ppk, c.id, { action: 'execute', executed_date: '2026-04-01' }), 200);
      r = await step(u.admin, c.id, { action: 'close', note: 'Sanksi telah dilaksanakan.' });
      expectStatus(r, 200);
      assert.equal(r.json.status, 'closed');

      res = await wf(u.admin, c.id);
      assert.deepEqual(res.json.actions, []);
      assert.equal(res.json.due_at, null);
      assert.deepEqual(res.json.events.map((e) => e.action), [
        'intake', 'start_verification', 'accept', 'record_bap', 'findings_proven', 'recommend', 'decide', 'execute', 'close',
      ]);
      const decide = res.json.events.find((e) => e.action === 'decide');
      assert.equal(decide.payload.decree_number, '800/45/BKPSDMD/2026');
      assert.ok(res.json.events.every((e) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(e.at)), 'ISO 8601 UTC times');
      // The reporter sees the final state through the receipt.
      const view = await request(base, 'GET', `/api/v1/receipts/${c.receipt}`);
      expectStatus(view, 200);
      assert.equal(view.json.status, 'closed');
    });

    test('rejection with a reason, and what other users may not do', async () => {
      const c = await newCase();
      expectError(await wf(u.analyst, c.id), 404, 'not_found');
      expectError(await wf(u.prov, c.id), 404, 'not_found');  // other instansi
      expectError(await step(u.prov, c.id, { action: 'start_verification' }), 404, 'not_found');
      expectError(await wf(u.liaison, c.id), 404, 'not_found');  // not forwarded
      expectError(await step(u.verifier, c.id, { action: 'reject', note: 'Terlambat.' }), 422, 'missing_field', { field: 'reason' });
      expectError(await step(u.verifier, c.id, { action: 'reject', reason: 'because', note: 'x' }), 422, 'invalid_field', { field: 'reason' });
      const r = await step(u.verifier, c.id, { action: 'reject', reason: 'expired', note: 'Dilaporkan lebih dari 7 hari sejak diketahui.' });
      expectStatus(r, 200);
      assert.equal(r.json.status, 'rejected');
      const res = await wf(u.verifier, c.id);
      assert.equal(res.json.events.at(-1).payload.reason, 'expired');
      assert.deepEqual(res.json.actions, []);
    });

    test('forwarding to Bawaslu: the liaison sees only forwarded cases and answers', async () => {
      const c = await newCase();
      const other = await newCase();
      expectError(await step(u.verifier, c.id, { action: 'forward', forward_to: 'bawaslu' }), 422, 'missing_field', { field: 'external_ref' });
      expectStatus(await step(u.verifier, c.id, { action: 'forward', forward_to: 'bawaslu', external_ref: '012/Reg/LP/PB/Kab/09.03/III/2026' }), 200);
      expectError(await step(u.verifier, c.id, { action: 'forward', forward_to: 'bawaslu', external_ref: 'again' }), 409, 'guard_failed');
      let res = await wf(u.liaison, c.id);
      expectStatus(res, 200);
      assert.deepEqual(res.json.actions, ['liaison_note']);
      assert.equal(res.json.external_refs[0].ref, '012/Reg/LP/PB/Kab/09.03/III/2026');
      expectError(await wf(u.liaison, other.id), 404, 'not_found');
      expectStatus(await step(u.liaison, c.id, { action: 'liaison_note', note: 'Dikaji Bawaslu.', external_ref: 'BWS-2026-77' }), 200);
      expectError(await step(u.liaison, c.id, { action: 'reject', reason: 'expired', note: 'x' }), 403, 'forbidden');
      // The liaison's inbox lists the forwarded case and not the other one.
      const page = await request(base, 'GET', '/staff/cases', { cookie: u.liaison.cookie });
      expectStatus(page, 200);
      assert.ok(page.text.includes(`/staff/cases/${c.id}"`));
      assert.ok(!page.text.includes(`/staff/cases/${other.id}"`));
      // Cases forwarded *to us* by Bawaslu keep their reference and reach the liaison too.
      const inbound = await u.verifier.post('/api/v1/intake', {
        channel: 'bawaslu', external_ref: '003/PL/PB/Kab/09.03/III/2026', reported_name: 'Joko Susilo',
        description: 'Penerusan dugaan pelanggaran netralitas dari Bawaslu Kabupaten.',
      });
      expectStatus(inbound, 201);
      assert.equal(inbound.json.receipt, undefined, 'no receipt for a forwarded case');
      res = await wf(u.liaison, inbound.json.case_id);
      expectStatus(res, 200);
      assert.equal(res.json.external_refs[0].direction, 'in');
      expectError(await u.examiner.post('/api/v1/intake', { channel: 'walk_in', reported_name: 'X', description: 'Uraian kejadian.' }), 403, 'forbidden');
    });

    test('a liaison follows only the cases of their own body', async () => {
      const toBawaslu = await newCase();
      const toBkn = await newCase();
      expectStatus(await step(u.verifier, toBawaslu.id, { action: 'forward', forward_to: 'bawaslu', external_ref: 'BWS-1' }), 200);
      expectStatus(await step(u.verifier, toBkn.id, { action: 'forward', forward_to: 'bkn', external_ref: 'BKN-1' }), 200);
      expectStatus(await wf(u.liaison, toBawaslu.id), 200);
      expectError(await wf(u.liaison, toBkn.id), 404, 'not_found');
      expectStatus(await wf(u.bkn, toBkn.id), 200);
      expectError(await wf(u.bkn, toBawaslu.id), 404, 'not_found');
      expectError(await step(u.bkn, toBawaslu.id, { action: 'liaison_note', note: 'x', external_ref: 'y' }), 404, 'not_found');
      // A liaison made without a body (older accounts, a joint desk) follows both.
      expectStatus(await wf(u.both, toBawaslu.id), 200);
      expectStatus(await wf(u.both, toBkn.id), 200);
      // The inboxes say the same.
      const bkn = await request(base, 'GET', '/staff/cases', { cookie: u.bkn.cookie });
      expectStatus(bkn, 200);
      assert.ok(bkn.text.includes(`/staff/cases/${toBkn.id}"`));
      assert.ok(!bkn.text.includes(`/staff/cases/${toBawaslu.id}"`));
      const bws = await request(base, 'GET', '/staff/cases', { cookie: u.liaison.cookie });
      assert.ok(bws.text.includes(`/staff/cases/${toBawaslu.id}"`));
      assert.ok(!bws.text.includes(`/staff/cases/${toBkn.id}"`));
      // And so does the API's case list (it once listed nothing for a liaison).
      const ids = async (client) => {
        const r = await client.get('/api/v1/cases?limit=200');
        expectStatus(r, 200);
        return r.json.items.map((i) => i.id);
      };
      const bknIds = await ids(u.bkn);
      assert.ok(bknIds.includes(toBkn.id) && !bknIds.includes(toBawaslu.id), JSON.stringify(bknIds));
      const bwsIds = await ids(u.liaison);
      assert.ok(bwsIds.includes(toBawaslu.id) && !bwsIds.includes(toBkn.id), JSON.stringify(bwsIds));
      const bothIds = await ids(u.both);
      assert.ok(bothIds.includes(toBawaslu.id) && bothIds.includes(toBkn.id));
    });

    test('duplicates are flagged and merged; both receipts keep working', async () => {
      const same = { reported: { name: 'Rina Maharani', nip: '' }, incident_date: '2026-03-15' };
      const a = await newCase(same);
      const b = await newCase(same);
      let res = await wf(u.verifier, b.id);
      assert.deepEqual(res.json.duplicates.map((d) => d.id), [a.id]);
      const before = expectStatus(await u.verifier.get('/api/v1/stats'), 200).json;
      expectStatus(await step(u.verifier, b.id, { action: 'merge', merge_into: a.id }), 200);
      // A merged duplicate is one case, not two: out of the total, counted apart.
      const after = expectStatus(await u.verifier.get('/api/v1/stats'), 200).json;
      assert.equal(after.total, before.total - 1);
      assert.equal(after.merged, before.merged + 1);
      assert.equal(after.total, after.by_status.reduce((n, s) => n + s.count, 0));
      res = await wf(u.verifier, b.id);
      assert.equal(res.json.case.status, 'closed');
      assert.equal(res.json.merged_into, a.id);
      for (const receipt of [a.receipt, b.receipt]) {
        const v = await request(base, 'GET', `/api/v1/receipts/${receipt}`);
        expectStatus(v, 200);
        assert.equal(v.json.case_number, a.case_number);
      }
    });

    test('the case page shows the timeline and only the forms this user may use', async () => {
      const c = await newCase();
      const html = async (client) => {
        const res = await request(base, 'GET', `/staff/cases/${c.id}`, { cookie: client.cookie });
        expectStatus(res, 200);
        return res.text;
      };
      let page = await html(u.verifier);
      assert.ok(page.includes('id="wf-timeline"'));
      assert.ok(page.includes('id="wf-start_verification"'));
      assert.ok(page.includes('id="wf-reject"'));
      assert.ok(!page.includes('id="wf-decide"'));
      assert.ok(page.includes(`name="csrf" value="${u.verifier.csrf}"`));
      page = await html(u.ppk);
      assert.ok(page.includes('id="wf-no-actions"'));
      assert.ok(!page.includes('id="wf-start_verification"'));
      // A form post without CSRF changes nothing.
      const bad = await request(base, 'POST', `/staff/cases/${c.id}/workflow`, {
        body: 'action=start_verification', headers: { 'content-type': 'application/x-www-form-urlencoded' }, cookie: u.verifier.cookie,
      });
      assert.equal(bad.status, 403);
      const ok = await request(base, 'POST', `/staff/cases/${c.id}/workflow`, {
        body: `action=start_verification&csrf=${encodeURIComponent(u.verifier.csrf)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' }, cookie: u.verifier.cookie,
      });
      assert.equal(ok.status, 303);
      assert.match(ok.headers.location ?? ok.headers.get?.('location') ?? '', /done=1/);
      assert.equal((await wf(u.verifier, c.id)).json.case.status, 'verification');
      // The inbox: counts per state, an overdue tab, and who holds each case.
      const inbox = await request(base, 'GET', '/staff/cases', { cookie: u.verifier.cookie });
      expectStatus(inbox, 200);
      assert.ok(inbox.text.includes('id="overdue-tab"'));
      assert.ok(inbox.text.includes('class="holder"'));
    });

    test('overdue cases escalate: in-app notification and e-mail to the SMTP sink', async () => {
      await newCase();
      const port = await freePort();
      const work = mkdtempSync(path.join(tmpdir(), 'netral-mail-'));
      const maildir = path.join(work, 'maildir');  // the sink creates it (with cur/new/tmp)
      // Debian's python3 carries python3-aiosmtpd (scripts/install-deps.sh), whatever python3 is first on PATH.
      const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
      const sink = spawn(python, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir], { stdio: 'ignore' });
      try {
        await waitForPort(port);
        const cfg = path.join(work, 'netral-smtp.toml');
        writeFileSync(cfg, `[smtp]\nurl = "smtp://127.0.0.1:${port}"\nfrom = "netral@bkpsdmd.test"\n\n[smtp.recipients]\nadmin = ["kepala.bkpsdmd@bkpsdmd.test"]\n`);
        // Far in the future: every running clock has run out.
        const out = runCli(['workflow', 'escalate', '--db', srv.db, '--data', srv.dataDir, '--config', cfg, '--now', '2030-01-01T00:00']);
        const m = /escalated (\d+) deadlines: (\d+) notifications, (\d+) e-mails sent, (\d+) failed/.exec(out);
        assert.ok(m, out);
        assert.ok(Number(m[1]) >= 1);
        assert.equal(Number(m[3]), Number(m[1]), 'one e-mail per escalated deadline (admin clocks)');
        assert.equal(Number(m[4]), 0);
        const files = readdirSync(path.join(maildir, 'new'));
        assert.equal(files.length, Number(m[3]));
        const mail = readFileSync(path.join(maildir, 'new', files[0]), 'utf8');
        assert.match(mail, /^To: kepala\.bkpsdmd@bkpsdmd\.test/m);
        assert.match(mail, /^Subject: \[Netral\] Perkara 19\.03-\d{4}-\d{5} lewat tenggat/m);
        assert.match(mail, /Mohon segera ditindaklanjuti/);
        assert.match(mail, /Please follow up/);
        // A second run escalates nothing new.
        const again = runCli(['workflow', 'escalate', '--db', srv.db, '--data', srv.dataDir, '--config', cfg, '--now', '2030-01-01T00:05']);
        assert.match(again, /escalated 0 deadlines/);
        // The admin sees the notifications in the app.
        const notes = await request(base, 'GET', '/staff/notifications', { cookie: u.admin.cookie });
        expectStatus(notes, 200);
        assert.match(notes.text, /melewati tenggat/);
      } finally {
        sink.kill();
        rmSync(work, { recursive: true, force: true });
      }
    });
  });
}
