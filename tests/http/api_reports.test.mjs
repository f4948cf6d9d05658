// Public JSON API: health, report submission (JSON and multipart), receipts, reporter messages.
// Runs on SQLite, and on PostgreSQL when NETRAL_TEST_PG_URL is set.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { JPEG, PDF, PNG, sha256 } from '../lib/fixtures.mjs';
import {
  CASE_NUMBER_RE,
  RECEIPT_RE,
  REPORTER,
  StaffClient,
  expectError,
  expectStatus,
  postMultipart,
  request,
  submitReport,
  validReport,
} from '../lib/http.mjs';
import { STANDARD_USERS, TEST_PASSWORD, backends, startServer } from '../lib/server.mjs';

for (const backend of backends()) {
  describe(`public reports API (${backend})`, { timeout: 300_000 }, () => {
    let srv;
    let base;
    let admin;
    let analyst;

    before(async () => {
      srv = await startServer({ backend, users: STANDARD_USERS });
      base = srv.url;
      admin = await StaffClient.login(base, 't_admin', TEST_PASSWORD);
      analyst = await StaffClient.login(base, 't_analyst', TEST_PASSWORD);
    });
    after(async () => {
      await srv?.stop();
    });

    async function caseOf(receiptResponse) {
      const item = await admin.caseByNumber(receiptResponse.case_number);
      assert.ok(item, `case ${receiptResponse.case_number} not in the staff inbox`);
      const res = await admin.get(`/api/v1/cases/${item.id}`);
      expectStatus(res, 200, 'case detail');
      return res.json;
    }

    test('GET /healthz reports the server and database up', async () => {
      const res = await request(base, 'GET', '/healthz');
      expectStatus(res, 200);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      assert.deepEqual(res.json, { status: 'ok', db: 'ok' });
    });

    test('POST /api/v1/reports (JSON, anonymous) answers 201 with a receipt and a case number', async () => {
      const res = await request(base, 'POST', '/api/v1/reports', { json: validReport() });
      expectStatus(res, 201);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      assert.match(res.json.receipt, RECEIPT_RE);
      assert.match(res.json.case_number, CASE_NUMBER_RE);
    });

    test('receipts and case numbers are unique', async () => {
      const seen = new Set();
      const numbers = new Set();
      for (let i = 0; i < 5; i++) {
        const r = await submitReport(base);
        assert.ok(!seen.has(r.receipt), 'receipt repeated');
        assert.ok(!numbers.has(r.case_number), 'case number repeated');
        seen.add(r.receipt);
        numbers.add(r.case_number);
      }
    });

    test('GET /api/v1/receipts/{receipt} shows status, messages and evidence count', async () => {
      const r = await submitReport(base);
      const res = await request(base, 'GET', `/api/v1/receipts/${r.receipt}`);
      expectStatus(res, 200);
      assert.equal(res.json.case_number, r.case_number);
      assert.equal(res.json.status, 'received');
      assert.ok(Array.isArray(res.json.messages));
      assert.equal(res.json.evidence_count, 0);
      for (const m of res.json.messages) {
        assert.ok(['reporter', 'staff', 'system'].includes(m.author));
        assert.equal(typeof m.body, 'string');
      }
    });

    test('a receipt typed in lower case without dashes still finds the report', async () => {
      const r = await submitReport(base);
      const typed = r.receipt.replaceAll('-', '').toLowerCase();
      const res = await request(base, 'GET', `/api/v1/receipts/${typed}`);
      expectStatus(res, 200);
      assert.equal(res.json.case_number, r.case_number);
    });

    test('an unknown receipt is 404 not_found', async () => {
      const res = await request(base, 'GET', '/api/v1/receipts/ABCD-EFGH-JKMN-PQRS-TVWX');
      expectError(res, 404, 'not_found');
    });

    test('a malformed receipt is 404 not_found (never 500)', async () => {
      for (const bad of ['abc', 'ABCD-EFGH-JKMN-PQRS-TVWXY', '%00', 'UUUU-UUUU-UUUU-UUUU-UUUU']) {
        const res = await request(base, 'GET', `/api/v1/receipts/${encodeURIComponent(bad)}`);
        expectError(res, 404, 'not_found');
      }
    });

    test('the report reaches staff with every field as submitted', async () => {
      const report = validReport({
        description: 'Mengunggah <script>alert("x")</script> foto dengan calon — salam dua jari 日本',
        links: ['https://example.org/a', 'https://example.org/b?x=1&y=2'],
        incident_place: 'Kantor Camat Toboali',
      });
      const r = await submitReport(base, report);
      const c = await caseOf(r);
      assert.equal(c.case_number, r.case_number);
      assert.equal(c.status, 'received');
      assert.equal(c.reports.length, 1);
      const rep = c.reports[0];
      assert.equal(rep.description, report.description);
      assert.equal(rep.reported.name, report.reported.name);
      assert.equal(rep.reported.nip, report.reported.nip);
      assert.equal(rep.reported.unit, report.reported.unit);
      assert.equal(rep.reported.position, report.reported.position);
      assert.equal(rep.incident_date, report.incident_date);
      assert.equal(rep.incident_place, report.incident_place);
      assert.equal(rep.learned_date, report.learned_date);
      assert.deepEqual(rep.links, report.links);
      assert.equal(rep.anonymous, true);
      assert.equal(typeof rep.channel, 'string');
      assert.ok(!rep.reporter || Object.values(rep.reporter).every((v) => !v), 'anonymous report has no reporter');
    });

    test('reported.nip alone, or reported.name alone, is enough', async () => {
      const onlyNip = validReport();
      delete onlyNip.reported.name;
      await submitReport(base, onlyNip);
      const onlyName = validReport();
      delete onlyName.reported.nip;
      await submitReport(base, onlyName);
      await submitReport(base, { instansi: '19.03', reported: { name: 'X' }, description: 'minimal' });
    });

    test('reporter identity is shown to admin and verifier, hidden from examiner; analysts see no cases', async () => {
      const r = await submitReport(base, validReport({ reporter: REPORTER }));
      const c = await caseOf(r);
      assert.equal(c.reports[0].anonymous, false);
      assert.equal(c.reports[0].reporter?.name, REPORTER.name);
      assert.equal(c.reports[0].reporter?.nik, REPORTER.nik);
      assert.equal(c.reports[0].reporter?.phone, REPORTER.phone);
      assert.equal(c.reports[0].reporter?.email, REPORTER.email);

      const verifier = await StaffClient.login(base, 't_verifier', TEST_PASSWORD);
      const asVerifier = await verifier.get(`/api/v1/cases/${c.id}`);
      expectStatus(asVerifier, 200);
      assert.equal(asVerifier.json.reports[0].reporter?.nik, REPORTER.nik);

      // The inspectorate examines the conduct, not the reporter: the case without the identity.
      const examiner = await StaffClient.login(base, 't_examiner', TEST_PASSWORD);
      const asExaminer = await examiner.get(`/api/v1/cases/${c.id}`);
      expectStatus(asExaminer, 200);
      assert.equal(asExaminer.json.reports[0].reporter, undefined, 'examiner must not see the reporter');
      assert.equal(asExaminer.json.reports[0].anonymous, false);
      assert.ok(!asExaminer.text.includes(REPORTER.nik), 'NIK leaked to examiner');
      assert.ok(!asExaminer.text.includes(REPORTER.email), 'e-mail leaked to examiner');

      // Analysts work the screening queue and see no case that was not forwarded to them.
      const asAnalyst = await analyst.get(`/api/v1/cases/${c.id}`);
      expectStatus(asAnalyst, 404);
      assert.ok(!asAnalyst.text.includes(REPORTER.nik), 'NIK leaked to analyst');
      // The receipt view never shows the identity either.
      const pub = await request(base, 'GET', `/api/v1/receipts/${r.receipt}`);
      assert.ok(!pub.text.includes(REPORTER.nik));
    });

    test('a partial reporter identity (phone only) is accepted', async () => {
      await submitReport(base, validReport({ reporter: { phone: '0812000111' } }));
    });

    test('POST /api/v1/reports multipart with JPEG and PDF evidence', async () => {
      const res = await postMultipart(base, '/api/v1/reports', [
        { name: 'report', data: JSON.stringify(validReport()), contentType: 'application/json' },
        { name: 'evidence', filename: 'foto baliho.jpg', contentType: 'image/jpeg', data: JPEG },
        { name: 'evidence', filename: 'surat.pdf', contentType: 'application/pdf', data: PDF },
      ]);
      expectStatus(res, 201, 'multipart report');
      assert.match(res.json.receipt, RECEIPT_RE);
      const st = await request(base, 'GET', `/api/v1/receipts/${res.json.receipt}`);
      expectStatus(st, 200);
      assert.equal(st.json.evidence_count, 2);

      const c = await caseOf(res.json);
      assert.equal(c.evidence.length, 2);
      const jpeg = c.evidence.find((e) => e.sha256 === sha256(JPEG));
      const pdf = c.evidence.find((e) => e.sha256 === sha256(PDF));
      assert.ok(jpeg, `JPEG not found by sha256 in ${JSON.stringify(c.evidence)}`);
      assert.ok(pdf, `PDF not found by sha256 in ${JSON.stringify(c.evidence)}`);
      assert.equal(jpeg.size, JPEG.length);
      assert.equal(jpeg.mime, 'image/jpeg');
      assert.equal(pdf.mime, 'application/pdf');

      const dl = await admin.get(`/api/v1/evidence/${jpeg.id}`);
      expectStatus(dl, 200, 'evidence download');
      assert.ok(dl.bytes.equals(JPEG), 'downloaded bytes differ');
      assert.equal((dl.headers.get('content-type') ?? '').split(';')[0], 'image/jpeg');
      assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
      const disp = dl.headers.get('content-disposition') ?? '';
      assert.match(disp, new RegExp(`^attachment;\\s*filename="evidence-${jpeg.id}\\.jpe?g"$`));
      assert.ok(!disp.includes('baliho'), 'user-chosen name must never be served');
    });

    test('the type is sniffed from content, not from the name or the declared type', async () => {
      const res = await postMultipart(base, '/api/v1/reports', [
        { name: 'report', data: JSON.stringify(validReport()) },
        { name: 'evidence', filename: 'dokumen.pdf', contentType: 'application/pdf', data: PNG },
      ]);
      expectStatus(res, 201);
      const c = await caseOf(res.json);
      assert.equal(c.evidence.length, 1);
      assert.equal(c.evidence[0].mime, 'image/png');
      const dl = await admin.get(`/api/v1/evidence/${c.evidence[0].id}`);
      expectStatus(dl, 200);
      assert.equal((dl.headers.get('content-type') ?? '').split(';')[0], 'image/png');
      assert.match(dl.headers.get('content-disposition') ?? '', /filename="evidence-\d+\.png"/);
    });

    test('the same file uploaded twice is stored once by SHA-256 and listed twice', async () => {
      const parts = [
        { name: 'report', data: JSON.stringify(validReport()) },
        { name: 'evidence', filename: 'a.jpg', data: JPEG, contentType: 'image/jpeg' },
        { name: 'evidence', filename: 'b.jpg', data: JPEG, contentType: 'image/jpeg' },
      ];
      const res = await postMultipart(base, '/api/v1/reports', parts);
      expectStatus(res, 201);
      const c = await caseOf(res.json);
      assert.equal(c.evidence.length, 2);
      assert.ok(c.evidence.every((e) => e.sha256 === sha256(JPEG)));
    });

    test('multipart report without evidence parts is accepted', async () => {
      const res = await postMultipart(base, '/api/v1/reports', [
        { name: 'report', data: JSON.stringify(validReport()), contentType: 'application/json' },
      ]);
      expectStatus(res, 201);
      assert.match(res.json.receipt, RECEIPT_RE);
    });

    test('the reporter adds a message (JSON), then a message with evidence (multipart)', async () => {
      const r = await submitReport(base);
      const m1 = await request(base, 'POST', `/api/v1/receipts/${r.receipt}/messages`, {
        json: { body: 'Saya punya foto tambahan.' },
      });
      expectStatus(m1, 201, 'reporter message');
      assert.equal(typeof m1.json.id, 'number');

      const m2 = await postMultipart(base, `/api/v1/receipts/${r.receipt}/messages`, [
        { name: 'message', data: JSON.stringify({ body: 'Ini fotonya.' }), contentType: 'application/json' },
        { name: 'evidence', filename: 'tambahan.jpg', contentType: 'image/jpeg', data: JPEG },
      ]);
      expectStatus(m2, 201, 'reporter message with evidence');
      assert.equal(typeof m2.json.id, 'number');
      assert.notEqual(m2.json.id, m1.json.id);

      const st = await request(base, 'GET', `/api/v1/receipts/${r.receipt}`);
      expectStatus(st, 200);
      const mine = st.json.messages.filter((m) => m.author === 'reporter');
      assert.deepEqual(
        mine.map((m) => m.body),
        ['Saya punya foto tambahan.', 'Ini fotonya.'],
      );
      assert.ok(mine.every((m) => m.id !== undefined && m.created_at !== undefined));
      assert.equal(st.json.evidence_count, 1);

      const c = await caseOf(r);
      assert.ok(c.messages.some((m) => m.body === 'Ini fotonya.' && m.author === 'reporter'));
      assert.equal(c.evidence.length, 1);
    });

    test('a message to an unknown receipt is 404 and bad message bodies are rejected', async () => {
      const unknown = await request(base, 'POST', '/api/v1/receipts/ABCD-EFGH-JKMN-PQRS-TVWX/messages', {
        json: { body: 'halo' },
      });
      expectError(unknown, 404, 'not_found');

      const r = await submitReport(base);
      const path = `/api/v1/receipts/${r.receipt}/messages`;
      expectError(await request(base, 'POST', path, { json: '{"body": ' }), 400, 'malformed_json');
      expectError(await request(base, 'POST', path, { json: {} }), 422, 'missing_field', { field: 'body' });
      expectError(await request(base, 'POST', path, { json: { body: 42 } }), 422, 'invalid_field', { field: 'body' });
      expectError(await request(base, 'POST', path, { json: { body: '' } }), 422, 'missing_field', { field: 'body' });
      expectError(
        await request(base, 'POST', path, { body: 'body=halo', headers: { 'Content-Type': 'text/plain' } }),
        415,
        'unsupported_media_type',
      );
      const st = await request(base, 'GET', `/api/v1/receipts/${r.receipt}`);
      assert.equal(st.json.messages.filter((m) => m.author === 'reporter').length, 0, 'a rejected message was stored');
    });

    test('wrong method is 405 and an unknown API path is 404, both as JSON errors', async () => {
      expectError(await request(base, 'GET', '/api/v1/reports'), 405, 'method_not_allowed');
      expectError(await request(base, 'DELETE', '/api/v1/receipts/ABCD-EFGH-JKMN-PQRS-TVWX'), 405, 'method_not_allowed');
      expectError(await request(base, 'GET', '/api/v1/nothing-here'), 404, 'not_found');
    });
  });
}
