import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The real start command (node dist/main.js, built by `pnpm test` before jest runs) on its own
 * data directory: first start, clean stop, restart on the same data, recovery after a crash.
 */
const MAIN = path.resolve(__dirname, '..', 'dist', 'main.js');

interface Running {
  proc: ChildProcess;
  url: string;
  output: () => string;
}

function start(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Running> {
  const proc = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, NODE_ENV: 'production', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/ready: (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1], output: () => out });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before ready:\n${out}`));
    });
  });
}

function exitOf(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) resolve(proc.exitCode);
    else proc.once('exit', (code) => resolve(code));
  });
}

async function gql(url: string, query: string, variables: object = {}, token?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

async function loginAdmin(url: string): Promise<string> {
  const r = await gql(url, 'mutation { login(input: {email: "admin@dongnai.demo", password: "demo-password"}) { token } }');
  return r.data.login.token;
}

function postgresPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the start command on the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stp-lifecycle-'));
  fs.chmodSync(dataDir, 0o755);
  const running: ChildProcess[] = [];
  afterAll(async () => {
    for (const p of running) if (p.exitCode === null) p.kill('SIGKILL');
    const pid = postgresPid(dataDir);
    if (pid && alive(pid)) process.kill(pid, 'SIGINT');
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts, serves health and data, and stops cleanly on SIGTERM with the database stopped', async () => {
    const s = await start(dataDir);
    running.push(s.proc);
    expect(s.output()).toContain('initialising PostgreSQL');
    expect(s.output()).toContain('admin@dongnai.demo');
    // The build's server bundle is what runs, not the compiled modules one by one.
    expect(s.output()).not.toContain('no up-to-date server bundle');
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const token = await loginAdmin(s.url);
    const created = await gql(s.url, 'mutation { createMemberAssociation(input: {name: "Hội Bền vững qua khởi động lại"}) { id } }', {}, token);
    expect(created.errors).toBeUndefined();
    const pgPid = postgresPid(dataDir)!;
    expect(alive(pgPid)).toBe(true);

    s.proc.kill('SIGTERM');
    expect(await exitOf(s.proc)).toBe(0);
    expect(alive(pgPid)).toBe(false);
    expect(postgresPid(dataDir)).toBeUndefined();
  });

  it('a second start reuses the data directory: no new cluster, no second demo load, data kept', async () => {
    const s = await start(dataDir);
    running.push(s.proc);
    expect(s.output()).not.toContain('initialising PostgreSQL');
    expect(s.output()).not.toContain('demo data loaded');
    const token = await loginAdmin(s.url);
    const r = await gql(s.url, '{ memberAssociations(filter: {search: "ben vung qua khoi dong"}) { totalCount } }', {}, token);
    expect(r.data.memberAssociations.totalCount).toBe(1);

    // A crash: the server dies without stopping PostgreSQL, which is left running on the data directory.
    const orphan = postgresPid(dataDir)!;
    s.proc.kill('SIGKILL');
    await exitOf(s.proc);
    expect(alive(orphan)).toBe(true);
  });

  it('a crashed previous run (orphaned PostgreSQL, stale pid file) does not block the next start', async () => {
    const s = await start(dataDir);
    running.push(s.proc);
    expect(s.output()).toContain('previous run');
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    s.proc.kill('SIGTERM');
    expect(await exitOf(s.proc)).toBe(0);

    // Only a pid file left behind, naming a process that no longer exists.
    fs.writeFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), `999999\n${path.join(dataDir, 'pg')}\n`);
    const again = await start(dataDir);
    running.push(again.proc);
    expect(again.output()).toContain('stale postmaster.pid');
    const token = await loginAdmin(again.url);
    expect(token).toEqual(expect.any(String));
    again.proc.kill('SIGTERM');
    expect(await exitOf(again.proc)).toBe(0);
  });

  it('a stop asked for while starting waits for the start, then stops the database too', async () => {
    const proc = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(proc);
    let out = '';
    let sent = false;
    const onData = (c: Buffer) => {
      out += c.toString();
      // The database is up, the server not yet: without a handler this SIGTERM would kill the
      // process and leave PostgreSQL running.
      if (!sent && out.includes('embedded PostgreSQL on') && !out.includes('ready:')) sent = proc.kill('SIGTERM');
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    expect(await exitOf(proc)).toBe(0);
    expect(out).toContain('SIGTERM while starting');
    expect(out).toContain('stopped');
    expect(postgresPid(dataDir)).toBeUndefined();
  });

  it('a bad setting stops the start with one line naming the variable and exit code 1', async () => {
    const proc = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: 'abc', DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr!.on('data', (c) => (err += c.toString()));
    expect(await exitOf(proc)).toBe(1);
    expect(err.trim().split('\n')).toEqual(['Configuration error: PORT must be a whole number from 0 to 65535 (got "abc")']);
  });
});
