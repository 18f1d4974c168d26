import { Client } from 'pg';
import { setNaiveLoaders } from '../src/common/loaders';
import { migrate } from '../src/db/migrate';
import { seedDemo } from '../src/db/seeds/demo';
import { generateSynthetic } from '../src/db/seeds/synthetic';
import { appUrl, asOwner, inDatabase, ownerUrl, startTestServer, TestServer } from './helpers';

/**
 * The benchmark's queries (tests/bench, Q1–Q5) cost a fixed number of SQL statements whatever the
 * page size: at most the nesting depth + 2 (the tenant settings, one statement per level, and one
 * more for a mutation's audit row). BEGIN and COMMIT are not counted: BEGIN rides in the settings'
 * round trip. The naive baseline (STP_NAIVE_LOADERS) runs the same resolvers without batching, and
 * its count grows with the page: that is what the loaders save.
 */
const DB = 'stp_bench_statement_counts_test';

const Q1 = `query($n: Int, $m: Int) { memberAssociations(first: $n) { totalCount edges { node {
  id name abbreviation status province { code } members(first: $m) { id kind field isYoungIntellectual } } } } }`;
const Q2 = `query($id: ID!, $m: Int) { memberAssociation(id: $id) { id name province { code } members(first: $m) { id kind field } } }`;
const Q3 = `query($n: Int) { commissioningRequests(first: $n) { totalCount edges { node {
  id title stage year assignedAssociation { id name } requestingAgency { id name } researchArea { id name } } } } }`;
const Q4 = `query($indicators: [String!]!, $years: [Int!]!) { compareProvinces(input: { indicators: $indicators, years: $years }) {
  cells { province { code } year indicator { code } value } ranking { rank province { code } } nationalTotals { year indicator { code } value } } }`;
const Q5 = `mutation($name: String!) { createMemberAssociation(input: { name: $name, field: "Benchmark" }) { id name version } }`;

/** Statements the server role ran during `fn`, BEGIN/COMMIT/ROLLBACK left out, with their texts for the failure message. */
async function dataStatements(fn: () => Promise<unknown>): Promise<{ n: number; texts: string[] }> {
  await asOwner((db) => db.query('SELECT pg_stat_statements_reset()'));
  await fn();
  const rows = await asOwner(async (db) => (await db.query(
    `SELECT query, calls::int AS calls FROM pg_stat_statements
     WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = 'stp_server') AND query !~* '^\\s*(begin|commit|rollback)\\s*;?\\s*$'`,
  )).rows as Array<{ query: string; calls: number }>);
  return { n: rows.reduce((s, r) => s + r.calls, 0), texts: rows.map((r) => `${r.calls}× ${r.query.replace(/\s+/g, ' ').slice(0, 160)}`) };
}

/**
 * Rate-limit statements, run outside the request's transaction and not per request: a process leases
 * tokens for many requests at once (`app_lease_tokens`, at most once per request, usually not at all)
 * and gives idle leftovers back in the background (`app_give_tokens`, which may land in any
 * request's window). They are counted in the benchmark's figures but not as a request's own. The
 * disabled-user check costs no statement: it rides in the SELECT that sets the tenant settings
 * (`app_user_active`), and a separate `SELECT disabled_at` would count as the request's own and
 * break the limits below.
 */
const RATE_LIMIT_STATEMENTS = [/app_take_tokens|app_lease_tokens/, /app_give_tokens/];

const callsOf = (t: string) => Number(/^(\d+)×/.exec(t)?.[1] ?? 0);
const isRateLimit = (t: string) => RATE_LIMIT_STATEMENTS.some((c) => c.test(t));

/** The request's own statements: the rate-limit ones left out. */
const own = (r: { texts: string[] }) => r.texts.filter((t) => !isRateLimit(t)).reduce((s, t) => s + callsOf(t), 0);

/**
 * The request's own statements are at most `limit`, and it took at most one lease. Fails with the
 * statements themselves in the message, so a regression says what was added.
 */
function atMost(r: { n: number; texts: string[] }, limit: number): void {
  const leases = r.texts.filter((t) => RATE_LIMIT_STATEMENTS[0].test(t)).reduce((s, t) => s + callsOf(t), 0);
  if (own(r) > limit || leases > 1) {
    throw new Error(`${own(r)} statements besides the rate-limit ones, expected at most ${limit}:\n${r.texts.join('\n')}`);
  }
  expect(own(r)).toBeLessThanOrEqual(limit);
}

async function inBenchDb<T>(fn: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: inDatabase(ownerUrl(), DB) });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

describe('benchmark queries: SQL statements per request', () => {
  let s: TestServer;
  let reader: string;
  let writer: string;
  let associationId: string;
  let codes: string[];
  beforeAll(async () => {
    await asOwner(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${DB}`);
      await c.query(`CREATE DATABASE ${DB}`);
    });
    const owner = inDatabase(ownerUrl(), DB);
    await migrate(owner, inDatabase(appUrl(), DB));
    await seedDemo(owner);
    const db = new Client({ connectionString: owner });
    await db.connect();
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await generateSynthetic(db, 'S');
    // The association with the most current members, so a page of 50 is really larger than a page of 5.
    associationId = (await db.query(
      `SELECT association_id FROM memberships WHERE left_on IS NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    )).rows[0].association_id;
    codes = (await db.query(`SELECT code FROM indicator_definitions ORDER BY sort_order LIMIT 10`)).rows.map((r) => r.code);
    await db.end();
    s = await startTestServer(inDatabase(appUrl(), DB));
    reader = await s.login('analyst@ministry.demo');
    writer = await s.login('admin@dongnai.demo');
  });
  afterAll(async () => {
    setNaiveLoaders(false);
    await s.close();
    await asOwner((c) => c.query(`DROP DATABASE IF EXISTS ${DB}`));
  });

  const ok = (r: { errors?: unknown; data?: any }) => {
    expect(r.errors).toBeUndefined();
    return r.data;
  };

  it('Q1 associations with their members: the same small count for 5 × 5 and 50 × 50', async () => {
    let small: any;
    let large: any;
    const a = await dataStatements(async () => (small = ok(await s.gql(Q1, { n: 5, m: 5 }, reader))));
    const b = await dataStatements(async () => (large = ok(await s.gql(Q1, { n: 50, m: 50 }, reader))));
    expect(small.memberAssociations.edges).toHaveLength(5);
    expect(large.memberAssociations.edges).toHaveLength(50);
    expect(large.memberAssociations.edges.some((e: any) => e.node.members.length > 5)).toBe(true);
    expect(own(b)).toBe(own(a));
    atMost(a, 2 + 2);
  });

  it('Q2 one association and its members: fixed whatever the number of members', async () => {
    let small: any;
    let large: any;
    const a = await dataStatements(async () => (small = ok(await s.gql(Q2, { id: associationId, m: 2 }, reader))));
    const b = await dataStatements(async () => (large = ok(await s.gql(Q2, { id: associationId, m: 50 }, reader))));
    expect(small.memberAssociation.members).toHaveLength(2);
    expect(large.memberAssociation.members.length).toBeGreaterThan(2);
    expect(own(b)).toBe(own(a));
    atMost(a, 2 + 2);
    // The association is read with its members, in one statement after the settings'.
    expect(own(a)).toBe(2);
  });

  it('Q3 commissioning requests with association, agency and research area: fixed for 5 and 50', async () => {
    let large: any;
    // Steady state: the research-area catalogue (reference data) is read once per process, by the first request.
    ok(await s.gql(Q3, { n: 5 }, reader));
    const a = await dataStatements(async () => ok(await s.gql(Q3, { n: 5 }, reader)));
    const b = await dataStatements(async () => (large = ok(await s.gql(Q3, { n: 50 }, reader))));
    expect(large.commissioningRequests.edges).toHaveLength(50);
    expect(own(b)).toBe(own(a));
    atMost(a, 2 + 2);
  });

  it('Q4 compareProvinces: the same count for 1 indicator × 1 year and 10 indicators × 5 years over all provinces', async () => {
    let large: any;
    const a = await dataStatements(async () => ok(await s.gql(Q4, { indicators: codes.slice(0, 1), years: [2024] }, reader)));
    const b = await dataStatements(async () => (large = ok(await s.gql(Q4, { indicators: codes, years: [2021, 2022, 2023, 2024, 2025] }, reader))));
    expect(large.compareProvinces.cells.length).toBeGreaterThan(34);
    expect(own(b)).toBe(own(a));
    atMost(a, 2 + 2);
  });

  it('Q5 a mutation with its audit row: settings, the write and the audit row', async () => {
    let created: any;
    const a = await dataStatements(async () => (created = ok(await s.gql(Q5, { name: `Bench ${Date.now()}` }, writer))));
    expect(created.createMemberAssociation.version).toBe(1);
    const audit = await inBenchDb(async (db) =>
      (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [created.createMemberAssociation.id])).rows[0].n);
    expect(audit).toBe(1);
    atMost(a, 1 + 2);
  });

  it('rate limiting: 20 requests of a user take at most a couple of leases, not 20 charges', async () => {
    const r = await dataStatements(async () => {
      for (let i = 0; i < 20; i++) ok(await s.gql(Q2, { id: associationId, m: 2 }, reader));
    });
    const leases = r.texts.filter((t) => RATE_LIMIT_STATEMENTS[0].test(t)).reduce((n, t) => n + callsOf(t), 0);
    // A lease (a twentieth of the default 100 000) lasts a second: one, two if the run crosses its expiry.
    expect(leases).toBeLessThanOrEqual(2);
    expect(own(r)).toBe(20 * own(await dataStatements(async () => ok(await s.gql(Q2, { id: associationId, m: 2 }, reader)))));
  });

  it('the naive baseline (no batching) grows with the page where the loaders do not', async () => {
    setNaiveLoaders(true);
    try {
      const a = await dataStatements(async () => ok(await s.gql(Q3, { n: 5 }, reader)));
      const b = await dataStatements(async () => ok(await s.gql(Q3, { n: 50 }, reader)));
      const c = await dataStatements(async () => ok(await s.gql(Q1, { n: 5, m: 5 }, reader)));
      const d = await dataStatements(async () => ok(await s.gql(Q1, { n: 50, m: 5 }, reader)));
      expect(b.n).toBeGreaterThan(a.n + 40);
      expect(d.n).toBeGreaterThan(c.n + 40);
    } finally {
      setNaiveLoaders(false);
    }
  });
});
