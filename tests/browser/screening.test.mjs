// The reviewers' queue in headless Chromium, JavaScript off as on the cheapest phone: a
// flagged post's screenshot shows as a thumbnail that really loads; a PDF chosen as the
// reviewer's screenshot brings the queue back with the error; an image chosen in the
// labelled file input opens the case with it as evidence; the open-case form works with
// no file chosen. Screenshots in test-artifacts/.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { JPEG, PDF, PNG, sha256 } from '../lib/fixtures.mjs';
import { StaffClient, expectStatus, request } from '../lib/http.mjs';
import { REPO_ROOT, startServer } from '../lib/server.mjs';
import { launch, sameOriginOnly, screenshot } from './browser.mjs';

const ELECTION = readFileSync(path.join(REPO_ROOT, 'data/elections/pilbup-sungai-kenanga-2024.toml'), 'utf8');

describe('browser: screening queue with screenshots', { timeout: 300_000 }, () => {
  let srv;
  let base;
  let browser;
  let admin;
  const files = mkdtempSync(path.join(tmpdir(), 'netral-shot-'));

  before(async () => {
    srv = await startServer();
    base = srv.url;
    browser = await launch();
    admin = await StaffClient.login(base, 'admin', srv.adminPassword);
    const analyst = await StaffClient.login(base, 'analis', srv.adminPassword);
    const form = (fields) => ({
      body: new URLSearchParams({ ...fields, csrf: admin.csrf }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      cookie: admin.cookie,
    });
    expectStatus(await request(base, 'POST', '/staff/screening/elections', form({ election: ELECTION })), 200, 'import');
    const post = (id, extra = {}) => ({ platform: 'facebook', account: `warga.${id}`, post_id: id, kind: 'post', text: 'Pak Bambang calon bupati terbaik, pilih beliau!', ...extra });
    const pushed = await analyst.post('/api/v1/screening/posts', [post('b1', { screenshot: PNG.toString('base64') }), post('b2'), post('b3')]);
    expectStatus(pushed, 200, 'push');
    assert.equal(pushed.json.screenshots, 1);
    writeFileSync(path.join(files, 'bukti.pdf'), PDF);
    writeFileSync(path.join(files, 'tangkapan.jpg'), JPEG);
  });
  after(async () => {
    await browser?.close();
    await srv?.stop();
    rmSync(files, { recursive: true, force: true });
  });

  test('thumbnail, refused upload, upload as evidence, no file: all without JavaScript', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    context.setDefaultTimeout(20_000);
    await sameOriginOnly(context, base);
    const page = await context.newPage();
    await page.goto(`${base}/staff/login`);
    await page.fill('[name="username"]', 'verifikator');
    await page.fill('[name="password"]', srv.adminPassword);
    await page.click('#login');
    await page.waitForURL(/\/staff\/cases/);
    await page.goto(`${base}/staff/screening`);
    const flagId = async (account) => (await page.locator(`article.flag:has-text("@warga.${account}")`).getAttribute('id')).replace('flag-', '');
    const [b1, b2, b3] = [await flagId('b1'), await flagId('b2'), await flagId('b3')];

    // The thumbnail is an image the browser could decode (loaded through the session).
    const img = page.locator(`#flag-${b1} figure.screenshot img`);
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction((sel) => { const i = document.querySelector(sel); return i && i.complete && i.naturalWidth > 0; }, `#flag-${b1} figure.screenshot img`, { polling: 100 }).catch(() => {});
    assert.equal(await img.evaluate((i) => i.naturalWidth), 2, 'the 2x2 PNG is shown');
    assert.match(await img.getAttribute('alt'), /^Tangkapan layar postingan facebook @warga\.b1/);
    assert.equal(await page.locator(`#flag-${b2} figure.screenshot`).count(), 0);
    await screenshot(page, 'screening-01-queue-thumbnail');

    // A PDF as the reviewer's screenshot: the queue again, with the error, and no case.
    await page.locator(`#flag-${b2}`).getByLabel(/Tangkapan layar dari peninjau/).setInputFiles(path.join(files, 'bukti.pdf'));
    await Promise.all([page.waitForSelector('#case-error'), page.locator(`#flag-${b2} button.open-case`).click()]);
    assert.match(await page.textContent('#case-error'), /harus berupa gambar PNG, JPEG atau WebP/);
    assert.equal(await page.getAttribute(`#shot-${b2}`, 'aria-invalid'), 'true');
    await screenshot(page, 'screening-02-upload-refused');

    // A JPEG: the case opens; its evidence holds the image.
    await page.locator(`#flag-${b2}`).getByLabel(/Tangkapan layar dari peninjau/).setInputFiles(path.join(files, 'tangkapan.jpg'));
    await Promise.all([page.waitForURL(/opened=/), page.locator(`#flag-${b2} button.open-case`).click()]);
    const number = (await page.textContent('#opened strong')).trim();
    const c = await admin.caseByNumber(number);
    const evidence = expectStatus(await admin.get(`/api/v1/cases/${c.id}`), 200).json.evidence;
    assert.deepEqual(evidence.map((e) => e.sha256).filter((h) => h === sha256(JPEG)), [sha256(JPEG)]);

    // No file chosen: the case opens with the post alone.
    await Promise.all([page.waitForURL(/opened=/), page.locator(`#flag-${b3} button.open-case`).click()]);
    const plain = await admin.caseByNumber((await page.textContent('#opened strong')).trim());
    assert.deepEqual(expectStatus(await admin.get(`/api/v1/cases/${plain.id}`), 200).json.evidence.map((e) => e.mime), ['application/pdf']);
    await screenshot(page, 'screening-03-case-opened');
    await context.close();
  });
});
