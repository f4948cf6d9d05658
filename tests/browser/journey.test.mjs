// The reporter and staff journey in headless Chromium: file a report with a JPEG on the
// public form, keep the receipt, check the status; staff log in, find the report, reply;
// the reporter sees the reply and answers. Then the same form with JavaScript disabled.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { JPEG } from '../lib/fixtures.mjs';
import { CASE_NUMBER_RE, RECEIPT_RE } from '../lib/http.mjs';
import { STANDARD_USERS, TEST_PASSWORD, startServer } from '../lib/server.mjs';
import { launch, sameOriginOnly, screenshot } from './browser.mjs';

const STEP_TIMEOUT = 20_000;

describe('browser: report, follow, staff reply', { timeout: 300_000 }, () => {
  let srv;
  let base;
  let browser;
  const state = {};

  before(async () => {
    srv = await startServer({ users: STANDARD_USERS });
    base = srv.url;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await srv?.stop();
  });

  async function newPage(options = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    context.setDefaultTimeout(STEP_TIMEOUT);
    const blocked = await sameOriginOnly(context, base);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    return { context, page, errors, blocked };
  }

  async function fillReportForm(page, { description }) {
    await page.goto(`${base}/lapor`);
    await page.selectOption('select[name="instansi"]', '19.03');
    await page.fill('[name="reported_name"]', 'Andi Wijaya');
    await page.fill('[name="reported_nip"]', '198503122010011001');
    await page.fill('[name="reported_unit"]', 'Dinas Kesehatan');
    await page.fill('[name="reported_position"]', 'Kepala Bidang');
    await page.fill('[name="description"]', description);
    await page.fill('[name="incident_date"]', '2026-03-02');
    await page.fill('[name="incident_place"]', 'Halaman Kantor Dinas');
    await page.fill('[name="learned_date"]', '2026-03-03');
    await page.fill('[name="links"]', 'https://example.org/posting/1\nhttps://example.org/posting/2');
    await page.setInputFiles('input[name="evidence"]', [{ name: 'baliho.jpg', mimeType: 'image/jpeg', buffer: JPEG }]);
  }

  async function readReceipt(page) {
    await page.waitForSelector('#receipt');
    const receipt = (await page.textContent('#receipt')).trim();
    const caseNumber = (await page.textContent('#case-number')).trim();
    assert.match(receipt, RECEIPT_RE);
    assert.match(caseNumber, CASE_NUMBER_RE);
    assert.ok(!page.url().includes(receipt.slice(0, 4) + '-'), 'the receipt must never be in a URL');
    return { receipt, caseNumber };
  }

  async function checkStatus(page, receipt) {
    await page.goto(`${base}/status`);
    await page.fill('[name="receipt"]', receipt);
    await Promise.all([page.waitForNavigation(), page.click('#check-status')]);
    await page.waitForSelector('#status');
    assert.ok(!page.url().includes(receipt), 'the receipt must never be in a URL');
  }

  test('the reporter files a report with a JPEG and gets a receipt', async () => {
    const { page, errors, blocked, context } = await newPage();
    await fillReportForm(page, { description: 'Kepala bidang memasang baliho calon di pagar kantor dinas.' });
    await screenshot(page, '01-form-filled');
    await Promise.all([page.waitForNavigation(), page.click('#submit-report')]);
    Object.assign(state, await readReceipt(page));
    await screenshot(page, '02-receipt');
    assert.deepEqual(errors, [], 'JavaScript errors on the page');
    assert.deepEqual(blocked, [], 'the page tried to load resources from elsewhere');
    await context.close();
  });

  test('the reporter checks the status with the receipt', async () => {
    const { page, context } = await newPage();
    await checkStatus(page, state.receipt);
    assert.ok((await page.textContent('#status')).trim().length > 0);
    await screenshot(page, '03-status');
    await context.close();
  });

  test('staff log in, find the report in the inbox, see the evidence, reply', async () => {
    const { page, errors, context } = await newPage();
    await page.goto(`${base}/staff/login`);
    await page.fill('[name="username"]', 't_admin');
    await page.fill('[name="password"]', TEST_PASSWORD);
    await Promise.all([page.waitForURL(/\/staff\/cases/), page.click('#login')]);
    await page.waitForSelector('tr.case-row');
    await screenshot(page, '04-inbox');
    const link = page.locator('a.case-link', { hasText: state.caseNumber });
    assert.equal(await link.count(), 1, `inbox row for ${state.caseNumber}`);
    await Promise.all([page.waitForURL(/\/staff\/cases\/\d+$/), link.click()]);
    state.casePath = new URL(page.url()).pathname;
    const body = await page.textContent('body');
    assert.ok(body.includes('Kepala bidang memasang baliho calon'), 'description not on the case page');
    // The JPEG is shown inline and actually decodes.
    const img = page.locator('img[src*="evidence"]').first();
    await img.waitFor();
    const width = await img.evaluate((el) => (el.complete ? el.naturalWidth : new Promise((r) => (el.onload = () => r(el.naturalWidth)))));
    assert.ok(width > 0, 'evidence image does not load');
    await page.fill('textarea[name="body"]', 'Terima kasih. Apakah ada foto lain dari sudut berbeda?');
    await Promise.all([page.waitForNavigation(), page.click('#send-reply')]);
    await page.waitForSelector('.message');
    assert.ok((await page.textContent('body')).includes('Apakah ada foto lain dari sudut berbeda?'));
    await screenshot(page, '05-case-replied');
    assert.deepEqual(errors, []);
    // Logout ends the session.
    await Promise.all([page.waitForNavigation(), page.click('#logout')]);
    await page.goto(`${base}/staff/cases`);
    assert.ok(!/\/staff\/cases$/.test(new URL(page.url()).pathname) || (await page.locator('tr.case-row').count()) === 0, 'inbox still visible after logout');
    await context.close();
  });

  test('the reporter sees the staff reply and answers with a photo', async () => {
    const { page, context } = await newPage();
    await checkStatus(page, state.receipt);
    const fromStaff = page.locator('.message.from-staff', { hasText: 'Apakah ada foto lain' });
    assert.equal(await fromStaff.count(), 1, 'staff reply not shown to the reporter');
    await screenshot(page, '06-reporter-sees-reply');
    await page.fill('textarea[name="body"]', 'Ada, saya lampirkan foto kedua.');
    await page.setInputFiles('input[name="evidence"]', [{ name: 'kedua.jpg', mimeType: 'image/jpeg', buffer: JPEG }]);
    await Promise.all([page.waitForNavigation(), page.click('#send-reply')]);
    await page.waitForSelector('#status');
    const mine = page.locator('.message', { hasText: 'saya lampirkan foto kedua' });
    assert.equal(await mine.count(), 1, 'the reporter answer is not shown');
    assert.equal(await page.locator('.message.from-staff', { hasText: 'saya lampirkan foto kedua' }).count(), 0);
    await screenshot(page, '07-reporter-answered');
    await context.close();
  });

  test('the English interface is one click away (?lang=en)', async () => {
    const { page, context } = await newPage();
    await page.goto(`${base}/?lang=en`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.goto(`${base}/lapor`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await screenshot(page, '08-form-en');
    await context.close();
  });

  test('the form fits a phone screen', async () => {
    const { page, context } = await newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(`${base}/lapor`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the form scrolls sideways on a phone by ${overflow}px`);
    await screenshot(page, '09-form-phone');
    await context.close();
  });

  test('the public form works with JavaScript disabled', async () => {
    const { page, context } = await newPage({ javaScriptEnabled: false });
    await fillReportForm(page, { description: 'Laporan tanpa JavaScript: ASN membagikan stiker calon.' });
    await Promise.all([page.waitForNavigation(), page.click('#submit-report')]);
    const { receipt } = await readReceipt(page);
    await screenshot(page, '10-receipt-nojs');
    await checkStatus(page, receipt);
    await screenshot(page, '11-status-nojs');
    await context.close();
  });
});
