// HTTP helpers for the integration tests: a thin fetch wrapper, a staff session,
// a multipart builder and a raw-socket client for requests fetch cannot make
// (malformed framing, slow clients, early responses).
import assert from 'node:assert/strict';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

// Receipt: 20 Crockford base32 characters in five groups of four.
export const RECEIPT_RE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;
export const CASE_NUMBER_RE = /^19\.03-\d{4}-\d{5}$/;

// Guard for every request: a server that hangs fails the test instead of blocking the run.
const REQUEST_TIMEOUT_MS = 30_000;

// A response with its body already read: { status, headers, text, json, bytes, cookies }.
export async function request(base, method, path, { json, body, headers = {}, cookie, redirect = 'manual' } = {}) {
  const h = { ...headers };
  let payload = body;
  if (json !== undefined) {
    payload = typeof json === 'string' ? json : JSON.stringify(json);
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
  }
  if (cookie) h.Cookie = cookie;
  const res = await fetch(new URL(path, base), {
    method,
    headers: h,
    body: payload,
    redirect,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let parsed;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    text,
    json: parsed,
    cookies: res.headers.getSetCookie(),
  };
}

// Asserts the status and, for errors, the JSON error envelope of the contract.
export function expectError(res, status, code, { field } = {}) {
  const ctx = `${res.status} ${res.text.slice(0, 400)}`;
  assert.equal(res.status, status, `expected HTTP ${status} ${code}, got ${ctx}`);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/, `error must be JSON: ${ctx}`);
  assert.ok(res.json && typeof res.json.error === 'object', `missing error object: ${ctx}`);
  const codes = Array.isArray(code) ? code : [code];
  assert.ok(codes.includes(res.json.error.code), `expected error code ${codes.join('|')}, got ${ctx}`);
  assert.equal(typeof res.json.error.message, 'string', `error.message must be a string: ${ctx}`);
  assert.ok(res.json.error.message.length > 0, `error.message empty: ${ctx}`);
  assert.equal(typeof res.json.error.message_en, 'string', `error.message_en must be a string: ${ctx}`);
  if (field !== undefined) {
    assert.ok(
      typeof res.json.error.field === 'string' && res.json.error.field.includes(field),
      `expected error.field to name ${field}: ${ctx}`,
    );
  }
  return res.json.error;
}

export function expectStatus(res, status, what = '') {
  assert.equal(res.status, status, `${what} expected HTTP ${status}, got ${res.status} ${res.text.slice(0, 500)}`);
  return res;
}

// Name=value of a Set-Cookie list entry, or null.
export function cookieValue(setCookies, name) {
  for (const c of setCookies) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    if (pair.slice(0, i).trim() === name) return pair.slice(i + 1).trim();
  }
  return null;
}

export function findSetCookie(setCookies, name) {
  return setCookies.find((c) => c.split(';')[0].split('=')[0].trim() === name) ?? null;
}

// A logged-in staff member on the JSON API.
export class StaffClient {
  constructor(base, { cookie, csrf, user }) {
    this.base = base;
    this.cookie = cookie;
    this.csrf = csrf;
    this.user = user;
  }

  static async login(base, username, password) {
    const res = await request(base, 'POST', '/api/v1/sessions', { json: { username, password } });
    expectStatus(res, 201, `login ${username}`);
    const token = cookieValue(res.cookies, 'netral_session');
    assert.ok(token, `login must set netral_session: ${res.cookies}`);
    return new StaffClient(base, { cookie: `netral_session=${token}`, csrf: res.json.csrf_token, user: res.json.user });
  }

  get(path) {
    return request(this.base, 'GET', path, { cookie: this.cookie });
  }

  post(path, json, { csrf = true } = {}) {
    return request(this.base, 'POST', path, {
      json,
      cookie: this.cookie,
      headers: csrf ? { 'X-CSRF-Token': this.csrf } : {},
    });
  }

  async totalCases() {
    const res = await this.get('/api/v1/cases?limit=1');
    expectStatus(res, 200, 'list cases');
    return res.json.total;
  }

  // The case a receipt's case number belongs to (searches the newest 200).
  async caseByNumber(caseNumber) {
    for (let offset = 0; offset < 2000; offset += 200) {
      const res = await this.get(`/api/v1/cases?limit=200&offset=${offset}`);
      expectStatus(res, 200, 'list cases');
      const hit = res.json.items.find((c) => c.case_number === caseNumber);
      if (hit) return hit;
      if (res.json.items.length < 200) break;
    }
    return null;
  }
}

// A report the server must accept; overrides are merged one level deep.
let reportCounter = 0;
export function validReport(overrides = {}) {
  reportCounter += 1;
  const base = {
    instansi: '19.03',
    reported: {
      name: `Budi Santoso ${reportCounter}`,
      nip: '198503122010011001',
      unit: 'Dinas Pendidikan',
      position: 'Kepala Seksi',
    },
    description: `Memasang baliho calon bupati di kantor dinas (uji ${reportCounter}).`,
    incident_date: '2026-03-10',
    incident_place: 'Toboali',
    learned_date: '2026-03-11',
    links: ['https://example.org/post/1'],
  };
  const out = { ...base, ...overrides };
  if (overrides.reported) out.reported = { ...base.reported, ...overrides.reported };
  return out;
}

export const REPORTER = { name: 'Siti Aminah', nik: '1903015203900001', phone: '081234567890', email: 'siti@example.org' };

// Submits a report as JSON and returns {receipt, case_number} (asserting 201).
export async function submitReport(base, report = validReport()) {
  const res = await request(base, 'POST', '/api/v1/reports', { json: report });
  expectStatus(res, 201, 'submit report');
  return res.json;
}

// multipart/form-data body. parts: [{name, data (string|Buffer), filename?, contentType?}]
export function multipart(parts, boundary = `----netraltest${Math.random().toString(16).slice(2)}`) {
  const chunks = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"`;
    head += '\r\n';
    if (p.contentType) head += `Content-Type: ${p.contentType}\r\n`;
    head += '\r\n';
    chunks.push(Buffer.from(head), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}`, boundary };
}

export function postMultipart(base, path, parts, { headers = {}, cookie } = {}) {
  const mp = multipart(parts);
  return request(base, 'POST', path, { body: mp.body, headers: { ...headers, 'Content-Type': mp.contentType }, cookie });
}

// ---------------------------------------------------------------------------------------
// Raw sockets.

// Parses one HTTP/1.x response from `buf`; null if incomplete (unless `closed`).
export function parseResponse(buf, closed) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const head = buf.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(head[0]);
  if (!m) return { status: 0, headers: {}, body: buf, text: buf.toString('latin1') };
  const headers = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = buf.subarray(end + 4);
  if (headers['content-length'] !== undefined) {
    const n = Number(headers['content-length']);
    if (body.length < n && !closed) return null;
    body = body.subarray(0, n);
  } else if ((headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked')) {
    const out = [];
    let off = 0;
    for (;;) {
      const eol = body.indexOf('\r\n', off);
      if (eol < 0) {
        if (!closed) return null;
        break;
      }
      const size = parseInt(body.subarray(off, eol).toString('latin1'), 16);
      if (Number.isNaN(size)) break;
      if (size === 0) break;
      if (body.length < eol + 2 + size + 2) {
        if (!closed) return null;
        break;
      }
      out.push(body.subarray(eol + 2, eol + 2 + size));
      off = eol + 2 + size + 2;
    }
    body = Buffer.concat(out);
  } else if (!closed && !(Number(m[1]) >= 100 && Number(m[1]) < 200) && m[1] !== '204' && m[1] !== '304') {
    return null; // body until close
  }
  let json;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    json = undefined;
  }
  return { status: Number(m[1]), headers, body, text: body.toString('utf8'), json };
}

// Opens a connection and drives it with `script(sock, state)`; resolves with
// { response (parsed or null), closed (server closed/reset), error, elapsed }.
// `state.responded` turns true as soon as a full response arrived, so a script can stop
// sending; the whole exchange is bounded by `guardMs`.
export function rawExchange(base, script, { guardMs = 20_000 } = {}) {
  const url = new URL(base);
  return new Promise((resolve) => {
    const started = Date.now();
    const sock = net.connect({ host: url.hostname, port: Number(url.port) });
    const state = { responded: false, closed: false, response: null };
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (error) => {
      if (done) return;
      done = true;
      clearTimeout(guard);
      sock.destroy();
      if (!state.response && buf.length) state.response = parseResponse(buf, true);
      resolve({ response: state.response, closed: state.closed, error, elapsed: Date.now() - started });
    };
    const guard = setTimeout(() => finish('guard timeout'), guardMs);
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      const r = parseResponse(buf, false);
      if (r && !state.response) {
        state.response = r;
        state.responded = true;
      }
    });
    sock.on('end', () => {
      state.closed = true;
      finish();
    });
    sock.on('close', () => {
      state.closed = true;
      finish();
    });
    sock.on('error', (e) => {
      state.closed = true;
      state.error = e.code;
    });
    sock.once('connect', async () => {
      try {
        await script(sock, state);
      } catch (e) {
        // writes after the server closed: the result says what happened
        state.scriptError = e;
      }
      // The script is done sending; give the server a moment to answer, then stop.
      const waitUntil = Date.now() + 10_000;
      while (!state.responded && !state.closed && Date.now() < waitUntil) await sleep(50);
      finish();
    });
  });
}

// Writes `data` unless the socket is gone; resolves when flushed.
export function write(sock, data) {
  return new Promise((resolve) => {
    if (sock.destroyed || !sock.writable) return resolve(false);
    sock.write(data, (err) => resolve(!err));
  });
}

// A simple raw request (bytes as given) with the response parsed.
export async function rawRequest(base, bytes, opts) {
  return rawExchange(base, async (sock) => {
    await write(sock, bytes);
  }, opts);
}
