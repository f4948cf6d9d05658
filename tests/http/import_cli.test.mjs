// `netral import employees` as an operator runs it: the per-row error list, exit statuses,
// nothing imported on error, --check and --skip-bad-rows (SQLite; the import itself is
// tested on both backends in tests/unit/app_admin/roster_import_test.cpp).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { NETRAL_BIN, runCli } from '../lib/server.mjs';

describe('netral import employees', () => {
  let dir;
  let common;
  const netral = (args) => spawnSync(NETRAL_BIN, [...args, ...common], { encoding: 'utf8', timeout: 60_000 });
  const staffCount = () =>
    Number(spawnSync('sqlite3', [path.join(dir, 'netral.db'), "SELECT COUNT(*) FROM employees e JOIN instansi i ON i.id = e.instansi_id WHERE i.code = '19.03'"], { encoding: 'utf8' }).stdout.trim());

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'netral-import-'));
    common = ['--data', dir];
    runCli(['init', '--demo', ...common]);
    writeFileSync(path.join(dir, 'good.csv'),
      'kode_unit;nama_unit;nip;nama;jenis_pegawai;jabatan;nip_atasan\n' +
      'DISKOMINFO;Dinas Kominfo;198001012005011001;Budi;PNS;Kepala Dinas;\n' +
      'DISKOMINFO;;199003152023211003;Rina;PPPK;Pranata Komputer;198001012005011001\n');
    writeFileSync(path.join(dir, 'bad.csv'),
      'kode_unit,nama,jenis_pegawai,nip\n' +
      'DISDIK,Andi,PNS,198001012005011099\n' +
      'DISDIK,Cacat,PNS,12345\n' +
      'NOWHERE,Hilang,honorer,\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('bad rows are listed by row and column; nothing is imported; exit 1', () => {
    const before = staffCount();
    const r = netral(['import', 'employees', path.join(dir, 'bad.csv'), '--instansi', '19.03']);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^baris 3 \[nip\]: NIP\/NI PPPK harus 18 angka\. \(12345\)$/m);
    assert.match(r.stdout, /^baris 4 \[kode_unit\]: Unit tidak dikenal/m);
    assert.match(r.stdout, /^TIDAK DIIMPOR: 2 kesalahan pada 3 baris/m);
    assert.equal(staffCount(), before);
    const en = netral(['import', 'employees', path.join(dir, 'bad.csv'), '--instansi', '19.03', '--lang', 'en']);
    assert.match(en.stdout, /^row 3 \[nip\]: A NIP\/NI PPPK has 18 digits/m);
  });

  test('--skip-bad-rows imports the good rows; --check imports nothing', () => {
    const before = staffCount();
    const check = netral(['import', 'employees', path.join(dir, 'good.csv'), '--instansi', '19.03', '--check']);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.equal(staffCount(), before);
    const skip = netral(['import', 'employees', path.join(dir, 'bad.csv'), '--instansi', '19.03', '--skip-bad-rows']);
    assert.equal(skip.status, 0, skip.stdout + skip.stderr);
    assert.match(skip.stdout, /pegawai 1 baru, 0 diubah; 2 baris dilewati/);
    assert.equal(staffCount(), before + 1);
    const good = netral(['import', 'employees', path.join(dir, 'good.csv'), '--instansi', '19.03']);
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /unit 1 baru, 0 diubah; pegawai 2 baru/);
    const again = netral(['import', 'employees', path.join(dir, 'good.csv'), '--instansi', '19.03']);
    assert.match(again.stdout, /pegawai 0 baru, 2 diubah/);
    assert.equal(netral(['audit', 'verify']).status, 0);
  });

  test('unusable input exits 2', () => {
    assert.equal(netral(['import', 'employees', path.join(dir, 'missing.csv'), '--instansi', '19.03']).status, 2);
    assert.equal(netral(['import', 'employees', path.join(dir, 'good.csv'), '--instansi', '99.99']).status, 2);
    writeFileSync(path.join(dir, 'cols.csv'), 'nip,nama\n1,x\n');
    const cols = netral(['import', 'employees', path.join(dir, 'cols.csv'), '--instansi', '19.03']);
    assert.equal(cols.status, 2);
    assert.match(cols.stderr, /Kolom wajib/);
  });
});
