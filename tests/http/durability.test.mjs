// Durability: a report is acknowledged (201) only once committed. A burst of concurrent
// submissions, SIGKILL in the middle of it, restart on the same database and data
// directory: every receipt acknowledged before the kill must still be readable.
// Runs on SQLite, and on PostgreSQL when NETRAL_TEST_PG_URL is set.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { JPEG } from '../lib/fixtures.mjs';
import { StaffClient, expectStatus, multipart, request, validReport } from '../lib/http.mjs';
import { STANDARD_USERS, TEST_PASSWORD, backends, startServer } from '../lib/server.mjs';

const WORKERS = 8;
const MAX_REQUESTS = 800; // bound on the burst, whatever happens
const KILL_AFTER_ACKS = 60; // kill once this many were acknowledged...
const KILL_AFTER_MS = 8_000; // ...or after this long, whichever comes first
const BURST_GUARD_MS = 30_000;

for (const backend of backends()) {
  describe(`durability under SIGKILL (${backend})`, { timeout: 240_000 }, () => {
    let srv;
    before(async () => {
      srv = await startServer({ backend, users: STANDARD_USERS });
    });
    after(async () => {
      await srv?.stop();
    });

    test('every receipt acknowledged before SIGKILL is readable after restart', async () => {
      const base = srv.url;
      const acked = [];
      let sent = 0;
      let failedInFlight = 0;
      let stop = false;
      const started = Date.now();

      async function worker(w) {
        while (!stop && sent < MAX_REQUESTS && Date.now() - started < BURST_GUARD_MS) {
          sent += 1;
          const n = sent;
          const report = validReport({ description: `Laporan ketahanan ${backend} #${n} (pekerja ${w})` });
          try {
            let res;
            if (n % 4 === 0) {
              // Some with evidence: the blob must survive with the row.
              const mp = multipart([
                { name: 'report', data: JSON.stringify(report), contentType: 'application/json' },
                { name: 'evidence', filename: 'b.jpg', contentType: 'image/jpeg', data: JPEG },
              ]);
              res = await request(base, 'POST', '/api/v1/reports', { body: mp.body, headers: { 'Content-Type': mp.contentType } });
            } else {
              res = await request(base, 'POST', '/api/v1/reports', { json: report });
            }
            if (res.status === 201 && res.json?.receipt) {
              acked.push({ ...res.json, evidence: n % 4 === 0, description: report.description });
            } else if (!stop) {
              throw new Error(`unexpected answer before the kill: ${res.status} ${res.text}`);
            }
          } catch (e) {
            if (!stop) throw e;
            failedInFlight += 1;
          }
        }
      }

      const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
      const killer = (async () => {
        while (acked.length < KILL_AFTER_ACKS && Date.now() - started < KILL_AFTER_MS) await sleep(5);
        stop = true;
        await srv.kill('SIGKILL');
      })();
      const results = await Promise.allSettled([...workers, killer]);
      for (const r of results) if (r.status === 'rejected') throw r.reason;

      const snapshot = acked.slice();
      assert.ok(snapshot.length >= 10, `too few acknowledged submissions to prove anything: ${snapshot.length}`);
      const receipts = new Set(snapshot.map((a) => a.receipt));
      assert.equal(receipts.size, snapshot.length, 'a receipt was issued twice');
      const numbers = new Set(snapshot.map((a) => a.case_number));
      assert.equal(numbers.size, snapshot.length, 'a case number was issued twice');

      await srv.spawn();
      const after = srv.url;
      expectStatus(await request(after, 'GET', '/healthz'), 200, 'health after restart');
      const missing = [];
      for (const a of snapshot) {
        const res = await request(after, 'GET', `/api/v1/receipts/${a.receipt}`);
        if (res.status !== 200 || res.json?.case_number !== a.case_number) {
          missing.push(`${a.case_number}: ${res.status}`);
        } else if (a.evidence && res.json.evidence_count !== 1) {
          missing.push(`${a.case_number}: evidence_count ${res.json.evidence_count}`);
        }
      }
      assert.deepEqual(missing, [], `acknowledged reports lost after SIGKILL (${snapshot.length} acked, ${failedInFlight} in flight)`);

      // The staff inbox agrees, and the server accepts new work.
      const admin = await StaffClient.login(after, 't_admin', TEST_PASSWORD);
      assert.ok((await admin.totalCases()) >= snapshot.length);
      const fresh = await request(after, 'POST', '/api/v1/reports', { json: validReport() });
      expectStatus(fresh, 201, 'submission after restart');
      assert.ok(!numbers.has(fresh.json.case_number), 'case number reused after restart');
      // An evidence blob of an acknowledged report is downloadable.
      const withEvidence = snapshot.find((a) => a.evidence);
      if (withEvidence) {
        const item = await admin.caseByNumber(withEvidence.case_number);
        const detail = await admin.get(`/api/v1/cases/${item.id}`);
        const dl = await admin.get(`/api/v1/evidence/${detail.json.evidence[0].id}`);
        expectStatus(dl, 200, 'evidence after restart');
        assert.ok(dl.bytes.equals(JPEG), 'evidence bytes differ after restart');
      }
    });
  });
}
