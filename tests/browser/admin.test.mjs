// Staff administration in headless Chromium: the demo admin creates a liaison for BKN
// with the users page, the new user redeems the one-time code at /staff/reset, logs in,
// turns on two-step verification with a code from an authenticator (tests/lib/totp.mjs),
// and from then on the login needs that code. Then the admin uploads an election file and
// changes a candidate's nickname in the election page's form. Screenshots in test-artifacts/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { REPO_ROOT, startServer } from '../lib/server.mjs';
import { totp } from '../lib/totp.mjs';
import { launch, openPage, screenshot } from './browser.mjs';

describe('browser: users and two-step login', { timeout: 300_000 }, () => {
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

  const newPage = async () => (await openPage(browser, base)).page;

  async function login(page, username, password, code) {
    await page.goto(`${base}/staff/login`);
    await page.fill('[name="username"]', username);
    await page.fill('[name="password"]', password);
    if (code) await page.fill('[name="totp"]', code);
    await page.click('#login');
  }

  test('create a BKN liaison, first password from the code, then two-step login', async () => {
    const admin = await newPage();
    await login(admin, 'admin', srv.adminPassword);
    await admin.waitForURL(/\/staff\/cases/);
    await admin.click('nav >> text=Pengguna');
    await admin.waitForURL(/\/staff\/admin\/users$/);
    await admin.fill('#username', 'penghubung_bkn');
    await admin.fill('[name="display_name"]', 'Penghubung BKN');
    await admin.selectOption('#role', 'liaison');
    await admin.selectOption('#liaison_body', 'bkn');
    await screenshot(admin, 'admin-01-create-user');
    await Promise.all([admin.waitForSelector('#reset-code'), admin.click('#create-user')]);
    const code = (await admin.textContent('#reset-code')).trim();
    assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    await screenshot(admin, 'admin-02-one-time-code');
    // The list shows the new user; the user page names the body.
    await admin.goto(`${base}/staff/admin/users`);
    await Promise.all([admin.waitForURL(/\/staff\/admin\/users\/\d+/), admin.click('a:text-is("penghubung_bkn")')]);
    assert.equal((await admin.textContent('#user-body')).trim(), 'BKN');
    // The admin's statistics page: every stage listed, the total, the CSV link.
    await Promise.all([admin.waitForURL(/\/staff\/stats$/), admin.click('nav >> text=Statistik')]);
    assert.equal(await admin.locator('#by-status tbody tr').count(), 8);
    assert.match((await admin.textContent('#stats-total')).trim(), /^\d+$/);
    assert.equal(await admin.locator('#stats-csv').count(), 1);
    await screenshot(admin, 'admin-05-statistics');

    // The new user sets a password with the code (typed in lower case, as people do).
    const user = await newPage();
    await user.goto(`${base}/staff/reset`);
    await user.fill('#code', code.toLowerCase());
    await user.fill('#password', 'sandi-penghubung-2026');
    await user.click('#reset-submit');
    await user.waitForSelector('.notice');
    await login(user, 'penghubung_bkn', 'sandi-penghubung-2026');
    await user.waitForURL(/\/staff\/cases/);

    // Two-step verification: the secret on the page, a code from it.
    await user.goto(`${base}/staff/account/totp`);
    const secret = await user.getAttribute('#totp-secret', 'data-secret');
    assert.match(secret, /^[A-Z2-7]{16,}$/);
    await screenshot(user, 'admin-03-totp-enrol');
    await user.fill('#code', '000000' === totp(secret) ? '111111' : '000000');
    await user.click('#totp-enable');
    await user.waitForSelector('.alert');  // a wrong code turns nothing on
    await user.fill('#code', totp(secret));
    await user.click('#totp-enable');
    await user.waitForSelector('#totp-disable');
    await user.click('#logout');

    // Without the code the password alone no longer opens the session; with it, it does.
    await login(user, 'penghubung_bkn', 'sandi-penghubung-2026');
    await user.waitForSelector('.alert');
    assert.match(user.url(), /\/staff\/login/);
    await screenshot(user, 'admin-04-login-needs-code');
    // The enrolment code is spent (codes are single-use): the authenticator's next one.
    await login(user, 'penghubung_bkn', 'sandi-penghubung-2026', totp(secret, Date.now() / 1000 + 30));
    await user.waitForURL(/\/staff\/cases/);
    // A BKN liaison sees no case until one is forwarded to BKN, and no statistics link.
    assert.equal(await user.locator('a.case-link').count(), 0);
    assert.equal(await user.locator('nav a[href="/staff/stats"]').count(), 0);
  });

  test('upload an election file, then change a nickname in the election form', async () => {
    const admin = await newPage();
    await login(admin, 'admin', srv.adminPassword);
    await admin.waitForURL(/\/staff\/cases/);
    await admin.goto(`${base}/staff/screening/admin`);
    await admin.setInputFiles('#election-file', path.join(REPO_ROOT, 'data/elections/pilbup-sungai-kenanga-2024.toml'));
    await Promise.all([admin.waitForSelector('#notice'), admin.click('#import-election')]);
    await screenshot(admin, 'admin-06-election-imported');
    await Promise.all([
      admin.waitForURL(/\/staff\/screening\/elections\/pilbup-sungai-kenanga-2024$/),
      admin.click('a:text-is("pilbup-sungai-kenanga-2024")'),
    ]);
    assert.equal((await admin.textContent('#pair-1 .f-nicknames')).trim(), 'HERA · Hendra Wijaya · Bu Rahma · Hendra-Siti');
    // The form: labelled fields, one item per line.
    const nicknames = admin.getByLabel('Nama panggilan dan singkatan pasangan').first();
    assert.equal(await nicknames.inputValue(), 'HERA\nHendra Wijaya\nBu Rahma\nHendra-Siti');
    await nicknames.fill('HERA\nHendra Wijaya\nBu Rahma\nHendra-Siti\nBang Hendra');
    await screenshot(admin, 'admin-07-election-form');
    await Promise.all([admin.waitForURL(/\?saved=1$/), admin.click('#save-election')]);
    assert.match(await admin.textContent('#notice'), /Pemilihan disimpan/);
    assert.equal((await admin.textContent('#pair-1 .f-nicknames')).trim(), 'HERA · Hendra Wijaya · Bu Rahma · Hendra-Siti · Bang Hendra');
    assert.equal(await admin.getByLabel('Nama panggilan dan singkatan pasangan').first().inputValue(), 'HERA\nHendra Wijaya\nBu Rahma\nHendra-Siti\nBang Hendra');
    await screenshot(admin, 'admin-08-election-saved');
  });
});
