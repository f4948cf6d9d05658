// `netral audit verify` on a real deployment: OK on an untouched trail, then each kind of
// tampering done directly in the database (sqlite3 / psql) is listed and the exit status is 1.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { NETRAL_BIN, backends, createPgDatabase, dropPgDatabase, runCli } from '../lib/server.mjs';

function verify(common, extra = []) {
  const r = spawnSync(NETRAL_BIN, ['audit', 'verify', ...common, ...extra], { encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { status: r.status, out: r.stdout, err: r.stderr };
}

for (const backend of backends()) {
  describe(`netral audit verify (${backend})`, () => {
    let dataDir;
    let pg = null;
    let db;
    let common;

    // Runs SQL on the deployment's database outside netral.
    function sql(statement) {
      const [cmd, args] =
        backend === 'postgresql'
          ? ['psql', ['-v', 'ON_ERROR_STOP=1', '-qAt', '-d', db, '-c', statement]]
          : ['sqlite3', [db, statement]];
      const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.status, 0, `${cmd} ${statement}: ${r.stderr}`);
      return r.stdout.trim();
    }
    const ids = () => sql('SELECT id FROM audit_log ORDER BY id').split('\n').map(Number);

    before(() => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'netral-audit-'));
      if (backend === 'postgresql') {
        pg = createPgDatabase();
        db = pg.url;
      } else {
        db = path.join(dataDir, 'netral.db');
      }
      common = ['--db', db, '--data', dataDir];
      // The demo writes user.create and report.create entries: a real trail.
      runCli(['init', '--demo', ...common]);
    });
    after(() => {
      if (pg) dropPgDatabase(pg.name);
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('an untouched trail is OK with its count', () => {
      const n = ids().length;
      assert.ok(n >= 10, `demo should write entries, got ${n}`);
      const r = verify(common);
      assert.equal(r.status, 0, r.out + r.err);
      assert.match(r.out, new RegExp(`^OK: audit trail intact, ${n} entries, head [0-9a-f]{64}$`, 'm'));
      const j = JSON.parse(verify(common, ['--json']).out);
      assert.equal(j.ok, true);
      assert.equal(j.entries, n);
    });

    test('an edited, a removed and two swapped entries are each listed; exit 1', () => {
      const all = ids();
      const [edited, removed, swapA, swapB] = [all[2], all[5], all[8], all[9]];
      sql(`UPDATE audit_log SET detail = '{"forged":true}' WHERE id = ${edited}`);
      sql(`DELETE FROM audit_log WHERE id = ${removed}`);
      // Swap the content of two rows, keeping their ids.
      const cols = 'at, actor, action, object, detail, ip, prev_hash, hash';
      const rowOf = (id) => sql(`SELECT ${cols.split(', ').map((c) => `quote(${c})`).join(" || ',' || ")} FROM audit_log WHERE id = ${id}`);
      if (backend === 'postgresql') {
        sql(`UPDATE audit_log a SET (${cols}) = (SELECT ${cols} FROM audit_log b WHERE b.id = CASE a.id WHEN ${swapA} THEN ${swapB} ELSE ${swapA} END) WHERE a.id IN (${swapA}, ${swapB})`);
      } else {
        const a = rowOf(swapA);
        const b = rowOf(swapB);
        sql(`UPDATE audit_log SET (${cols}) = (${b}) WHERE id = ${swapA}; UPDATE audit_log SET (${cols}) = (${a}) WHERE id = ${swapB}`);
      }
      const r = verify(common);
      assert.equal(r.status, 1, r.out + r.err);
      assert.match(r.out, new RegExp(`^BROKEN entry ${edited}: edited: `, 'm'));
      assert.match(r.out, new RegExp(`^BROKEN entry ${all[6]}: removed: `, 'm'));
      assert.match(r.out, new RegExp(`^BROKEN entry ${swapA}: reordered: `, 'm'));
      assert.match(r.out, new RegExp(`^BROKEN entry ${swapB}: reordered: `, 'm'));
      assert.match(r.out, /^FAILED: audit trail broken: \d+ problem\(s\) in \d+ entries$/m);
      assert.doesNotMatch(r.out, /^OK/m);
      const j = JSON.parse(verify(common, ['--json']).out);
      assert.equal(j.ok, false);
      assert.deepEqual(
        [...new Set(j.problems.map((p) => p.fault))].sort(),
        ['edited', 'removed', 'reordered'],
      );
    });

    test('a deployment that cannot be opened exits 2', () => {
      const r = verify(['--db', 'postgresql://nobody@127.0.0.1:1/none', '--data', dataDir]);
      assert.equal(r.status, 2, r.out + r.err);
    });
  });
}
