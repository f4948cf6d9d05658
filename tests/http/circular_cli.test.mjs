// `netral catalog import-circular` as an officer runs it on real files: a scanned PDF is
// refused with a clear message (not drafted as "no items"), a text with no list of
// prohibitions gives a draft that says so, the region is read from the text against the
// official list, and --eval prints the development and held-out figures.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { pdfOfLines } from '../lib/fixtures.mjs';
import { NETRAL_BIN } from '../lib/server.mjs';

describe('netral catalog import-circular', () => {
  let dir;
  const netral = (args) => spawnSync(NETRAL_BIN, args, { encoding: 'utf8', timeout: 60_000 });
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'netral-circular-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a PDF without text is refused in both languages', () => {
    const file = path.join(dir, 'scan.pdf');
    writeFileSync(file, pdfOfLines([]));
    const r = netral(['catalog', 'import-circular', file]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /tidak berisi teks/);
    assert.match(r.stderr, /holds no text/);
  });

  test('a text with no list of prohibitions is a draft that says so', () => {
    const file = path.join(dir, 'news.txt');
    writeFileSync(file, 'Pemkab Sleman mengimbau ASN menjaga netralitas selama Pilkada 2024. Sekda mengatakan pengawasan diperketat.\n');
    const r = netral(['catalog', 'import-circular', file, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const d = JSON.parse(r.stdout);
    assert.deepEqual(d.items, []);
    assert.ok(d.unread.includes('items'), d.unread.join(','));
    assert.equal(d.region_code, '34.04');
    assert.equal(d.region, 'Kabupaten Sleman');
  });

  test('a numbered circular of a region outside the demo', () => {
    const file = path.join(dir, 'tangerang.txt');
    writeFileSync(file,
      'Pj Bupati Tangerang menerbitkan Surat Edaran Nomor 800.1.4/123/BKPSDM/2024 tertanggal 13 Mei 2024. ASN dilarang:\n' +
      '1. Memasang spanduk bakal calon;\n2. Menghadiri deklarasi bakal calon;\n3. Mengunggah foto bersama calon di media sosial.\n');
    const r = netral(['catalog', 'import-circular', file, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const d = JSON.parse(r.stdout);
    assert.equal(d.number, '800.1.4/123/BKPSDM/2024');
    assert.equal(d.date, '2024-05-13');
    assert.equal(d.region_code, '36.03');
    assert.deepEqual(d.items.map((i) => i.marker), ['1', '2', '3']);
    assert.ok(d.items[2].conduct.includes('social_media'), JSON.stringify(d.items[2]));
  });

  test('--eval prints both parts of the corpus; --explain never shows a held-out text', () => {
    const r = netral(['catalog', 'import-circular', '--eval', path.resolve('data/eval/circulars'), '--explain']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^dev\s+\d+/m);
    assert.match(r.stdout, /^heldout\s+\d+/m);
    assert.doesNotMatch(r.stdout, /^heldout\//m);
  });

  test('no file and no --eval is a usage error', () => {
    const r = netral(['catalog', 'import-circular']);
    assert.equal(r.status, 2);
  });
});
