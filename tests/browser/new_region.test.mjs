// A new regional government from nothing, as its personnel agency would do it, in headless
// Chromium and without touching a file by hand (issue 12, "Done when"): `netral init
// --instansi 36.03 --admin admin` (Kabupaten Tangerang, not in the demo), the admin signs
// in, uploads the staff roster, imports the regency's circular (a numbered list, as most
// are), adopts it, a citizen files a report through the regency's own link /lapor/36.03,
// and the report is in the admin's inbox. axe-core on each page; screenshots in
// test-artifacts/ (new-region-*.png).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { axeViolations, launch, openPage, screenshot } from './browser.mjs';

const ROSTER = 'kode_unit;nama_unit;nip;nama;jenis_pegawai;jabatan;nip_atasan\n' +
  'DISDIK;Dinas Pendidikan;198001012005011001;Budi Santoso;PNS;Kepala Dinas;\n' +
  'DISDIK;;199003152023211003;Rina Marlina;PPPK;Guru;198001012005011001\n';

// Written the way regencies' circulars are printed: a letterhead, a numbered list, a date.
const CIRCULAR = `PEMERINTAH KABUPATEN TANGERANG
SURAT EDARAN
NOMOR: 800.1.4/2024/BKPSDM
TENTANG
NETRALITAS ASN DALAM PEMILIHAN BUPATI DAN WAKIL BUPATI TANGERANG TAHUN 2024

Sehubungan dengan Pemilihan Kepala Daerah Serentak Tahun 2024, seluruh ASN dan non ASN di lingkungan Pemerintah Kabupaten Tangerang dilarang:
1. Memasang spanduk atau baliho bakal calon;
2. Menghadiri deklarasi atau kampanye pasangan calon;
3. Mengunggah, menanggapi, atau menyebarluaskan foto calon di media sosial;
4. Menggunakan kendaraan dinas untuk kegiatan kampanye.

Kepala Perangkat Daerah agar mengawasi bawahannya. Dugaan pelanggaran dapat dilaporkan melalui https://netral.tangerangkab.go.id/lapor/36.03

Ditetapkan di Tigaraksa
pada tanggal 13 Mei 2024
PJ. BUPATI TANGERANG,
(ttd)
Andi Ony
`;

describe('browser: a regional government outside the demo, from init to its first case', { timeout: 300_000 }, () => {
  let srv;
  let base;
  let browser;
  let caseNumber;

  before(async () => {
    srv = await startServer({ init: ['--instansi', '36.03', '--admin', 'admin'] });
    base = srv.url;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await srv?.stop();
  });

  async function signIn(page) {
    await page.goto(`${base}/staff/login`);
    await page.fill('[name="username"]', 'admin');
    await page.fill('[name="password"]', srv.adminPassword);
    await Promise.all([page.waitForURL(/\/staff\/cases/), page.click('#login')]);
  }

  test('the admin uploads the roster', async () => {
    assert.ok(srv.adminPassword, 'init printed the admin password');
    const { page, context } = await openPage(browser, base);
    await signIn(page);
    await Promise.all([page.waitForNavigation(), page.click('nav a[href="/staff/roster"]')]);
    assert.match(page.url(), /\/staff\/roster\/36\.03/);
    await page.setInputFiles('#roster-file', { name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from(ROSTER) });
    await Promise.all([page.waitForNavigation(), page.click('#roster-submit')]);
    const body = await page.textContent('main');
    assert.match(body, /Budi Santoso/);
    assert.match(body, /Rina Marlina/);
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'new-region-1-roster');
    await context.close();
  });

  test('the admin imports the circular, reviews it and adopts it', async () => {
    const { page, context } = await openPage(browser, base);
    await signIn(page);
    await page.goto(`${base}/staff/catalog/import`);
    await page.setInputFiles('#circular', { name: 'se-netralitas.txt', mimeType: 'text/plain', buffer: Buffer.from(CIRCULAR) });
    await Promise.all([page.waitForURL(/\/staff\/catalog\/circulars\/\d+/), page.click('#import-read')]);
    // Read from the text: the regency, the number, the date, the four numbered items.
    assert.equal(await page.inputValue('#region_code'), '36.03');
    assert.equal(await page.inputValue('#number'), '800.1.4/2024/BKPSDM');
    assert.equal(await page.inputValue('#date'), '2024-05-13');
    assert.equal(Number(await page.inputValue('input[name="item_count"]')), 4);
    assert.match(await page.inputValue('#item_text_1'), /^Memasang spanduk atau baliho bakal calon$/);
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'new-region-2-draft');
    await page.fill('#valid_from', '2024-05-13');
    const count = Number(await page.inputValue('input[name="item_count"]'));
    for (let i = 1; i <= count; i++)
      assert.ok((await page.locator(`input[name="item_conduct_${i}"]:checked`).count()) > 0, `item ${i} has a category`);
    if (await page.isVisible('#confirm_unread')) await page.check('#confirm_unread');
    await Promise.all([page.waitForURL(/adopted=1/), page.click('#adopt')]);
    assert.equal(await page.textContent('#current-version'), '1');
    await screenshot(page, 'new-region-3-adopted');
    const katalog = await page.goto(`${base}/katalog?instansi=36.03`);
    assert.ok((await katalog.text()).includes('Memasang spanduk atau baliho bakal calon'), 'in force for 36.03');
    await context.close();
  });

  test('a citizen reports through /lapor/36.03 on a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await phone.newPage();
    await page.goto(`${base}/lapor/36.03`);
    assert.match(await page.textContent('main'), /Kabupaten Tangerang/);
    await page.fill('[name="reported_name"]', 'Budi Santoso');
    await page.fill('[name="reported_nip"]', '198001012005011001');
    await page.fill('[name="reported_unit"]', 'Dinas Pendidikan');
    await page.fill('[name="description"]', 'Kepala dinas memasang baliho bakal calon bupati di pagar sekolah.');
    await page.fill('[name="incident_date"]', '2024-10-02');
    await page.fill('[name="incident_place"]', 'SD Negeri 1 Tigaraksa');
    await page.fill('[name="learned_date"]', '2024-10-02');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at 360 px (${overflow}px)`);
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'new-region-4-report-360px');
    await Promise.all([page.waitForNavigation(), page.click('#submit-report')]);
    await page.waitForSelector('#case-number');
    caseNumber = (await page.textContent('#case-number')).trim();
    assert.match(caseNumber, /^36\.03-\d{4}-\d{5}$/);
    await screenshot(page, 'new-region-5-receipt-360px');
    await phone.close();
  });

  test('the report is in the admin\'s inbox', async () => {
    const { page, context } = await openPage(browser, base);
    await signIn(page);
    assert.ok((await page.textContent('main')).includes(caseNumber), `${caseNumber} in the inbox`);
    await screenshot(page, 'new-region-6-inbox');
    await context.close();
  });
});
