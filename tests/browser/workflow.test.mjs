// One case through every state of the workflow in headless Chromium, each step by the demo
// user whose role it is (verifikator, kadis, pemeriksa, ppk, admin), plus one rejection and
// one forward to Bawaslu answered by the liaison (bawaslu). Screenshots in test-artifacts/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { RECEIPT_RE } from '../lib/http.mjs';
import { startServer } from '../lib/server.mjs';
import { launch, openPage, screenshot } from './browser.mjs';

const STEP_TIMEOUT = 20_000;

describe('browser: case workflow with the demo users', { timeout: 300_000 }, () => {
  let srv;
  let base;
  let browser;
  const sessions = {};

  before(async () => {
    srv = await startServer();
    base = srv.url;
    assert.ok(srv.adminPassword, 'init --demo prints the demo password');
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await srv?.stop();
  });

  const newPage = () => openPage(browser, base, { timeout: STEP_TIMEOUT });

  // One browser context per demo user, logged in once.
  async function as(username) {
    if (sessions[username]) return sessions[username];
    const { page } = await newPage();
    await page.goto(`${base}/staff/login`);
    await page.fill('[name="username"]', username);
    await page.fill('[name="password"]', srv.adminPassword);
    await Promise.all([page.waitForURL(/\/staff\/cases/), page.click('#login')]);
    sessions[username] = page;
    return page;
  }

  async function fileReport(name, description) {
    const { context, page } = await newPage();
    await page.goto(`${base}/lapor`);
    await page.selectOption('select[name="instansi"]', '19.03');
    await page.fill('[name="reported_name"]', name);
    await page.fill('[name="reported_unit"]', 'Dinas Pendidikan');
    await page.fill('[name="description"]', description);
    await page.fill('[name="incident_date"]', '2026-11-18');
    await page.fill('[name="learned_date"]', '2026-11-19');
    await page.fill('[name="incident_place"]', 'SD Negeri 1 Toboali');
    await page.fill('[name="reporter_name"]', 'Warga Toboali');
    await Promise.all([page.waitForSelector('#receipt'), page.click('button[type="submit"]')]);
    const receipt = (await page.textContent('#receipt')).trim();
    const caseNumber = (await page.textContent('#case-number')).trim();
    assert.match(receipt, RECEIPT_RE);
    await context.close();
    return { receipt, caseNumber };
  }

  async function openCase(page, caseNumber) {
    await page.goto(`${base}/staff/cases`);
    await Promise.all([page.waitForURL(/\/staff\/cases\/\d+/), page.click(`a.case-link:text-is("${caseNumber}")`)]);
  }

  async function status(page) {
    return (await page.textContent('#case-status')).trim();
  }

  // Opens the action's <details>, lets `fill` complete the form, submits, expects success.
  async function act(page, action, fill = async () => {}) {
    const form = `#wf-${action}`;
    const summary = page.locator(`details:has(${form}) > summary`);
    if (await summary.count()) {
      const open = await page.locator(`details:has(${form})`).getAttribute('open');
      if (open === null) await summary.click();
    }
    await fill(form);
    await Promise.all([page.waitForURL(/done=1|wf_error=/), page.click(`${form} button[type="submit"]`)]);
    const err = await page.locator('#wf-error').count();
    assert.equal(err, 0, err ? await page.textContent('#wf-error') : '');
  }

  test('one case through every state, each step by the right demo user', async () => {
    const { caseNumber } = await fileReport('Budi Santoso', 'Guru mengunggah foto bersama calon bupati dengan simbol dua jari di Facebook.');

    const verif = await as('verifikator');
    await openCase(verif, caseNumber);
    assert.equal(await status(verif), 'Diterima');
    assert.equal(await verif.locator('#wf-decide').count(), 0, 'no PPK form for a verifier');
    await screenshot(verif, 'wf-01-received-verifier');
    await act(verif, 'start_verification');
    assert.equal(await status(verif), 'Verifikasi');
    await act(verif, 'request_completion', async (f) => {
      await verif.fill(`${f} [name="note"]`, 'Mohon kirim tangkapan layar unggahan tersebut.');
    });
    await act(verif, 'accept', async (f) => {
      for (const v of ['reported_identity', 'within_window', 'time_place', 'description', 'evidence'])
        await verif.check(`${f} input[name="checked"][value="${v}"]`);
      await verif.check(`${f} input[name="examiners"] >> nth=0`);
      await verif.fill(`${f} [name="superior_name"]`, 'Kepala Dinas Pendidikan');
    });
    assert.equal(await status(verif), 'Pemeriksaan');
    await screenshot(verif, 'wf-02-examination');

    const kadis = await as('kadis');
    await openCase(kadis, caseNumber);
    await act(kadis, 'record_bap', async (f) => {
      await kadis.fill(`${f} [name="bap_number"]`, 'BAP/01/XI/2026');
      await kadis.fill(`${f} [name="bap_date"]`, '2026-11-20');
      await kadis.fill(`${f} [name="note"]`, 'Terlapor mengakui mengunggah foto tersebut.');
    });
    assert.equal(await status(kadis), 'Pemeriksaan');
    await screenshot(kadis, 'wf-03-bap-by-unit-head');

    const periksa = await as('pemeriksa');
    await openCase(periksa, caseNumber);
    await act(periksa, 'findings', async (f) => {
      await periksa.selectOption(`${f} select[name="finding_item"] >> nth=0`, { index: 1 });
      await periksa.check(`${f} input[name="finding_1"][value="1"]`);
    });
    assert.equal(await status(periksa), 'Rekomendasi');
    await act(periksa, 'recommend', async (f) => {
      await periksa.selectOption(`${f} [name="staff_type"]`, 'pns');
      await periksa.selectOption(`${f} [name="sanction_level"]`, 'sedang');
      await periksa.check(`${f} input[name="sanctions"][value="potongan_tunjangan_25_6"]`);
    });
    assert.equal(await status(periksa), 'Keputusan PPK');
    await screenshot(periksa, 'wf-04-recommended');

    const ppk = await as('ppk');
    await openCase(ppk, caseNumber);
    assert.equal(await ppk.locator('#wf-execute').count(), 0, 'execution only after the decree');
    await act(ppk, 'decide', async (f) => {
      await ppk.fill(`${f} [name="decree_number"]`, '800/45/BKPSDMD/2026');
      await ppk.fill(`${f} [name="decree_date"]`, '2026-11-22');
      await ppk.selectOption(`${f} [name="staff_type"]`, 'pns');
      await ppk.check(`${f} input[name="sanctions"][value="potongan_tunjangan_25_6"]`);
    });
    await act(ppk, 'execute', async (f) => {
      await ppk.fill(`${f} [name="executed_date"]`, '2026-11-23');
    });
    assert.equal(await status(ppk), 'Sanksi dilaksanakan');
    await screenshot(ppk, 'wf-05-executed');

    const admin = await as('admin');
    await openCase(admin, caseNumber);
    await act(admin, 'close', async (f) => {
      await admin.fill(`${f} [name="note"]`, 'Sanksi telah dilaksanakan; perkara selesai.');
    });
    assert.equal(await status(admin), 'Ditutup');
    assert.equal(await admin.locator('#wf-no-actions').count(), 1);
    const steps = await admin.locator('#wf-timeline li').count();
    assert.ok(steps >= 10, `timeline has every step (${steps})`);
    await screenshot(admin, 'wf-06-closed-timeline');
  });

  test('a rejection with its reason', async () => {
    const { caseNumber } = await fileReport('Sari Lestari', 'Staf memasang spanduk calon di depan kantor kecamatan tiga minggu lalu.');
    const verif = await as('verifikator');
    await openCase(verif, caseNumber);
    await act(verif, 'reject', async (f) => {
      await verif.selectOption(`${f} [name="reason"]`, 'expired');
      await verif.fill(`${f} [name="note"]`, 'Dilaporkan lebih dari 7 hari sejak diketahui.');
    });
    assert.equal(await status(verif), 'Ditolak');
    assert.match(await verif.textContent('#wf-timeline'), /Kedaluwarsa/);
    await screenshot(verif, 'wf-07-rejected');
  });

  test('a forward to Bawaslu, answered by the liaison', async () => {
    const { caseNumber } = await fileReport('Hendra Kurniawan', 'Kepala seksi mengumpulkan fotokopi KTP warga untuk mendukung calon.');
    const verif = await as('verifikator');
    await openCase(verif, caseNumber);
    await act(verif, 'forward', async (f) => {
      await verif.selectOption(`${f} [name="forward_to"]`, 'bawaslu');
      await verif.fill(`${f} [name="external_ref"]`, '012/Reg/LP/PB/Kab/09.03/XI/2026');
    });
    const bawaslu = await as('bawaslu');
    await bawaslu.goto(`${base}/staff/cases`);
    assert.equal(await bawaslu.locator('a.case-link').count(), 1, 'the liaison sees only the forwarded case');
    await openCase(bawaslu, caseNumber);
    await act(bawaslu, 'liaison_note', async (f) => {
      await bawaslu.fill(`${f} [name="note"]`, 'Diterima dan sedang dikaji Bawaslu Kabupaten.');
      await bawaslu.fill(`${f} [name="external_ref"]`, 'BWS-2026-77');
    });
    assert.match(await bawaslu.textContent('#workflow'), /012\/Reg\/LP\/PB\/Kab\/09\.03\/XI\/2026/);
    await screenshot(bawaslu, 'wf-08-bawaslu-liaison');
    const analis = await as('analis');
    await analis.goto(`${base}/staff/cases`);
    assert.equal(await analis.locator('a.case-link').count(), 0, 'the analyst handles no cases');
  });
});
