// Bad input on the public API: every rejection is a clear 4xx with the documented code and
// an Indonesian message, and changes nothing (no case, no file left behind).
// Runs on SQLite, and on PostgreSQL when NETRAL_TEST_PG_URL is set.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { ELF, EXE, HTML, JPEG, jpegOfSize } from '../lib/fixtures.mjs';
import {
  StaffClient,
  expectError,
  expectStatus,
  multipart,
  rawExchange,
  request,
  validReport,
  write,
} from '../lib/http.mjs';
import { STANDARD_USERS, TEST_PASSWORD, backends, startServer } from '../lib/server.mjs';

// Files under the data directory, database files excepted: evidence blobs and leftovers.
function dataFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.db(-wal|-shm|-journal)?$/.test(e.name)) out.push(`${path.relative(dir, p)}:${statSync(p).size}`);
    }
  };
  walk(dir);
  return out.sort();
}

// Sends `head` then up to `total` body bytes in 64 KiB pieces, stopping as soon as the
// server answers or closes: a server may answer 413 before reading the whole body.
function sendLarge(base, head, total, byte = 0x61) {
  return rawExchange(base, async (sock, state) => {
    await write(sock, head);
    const piece = Buffer.alloc(65536, byte);
    let sent = 0;
    while (sent < total && !state.responded && !state.closed) {
      const n = Math.min(piece.length, total - sent);
      if (!(await write(sock, piece.subarray(0, n)))) break;
      sent += n;
      await sleep(1);
    }
  }, { guardMs: 30_000 });
}

for (const backend of backends()) {
  describe(`bad input on the public API (${backend})`, { timeout: 300_000 }, () => {
    let srv;
    let base;
    let admin;
    let prov;
    let casesBefore;
    let filesBefore;
    const post = (json) => request(base, 'POST', '/api/v1/reports', { json });
    const postParts = (parts, opts) => {
      const mp = multipart(parts, opts?.boundary);
      return request(base, 'POST', '/api/v1/reports', {
        body: opts?.body ?? mp.body,
        headers: { 'Content-Type': opts?.contentType ?? mp.contentType },
      });
    };
    const reportPart = (r = validReport()) => ({ name: 'report', data: JSON.stringify(r), contentType: 'application/json' });

    before(async () => {
      srv = await startServer({ backend, users: STANDARD_USERS });
      base = srv.url;
      admin = await StaffClient.login(base, 't_admin', TEST_PASSWORD);
      prov = await StaffClient.login(base, 't_prov', TEST_PASSWORD);
      // One accepted report with evidence first, so the evidence store exists before counting.
      const mp = multipart([reportPart(), { name: 'evidence', filename: 'a.jpg', contentType: 'image/jpeg', data: JPEG }]);
      expectStatus(
        await request(base, 'POST', '/api/v1/reports', { body: mp.body, headers: { 'Content-Type': mp.contentType } }),
        201,
      );
      casesBefore = (await admin.totalCases()) + (await prov.totalCases());
      filesBefore = dataFiles(srv.dataDir);
    });
    after(async () => {
      await srv?.stop();
    });

    test('malformed JSON is 400 malformed_json', async () => {
      expectError(await post('{"instansi": "19.03", "description": '), 400, 'malformed_json');
      expectError(await post('{"a":1}}'), 400, 'malformed_json');
      expectError(await post(''), 400, 'malformed_json');
      expectError(await post("{'single': 'quotes'}"), 400, 'malformed_json');
      const badUtf8 = Buffer.concat([Buffer.from('{"instansi":"19.03","reported":{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"},"description":"x"}')]);
      const res = await request(base, 'POST', '/api/v1/reports', { body: badUtf8, headers: { 'Content-Type': 'application/json' } });
      assert.ok([400, 422].includes(res.status), `invalid UTF-8: expected 400/422, got ${res.status} ${res.text}`);
    });

    test('JSON that is not an object is rejected', async () => {
      for (const body of ['[]', '"report"', '42', 'null']) {
        const res = await post(body);
        assert.ok([400, 422].includes(res.status), `${body}: expected 400/422, got ${res.status} ${res.text}`);
        assert.ok(['malformed_json', 'bad_request', 'invalid_field'].includes(res.json?.error?.code), `${body}: ${res.text}`);
      }
    });

    test('unsupported Content-Type is 415 unsupported_media_type', async () => {
      const body = JSON.stringify(validReport());
      for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'image/jpeg']) {
        const res = await request(base, 'POST', '/api/v1/reports', { body, headers: { 'Content-Type': ct } });
        expectError(res, 415, 'unsupported_media_type');
      }
      // No Content-Type at all.
      const none = await rawExchange(base, async (sock) => {
        await write(sock, `POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      });
      assert.equal(none.response?.status, 415, `no Content-Type: ${none.response?.text}`);
    });

    test('missing required fields are 422 missing_field naming the field', async () => {
      const noDesc = validReport();
      delete noDesc.description;
      expectError(await post(noDesc), 422, 'missing_field', { field: 'description' });
      expectError(await post(validReport({ description: '' })), 422, 'missing_field', { field: 'description' });
      expectError(await post(validReport({ description: '   \n ' })), 422, 'missing_field', { field: 'description' });
      const noReported = validReport();
      delete noReported.reported;
      expectError(await post(noReported), 422, 'missing_field', { field: 'reported' });
      expectError(await post({ ...validReport(), reported: { unit: 'Dinas X' } }), 422, 'missing_field', { field: 'reported' });
      expectError(await post({ ...validReport(), reported: { name: '', nip: '' } }), 422, 'missing_field', { field: 'reported' });
      const noInstansi = validReport();
      delete noInstansi.instansi;
      expectError(await post(noInstansi), 422, 'missing_field', { field: 'instansi' });
      expectError(await post({}), 422, 'missing_field');
    });

    test('fields of the wrong type are 422 invalid_field naming the field', async () => {
      const cases = [
        [{ description: 123 }, 'description'],
        [{ description: ['a'] }, 'description'],
        [{ reported: 'Budi' }, 'reported'],
        [{ links: 'https://example.org' }, 'links'],
        [{ links: [1, 2] }, 'links'],
        [{ reporter: 'anonim' }, 'reporter'],
        [{ instansi: 1903 }, 'instansi'],
        [{ incident_place: { x: 1 } }, 'incident_place'],
        [{ incident_date: 20260310 }, 'incident_date'],
      ];
      for (const [patch, field] of cases) {
        const r = { ...validReport(), ...patch };
        expectError(await post(r), 422, 'invalid_field', { field });
      }
      expectError(await post(validReport({ reported: { name: 42 } })), 422, 'invalid_field', { field: 'name' });
      expectError(await post(validReport({ reporter: { nik: 1903015203900001 } })), 422, 'invalid_field', { field: 'nik' });
    });

    test('invalid NIP is 422 invalid_nip', async () => {
      for (const nip of ['12345', '198513122010011001', '19850312201001100A', '1985031220100110011', '198502302010011001']) {
        expectError(await post(validReport({ reported: { nip } })), 422, 'invalid_nip', { field: 'nip' });
      }
    });

    test('invalid NIK is 422 invalid_nik', async () => {
      for (const nik of ['123', '19030152039000011', '1903019903900001', '19030152ab900001', '1903011313900001']) {
        const res = await post(validReport({ reporter: { name: 'Pelapor', nik } }));
        expectError(res, 422, 'invalid_nik', { field: 'nik' });
      }
    });

    test('invalid dates are 422 invalid_date naming the field', async () => {
      for (const d of ['2026-02-30', '10/03/2026', '2026-3-1', '2026-13-01', 'kemarin', '2026-03-10T10:00:00Z']) {
        expectError(await post(validReport({ incident_date: d })), 422, 'invalid_date', { field: 'incident_date' });
      }
      expectError(await post(validReport({ learned_date: '2026-04-31' })), 422, 'invalid_date', { field: 'learned_date' });
    });

    test('bad region code is 422 invalid_region_code; unknown instansi 422 unknown_instansi', async () => {
      for (const code of ['abc', '19.3', '123', '19.03.1', '19-03x']) {
        expectError(await post(validReport({ instansi: code })), 422, 'invalid_region_code', { field: 'instansi' });
      }
      expectError(await post(validReport({ instansi: '99.99' })), 422, 'unknown_instansi', { field: 'instansi' });
      expectError(await post(validReport({ instansi: '31' })), 422, 'unknown_instansi', { field: 'instansi' });
    });

    test('error messages are in Bahasa Indonesia by default, English in message_en', async () => {
      const err = expectError(await post(validReport({ reported: { nip: '123' } })), 422, 'invalid_nip');
      assert.notEqual(err.message, err.message_en, 'message and message_en should be two languages');
      assert.match(err.message, /NIP/);
    });

    test('oversize JSON body is 413 body_too_large (Content-Length and chunked)', async () => {
      const big = JSON.stringify(validReport({ description: 'x'.repeat(70_000) }));
      expectError(await post(big), 413, 'body_too_large');
      // Declared far larger than allowed: answered without reading it all.
      const r = await sendLarge(
        base,
        'POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n',
        10_485_760,
      );
      assert.equal(r.response?.status, 413, `declared 10 MiB JSON: ${JSON.stringify(r.response?.text ?? r)}`);
      assert.equal(r.response?.json?.error?.code, 'body_too_large');
      const chunked = await rawExchange(base, async (sock, state) => {
        await write(sock, 'POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
        const chunk = `4000\r\n${'a'.repeat(0x4000)}\r\n`;
        for (let i = 0; i < 16 && !state.responded && !state.closed; i++) await write(sock, chunk);
        if (!state.responded) await write(sock, '0\r\n\r\n');
      });
      assert.equal(chunked.response?.status, 413, `chunked 256 KiB JSON: ${chunked.response?.text}`);
      assert.equal(chunked.response?.json?.error?.code, 'body_too_large');
    });

    test('oversize multipart body is 413', async () => {
      const boundary = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
      const r = await sendLarge(
        base,
        `POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 209715200\r\n\r\n`,
        8 * 1024 * 1024,
      );
      assert.equal(r.response?.status, 413, `declared 200 MiB multipart: ${r.response?.text ?? JSON.stringify(r)}`);
      assert.ok(['body_too_large', 'report_too_large'].includes(r.response?.json?.error?.code), r.response?.text);
    });

    test('a file over max_file_bytes is 413 file_too_large', async () => {
      const res = await postParts([
        reportPart(),
        { name: 'evidence', filename: 'besar.jpg', contentType: 'image/jpeg', data: jpegOfSize(1_500_000) },
      ]);
      expectError(res, 413, 'file_too_large');
    });

    test('more than max_files files is 413 too_many_files', async () => {
      const files = Array.from({ length: 4 }, (_, i) => ({ name: 'evidence', filename: `f${i}.jpg`, contentType: 'image/jpeg', data: JPEG }));
      expectError(await postParts([reportPart(), ...files]), 413, 'too_many_files');
    });

    test('evidence typed by content: ELF, EXE and HTML named .jpg are 415 unsupported_file_type', async () => {
      for (const [data, name] of [[ELF, 'foto.jpg'], [EXE, 'foto.jpg'], [EXE, 'setup.exe'], [HTML, 'halaman.jpg']]) {
        const res = await postParts([reportPart(), { name: 'evidence', filename: name, contentType: 'image/jpeg', data }]);
        expectError(res, 415, 'unsupported_file_type');
      }
      // A good file before a bad one: the whole report is refused.
      const mixed = await postParts([
        reportPart(),
        { name: 'evidence', filename: 'ok.jpg', contentType: 'image/jpeg', data: JPEG },
        { name: 'evidence', filename: 'bad.jpg', contentType: 'image/jpeg', data: ELF },
      ]);
      expectError(mixed, 415, 'unsupported_file_type');
    });

    test('malformed multipart is 400 malformed_multipart', async () => {
      const good = multipart([reportPart()], 'XyZbOuNdArY');
      // No boundary parameter.
      expectError(await postParts([], { body: good.body, contentType: 'multipart/form-data' }), 400, 'malformed_multipart');
      // Boundary announced but never present.
      expectError(await postParts([], { body: good.body, contentType: 'multipart/form-data; boundary=NOTTHERE' }), 400, 'malformed_multipart');
      // Truncated: closing delimiter missing, body ends inside a part.
      expectError(
        await postParts([], { body: good.body.subarray(0, good.body.length - 40), contentType: good.contentType }),
        400,
        'malformed_multipart',
      );
      // Truncated right after the headers of a file part.
      const withFile = multipart([reportPart(), { name: 'evidence', filename: 'a.jpg', data: JPEG }], 'XyZbOuNdArY');
      const cut = withFile.body.indexOf(JPEG.subarray(0, 8));
      expectError(
        await postParts([], { body: withFile.body.subarray(0, cut + 10), contentType: withFile.contentType }),
        400,
        'malformed_multipart',
      );
      // Part without Content-Disposition.
      const noDisp = Buffer.from('--XyZbOuNdArY\r\nContent-Type: application/json\r\n\r\n{}\r\n--XyZbOuNdArY--\r\n');
      expectError(await postParts([], { body: noDisp, contentType: good.contentType }), 400, 'malformed_multipart');
      // Header block of a part never terminated.
      const badHead = Buffer.from(`--XyZbOuNdArY\r\nContent-Disposition: form-data; name="report"\r\n${'X'.repeat(100)}`);
      expectError(await postParts([], { body: badHead, contentType: good.contentType }), 400, 'malformed_multipart');
      // Empty body.
      expectError(await postParts([], { body: Buffer.alloc(0), contentType: good.contentType }), 400, 'malformed_multipart');
      // Over-long boundary (RFC 2046: at most 70 characters).
      const longB = 'b'.repeat(200);
      const lb = multipart([reportPart()], longB);
      expectError(await postParts([], { body: lb.body, contentType: lb.contentType }), 400, 'malformed_multipart');
    });

    test('multipart without a report part, or with a report part that is not JSON', async () => {
      const noReport = await postParts([{ name: 'evidence', filename: 'a.jpg', contentType: 'image/jpeg', data: JPEG }]);
      assert.ok([400, 422].includes(noReport.status), `no report part: ${noReport.status} ${noReport.text}`);
      assert.ok(['missing_field', 'malformed_multipart', 'bad_request'].includes(noReport.json?.error?.code), noReport.text);
      expectError(await postParts([{ name: 'report', data: '{"instansi": ' }]), 400, 'malformed_json');
      // The report part goes through the same validation as a JSON body.
      expectError(await postParts([reportPart(validReport({ reported: { nip: '1' } }))]), 422, 'invalid_nip');
      // Two report parts are ambiguous.
      const two = await postParts([reportPart(), reportPart()]);
      assert.ok([400, 422].includes(two.status), `two report parts: ${two.status} ${two.text}`);
    });

    test('a rejected request changed nothing: case count and stored files unchanged', async () => {
      // Give the server a moment to finish any cleanup of aborted uploads.
      await sleep(300);
      const casesAfter = (await admin.totalCases()) + (await prov.totalCases());
      assert.equal(casesAfter, casesBefore, 'a rejected report created a case');
      assert.deepEqual(dataFiles(srv.dataDir), filesBefore, 'a rejected upload left a file in the data directory');
      expectStatus(await request(base, 'GET', '/healthz'), 200, 'server healthy after bad input');
    });
  });
}
