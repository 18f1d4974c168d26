/**
 * Database restart under load: 8 workers send a steady mix of reads (memberAssociations) and writes
 * (createMemberAssociation, each with a unique name and its own Idempotency-Key) while the server's
 * embedded PostgreSQL is stopped (fast shutdown, SIGINT to its postmaster) and, a few seconds later,
 * started again from outside with the very command line, user and environment the server gave it.
 *
 * A write answered with a retryable error (HTTP 503, SERVICE_UNAVAILABLE or another error marked
 * retryable, or a network error) is sent again, same body and same key, until it is acknowledged
 * (HTTP 200, no errors, an id). Checked: the server process never exits; every answer during the
 * outage is an acknowledgement or a coded retryable error (no 500 without code, nothing past the
 * request timeout); /healthz and GraphQL answer normally again by themselves after the restart
 * (generous 30 s cap); every acknowledged write is in the database exactly once, with the id it was
 * acknowledged with, and no write of the run is there that was not acknowledged [0 lost, 0 duplicates];
 * after all that, SIGTERM still stops the server (exit 0) and PostgreSQL with it.
 *
 * Own server on a fresh data directory with the demo data.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeDataDir, startServer, stopServer, STOP_TIMEOUT_MS, type RunningServer } from '../e2e/support';
import { login, ownerClient, postgresProcessesOn, sleep } from './support';

const WORKERS = 8;
const LOAD_MS = 22_000;
/** When, after the load starts, PostgreSQL is stopped, and for how long it stays down. */
const STOP_AT_MS = 5_000;
const DOWN_MS = 4_000;
/** A request not answered within this is a hang. */
const REQUEST_TIMEOUT_MS = 20_000;
/** Generous cap on the server's recovery after PostgreSQL accepts connections again. */
const RECOVERY_CAP_MS = 30_000;
/** A write still unacknowledged this long after the load ends is given up (and fails the suite). */
const DRAIN_CAP_MS = 30_000;

const SERVER_ENV: Record<string, string> = {
  DB_POOL_SIZE: '6',
  RATE_LIMIT_CAPACITY: '1000000000',
  RATE_LIMIT_REFILL_PER_SECOND: '1000000000',
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '1000000',
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '1000000',
};

const READ = '{ memberAssociations(first: 20) { edges { node { id name } } } }';
const WRITE = 'mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { id name } }';

type Outcome =
  | { kind: 'ok'; status: number; body: any; replayed: boolean }
  | { kind: 'retryable'; status: number; what: string }
  | { kind: 'bad'; status: number; what: string };

interface Answer {
  at: number;
  ms: number;
  outcome: Outcome;
}

/** The postmaster's pid from DATA_DIR/pg/postmaster.pid (its first line). */
function postmasterPid(pgDir: string): number {
  return Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** How a process was started: its argv, environment, real uid and gid (from /proc). */
function launchOf(pid: number): { argv: string[]; env: Record<string, string>; uid: number; gid: number } {
  const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a, i, all) => a !== '' || i < all.length - 1);
  const env: Record<string, string> = {};
  for (const pair of fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
    const eq = pair.indexOf('=');
    if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const uid = Number(/^Uid:\s+(\d+)/m.exec(status)![1]);
  const gid = Number(/^Gid:\s+(\d+)/m.exec(status)![1]);
  return { argv, env, uid, gid };
}

/** Classifies one HTTP answer of the API. */
function classify(status: number, text: string, replayed: boolean): Outcome {
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return status === 503 ? { kind: 'retryable', status, what: 'HTTP 503 (not JSON)' } : { kind: 'bad', status, what: `HTTP ${status} not JSON: ${text.slice(0, 200)}` };
  }
  const errors: any[] = body?.errors ?? [];
  if (status === 200 && errors.length === 0 && body?.data) return { kind: 'ok', status, body, replayed };
  const codes = errors.map((e) => e?.extensions?.code);
  if (errors.length === 0 || codes.some((c) => typeof c !== 'string')) return { kind: 'bad', status, what: `HTTP ${status} error without code: ${text.slice(0, 300)}` };
  const retryable = errors.every((e) => e.extensions.retryable === true || e.extensions.code === 'SERVICE_UNAVAILABLE');
  if (status === 503 || retryable) return { kind: 'retryable', status, what: `HTTP ${status} ${codes.join(',')}` };
  return { kind: 'bad', status, what: `HTTP ${status} ${codes.join(',')}: ${text.slice(0, 300)}` };
}

describe('database restart under load', () => {
  let server: RunningServer | undefined;
  let dataDir = '';

  afterAll(async () => {
    await stopServer(server?.child);
    // Whatever PostgreSQL is still running on the data directory (e.g. the one started here) goes too.
    if (dataDir) {
      for (const pid of postgresProcessesOn(path.join(dataDir, 'pg'))) {
        process.kill(pid, 'SIGINT');
        for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
        if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers retryably during the outage, recovers by itself, and loses or doubles no acknowledged write', async () => {
    dataDir = makeDataDir('stp-security-dbrestart-');
    const previous = { ...process.env };
    Object.assign(process.env, SERVER_ENV);
    try {
      server = await startServer(dataDir);
    } finally {
      for (const k of Object.keys(SERVER_ENV)) {
        if (previous[k] === undefined) delete process.env[k];
        else process.env[k] = previous[k];
      }
    }
    const running = server;
    const pgDir = path.join(dataDir, 'pg');
    let serverExit: string | undefined;
    running.child.once('exit', (code, signal) => {
      serverExit = `code ${code}, signal ${signal}`;
    });
    const token = await login(running.url, 'editor@dongnai.demo');
    const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const prefix = `Hội khởi động lại ${run} `;

    const t0 = Date.now();
    const answers: Answer[] = [];
    let sent = 0;
    const post = async (body: string, key?: string): Promise<Outcome> => {
      const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      if (key) headers['idempotency-key'] = key;
      const start = Date.now();
      sent++;
      let outcome: Outcome;
      try {
        const res = await fetch(new URL('/graphql', running.url), { method: 'POST', headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        outcome = classify(res.status, await res.text(), res.headers.get('idempotent-replayed') === 'true');
      } catch (e) {
        const name = (e as Error).name;
        outcome = name === 'TimeoutError' || name === 'AbortError'
          ? { kind: 'bad', status: 0, what: `no answer within ${REQUEST_TIMEOUT_MS} ms` }
          : { kind: 'retryable', status: 0, what: `network error: ${String((e as Error).cause ?? e)}` };
      }
      answers.push({ at: start - t0, ms: Date.now() - start, outcome });
      return outcome;
    };

    interface Write {
      name: string;
      key: string;
      attempts: number;
      id?: string;
      replayed?: boolean;
    }
    const writes: Write[] = [];
    let retries = 0;
    let loadOver = false;
    const drainDeadline = () => t0 + LOAD_MS + DRAIN_CAP_MS;

    const worker = async (w: number) => {
      for (let n = 0; !loadOver; n++) {
        if ((n + w) % 2 === 0) {
          await post(JSON.stringify({ query: READ }));
          continue;
        }
        const write: Write = { name: `${prefix}w${w}-${n}`, key: `db-restart-${run}-${w}-${n}`, attempts: 0 };
        writes.push(write);
        const body = JSON.stringify({ query: WRITE, variables: { i: { name: write.name } } });
        // The same request with the same key until it is acknowledged, whatever the answers were.
        while (Date.now() < drainDeadline()) {
          write.attempts++;
          if (write.attempts > 1) retries++;
          const o = await post(body, write.key);
          if (o.kind === 'ok' && o.body.data?.createMemberAssociation?.id) {
            write.id = o.body.data.createMemberAssociation.id as string;
            write.replayed = o.replayed;
            break;
          }
          await sleep(100 + Math.floor(Math.random() * 200));
        }
      }
    };

    // The outage, from outside: stop the postmaster (fast shutdown), then start it again as the
    // server did (same argv, user and environment), and time the server's recovery.
    const timeline: { stopAt?: number; downAt?: number; upAt?: number; healthyAt?: number; firstOkAt?: number } = {};
    const outage = (async () => {
      await sleep(STOP_AT_MS);
      const pid = postmasterPid(pgDir);
      expect(postgresProcessesOn(pgDir)).toContain(pid);
      const launch = launchOf(pid);
      timeline.stopAt = Date.now() - t0;
      process.kill(pid, 'SIGINT');
      for (let i = 0; i < 300 && isAlive(pid); i++) await sleep(50);
      expect(isAlive(pid)).toBe(false);
      timeline.downAt = Date.now() - t0;
      await sleep(DOWN_MS);
      const logFd = fs.openSync(path.join(dataDir, 'pg-restarted.log'), 'a');
      const pg = spawn(launch.argv[0], launch.argv.slice(1), {
        env: launch.env,
        uid: launch.uid,
        gid: launch.gid,
        detached: true,
        stdio: ['ignore', logFd, logFd],
      });
      pg.unref();
      fs.closeSync(logFd);
      for (let i = 0; i < 300; i++) {
        const c = await ownerClient(dataDir).catch(() => undefined);
        if (c) {
          await c.end();
          break;
        }
        await sleep(50);
      }
      timeline.upAt = Date.now() - t0;
      for (let i = 0; Date.now() - t0 - timeline.upAt < RECOVERY_CAP_MS; i++) {
        const h = await fetch(new URL('/healthz', running.url), { signal: AbortSignal.timeout(5_000) }).then((r) => r.status).catch(() => 0);
        if (h === 200) {
          timeline.healthyAt = Date.now() - t0;
          break;
        }
        await sleep(100);
      }
      for (;;) {
        const o = await post(JSON.stringify({ query: READ }));
        if (o.kind === 'ok' || Date.now() - t0 - timeline.upAt > RECOVERY_CAP_MS) {
          if (o.kind === 'ok') timeline.firstOkAt = Date.now() - t0;
          break;
        }
        await sleep(100);
      }
    })();

    const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
    await sleep(LOAD_MS);
    loadOver = true;
    await Promise.all([outage, ...workers]);

    // Acknowledged writes sent once more with their keys (those retried through the outage first):
    // the stored answer comes back, same id, and nothing runs again.
    const again = [...writes.filter((w) => w.id && w.attempts > 1), ...writes.filter((w) => w.id && w.attempts === 1)].slice(0, 20);
    const resent = await Promise.all(again.map(async (w) => ({ w, o: await post(JSON.stringify({ query: WRITE, variables: { i: { name: w.name } } }), w.key) })));
    const notReplayed = resent.filter(({ w, o }) => !(o.kind === 'ok' && o.replayed && o.body.data.createMemberAssociation.id === w.id)).map(({ w, o }) => `${w.name}: ${JSON.stringify(o).slice(0, 300)}`);

    // Every write of the run as the database owner (RLS hides nothing).
    const owner = await ownerClient(dataDir);
    let rows: Array<{ name: string; id: string }>;
    let keyRows: Array<{ key: string; answered: boolean }>;
    try {
      rows = (await owner.query(`SELECT name, id::text AS id FROM member_associations WHERE name LIKE $1 || '%'`, [prefix])).rows;
      keyRows = (await owner.query(`SELECT key, response IS NOT NULL AS answered FROM idempotency_keys WHERE key LIKE $1 || '%'`, [`db-restart-${run}-`])).rows;
    } finally {
      await owner.end();
    }
    const inDb = new Map<string, string[]>();
    for (const r of rows) inDb.set(r.name, [...(inDb.get(r.name) ?? []), r.id]);
    const acked = writes.filter((w) => w.id);
    const lost = acked.filter((w) => !inDb.get(w.name)?.includes(w.id!));
    const duplicates = [...inDb].filter(([, ids]) => ids.length > 1);
    const unacknowledgedInDb = [...inDb.keys()].filter((n) => !acked.some((w) => w.name === n));
    const unanswered = writes.filter((w) => !w.id);

    const { stopAt = 0, upAt = 0 } = timeline;
    const during = answers.filter((a) => a.at + a.ms >= stopAt && a.at <= upAt);
    const retryableDuring = during.filter((a) => a.outcome.kind === 'retryable');
    const bad = answers.filter((a) => a.outcome.kind === 'bad');
    const slowest = Math.max(...answers.map((a) => a.ms));
    const recovery = timeline.firstOkAt !== undefined ? timeline.firstOkAt - upAt : undefined;
    const healthRecovery = timeline.healthyAt !== undefined ? timeline.healthyAt - upAt : undefined;
    const kinds = (list: Answer[]) => [...new Set(list.map((a) => (a.outcome.kind === 'ok' ? 'ok' : a.outcome.what.replace(/network error: .*/, 'network error'))))].join('; ');
    console.log(
      `[security] db-restart: ${WORKERS} workers for ${LOAD_MS / 1000} s; PostgreSQL stopped at ${stopAt} ms (down at ${timeline.downAt} ms), ` +
        `started again at ${upAt} ms\n` +
        `  requests sent ${sent}; writes ${writes.length}, acknowledged ${acked.length} (${acked.filter((w) => w.replayed).length} replayed from their idempotency key), ` +
        `retries ${retries} (${writes.filter((w) => w.attempts > 1).length} writes retried); retryable errors during the outage ${retryableDuring.length} of ${during.length} answers (${kinds(retryableDuring)}); ` +
        `non-retryable or uncoded answers ${bad.length}; slowest answer ${slowest} ms\n` +
        `  recovery after PostgreSQL accepted connections again: /healthz ${healthRecovery ?? 'never'} ms, GraphQL ${recovery ?? 'never'} ms\n` +
        `  database: ${rows.length} rows of the run, ${keyRows.length} idempotency keys (${keyRows.filter((k) => k.answered).length} with their response); ` +
        `${lost.length} acknowledged writes lost, ${duplicates.length} duplicates, ${unacknowledgedInDb.length} unacknowledged writes present, ${unanswered.length} writes never acknowledged; ` +
        `${again.length - notReplayed.length} of ${again.length} acknowledged writes sent again were replayed with their id`,
    );
    if (bad.length) console.log(bad.slice(0, 5).map((a) => `${a.at} ms: ${(a.outcome as { what: string }).what}`).join('\n'));
    if (bad.length) console.log(running.log().split('\n').filter((l) => /unexpected error|^\s+at |Error/.test(l)).slice(0, 40).join('\n'));

    expect(serverExit).toBeUndefined();
    expect(during.length).toBeGreaterThan(0);
    expect(retryableDuring.length).toBeGreaterThan(0);
    expect(bad.map((a) => (a.outcome as { what: string }).what)).toEqual([]);
    expect(slowest).toBeLessThan(REQUEST_TIMEOUT_MS);
    expect(timeline.healthyAt).toBeDefined();
    expect(timeline.firstOkAt).toBeDefined();
    expect(acked.length).toBeGreaterThan(0);
    expect(unanswered.map((w) => w.name)).toEqual([]);
    expect(lost.map((w) => w.name)).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(unacknowledgedInDb).toEqual([]);
    expect(rows.length).toBe(acked.length);
    expect(again.length).toBeGreaterThan(0);
    expect(notReplayed).toEqual([]);
    // Writes acknowledged after the restart too: the load went on against the restarted database.
    expect(answers.some((a) => a.at > upAt && a.outcome.kind === 'ok')).toBe(true);

    // The server still stops cleanly, and takes the restarted PostgreSQL with it.
    const exited = new Promise<number | null>((resolve) => running.child.once('exit', (code) => resolve(code)));
    running.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS)))]);
    clearTimeout(timer);
    const left = postgresProcessesOn(pgDir);
    console.log(`[security] db-restart: after SIGTERM the server ${code === 'timeout' ? `did not exit within ${STOP_TIMEOUT_MS} ms` : `exited with code ${code}`}; postgres processes of the data dir left: ${left.length}`);
    if (code === 'timeout') console.log(running.log().slice(-2000));
    expect(code).toBe(0);
    expect(running.log()).toMatch(/\[stp\] stopped/);
    expect(left).toEqual([]);
  }, 150_000);
});
