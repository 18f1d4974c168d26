/**
 * Pieces of the scale-out suite: a PostgreSQL primary and a streaming replica from Debian's
 * PostgreSQL 15 on loopback (run as the `postgres` user when we are root: PostgreSQL refuses root),
 * the built server started against them, and a small GraphQL client.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_MAIN = path.join(ROOT, 'server', 'dist', 'main.js');
export const PG_BIN = '/usr/lib/postgresql/15/bin';
export const PASSWORD = 'demo-password';
const STARTUP_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) throw new Error('running as root but there is no "postgres" user (install postgresql-15)');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** A temporary folder owned by the user PostgreSQL runs as, with the superuser password. */
export class Workspace {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'stp-scale-'));
  readonly ids = postgresIds();
  readonly superPassword = randomBytes(18).toString('base64url');
  readonly appPassword = randomBytes(18).toString('base64url');
  readonly jwtSecret = randomBytes(48).toString('base64url');

  constructor() {
    fs.chmodSync(this.root, 0o755);
    if (this.ids) fs.chownSync(this.root, this.ids.uid, this.ids.gid);
  }

  /** Runs a PostgreSQL program (as `postgres` when root); throws with its output on failure. */
  run(program: string, args: string[], timeoutMs = 120_000): string {
    const r = spawnSync(path.join(PG_BIN, program), args, {
      cwd: this.root,
      env: { ...process.env, PGPASSWORD: this.superPassword, LC_ALL: 'C.UTF-8' },
      encoding: 'utf8',
      timeout: timeoutMs,
      ...(this.ids ? { uid: this.ids.uid, gid: this.ids.gid } : {}),
    });
    if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** One PostgreSQL server of the test: its data folder and port. */
export class PgNode {
  constructor(
    readonly ws: Workspace,
    readonly name: string,
    readonly port: number,
  ) {}

  get dir(): string {
    return path.join(this.ws.root, this.name);
  }

  get logFile(): string {
    return path.join(this.ws.root, `${this.name}.log`);
  }

  url(user: 'postgres' | 'stp_server', database = 'stp'): string {
    const password = user === 'postgres' ? this.ws.superPassword : this.ws.appPassword;
    return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${database}`;
  }

  start(): void {
    this.ws.run('pg_ctl', ['start', '-w', '-t', '60', '-D', this.dir, '-l', this.logFile]);
  }

  /** Fast shutdown: open connections are cut, as when a replica host goes down. */
  stop(): void {
    if (fs.existsSync(path.join(this.dir, 'postmaster.pid'))) this.ws.run('pg_ctl', ['stop', '-w', '-t', '60', '-m', 'fast', '-D', this.dir]);
  }

  async client(database = 'stp'): Promise<Client> {
    const c = new Client({ connectionString: this.url('postgres', database) });
    await c.connect();
    return c;
  }

  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const c = await this.client();
    try {
      return (await c.query(text, params)).rows as T[];
    } finally {
      await c.end();
    }
  }
}

function appendConf(dir: string, settings: Record<string, string | number>): void {
  const lines = Object.entries(settings).map(([k, v]) => `${k} = ${typeof v === 'number' ? v : `'${v}'`}`);
  fs.appendFileSync(path.join(dir, 'postgresql.conf'), `\n# stp scale-out suite\n${lines.join('\n')}\n`);
}

/** initdb, settings for streaming replication, start; then the application database and the server's role. */
export async function createPrimary(ws: Workspace): Promise<PgNode> {
  const node = new PgNode(ws, 'primary', await freePort());
  const pwfile = path.join(ws.root, 'pwfile');
  fs.writeFileSync(pwfile, ws.superPassword, { mode: 0o600 });
  if (ws.ids) fs.chownSync(pwfile, ws.ids.uid, ws.ids.gid);
  ws.run('initdb', ['-D', node.dir, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8']);
  fs.rmSync(pwfile);
  appendConf(node.dir, {
    port: node.port,
    listen_addresses: '127.0.0.1',
    unix_socket_directories: ws.root,
    max_connections: 200,
    wal_level: 'replica',
    max_wal_senders: 5,
    hot_standby: 'on',
    hot_standby_feedback: 'on',
    // A test cluster on a busy machine: durability against power loss is not what is tested here.
    fsync: 'off',
    shared_buffers: '64MB',
  });
  node.start();
  const admin = await node.client('postgres');
  try {
    await admin.query(`CREATE DATABASE stp ENCODING 'UTF8' TEMPLATE template0`);
    await admin.query(`CREATE ROLE stp_server LOGIN PASSWORD ${admin.escapeLiteral(ws.appPassword)} NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`);
  } finally {
    await admin.end();
  }
  return node;
}

/** pg_basebackup -R from the primary, then start it as a hot standby on its own port. */
export async function createReplica(ws: Workspace, primary: PgNode): Promise<PgNode> {
  const node = new PgNode(ws, 'replica', await freePort());
  ws.run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', node.dir, '-R', '-X', 'stream', '-c', 'fast']);
  appendConf(node.dir, { port: node.port });
  // pg_basebackup -R writes the password it connected with into primary_conninfo.
  const auto = fs.readFileSync(path.join(node.dir, 'postgresql.auto.conf'), 'utf8');
  if (!/primary_conninfo/.test(auto) || !fs.existsSync(path.join(node.dir, 'standby.signal'))) throw new Error('pg_basebackup -R did not configure a standby');
  node.start();
  return node;
}

export interface RunningServer {
  name: string;
  url: string;
  child: ChildProcess;
  log(): string;
}

/** Starts the built server with `env` and resolves once it prints "ready: <url>". */
export function startServer(name: string, env: Record<string, string>): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let log = '';
    const child = spawn(process.execPath, [SERVER_MAIN], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${name} not ready after ${STARTUP_TIMEOUT_MS} ms:\n${log}`));
    }, STARTUP_TIMEOUT_MS);
    const onOutput = (chunk: Buffer) => {
      log += chunk.toString();
      const ready = /ready: (http:\/\/\S+)/.exec(log);
      if (ready) {
        clearTimeout(timer);
        resolve({ name, url: ready[1], child, log: () => log });
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (code ${code}, signal ${signal}) before it was ready:\n${log}`));
    });
  });
}

/** SIGTERM, wait for the exit; SIGKILL if it hangs. */
export async function stopServer(server: RunningServer | undefined): Promise<void> {
  const child = server?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const hung = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), STOP_TIMEOUT_MS)))]);
  clearTimeout(timer);
  if (hung) {
    child.kill('SIGKILL');
    await exited;
  }
}

export interface GqlResult {
  status: number;
  body?: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/** One GraphQL POST; never throws (a network error is status 0). */
export async function gql(url: string, token: string | undefined, query: string, variables: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<GqlResult> {
  try {
    const res = await fetch(new URL('/graphql', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables, ...extra }),
    });
    const text = await res.text();
    let body: GqlResult['body'];
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.status, body };
  } catch {
    return { status: 0 };
  }
}

export async function gqlOk(url: string, token: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const r = await gql(url, token, query, variables);
  if (r.status !== 200 || r.body?.errors?.length || !r.body?.data) throw new Error(`GraphQL failed (HTTP ${r.status}): ${JSON.stringify(r.body).slice(0, 1000)}`);
  return r.body.data;
}

export async function login(url: string, email: string): Promise<string> {
  const data = await gqlOk(url, undefined, 'mutation($input: LoginInput!) { login(input: $input) { token } }', { input: { email, password: PASSWORD } });
  return data.login.token as string;
}

export interface Health {
  status: string;
  pid: number;
  replication: string;
  replicas: Array<{ name: string; state: string; lagBytes: number | null; lagMs: number | null; served: number }>;
  reads: { readsOnReplica: number; readsOnPrimaryNoReplica: number; readsOnPrimaryRecentWrite: number; readsFallenBack: number; writes: number };
}

export async function health(url: string): Promise<Health> {
  const res = await fetch(new URL('/healthz', url));
  if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
  return (await res.json()) as Health;
}

/** Retries `check` until it passes; gives up (throwing its last error) after `attempts` tries, `pauseMs` apart. */
export async function eventually<T>(check: () => Promise<T>, attempts = 300, pauseMs = 100): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await check();
    } catch (e) {
      if (i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
}

/** Runs `task` `total` times with at most `concurrency` at once. */
export async function pool(total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await task(next++);
    }),
  );
}
