// A regional government outside the demo, set up as a new personnel agency would: `netral
// init --instansi 36.71 --admin admin` on an empty data directory (the official list in
// data/regions/), then its admin signs in, its staff list is imported, and the public files
// a report against it. SQLite; the instansi and user rows are the store's, tested on both.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { StaffClient, expectStatus, request, validReport } from '../lib/http.mjs';
import { NETRAL_BIN, startServer } from '../lib/server.mjs';

describe('a government outside the demo (Kota Tangerang, 36.71)', () => {
  let srv;
  before(async () => {
    srv = await startServer({ init: ['--instansi', '36.71', '--admin', 'admin'] });
  });
  after(async () => {
    await srv?.stop();
  });

  test('init names it from the official list, with its province, and prints the admin password once', async () => {
    assert.ok(srv.adminPassword, 'the admin password is printed');
    const rows = spawnSync('sqlite3', [srv.db, 'SELECT i.code, i.name, coalesce(p.code, \'\') FROM instansi i LEFT JOIN instansi p ON p.id = i.parent_id ORDER BY i.code'], { encoding: 'utf8' }).stdout.trim();
    assert.equal(rows, '36|Pemerintah Provinsi Banten|\n36.71|Pemerintah Kota Tangerang|36');
    const again = spawnSync(NETRAL_BIN, ['init', '--instansi', '36.71', '--admin', 'admin', '--db', srv.db, '--data', srv.dataDir], { encoding: 'utf8' });
    assert.equal(again.status, 2);
    assert.match(again.stderr, /Nama pengguna sudah dipakai/);
    const unknown = spawnSync(NETRAL_BIN, ['init', '--instansi', '99.99', '--db', srv.db, '--data', srv.dataDir], { encoding: 'utf8' });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Pemerintah daerah tidak dikenal/);
  });

  test('its admin signs in, imports its staff, and a citizen reports against it', async () => {
    const admin = await StaffClient.login(srv.url, 'admin', srv.adminPassword);
    assert.equal(admin.user.role, 'superadmin', 'the first admin of a deployment manages its governments');
    const csv = path.join(srv.dataDir, 'pegawai.csv');
    writeFileSync(csv, 'kode_unit;nama_unit;nip;nama;jenis_pegawai;jabatan;nip_atasan\nDISDIK;Dinas Pendidikan;198001012005011001;Budi;PNS;Guru;\n');
    const imported = spawnSync(NETRAL_BIN, ['import', 'employees', csv, '--instansi', '36.71', '--db', srv.db, '--data', srv.dataDir], { encoding: 'utf8' });
    assert.equal(imported.status, 0, imported.stdout + imported.stderr);
    const filed = await request(srv.url, 'POST', '/api/v1/reports', { json: validReport({ instansi: '36.71', reported: { name: 'Budi', unit: 'DISDIK' } }) });
    expectStatus(filed, 201, 'a report to Kota Tangerang');
    expectStatus(await admin.get('/staff/cases'), 200);
    const list = expectStatus(await admin.get('/api/v1/cases'), 200).json;
    assert.equal(JSON.stringify(list).includes(filed.json.case_number), true, 'the admin of 36.71 sees the case');
  });
});
