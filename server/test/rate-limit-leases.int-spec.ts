import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { DEFAULT_LIMITS, LimitsConfig } from '../src/security/limits-config';
import { LeaseOptions, RateLimiter } from '../src/security/rate-limiter';
import { asOwner, DONG_NAI, makeUser, startTestServer, TestServer } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh principal, so every test has its own bucket. */
const principal = () => `user:lease-test-${randomUUID()}`;

/** The bucket's tokens as PostgreSQL has them (the server's role cannot read the table). */
const bucketTokens = async (p: string): Promise<number | undefined> =>
  asOwner(async (db) => (await db.query('SELECT tokens FROM rate_limit_buckets WHERE bucket = $1', [`rate:${p}`])).rows[0]?.tokens);

/** The rate-limit statements a limiter sends, counted by wrapping the data source. */
function counting(ds: DataSource): { ds: DataSource; statements: string[] } {
  const statements: string[] = [];
  const wrapped = {
    query: (sql: string, params?: unknown[]) => {
      statements.push(sql);
      return ds.query(sql, params);
    },
  } as unknown as DataSource;
  return { ds: wrapped, statements };
}

/** Refill so slow that it does not blur the sums below. */
const limits = (rateCapacity: number, rateRefillPerSecond = 0.001): LimitsConfig => ({ ...DEFAULT_LIMITS, rateCapacity, rateRefillPerSecond });

async function refusal(p: Promise<unknown>): Promise<GraphQLError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(GraphQLError);
  return e as GraphQLError;
}

describe('rate-limit leases', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(undefined, { limits: { rateCapacity: 100_000, rateRefillPerSecond: 0.001 } });
  });
  afterAll(() => s.close());

  it('with a large capacity, 200 charges cost one statement; PostgreSQL shows the lease taken', async () => {
    const { ds, statements } = counting(s.dataSource);
    const limiter = new RateLimiter(ds, limits(100_000));
    const p = principal();
    for (let i = 0; i < 200; i++) await limiter.charge(p, 10);
    expect(statements.filter((q) => /app_lease_tokens|app_take_tokens/.test(q))).toHaveLength(1);
    // 2 000 spent, a twentieth of the capacity leased.
    expect(await bucketTokens(p)).toBeCloseTo(100_000 - 5_000, 0);
  });

  it('through the server: 30 requests of a user take one lease from the bucket, not 30 charges', async () => {
    const email = await makeUser('PROVINCE_VIEWER', DONG_NAI);
    const token = await s.login(email);
    for (let i = 0; i < 30; i++) {
      const r = await s.gql('{ memberAssociations(first: 10) { edges { node { id } } } }', {}, token);
      expect(r.errors).toBeUndefined();
    }
    const userId = await asOwner(async (db) => (await db.query('SELECT id FROM users WHERE email = $1', [email])).rows[0].id);
    // Each request costs 30: charged one by one the bucket would hold 99 100. One lease leaves 95 000
    // (a second one, should the first expire on a slow machine, 95 000 less what the first spent).
    const tokens = (await bucketTokens(`user:${userId}`))!;
    expect(tokens).toBeLessThan(95_000 + 0.5);
    expect(tokens).toBeGreaterThan(95_000 - 900 - 0.5);
  });

  it('concurrent charges of one principal share one lease request and never spend a token twice', async () => {
    const { ds, statements } = counting(s.dataSource);
    const limiter = new RateLimiter(ds, limits(10_000));
    const p = principal();
    // A lease is 500: 50 charges of 10 fit exactly, the 51st needs another lease.
    await Promise.all(Array.from({ length: 50 }, () => limiter.charge(p, 10)));
    expect(statements).toHaveLength(1);
    await limiter.charge(p, 10);
    expect(statements).toHaveLength(2);
    expect(await bucketTokens(p)).toBeCloseTo(9_000, 0);
  });

  it.each([
    ['leasing', { minTokens: 1 }],
    ['charging each request', {}],
  ])('two limiters (two processes) on one small bucket admit no more than its capacity in total (%s)', async (_label, opts: Partial<LeaseOptions>) => {
    const capacity = 1_000; // leases of 50 when leasing
    const a = new RateLimiter(s.dataSource, limits(capacity), opts);
    const b = new RateLimiter(s.dataSource, limits(capacity), opts);
    const p = principal();
    let admitted = 0;
    let refused = 0;
    const one = async (limiter: RateLimiter, cost: number) => {
      try {
        await limiter.charge(p, cost);
        admitted += cost;
      } catch (e) {
        expect((e as GraphQLError).extensions.code).toBe('RATE_LIMITED');
        refused++;
      }
    };
    const costs = Array.from({ length: 300 }, (_, i) => 1 + ((i * 7) % 13));
    await Promise.all(costs.map((c, i) => one(i % 2 ? a : b, c)));
    expect(refused).toBeGreaterThan(0);
    expect(admitted).toBeLessThanOrEqual(capacity + 1);
    // Leftovers given back: what was admitted and what the bucket holds add up to the capacity.
    await a.release();
    await b.release();
    expect(admitted + (await bucketTokens(p))!).toBeCloseTo(capacity, 0);
  });

  it("an expired lease's leftovers go back to the bucket: with the next lease, or in the background", async () => {
    const { ds, statements } = counting(s.dataSource);
    const limiter = new RateLimiter(ds, limits(100_000), { ttlMs: 500 });
    const p = principal();
    await limiter.charge(p, 10);
    expect(await bucketTokens(p)).toBeCloseTo(95_000, 0);
    await sleep(600);
    // Expired: the next charge gives back 4 990 and takes a new lease, in one statement.
    await limiter.charge(p, 10);
    expect(statements).toHaveLength(2);
    expect(await bucketTokens(p)).toBeCloseTo(100_000 - 10 - 5_000, 0);
    // Left idle: the sweeper gives the 4 990 back.
    let tokens: number | undefined;
    for (let i = 0; i < 100 && tokens !== 100_000 - 20; i++) {
      await sleep(50);
      tokens = Math.round((await bucketTokens(p))!);
    }
    expect(tokens).toBe(100_000 - 20);
    expect(statements.filter((q) => /app_give_tokens/.test(q))).toHaveLength(1);
  });

  it('near the limit takes just the cost, and a refused charge is RATE_LIMITED with a retry-after, as before', async () => {
    const limiter = new RateLimiter(s.dataSource, limits(10_000, 1));
    const p = principal();
    await limiter.charge(p, 9_600); // more than a lease: exactly the cost
    expect(await bucketTokens(p)).toBeCloseTo(400, 0);
    await limiter.charge(p, 100); // 400 left, a lease is 500: just the cost
    expect(await bucketTokens(p)).toBeCloseTo(300, 0);
    const e = await refusal(limiter.charge(p, 500));
    expect(e.extensions.code).toBe('RATE_LIMITED');
    // 200 short at 1 per second.
    expect(e.extensions.retryAfterSeconds).toBeGreaterThanOrEqual(199);
    expect(e.extensions.retryAfterSeconds).toBeLessThanOrEqual(200);
    // A refused charge takes nothing.
    expect(await bucketTokens(p)).toBeGreaterThanOrEqual(300);
    expect(await bucketTokens(p)).toBeLessThan(301);
  });
});
