// `netral instansi add|list`: the governments a deployment serves, from the official list in
// data/regions/. A fresh data directory (no demo): a regency brings its province along, a
// name can be overridden, and every refusal (unknown, malformed, already served) prints the
// reason in both languages, exits non-zero and leaves the instansi table as it was.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { NETRAL_BIN, runCli } from '../lib/server.mjs';

describe('netral instansi', () => {
  let dataDir;
  let common;
  const netral = (...args) => spawnSync(NETRAL_BIN, [...args, ...common], { encoding: 'utf8' });
  const list = () => JSON.parse(runCli(['instansi', 'list', '--format', 'json', ...common]));
  const rows = () => spawnSync('sqlite3', [path.join(dataDir, 'netral.db'), 'SELECT code, name, disabled FROM instansi ORDER BY code'], { encoding: 'utf8' }).stdout.trim();

  before(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'netral-instansi-'));
    common = ['--db', path.join(dataDir, 'netral.db'), '--data', dataDir];
    runCli(['init', ...common]);
  });
  after(() => {
    if (!process.env.NETRAL_TEST_KEEP) rmSync(dataDir, { recursive: true, force: true });
  });

  test('an empty deployment lists nothing', () => {
    assert.deepEqual(list(), []);
  });

  test('add names a regency from the list and adds its province', () => {
    const r = netral('instansi', 'add', '36.03');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /36\.03 Pemerintah Kabupaten Tangerang added/);
    assert.deepEqual(list(), [
      { code: '36', name: 'Pemerintah Provinsi Banten', official_name: 'Banten', province: 'Banten', level: 'province', disabled: false },
      { code: '36.03', name: 'Pemerintah Kabupaten Tangerang', official_name: 'Kabupaten Tangerang', province: 'Banten', level: 'regency', disabled: false },
    ]);
    const audit = spawnSync('sqlite3', [path.join(dataDir, 'netral.db'), "SELECT action || ' ' || object FROM audit_log WHERE action LIKE 'instansi.%' ORDER BY id"], { encoding: 'utf8' }).stdout.trim();
    assert.equal(audit, 'instansi.create instansi:36\ninstansi.create instansi:36.03');
  });

  test('--name overrides the name; a city under a province already served', () => {
    const r = netral('instansi', 'add', '36.71', '--name', 'Pemkot Tangerang');
    assert.equal(r.status, 0, r.stderr);
    const city = list().find((g) => g.code === '36.71');
    assert.deepEqual(city, { code: '36.71', name: 'Pemkot Tangerang', official_name: 'Kota Tangerang', province: 'Banten', level: 'city', disabled: false });
    assert.equal(list().filter((g) => g.code === '36').length, 1, 'the province is not added twice');
    const text = runCli(['instansi', 'list', ...common]);
    assert.match(text, /^36\.71\s+city\s+Pemkot Tangerang \(Banten\)$/m);
  });

  test('adding one twice is an error that changes nothing', () => {
    const before = rows();
    const r = netral('instansi', 'add', '36.03', '--name', 'Another name');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Pemerintah daerah ini sudah terdaftar\. \/ This regional government is registered already\./);
    assert.equal(rows(), before);
  });

  test('an unknown or malformed code is refused in both languages and creates nothing', () => {
    const before = rows();
    for (const [code, id, en] of [
      ['99.99', /Pemerintah daerah tidak dikenal\./, /Unknown regional government\./],
      ['36.99', /Pemerintah daerah tidak dikenal\./, /Unknown regional government\./],
      ['abc', /Kode wilayah/, /region code/i],
      ['36.03.01', /Kode wilayah|tidak dikenal/, /region code|Unknown regional/i],
      ['', /Kode wilayah/, /region code/i],
    ]) {
      const r = netral('instansi', 'add', code);
      assert.notEqual(r.status, 0, `${code} refused`);
      assert.match(r.stderr, id, `${code}: ${r.stderr}`);
      assert.match(r.stderr, en, `${code}: ${r.stderr}`);
    }
    assert.equal(rows(), before);
  });

  test('netral --help names the command', () => {
    const r = spawnSync(NETRAL_BIN, ['--help'], { encoding: 'utf8' });
    assert.match(r.stdout, /instansi\s+Regional governments/);
  });
});
