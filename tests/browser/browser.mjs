// Launches Debian's Chromium through playwright-core (never a downloaded browser) and
// saves screenshots under test-artifacts/.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { REPO_ROOT } from '../lib/server.mjs';

export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
export const CHROMIUM = process.env.NETRAL_CHROMIUM ?? '/usr/bin/chromium';

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60_000,
  });
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

// Blocks every request that leaves the server under test: pages must not need the network.
export async function sameOriginOnly(context, base) {
  const origin = new URL(base).origin;
  const blocked = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    blocked.push(u);
    return route.abort();
  });
  return blocked;
}

// A fresh desktop-sized context that may only reach the server under test, and its page.
export async function openPage(browser, base, { timeout = 20_000 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(timeout);
  await sameOriginOnly(context, base);
  return { context, page: await context.newPage() };
}

// Violations of WCAG 2 A and AA on the page as it stands, one line each, by axe-core from
// the test dependencies (package.json); NETRAL_AXE names another copy.
let axeSource = null;
export async function axeViolations(page) {
  axeSource ??= readFileSync(process.env.NETRAL_AXE ?? createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}
