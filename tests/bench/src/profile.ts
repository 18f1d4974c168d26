import fs from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, BenchFixture, QueryName, SERVER_DIST } from './common';
import { closedLoop } from './load';
import { startProcess, stopProcess } from './processes';
import { makeFixtureFor } from './run-fixture';
import { checkResponse, requestFor } from './queries';

/**
 * `node dist/profile.js Q1 [seconds] [naive] [L]`: runs our server under --cpu-prof on the scale-S data
 * (or M, L; seeded by a bench run), loads it with one query, and prints the functions with the most self time.
 * The .cpuprofile is kept in results/ for Chrome DevTools or speedscope.
 */
async function main(): Promise<void> {
  const q = (process.argv[2] ?? 'Q1') as QueryName;
  const seconds = Number(process.argv[3] ?? 10);
  const dir = path.join(BENCH_DIR, 'results', `profile-${q}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const dataDir = path.join(BENCH_DIR, '.data', process.argv.find((a) => /^[SML]$/.test(a)) ?? 'S');
  const srv = await startProcess('ours', process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, path.join(SERVER_DIST, 'main.js')], {
    DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'production', RATE_LIMIT_CAPACITY: '1000000000', RATE_LIMIT_REFILL_PER_SECOND: '1000000000',
    STP_NAIVE_LOADERS: process.argv.includes('naive') ? '1' : '',
  });
  try {
    const f: BenchFixture = await makeFixtureFor(dataDir);
    const target = { next: () => ({ ...requestFor(q, f, 'ours'), check: (s: number, t: string) => checkResponse(q, 'ours', s, t) }) };
    await closedLoop(srv.url, target, 2, 8);
    const r = await closedLoop(srv.url, target, seconds, 8);
    console.log(`${q}: ${r.reqPerSec.toFixed(0)} req/s, ${r.failed} failed${r.firstError ? ` (${r.firstError})` : ''}`);
  } finally {
    await stopProcess(srv);
  }
  const file = fs.readdirSync(dir).find((x) => x.endsWith('.cpuprofile'));
  if (!file) throw new Error('no profile written');
  const prof = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
    nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>; samples: number[];
  };
  const self = new Map<number, number>();
  for (const s of prof.samples) self.set(s, (self.get(s) ?? 0) + 1);
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const n of prof.nodes) {
    const c = self.get(n.id) ?? 0;
    const where = n.callFrame.url.replace(/^file:\/\//, '').replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '').replace(/.*\/work\/main\//, '');
    const key = `${n.callFrame.functionName || '(anonymous)'} ${where}:${n.callFrame.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + c);
    const pkg = /^(@[^/]+\/[^/]+|[^/]+)/.exec(where)?.[1] || '(native)';
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + c);
  }
  const total = prof.samples.length;
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  console.log(`\nself time by package/folder:\n${top(byPkg, 15)}\n\nself time by function:\n${top(byFn, 30)}\n\nprofile: ${path.join(dir, file)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
