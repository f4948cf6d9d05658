// The case file export over HTTP: a ZIP with the PDF summary, the evidence, manifest.json
// and SHA256SUMS that `sha256sum -c` accepts (and rejects after a change); who may export;
// the export is audited. Uses unzip, sha256sum and pdftotext (scripts/install-deps.sh).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { JPEG, PDF, sha256 } from '../lib/fixtures.mjs';
import { StaffClient, expectError, expectStatus, postMultipart, request, validReport } from '../lib/http.mjs';
import { NETRAL_BIN, STANDARD_USERS, TEST_PASSWORD, backends, startServer } from '../lib/server.mjs';

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, ...opts });
  if (r.error) throw r.error;
  return r;
}

for (const backend of backends()) {
  describe(`case file export (${backend})`, () => {
    let server;
    let base;
    let verifier;
    let caseId;
    let caseNumber;
    let work;
    const description = 'Kepala seksi memasang baliho calon bupati di kantor dinas; “foto” terlampir (Rp 500.000).';

    before(async () => {
      server = await startServer({ backend, users: STANDARD_USERS });
      base = server.url;
      work = mkdtempSync(path.join(tmpdir(), 'netral-export-'));
      const res = await postMultipart(base, '/api/v1/reports', [
        { name: 'report', data: JSON.stringify(validReport({ description, reporter: { name: 'Pelapor Rahasia', phone: '081299988877' } })), contentType: 'application/json' },
        { name: 'evidence', filename: 'baliho.jpg', contentType: 'image/jpeg', data: JPEG },
        { name: 'evidence', filename: 'surat.pdf', contentType: 'application/pdf', data: PDF },
      ]);
      expectStatus(res, 201, 'report with evidence');
      caseNumber = res.json.case_number;
      verifier = await StaffClient.login(base, 't_verifier', TEST_PASSWORD);
      caseId = (await verifier.caseByNumber(caseNumber)).id;
      // A staff message, so that the summary has one.
      expectStatus(await verifier.post(`/api/v1/cases/${caseId}/messages`, { body: 'Mohon kirim foto asli.' }), 201);
    });
    after(async () => {
      await server?.stop();
      rmSync(work, { recursive: true, force: true });
    });

    test('the ZIP holds summary, evidence, manifest and SHA256SUMS that sha256sum -c accepts', async () => {
      const res = await request(base, 'GET', `/staff/cases/${caseId}/export`, { cookie: verifier.cookie });
      expectStatus(res, 200, 'export');
      assert.equal(res.headers.get('content-type'), 'application/zip');
      assert.match(res.headers.get('content-disposition'), /^attachment; filename="berkas-19\.03-\d{4}-\d{5}\.zip"$/);
      const zipPath = path.join(work, 'case.zip');
      writeFileSync(zipPath, res.bytes);
      const out = path.join(work, 'x');
      assert.equal(run('unzip', ['-q', zipPath, '-d', out]).status, 0);
      const dir = path.join(out, caseNumber);
      const check = run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir });
      assert.equal(check.status, 0, check.stdout + check.stderr);
      assert.equal((check.stdout.match(/: OK$/gm) ?? []).length, 4, check.stdout);  // pdf, 2 evidence, manifest

      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      assert.equal(manifest.case_number, caseNumber);
      assert.equal(manifest.format, 'netral-case-export/1');
      assert.ok(!Number.isNaN(Date.parse(manifest.exported_at)));
      assert.match(manifest.exported_by, /^t_verifier /);
      assert.equal(res.headers.get('x-manifest-sha256'), sha256(readFileSync(path.join(dir, 'manifest.json'))));
      const shas = manifest.files.map((f) => f.sha256);
      assert.ok(shas.includes(sha256(JPEG)) && shas.includes(sha256(PDF)), JSON.stringify(manifest.files));
      assert.ok(manifest.files.filter((f) => f.evidence_id).every((f) => f.matches_record === true));
      const jpeg = manifest.files.find((f) => f.sha256 === sha256(JPEG));
      assert.deepEqual(readFileSync(path.join(dir, jpeg.path)), JPEG);
      assert.ok(manifest.audit.some((a) => a.action === 'report.create'), 'audit entries of the case');
      assert.ok(manifest.audit.some((a) => a.action === 'message.staff'));
      assert.ok(manifest.audit.every((a) => /^[0-9a-f]{64}$/.test(a.hash)));
      // No reporter identity anywhere in the export.
      const everything = run('grep', ['-rl', '-e', 'Pelapor Rahasia', '-e', '081299988877', dir]);
      assert.equal(everything.stdout, '', `identity leaked into ${everything.stdout}`);

      const text = run('pdftotext', ['-layout', path.join(dir, 'summary.pdf'), '-']);
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stdout, new RegExp(`Berkas Perkara ${caseNumber.replace(/\./g, '\\.')}`));
      assert.match(text.stdout, /Kepala seksi memasang baliho/);
      assert.match(text.stdout, /“foto” terlampir/, 'WinAnsi quotes survive');
      assert.match(text.stdout, /Mohon kirim foto asli/);
      assert.match(text.stdout, new RegExp(sha256(JPEG)));

      // A changed evidence file fails the check.
      appendFileSync(path.join(dir, jpeg.path), Buffer.from([0]));
      const broken = run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir });
      assert.notEqual(broken.status, 0);
      assert.match(broken.stdout, /FAILED/);
    });

    test('the JSON API serves the same export; the case page links to it', async () => {
      const res = await request(base, 'GET', `/api/v1/cases/${caseId}/export`, { cookie: verifier.cookie });
      expectStatus(res, 200);
      assert.equal(res.bytes.subarray(0, 2).toString('latin1'), 'PK');
      const page = await request(base, 'GET', `/staff/cases/${caseId}`, { cookie: verifier.cookie });
      assert.ok(page.text.includes(`href="/staff/cases/${caseId}/export"`));
    });

    test('only users who may see the case can export it', async () => {
      const prov = await StaffClient.login(base, 't_prov', TEST_PASSWORD);
      expectError(await request(base, 'GET', `/api/v1/cases/${caseId}/export`, { cookie: prov.cookie }), 404, 'not_found');
      assert.equal((await request(base, 'GET', `/staff/cases/${caseId}/export`, { cookie: prov.cookie })).status, 404);
      const analyst = await StaffClient.login(base, 't_analyst', TEST_PASSWORD);
      expectError(await request(base, 'GET', `/api/v1/cases/${caseId}/export`, { cookie: analyst.cookie }), 404, 'not_found');
      expectError(await request(base, 'GET', `/api/v1/cases/${caseId}/export`), 401, 'unauthenticated');
      const anon = await request(base, 'GET', `/staff/cases/${caseId}/export`);
      assert.equal(anon.status, 303);
      expectError(await request(base, 'GET', '/api/v1/cases/99999999/export', { cookie: verifier.cookie }), 404, 'not_found');
    });

    test('each export is in the audit trail, which still verifies', async () => {
      await server.kill('SIGTERM');
      const r = run(NETRAL_BIN, ['audit', 'verify', '--db', server.db, '--data', server.dataDir]);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      if (backend === 'sqlite') {
        const n = run('sqlite3', [server.db, `SELECT COUNT(*) FROM audit_log WHERE action = 'case.export' AND object = 'case:${caseId}'`]);
        assert.equal(n.stdout.trim(), '2');
      }
      await server.spawn();
    });
  });
}
