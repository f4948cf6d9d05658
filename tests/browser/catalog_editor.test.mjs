// The circular editor in headless Chromium (issue 12): the demo admin imports a circular,
// reviews the draft beside its text, edits an item, adopts it (confirming what the
// importer could not read), edits it again and sees version 2 in the version list. The
// editor is checked with axe-core (WCAG 2 A/AA) on a desktop and at 360 px, where the text
// and the draft stack. Screenshots in test-artifacts/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { REPO_ROOT, startServer } from '../lib/server.mjs';
import { axeViolations, launch, openPage, sameOriginOnly, screenshot } from './browser.mjs';

const SEEDS = path.resolve(REPO_ROOT, '../shared/seeds');

describe('browser: the circular editor', { timeout: 300_000 }, () => {
  let srv;
  let base;
  let browser;

  before(async () => {
    srv = await startServer();
    base = srv.url;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await srv?.stop();
  });

  async function login(page) {
    await page.goto(`${base}/staff/login`);
    await page.fill('[name="username"]', 'admin');
    await page.fill('[name="password"]', srv.adminPassword);
    await Promise.all([page.waitForURL(/\/staff\/cases/), page.click('#login')]);
  }

  test('import, edit an item, adopt, edit again: version 2', async () => {
    const { page } = await openPage(browser, base);
    await login(page);
    await page.goto(`${base}/staff/catalog/import`);
    await page.setInputFiles('#circular', {
      name: '002.txt', mimeType: 'text/plain', buffer: readFileSync(path.join(SEEDS, '002_06e9bd18a6ed3ce2.txt')),
    });
    await Promise.all([page.waitForURL(/\/staff\/catalog\/circulars\/\d+/), page.click('#import-read')]);
    const editorUrl = page.url().replace(/#.*/, '');
    assert.ok(await page.isVisible('#unread'), 'what was not read is shown');
    assert.ok(await page.isVisible('#source-text'));
    // Two columns on a desktop: the text left of the draft.
    const src = await page.locator('#src-h').boundingBox();
    const draft = await page.locator('#draft-h').boundingBox();
    assert.ok(draft.x > src.x + src.width / 2 && Math.abs(draft.y - src.y) < 5, 'side by side');
    assert.deepEqual(await axeViolations(page), [], 'the draft editor is axe-clean');
    await screenshot(page, 'catalog-01-draft-beside-text');

    await page.fill('#item_text_1', 'ikut kampanye dalam bentuk apa pun');
    await page.check('input[name="item_staff_1"][value="pns"]');
    await Promise.all([page.waitForURL(/saved=1/), page.click('#save')]);
    assert.equal(await page.inputValue('#item_text_1'), 'ikut kampanye dalam bentuk apa pun');
    assert.ok(await page.isChecked('input[name="item_staff_1"][value="pns"]'));
    // Down and back up, by the buttons.
    const second = await page.inputValue('#item_text_2');
    await Promise.all([page.waitForURL(/saved=1/), page.click('#down-1')]);
    assert.equal(await page.inputValue('#item_text_1'), second);
    await Promise.all([page.waitForURL(/saved=1/), page.click('#up-2')]);
    assert.equal(await page.inputValue('#item_text_1'), 'ikut kampanye dalam bentuk apa pun');

    // Adopt: the news report gave no date; items without a category get one; the unread
    // fields must be confirmed first.
    await page.fill('#date', '2024-09-26');
    await page.fill('#valid_from', '2024-09-26');
    const count = Number(await page.inputValue('input[name="item_count"]'));
    for (let i = 1; i <= count; i++)
      if ((await page.locator(`input[name="item_conduct_${i}"]:checked`).count()) === 0)
        await page.check(`input[name="item_conduct_${i}"][value="social_media"]`);
    await page.click('#adopt');
    await page.waitForLoadState();
    assert.ok(await page.isVisible('#form-error'), 'adoption waits for the confirmation');
    await page.check('#confirm_unread');
    await Promise.all([page.waitForURL(/adopted=1/), page.click('#adopt')]);
    assert.equal(await page.textContent('#current-version'), '1');
    await screenshot(page, 'catalog-02-adopted');

    await page.fill('#item_text_1', 'ikut kampanye, versi kedua');
    await Promise.all([page.waitForURL(/saved=1/), page.click('#save')]);
    assert.equal(await page.textContent('#current-version'), '2');
    assert.equal(await page.locator('#version-list tbody tr').count(), 2);
    assert.match(await page.textContent('#version-list tbody tr:first-child'), /2[\s\S]*Isi diubah/);
    assert.deepEqual(await axeViolations(page), [], 'the adopted editor is axe-clean');
    await screenshot(page, 'catalog-03-version-2');
    const katalog = await page.goto(`${base}/katalog?instansi=19.03`);
    assert.ok((await katalog.text()).includes('ikut kampanye, versi kedua'), 'version 2 is in force');

    // At 360 px the text and the draft stack, nothing wider than the screen.
    const phone = await browser.newContext({ viewport: { width: 360, height: 780 } });
    await sameOriginOnly(phone, base);
    const small = await phone.newPage();
    await login(small);
    await small.goto(editorUrl);
    const s1 = await small.locator('#src-h').boundingBox();
    const s2 = await small.locator('#draft-h').boundingBox();
    assert.ok(s2.y > s1.y + s1.height, 'stacked');
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px)`);
    assert.deepEqual(await axeViolations(small), [], 'axe-clean at 360 px');
    await screenshot(small, 'catalog-04-editor-360px');
    await phone.close();
  });
});
