// The roster page in headless Chromium on a phone (360 px) with JavaScript off: the demo
// admin uploads a CSV with a bad row (listed, nothing imported), then with "skip bad rows",
// searches the browser, and pages through it. Each state must fit the screen and pass the
// structural accessibility checks below (no axe-core in node_modules: a label for every
// control, one h1, captions and header cells for tables, a named landmark for search and
// pager). Screenshots in test-artifacts/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../lib/server.mjs';
import { launch, sameOriginOnly, screenshot } from './browser.mjs';

const CSV =
  'kode_unit;nama_unit;nip;nama;jenis_pegawai;jabatan;nip_atasan\n' +
  'RST-KOMINFO;Dinas Komunikasi dan Informatika Kabupaten;198001012005011001;Budi Rosterwan;PNS;Kepala Dinas;\n' +
  'RST-KOMINFO;;199003152023211003;Rina Rosterwati;PPPK;Pranata Komputer Ahli Pertama;198001012005011001\n' +
  'RST-KOMINFO;;12345;Salah Nomor;PNS;Staf;\n';

// Problems a page may not have; empty when none.
async function a11yProblems(page) {
  return page.evaluate(() => {
    const out = [];
    if (document.querySelectorAll('h1').length !== 1) out.push('not exactly one h1');
    if (!document.documentElement.lang) out.push('no lang on html');
    for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea, button')) {
      const named = el.tagName === 'BUTTON' ? el.textContent.trim() : el.labels?.length || el.getAttribute('aria-label');
      if (!named) out.push(`unnamed ${el.tagName.toLowerCase()}#${el.id}`);
    }
    for (const id of new Set([...document.querySelectorAll('[id]')].map((e) => e.id)))
      if (document.querySelectorAll(`[id="${CSS.escape(id)}"]`).length > 1) out.push(`duplicate id ${id}`);
    for (const el of document.querySelectorAll('[aria-describedby]'))
      for (const ref of el.getAttribute('aria-describedby').split(/\s+/))
        if (!document.getElementById(ref)) out.push(`aria-describedby to missing ${ref}`);
    for (const t of document.querySelectorAll('table'))
      if (!t.querySelector('th[scope=col]')) out.push(`table#${t.id} without column headers`);
    for (const n of document.querySelectorAll('nav, [role=search]'))
      if (n.tagName === 'NAV' && !n.getAttribute('aria-label')) out.push('nav without a name');
    const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    if (overflow > 1) out.push(`scrolls sideways by ${overflow}px`);
    return out;
  });
}

describe('browser: the roster page on a phone, without JavaScript', { timeout: 300_000 }, () => {
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

  test('upload with a bad row, skip it, search and page', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, javaScriptEnabled: false });
    context.setDefaultTimeout(20_000);
    await sameOriginOnly(context, base);
    const page = await context.newPage();
    await page.goto(`${base}/staff/login`);
    await page.fill('[name="username"]', 'admin');
    await page.fill('[name="password"]', srv.adminPassword);
    await Promise.all([page.waitForNavigation(), page.click('#login')]);
    await Promise.all([page.waitForNavigation(), page.click('nav a[href="/staff/roster"]')]);
    assert.equal(new URL(page.url()).pathname, '/staff/roster/19.03');
    assert.deepEqual(await a11yProblems(page), []);
    await screenshot(page, 'roster-01-page-360');

    const file = { name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) };
    await page.setInputFiles('#roster-file', file);
    await Promise.all([page.waitForNavigation(), page.click('#roster-submit')]);
    assert.match(await page.textContent('#row-errors-note'), /Tidak ada yang diimpor: 1 kesalahan/);
    assert.equal(await page.locator('#row-errors tr.row-error').count(), 1);
    assert.match(await page.textContent('#row-errors tr.row-error'), /^4nip12345/);
    assert.deepEqual(await a11yProblems(page), []);
    await screenshot(page, 'roster-02-errors-360');

    await page.setInputFiles('#roster-file', file);
    await page.check('#skip-bad-rows');
    await Promise.all([page.waitForNavigation(), page.click('#roster-submit')]);
    assert.match(await page.textContent('#import-summary'), /Pegawai: 2 baru, 0 diubah\. Baris dilewati: 1\./);
    assert.deepEqual(await a11yProblems(page), []);
    await screenshot(page, 'roster-03-imported-360');

    await page.fill('#roster-q', 'rosterw');
    await Promise.all([page.waitForNavigation(), page.press('#roster-q', 'Enter')]);
    assert.deepEqual(await page.locator('#staff .emp-name').allTextContents(), ['Budi Rosterwan', 'Rina Rosterwati']);
    assert.deepEqual(await a11yProblems(page), []);
    await screenshot(page, 'roster-04-search-360');

    await page.goto(`${base}/staff/roster/19.03?lang=en`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match(await page.textContent('h1'), /Staff roster/);
    assert.deepEqual(await a11yProblems(page), []);
    if (await page.locator('a[rel=next]').count()) {
      await Promise.all([page.waitForNavigation(), page.click('a[rel=next]')]);
      assert.match(page.url(), /page=2/);
      assert.deepEqual(await a11yProblems(page), []);
    }
    await screenshot(page, 'roster-05-en-360');
    await context.close();
  });
});
