// Starts and stops a real `netral` server for the HTTP and browser tests.
//
// Each server gets a fresh data directory under the OS temp dir and, on PostgreSQL,
// a fresh database created from NETRAL_TEST_PG_URL. The binary is NETRAL_BIN
// (default build/netral, relative to the repository root).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NETRAL_BIN = path.resolve(REPO_ROOT, process.env.NETRAL_BIN ?? 'build/netral');
export const TEST_CONFIG = path.join(REPO_ROOT, 'tests/http/netral-test.toml');
export const PG_URL = process.env.NETRAL_TEST_PG_URL ?? '';

// Guards, not assertions: how long we wait before declaring a server dead.
const START_TIMEOUT_MS = Number(process.env.NETRAL_TEST_START_TIMEOUT_MS ?? 60_000);
const CLI_TIMEOUT_MS = 120_000;

// The backends to run the suites that matter on: SQLite always, PostgreSQL when configured.
export function backends() {
  return PG_URL ? ['sqlite', 'postgresql'] : ['sqlite'];
}

// The password every test user gets (long enough for any password policy).
export const TEST_PASSWORD = 'Uji-Netral-Kata-Sandi-2026!';

function requireBinary() {
  if (!existsSync(NETRAL_BIN)) {
    throw new Error(
      `netral binary not found at ${NETRAL_BIN}: build it first (make test does) ` +
        `or point NETRAL_BIN at it`,
    );
  }
}

// Replaces the database name (path) of a postgresql:// URL, keeping user, host and query.
export function withDatabase(url, dbName) {
  const m = /^(postgres(?:ql)?:\/\/[^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/.exec(url);
  if (!m) throw new Error(`cannot parse NETRAL_TEST_PG_URL: ${url}`);
  return `${m[1]}/${dbName}${m[3] ?? ''}`;
}

function psql(url, sql) {
  const r = spawnSync('psql', ['-v', 'ON_ERROR_STOP=1', '-qAt', '-d', url, '-c', sql], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (r.status !== 0) throw new Error(`psql failed (${sql}): ${r.stderr || r.error}`);
  return r.stdout;
}

export function createPgDatabase() {
  if (!PG_URL) throw new Error('NETRAL_TEST_PG_URL is not set');
  const name = `netral_t_${randomBytes(6).toString('hex')}`;
  psql(PG_URL, `CREATE DATABASE ${name}`);
  return { name, url: withDatabase(PG_URL, name) };
}

export function dropPgDatabase(name) {
  try {
    psql(PG_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } catch {
    // best effort: the cluster is thrown away at the end of the run anyway
  }
}

// Runs a netral subcommand to completion; throws with its output on failure.
export function runCli(args, { input } = {}) {
  requireBinary();
  const r = spawnSync(NETRAL_BIN, args, { input, encoding: 'utf8', timeout: CLI_TIMEOUT_MS });
  if (r.error) throw new Error(`netral ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`netral ${args.join(' ')} exited ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
  return r.stdout;
}

// Starts a server on a fresh database.
//   backend: 'sqlite' | 'postgresql'
//   config:  path of the TOML config (default tests/http/netral-test.toml)
//   users:   [{username, role, instansi='19.03', unit, liaisonBody, password=TEST_PASSWORD}] created before serving
//   init:    what `netral init` is given besides --db and --data (default --demo)
// Returns { url, db, dataDir, backend, adminPassword, users, log(), kill(signal), restart(), stop(), addUser() }.
export async function startServer({ backend = 'sqlite', config = TEST_CONFIG, users = [], init = ['--demo'] } = {}) {
  requireBinary();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'netral-test-'));
  let pg = null;
  let db;
  if (backend === 'postgresql') {
    pg = createPgDatabase();
    db = pg.url;
  } else {
    db = path.join(dataDir, 'netral.db');
  }
  const common = ['--db', db, '--data', dataDir];
  const initOut = runCli(['init', ...init, ...common]);
  const adminPassword = /admin password:\s*(\S+)/.exec(initOut)?.[1] ?? null;

  const server = {
    backend,
    db,
    dataDir,
    config,
    adminPassword,
    url: null,
    proc: null,
    output: [],
    users: {},
    stopping: false,
    exitInfo: null,
    log() {
      return this.output.join('');
    },
    addUser({ username, role, instansi = '19.03', unit, liaisonBody, displayName, password = TEST_PASSWORD }) {
      const args = ['user', 'add', username, '--role', role, '--instansi', instansi];
      if (unit) args.push('--unit', unit);
      if (liaisonBody) args.push('--liaison-body', liaisonBody);
      if (displayName) args.push('--display-name', displayName);
      args.push('--password-stdin', ...common);
      runCli(args, { input: `${password}\n` });
      this.users[username] = { username, role, instansi, password };
      return this.users[username];
    },
    async spawn() {
      const args = ['serve', ...common, '--listen', '127.0.0.1:0', '--config', config];
      this.stopping = false;
      this.exitInfo = null;
      const proc = spawn(NETRAL_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      this.proc = proc;
      this.url = await new Promise((resolve, reject) => {
        let buf = '';
        const timer = setTimeout(() => {
          proc.kill('SIGKILL');
          reject(new Error(`netral serve did not print its listening line within ${START_TIMEOUT_MS} ms\n${this.log()}`));
        }, START_TIMEOUT_MS);
        proc.stdout.on('data', (chunk) => {
          const s = chunk.toString();
          this.output.push(s);
          buf += s;
          const m = /netral: listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(buf);
          if (m && m[2] !== '0') {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        proc.stderr.on('data', (chunk) => this.output.push(chunk.toString()));
        proc.on('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
        proc.on('exit', (code, signal) => {
          this.exitInfo = { code, signal, expected: this.stopping };
          clearTimeout(timer);
          reject(new Error(`netral serve exited (code ${code}, signal ${signal}) before listening\n${this.log()}`));
        });
      });
      return this.url;
    },
    // Sends a signal and waits for the process to end (SIGKILL after a 10 s guard).
    async kill(signal = 'SIGTERM') {
      const proc = this.proc;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      this.stopping = true;
      proc.kill(signal);
      const guard = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(guard);
    },
    // Null while the server runs (or was stopped on purpose); otherwise how it died.
    crashed() {
      if (this.exitInfo && !this.exitInfo.expected) {
        return `netral serve died on its own (code ${this.exitInfo.code}, signal ${this.exitInfo.signal})\n${this.log()}`;
      }
      return null;
    },
    // Starts the server again on the same database and data directory (new port).
    async restart() {
      await this.kill('SIGTERM');
      return this.spawn();
    },
    // Stops the server and removes its data; throws if it had crashed meanwhile.
    async stop() {
      const crash = this.crashed();
      await this.kill('SIGTERM');
      if (pg) dropPgDatabase(pg.name);
      if (!process.env.NETRAL_TEST_KEEP) rmSync(dataDir, { recursive: true, force: true });
      if (crash) throw new Error(crash);
    },
  };
  for (const u of users) server.addUser(u);
  await server.spawn();
  return server;
}

// The staff users the suites create: one per interesting role, plus one in the province.
export const STANDARD_USERS = [
  { username: 't_admin', role: 'admin', instansi: '19.03' },
  { username: 't_verifier', role: 'verifier', instansi: '19.03' },
  { username: 't_analyst', role: 'analyst', instansi: '19.03' },
  { username: 't_examiner', role: 'examiner', instansi: '19.03' },
  { username: 't_prov', role: 'verifier', instansi: '19' },
  { username: 't_lockout', role: 'verifier', instansi: '19.03' },
];
