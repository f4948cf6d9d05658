// The public form's choice of government in Chromium (issue 12): on a 360 px phone every
// government's name fits the closed choice uncut (the longest regency name of the official
// list included), nothing is chosen until the reporter chooses, the search works with
// JavaScript off, and /lapor/CODE preselects. Screenshots in test-artifacts/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { runCli, startServer } from '../lib/server.mjs';
import { launch, sameOriginOnly, screenshot } from './browser.mjs';

describe('browser: choosing the government on the public form', { timeout: 300_000 }, () => {
  let srv;
  let browser;
  before(async () => {
    srv = await startServer();
    // The longest names of the list: a regency (42 characters) and a province.
    for (const code of ['71.09', '36.03', '31.01'])
      runCli(['instansi', 'add', code, '--db', srv.db, '--data', srv.dataDir]);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await srv?.stop();
  });

  async function phone(options = {}) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, ...options });
    context.setDefaultTimeout(20_000);
    await sameOriginOnly(context, srv.url);
    return { context, page: await context.newPage() };
  }

  test('at 360 px every name fits the closed choice, and none is chosen', async () => {
    const { context, page } = await phone();
    await page.goto(`${srv.url}/lapor`);
    assert.equal(await page.inputValue('#instansi'), '', 'nothing preselected');
    await screenshot(page, 'choice-00-phone');
    // Each name, once chosen, is shown whole in the closed choice: the box holds as many
    // lines as the name needs in the select's own font and width (less the arrow).
    const cut = [];
    for (const value of await page.$$eval('#instansi option', (os) => os.map((o) => o.value).filter(Boolean))) {
      await page.selectOption('#instansi', value);
      const r = await page.evaluate(() => {
        const sel = document.getElementById('instansi');
        const cs = getComputedStyle(sel);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        const text = sel.selectedOptions[0].textContent;
        const pad = parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom) + parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth);
        // The arrow and its gap take about 20 px; 2 px of rounding are let pass.
        const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20 + 2;
        const width = ctx.measureText(text).width;
        const lineHeight = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.2;
        const lines = Math.ceil(width / room);
        return { text, width, room, lines, height: sel.offsetHeight, needed: lines * lineHeight + pad, clips: lines > 1 && cs.whiteSpace !== 'normal' };
      });
      if (r.clips || r.height + 1 < r.needed) cut.push(`${r.text}: ${Math.round(r.width)} px in ${Math.round(r.room)} px, box ${r.height} px < ${Math.round(r.needed)} px`);
    }
    const tooWide = cut;
    assert.deepEqual(tooWide, [], 'names cut off on a phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the form scrolls sideways by ${overflow}px`);
    await page.selectOption('#instansi', '71.09');
    await screenshot(page, 'choice-01-phone-chosen');
    await context.close();
  });

  test('the search narrows the list with JavaScript off; /lapor/CODE preselects', async () => {
    const { context, page } = await phone({ javaScriptEnabled: false });
    await page.goto(`${srv.url}/lapor`);
    await page.fill('#cari', 'tangerang');
    await Promise.all([page.waitForNavigation(), page.click('#instansi-search-button')]);
    const values = await page.$$eval('#instansi option', (os) => os.map((o) => o.value));
    assert.deepEqual(values, ['', '36.03']);
    await screenshot(page, 'choice-02-search-nojs');
    await page.goto(`${srv.url}/lapor/36.03`);
    assert.equal(await page.inputValue('#instansi'), '36.03');
    assert.equal(await page.textContent('#instansi-chosen'), 'Pemerintah Kabupaten Tangerang');
    await screenshot(page, 'choice-03-link');
    await context.close();
  });
});
