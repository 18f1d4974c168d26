/**
 * Scale-out proof on one machine: a PostgreSQL primary and a streaming replica (pg_basebackup) on
 * loopback, two server processes (A, B) on both, then a clustered server (WEB_CONCURRENCY=2, one port).
 * Shows: writes land on the primary and reach the replica; reads are served by the replica (counted by
 * each server); read-your-writes for 1,000 write-then-read pairs across the two processes; a lagging
 * replica leaves rotation; persisted queries and rate limits hold across processes; stopping the
 * replica under load fails no request; and read throughput with one versus two processes.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import {
  createPrimary, createReplica, eventually, gql, gqlOk, health, login, pool, PG_BIN, startServer, stopServer,
  type Health, type PgNode, type RunningServer, Workspace,
} from './support';

const READ = `query Associations { memberAssociations(first: 20) { totalCount edges { node { id name field status version province { code } } } } }`;
const figures: string[] = [];
const report = (line: string) => {
  figures.push(line);
  console.log(`[scale-out] ${line}`);
};

let ws: Workspace | undefined;
let primary: PgNode;
let replica: PgNode;
let a: RunningServer | undefined;
let b: RunningServer | undefined;
let c: RunningServer | undefined;
let editor = '';
let viewer = '';

function serverEnv(): Record<string, string> {
  return {
    DATABASE_URL: primary.url('stp_server'),
    DATABASE_REPLICA_URLS: replica.url('stp_server'),
    JWT_SECRET: ws!.jwtSecret,
    REPLICA_POLL_MS: '200',
    REPLICA_MAX_LAG_MS: '1000',
    DB_POOL_SIZE: '10',
    // Throughput is measured here, not throttling (the cluster test sets its own small limit).
    RATE_LIMIT_CAPACITY: '1000000000',
    RATE_LIMIT_REFILL_PER_SECOND: '1000000000',
  };
}

const delta = (before: Health, after: Health) => ({
  replica: after.reads.readsOnReplica - before.reads.readsOnReplica,
  primaryNoReplica: after.reads.readsOnPrimaryNoReplica - before.reads.readsOnPrimaryNoReplica,
  primaryRecentWrite: after.reads.readsOnPrimaryRecentWrite - before.reads.readsOnPrimaryRecentWrite,
  fallenBack: after.reads.readsFallenBack - before.reads.readsFallenBack,
});

async function inRotation(s: RunningServer): Promise<void> {
  await eventually(async () => {
    const h = await health(s.url);
    if (h.replicas[0]?.state !== 'in rotation') throw new Error(`${s.name}: replica ${h.replicas[0]?.state}`);
  });
}

/** Runs a PostgreSQL program without blocking this process (requests in flight keep going). */
function runAsync(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(PG_BIN, program), args, { stdio: 'ignore', ...(ws!.ids ? { uid: ws!.ids.uid, gid: ws!.ids.gid } : {}) });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${program} exited with ${code}`))));
  });
}

async function firstAssociation(url: string, token: string): Promise<{ id: string; version: number }> {
  const data = await gqlOk(url, token, '{ memberAssociations(first: 1) { edges { node { id version } } } }');
  return data.memberAssociations.edges[0].node;
}

beforeAll(async () => {
  ws = new Workspace();
  primary = await createPrimary(ws);
  // The replica is cloned from the empty database: schema, roles, RLS and demo data all arrive by streaming.
  replica = await createReplica(ws, primary);
  a = await startServer('server A', { ...serverEnv(), DATABASE_OWNER_URL: primary.url('postgres'), SEED_DEMO: 'true' });
  b = await startServer('server B', serverEnv());
  await inRotation(a);
  await inRotation(b);
  editor = await login(a.url, 'editor@dongnai.demo');
  viewer = await login(b.url, 'viewer@dongnai.demo');
}, 300_000);

afterAll(async () => {
  await Promise.all([stopServer(a), stopServer(b), stopServer(c)]);
  for (const node of [replica, primary]) {
    try {
      node?.stop();
    } catch (e) {
      console.error(String(e));
    }
  }
  ws?.remove();
  console.log(`[scale-out] figures:\n  ${figures.join('\n  ')}`);
}, 120_000);

describe('scale-out: primary, streaming replica, several server processes', () => {
  it('the replica is a hot standby of the primary, with the server role and row-level security', async () => {
    const [standby] = await replica.sql<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
    const [sender] = await primary.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_replication WHERE state = 'streaming'`);
    const [forced] = await replica.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_class WHERE relname = 'member_associations' AND relrowsecurity AND relforcerowsecurity`);
    expect(standby.standby).toBe(true);
    expect(sender.n).toBe(1);
    expect(forced.n).toBe(1);
    // On the replica the server's role still sees only its tenant's rows (none without a tenant).
    const { Client } = await import('pg');
    const app = new Client({ connectionString: replica.url('stp_server') });
    await app.connect();
    try {
      const rows = await app.query('SELECT count(*)::int AS n FROM member_associations');
      expect(rows.rows[0].n).toBe(0);
      await expect(app.query(`UPDATE member_associations SET field = 'x'`)).rejects.toThrow(/read-only transaction/);
    } finally {
      await app.end();
    }
  });

  it('writes land on the primary and appear on the replica', async () => {
    const target = await firstAssociation(a!.url, editor);
    const marker = `scale-out ${randomBytes(6).toString('hex')}`;
    const before = await health(a!.url);
    const data = await gqlOk(a!.url, editor, 'mutation($input: UpdateMemberAssociationInput!) { updateMemberAssociation(input: $input) { version field } }', {
      input: { id: target.id, version: target.version, field: marker },
    });
    expect(data.updateMemberAssociation).toEqual({ version: target.version + 1, field: marker });
    expect((await health(a!.url)).reads.writes - before.reads.writes).toBe(1);
    const [onPrimary] = await primary.sql<{ field: string }>('SELECT field FROM member_associations WHERE id = $1', [target.id]);
    expect(onPrimary.field).toBe(marker);
    const onReplica = await eventually(async () => {
      const [row] = await replica.sql<{ field: string }>('SELECT field FROM member_associations WHERE id = $1', [target.id]);
      if (row.field !== marker) throw new Error(`replica has ${row.field}`);
      return row.field;
    });
    expect(onReplica).toBe(marker);
    report(`write through server A: on the primary at once, on the replica "${onReplica}"`);
  });

  it('reads are served by the replica, counted on each server', async () => {
    const n = 200;
    for (const s of [a!, b!]) {
      await inRotation(s);
      const before = await health(s.url);
      let failed = 0;
      await pool(n, 8, async () => {
        const r = await gql(s.url, viewer, READ);
        if (r.status !== 200 || r.body?.errors || !(r.body?.data?.memberAssociations?.totalCount > 0)) failed++;
      });
      const after = await health(s.url);
      const d = delta(before, after);
      report(`${s.name} (pid ${after.pid}): ${n} reads, served by the replica ${d.replica}, by the primary ${d.primaryNoReplica + d.primaryRecentWrite + d.fallenBack}, failed ${failed}; replica served ${after.replicas[0].served} in all, lag ${after.replicas[0].lagMs} ms`);
      expect(failed).toBe(0);
      expect(d.replica + d.primaryNoReplica + d.primaryRecentWrite).toBe(n);
      // The replica stays in rotation without writes to lag behind; allow for a stall of this busy machine.
      expect(d.replica).toBeGreaterThanOrEqual(n * 0.9);
    }
  });

  it('read-your-writes holds for 1,000 write-then-read pairs across the two processes', async () => {
    const pairs = 1000;
    const target = await firstAssociation(a!.url, editor);
    let version = target.version;
    let failedPairs = 0;
    const failures: string[] = [];
    const before = [await health(a!.url), await health(b!.url)];
    for (let i = 0; i < pairs; i++) {
      // Write through one process, read through the other (and, every fourth pair, the same one).
      const writer = i % 2 === 0 ? a! : b!;
      const reader = i % 4 === 3 ? writer : writer === a ? b! : a!;
      const count = 1000 + i;
      const w = await gqlOk(writer.url, editor, 'mutation($input: UpdateMemberAssociationInput!) { updateMemberAssociation(input: $input) { version } }', {
        input: { id: target.id, version, individualMemberCount: count },
      });
      version = w.updateMemberAssociation.version;
      const r = await gql(reader.url, editor, 'query($id: ID!) { memberAssociation(id: $id) { version individualMemberCount } }', { id: target.id });
      const seen = r.body?.data?.memberAssociation;
      if (r.status !== 200 || !seen || seen.version !== version || seen.individualMemberCount !== count) {
        failedPairs++;
        if (failures.length < 5) failures.push(`pair ${i}: wrote ${count} (v${version}), read ${JSON.stringify(seen ?? r.body)}`);
      }
    }
    const after = [await health(a!.url), await health(b!.url)];
    const d = [delta(before[0], after[0]), delta(before[1], after[1])];
    const onReplica = d[0].replica + d[1].replica;
    const onPrimary = d[0].primaryRecentWrite + d[1].primaryRecentWrite + d[0].primaryNoReplica + d[1].primaryNoReplica;
    report(`read-your-writes: ${pairs} pairs checked, ${failedPairs} failed; the reads ran on the replica ${onReplica} times (after it replayed the write), on the primary ${onPrimary} times (replica not there yet)`);
    expect(failures).toEqual([]);
    expect(failedPairs).toBe(0);
    expect(onReplica + onPrimary).toBe(pairs);
    // Not vacuous: some reads right after a write were served by the replica, which had the write.
    expect(onReplica).toBeGreaterThan(0);
  });

  it('measures read throughput with one and with two server processes on the same data', async () => {
    const total = 1200;
    const concurrency = 16;
    const run = async (servers: RunningServer[]) => {
      let failed = 0;
      const started = process.hrtime.bigint();
      await pool(total, concurrency, async (i) => {
        const r = await gql(servers[i % servers.length].url, viewer, READ);
        if (r.status !== 200 || r.body?.errors) failed++;
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      return { rate: total / seconds, failed };
    };
    await run([a!, b!]); // warm-up of both processes
    const one: number[] = [];
    const two: number[] = [];
    let failed = 0;
    for (let round = 0; round < 2; round++) {
      const r1 = await run([a!]);
      const r2 = await run([a!, b!]);
      one.push(r1.rate);
      two.push(r2.rate);
      failed += r1.failed + r2.failed;
    }
    const best1 = Math.max(...one);
    const best2 = Math.max(...two);
    report(`throughput (reads/s, ${total} reads, ${concurrency} in flight, best of 2): 1 process ${best1.toFixed(0)}, 2 processes ${best2.toFixed(0)}, ratio ${(best2 / best1).toFixed(2)} ` +
      `(${os.cpus().length} cores shared with both PostgreSQL servers and this load generator; load average ${os.loadavg()[0].toFixed(1)})`);
    expect(failed).toBe(0);
    expect(best1).toBeGreaterThan(0);
    expect(best2).toBeGreaterThan(0);
  });

  it('a replica too far behind leaves rotation, and comes back once it catches up', async () => {
    await inRotation(a!);
    await replica.sql('SELECT pg_wal_replay_pause()');
    let lagging: Health | undefined;
    try {
      const target = await firstAssociation(a!.url, editor);
      await gqlOk(a!.url, editor, 'mutation($input: UpdateMemberAssociationInput!) { updateMemberAssociation(input: $input) { version } }', {
        input: { id: target.id, version: target.version, collectiveMemberCount: 7 },
      });
      lagging = await eventually(async () => {
        const h = await health(a!.url);
        if (h.replicas[0].state !== 'lagging') throw new Error(`replica ${h.replicas[0].state}, lag ${h.replicas[0].lagMs} ms`);
        return h;
      });
      const before = await health(a!.url);
      for (let i = 0; i < 20; i++) await gqlOk(a!.url, viewer, READ);
      const d = delta(before, await health(a!.url));
      report(`lag: replay paused → replica "${lagging.replicas[0].state}" at ${lagging.replicas[0].lagMs} ms / ${lagging.replicas[0].lagBytes} bytes behind (limit 1000 ms); 20 reads then went to the primary ${d.primaryNoReplica}, to the replica ${d.replica}`);
      expect(d.replica).toBe(0);
      expect(d.primaryNoReplica).toBe(20);
    } finally {
      await replica.sql('SELECT pg_wal_replay_resume()');
    }
    await inRotation(a!);
    expect(lagging?.replicas[0].lagBytes).toBeGreaterThan(0);
  });

  it('several processes on one port share persisted queries and rate limits through PostgreSQL', async () => {
    c = await startServer('cluster', {
      ...serverEnv(),
      WEB_CONCURRENCY: '2',
      GRAPHQL_MAX_COST: '50',
      RATE_LIMIT_CAPACITY: '50',
      RATE_LIMIT_REFILL_PER_SECOND: '1',
    });
    const pids = new Set<number>();
    for (let i = 0; i < 20; i++) pids.add((await health(c.url)).pid);
    expect(pids.size).toBe(2);

    // Automatic persisted queries: registered through one process, known to both.
    const query = `query ApqProbe { me { email role } } # ${randomBytes(4).toString('hex')}`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const persisted = { persistedQuery: { version: 1, sha256Hash } };
    const token = await login(c.url, 'analyst@ministry.demo');
    const unknown = await gql(c.url, token, '', {}, { query: undefined, extensions: persisted });
    expect(unknown.body?.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await gql(c.url, token, query, {}, { extensions: persisted });
    expect(registered.body?.data?.me?.email).toBe('analyst@ministry.demo');
    // Apollo stores the query without awaiting it: wait until it is in PostgreSQL.
    await eventually(async () => {
      const [stored] = await primary.sql<{ n: number }>(`SELECT count(*)::int AS n FROM shared_cache WHERE key = $1`, [`apq:${sha256Hash}`]);
      if (stored.n !== 1) throw new Error('persisted query not stored yet');
    });
    let apqOk = 0;
    for (let i = 0; i < 20; i++) {
      const r = await gql(c.url, token, '', {}, { query: undefined, extensions: persisted });
      if (r.body?.data?.me?.email === 'analyst@ministry.demo') apqOk++;
    }
    expect(apqOk).toBe(20);

    // Rate limit: one bucket of 50 (refill 1/s) for the principal, whichever process answers.
    const other = await login(c.url, 'admin@hcm.demo');
    const statuses: number[] = [];
    await pool(100, 10, async () => {
      const r = await gql(c!.url, other, '{ me { email } }');
      statuses.push(r.body?.errors?.[0]?.extensions?.code === 'RATE_LIMITED' ? 429 : r.status);
    });
    const allowed = statuses.filter((s) => s === 200).length;
    const limited = statuses.filter((s) => s === 429).length;
    report(`cluster (WEB_CONCURRENCY=2, pids ${[...pids].join(', ')}): persisted query registered once, ${apqOk}/20 hash-only requests answered; rate limit 50 + 1/s shared: ${allowed} of 100 allowed, ${limited} RATE_LIMITED (two separate buckets would allow 100)`);
    expect(allowed + limited).toBe(100);
    expect(allowed).toBeGreaterThanOrEqual(50);
    expect(allowed).toBeLessThan(75);
    await stopServer(c);
    c = undefined;
  });

  it('stopping the replica under load sends reads to the primary with no failed request', async () => {
    await inRotation(a!);
    await inRotation(b!);
    const servers = [a!, b!];
    const before = [await health(a!.url), await health(b!.url)];
    let done = 0;
    let failed = 0;
    const errors: string[] = [];
    let stopped = false;
    let afterStop = 0;
    const load = Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (let i = 0; !stopped || afterStop < 400; i++) {
          const s = servers[(worker + i) % 2];
          const r = await gql(s.url, viewer, READ);
          done++;
          if (stopped) afterStop++;
          if (r.status !== 200 || r.body?.errors || !(r.body?.data?.memberAssociations?.totalCount > 0)) {
            failed++;
            if (errors.length < 5) errors.push(`HTTP ${r.status} ${JSON.stringify(r.body?.errors ?? r.body).slice(0, 300)}`);
          }
        }
      }),
    );
    await eventually(async () => {
      if (done < 300) throw new Error('warming up');
    });
    const doneBeforeStop = done;
    await runAsync('pg_ctl', ['stop', '-w', '-t', '60', '-m', 'fast', '-D', replica.dir]);
    stopped = true;
    await load;
    const after = [await health(a!.url), await health(b!.url)];
    const d = [delta(before[0], after[0]), delta(before[1], after[1])];
    report(
      `replica stopped under load: ${done} reads (${doneBeforeStop} before the stop), failed ${failed}; ` +
        `server A: replica ${d[0].replica}, primary ${d[0].primaryNoReplica}, moved mid-request ${d[0].fallenBack}, replica now "${after[0].replicas[0].state}"; ` +
        `server B: replica ${d[1].replica}, primary ${d[1].primaryNoReplica}, moved mid-request ${d[1].fallenBack}, replica now "${after[1].replicas[0].state}"`,
    );
    expect(errors).toEqual([]);
    expect(failed).toBe(0);
    for (const [i, h] of after.entries()) {
      expect(h.replicas[0].state).toBe('unreachable');
      expect(d[i].replica).toBeGreaterThan(0);
      expect(d[i].primaryNoReplica + d[i].fallenBack).toBeGreaterThan(0);
    }
    // Reads keep working on the primary alone.
    expect((await gqlOk(a!.url, viewer, READ)).memberAssociations.totalCount).toBeGreaterThan(0);
  });
});
