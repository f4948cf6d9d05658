// Slow and stalled clients, oversized headers, the public submission rate limit and the
// per-report evidence budget. SQLite only: none of this depends on the database.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { jpegOfSize } from '../lib/fixtures.mjs';
import { expectError, expectStatus, multipart, rawExchange, request, validReport, write } from '../lib/http.mjs';
import { REPO_ROOT, startServer } from '../lib/server.mjs';

// A 408 answer or a closed connection: both are acceptable ways to drop a slow client.
function assertDropped(r, what) {
  if (r.response) {
    assert.equal(r.response.status, 408, `${what}: expected 408 or close, got ${r.response.status} ${r.response.text}`);
    if (r.response.json) assert.equal(r.response.json.error?.code, 'request_timeout');
  } else {
    assert.ok(r.closed, `${what}: the server neither answered nor closed (${r.error ?? 'no error'})`);
  }
}

describe('slow clients and header limits (header_timeout=2, body_timeout=2)', { timeout: 180_000 }, () => {
  let srv;
  let base;
  before(async () => {
    srv = await startServer();
    base = srv.url;
  });
  after(async () => {
    await srv?.stop();
  });

  test('a request head sent byte by byte past header_timeout is dropped (408 or close)', async () => {
    const head = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: ${'slow'.repeat(20)}\r\n\r\n`;
    let sentAll = false;
    // 250 ms per byte: the head would take ~27 s, far past the 2 s header timeout.
    const r = await rawExchange(base, async (sock, state) => {
      for (const ch of head) {
        if (state.closed || state.responded) return;
        if (!(await write(sock, ch))) return;
        await sleep(250);
      }
      sentAll = true;
    }, { guardMs: 40_000 });
    assert.ok(!sentAll || r.response?.status === 408, `the server waited for the whole slow head: ${JSON.stringify(r.response?.status)}`);
    assertDropped(r, 'slow head');
  });

  test('a keep-alive answer says when the idle connection will be closed (Keep-Alive: timeout)', async () => {
    const res = await request(base, 'GET', '/healthz');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('keep-alive'), 'timeout=2');
  });

  test('an idle connection that sends nothing is closed', async () => {
    const r = await rawExchange(base, async (sock, state) => {
      const until = Date.now() + 15_000;
      while (!state.closed && !state.responded && Date.now() < until) await sleep(100);
    }, { guardMs: 20_000 });
    assertDropped(r, 'idle connection');
  });

  test('a stalled body (no progress for body_timeout) is dropped (408 or close)', async () => {
    const body = JSON.stringify(validReport());
    const r = await rawExchange(base, async (sock, state) => {
      await write(sock, `POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
      await write(sock, body.slice(0, 20));
      const until = Date.now() + 15_000;
      while (!state.closed && !state.responded && Date.now() < until) await sleep(100);
    }, { guardMs: 20_000 });
    assertDropped(r, 'stalled body');
  });

  test('a slow body that keeps making progress is accepted', async () => {
    const body = JSON.stringify(validReport());
    const pieces = 5;
    const size = Math.ceil(body.length / pieces);
    const r = await rawExchange(base, async (sock) => {
      await write(sock, `POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`);
      for (let i = 0; i < pieces; i++) {
        await write(sock, body.slice(i * size, (i + 1) * size));
        // Under body_timeout between pieces; the whole body takes longer than it.
        if (i < pieces - 1) await sleep(800);
      }
    }, { guardMs: 30_000 });
    assert.equal(r.response?.status, 201, `slow but steady body: ${r.response?.text ?? JSON.stringify(r)}`);
  });

  test('headers over max_header_bytes are 431 header_too_large', async () => {
    const r = await rawExchange(base, async (sock) => {
      await write(sock, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`);
    });
    assert.equal(r.response?.status, 431, `20 KB header: ${r.response?.text ?? JSON.stringify(r)}`);
    if (r.response.json) assert.equal(r.response.json.error?.code, 'header_too_large');
    const many = Array.from({ length: 400 }, (_, i) => `X-H${i}: ${'v'.repeat(50)}\r\n`).join('');
    const r2 = await rawExchange(base, async (sock) => {
      await write(sock, `GET /healthz HTTP/1.1\r\nHost: x\r\n${many}Connection: close\r\n\r\n`);
    });
    assert.equal(r2.response?.status, 431, `400 headers: ${r2.response?.text ?? JSON.stringify(r2)}`);
    // A normal request still works afterwards.
    expectStatus(await request(base, 'GET', '/healthz'), 200);
  });

  test('a long cookie header counts against the header limit too', async () => {
    const res = await rawExchange(base, async (sock) => {
      await write(sock, `GET /api/v1/cases HTTP/1.1\r\nHost: x\r\nCookie: netral_session=${'z'.repeat(17_000)}\r\nConnection: close\r\n\r\n`);
    });
    assert.equal(res.response?.status, 431, `17 KB cookie: ${res.response?.text}`);
  });

  test('garbage instead of HTTP is 400 or a closed connection, and the server lives on', async () => {
    for (const junk of ['\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03', 'HELLO WORLD\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n']) {
      const r = await rawExchange(base, async (sock) => {
        await write(sock, Buffer.from(junk, 'latin1'));
      }, { guardMs: 15_000 });
      if (r.response) assert.ok(r.response.status >= 400 && r.response.status < 500, `${JSON.stringify(junk)}: ${r.response.status}`);
      else assert.ok(r.closed, `${JSON.stringify(junk)}: neither answered nor closed`);
    }
    expectStatus(await request(base, 'GET', '/healthz'), 200);
  });

  test('chunked body on HTTP/1.0 is refused', async () => {
    const r = await rawExchange(base, async (sock) => {
      await write(sock, 'POST /api/v1/reports HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n');
    });
    if (r.response) assert.ok(r.response.status >= 400 && r.response.status < 500, `got ${r.response.status}`);
    else assert.ok(r.closed);
  });
});

describe('public rate limit and per-report evidence budget (netral-limits.toml)', { timeout: 180_000 }, () => {
  let srv;
  let base;
  before(async () => {
    srv = await startServer({ config: path.join(REPO_ROOT, 'tests/http/netral-limits.toml') });
    base = srv.url;
  });
  after(async () => {
    await srv?.stop();
  });

  // Every JSON route takes its limit from http.max_json_bytes (32 KiB here): the user and
  // password-reset API once had 64 KiB hard-coded and let a 40 KB body through.
  test('every JSON route refuses a body over http.max_json_bytes with 413 body_too_large', async () => {
    const big = { username: 'x', display_name: 'a'.repeat(40_000), role: 'verifier' };
    for (const [method, route] of [
      ['POST', '/api/v1/users'],
      ['PATCH', '/api/v1/users/1'],
      ['POST', '/api/v1/users/1/reset'],
      ['POST', '/api/v1/password-resets'],
      ['POST', '/api/v1/sessions'],
    ]) {
      const res = await request(base, method, route, { json: big });
      expectError(res, 413, 'body_too_large');
    }
    // Under the limit the body reaches the handler (which wants a session or a valid code).
    const small = await request(base, 'POST', '/api/v1/users', { json: { ...big, display_name: 'a'.repeat(20_000) } });
    expectError(small, 401, 'unauthenticated');
  });

  test('evidence over max_report_bytes in total is 413 report_too_large', async () => {
    // Three files each under max_file_bytes (1 MiB), together over max_report_bytes (2 MiB).
    const file = jpegOfSize(900_000);
    const mp = multipart([
      { name: 'report', data: JSON.stringify(validReport()), contentType: 'application/json' },
      ...[1, 2, 3].map((i) => ({ name: 'evidence', filename: `f${i}.jpg`, contentType: 'image/jpeg', data: file })),
    ]);
    const res = await request(base, 'POST', '/api/v1/reports', { body: mp.body, headers: { 'Content-Type': mp.contentType } });
    expectError(res, 413, ['report_too_large', 'body_too_large']);
  });

  test('public submissions over reports_per_minute are 429 rate_limited', async () => {
    const statuses = [];
    for (let i = 0; i < 7; i++) {
      const res = await request(base, 'POST', '/api/v1/reports', { json: validReport() });
      statuses.push(res.status);
      if (res.status === 429) expectError(res, 429, 'rate_limited');
    }
    const first429 = statuses.indexOf(429);
    assert.ok(first429 >= 0, `no 429 after 7 submissions with reports_per_minute=4: ${statuses}`);
    assert.ok(statuses.slice(first429).every((s) => s === 429), `accepted again after a 429: ${statuses}`);
    assert.ok(statuses.slice(0, first429).every((s) => s === 201), `unexpected statuses: ${statuses}`);
    assert.ok(first429 >= 3 && first429 <= 4, `limit 4/min: 429 came after ${first429} accepted: ${statuses}`);
    // Reading a receipt or the health check is not limited by it.
    expectStatus(await request(base, 'GET', '/healthz'), 200);
  });
});
