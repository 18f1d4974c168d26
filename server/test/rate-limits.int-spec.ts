import { randomInt } from 'node:crypto';
import { asOwner, DONG_NAI, GqlResponse, makeUser, startTestServer, TestServer } from './helpers';
import { DEMO_PASSWORD } from '../src/db/seeds/demo';

/** cost 4 × first */
const PAGE = 'query($n: Int) { memberAssociations(first: $n) { edges { node { id province { code } } } } }';
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token } }';
const CREATE_KEY = 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A fresh documentation address (2001:db8::/32) sent as X-Forwarded-For, which the app trusts from
 * its loopback proxy: these tight limits never touch the bucket of 127.0.0.1 that other tests share.
 */
const address = () => `2001:db8::${randomInt(65536).toString(16)}:${randomInt(65536).toString(16)}:${randomInt(65536).toString(16)}`;

interface Raw extends GqlResponse {
  retryAfter: string | null;
}

async function post(s: TestServer, query: string, variables: Record<string, unknown>, opts: { token?: string; ip?: string } = {}): Promise<Raw> {
  const res = await fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.ip ? { 'x-forwarded-for': opts.ip } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GqlResponse;
  return { status: res.status, data: body.data ?? undefined, errors: body.errors, retryAfter: res.headers.get('retry-after') };
}

const codes = (r: GqlResponse) => (r.errors ?? []).map((e) => e.extensions?.code);

describe('rate limits per user and API key, in query cost', () => {
  let s: TestServer;
  beforeAll(async () => {
    // 1 000 points per principal, 100 back per second; a page of 100 costs 400.
    s = await startTestServer(undefined, { limits: { rateCapacity: 1000, rateRefillPerSecond: 100, maxCost: 1000 } });
  });
  afterAll(() => s.close());

  /** Sends the 400-point page until it is refused; the refill (100/s) cannot keep up with that. */
  async function exhaust(token: string): Promise<Raw> {
    for (let i = 0; i < 30; i++) {
      const r = await post(s, PAGE, { n: 100 }, { token });
      if (r.errors) return r;
      expect(r.data?.memberAssociations.edges.length).toBeGreaterThan(0);
    }
    throw new Error('never rate limited');
  }

  it('refuses with RATE_LIMITED, a retry hint and Retry-After, then serves again once refilled', async () => {
    const token = await s.login(await makeUser('PROVINCE_VIEWER', DONG_NAI));
    const refused = await exhaust(token);
    expect(refused.status).toBe(429);
    expect(refused.data).toBeUndefined();
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0].extensions?.code).toBe('RATE_LIMITED');
    const hint = refused.errors![0].extensions?.retryAfterSeconds;
    expect(Number.isInteger(hint) && hint >= 1 && hint <= 4).toBe(true);
    expect(refused.retryAfter).toBe(String(hint));

    // A cheap request may still pass while the expensive one waits; poll until the page is served.
    let served: Raw | undefined;
    for (let i = 0; i < 100 && !served; i++) {
      await sleep(250);
      const r = await post(s, PAGE, { n: 100 }, { token });
      if (!r.errors) served = r;
      else expect(codes(r)).toEqual(['RATE_LIMITED']);
    }
    expect(served?.data?.memberAssociations).toBeDefined();
  });

  it('keeps one bucket per principal: the bucket lives in PostgreSQL, and an API key has its own', async () => {
    const email = await makeUser('PROVINCE_ADMIN', DONG_NAI);
    const token = await s.login(email);
    const created = await post(s, CREATE_KEY, { i: { name: 'rate test', scope: 'READ_ONLY' } }, { token });
    expect(created.errors).toBeUndefined();
    const key = created.data!.createApiKey.key as string;

    expect(codes(await exhaust(token))).toEqual(['RATE_LIMITED']);
    // The user's key is another principal with a full bucket.
    const byKey = await post(s, PAGE, { n: 100 }, { token: key });
    expect(byKey.errors).toBeUndefined();

    const userId = await asOwner(async (db) => (await db.query('SELECT id FROM users WHERE email = $1', [email])).rows[0].id);
    const bucket = await asOwner(async (db) => (await db.query('SELECT tokens, allowed FROM rate_limit_buckets WHERE bucket = $1', [`rate:user:${userId}`])).rows[0]);
    expect(bucket.allowed).toBe(false);
    expect(bucket.tokens).toBeLessThan(400);
  });

  it("the server's role cannot read or change the buckets except through the functions", async () => {
    const r = await s.dataSource.query('SELECT count(*) FROM rate_limit_buckets').catch((e: Error) => e);
    expect(r).toBeInstanceOf(Error);
    expect(String((r as Error).message)).toMatch(/permission denied/);
  });
});

describe('login throttling', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(undefined, { limits: { loginPerAccount: 3, loginPerAddress: 5, loginWindowSeconds: 3600 } });
  });
  afterAll(() => s.close());

  const attempt = (email: string, password: string, ip: string) => post(s, LOGIN, { i: { email, password } }, { ip });

  it('per account: after the allowed failures even the right password waits, with a retry hint; other accounts do not', async () => {
    const email = await makeUser('PROVINCE_VIEWER', DONG_NAI);
    for (let i = 0; i < 3; i++) expect(codes(await attempt(email, 'wrong password', address()))).toEqual(['UNAUTHENTICATED']);
    const refused = await attempt(email, 'wrong password', address());
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.errors![0].extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    const right = await attempt(email, DEMO_PASSWORD, address());
    expect(codes(right)).toEqual(['RATE_LIMITED']);

    const other = await makeUser('PROVINCE_VIEWER', DONG_NAI);
    expect(codes(await attempt(other, 'wrong password', address()))).toEqual(['UNAUTHENTICATED']);
  });

  it('a successful login makes the account whole again', async () => {
    const email = await makeUser('PROVINCE_VIEWER', DONG_NAI);
    const ip = address();
    for (let i = 0; i < 2; i++) expect(codes(await attempt(email, 'wrong password', ip))).toEqual(['UNAUTHENTICATED']);
    expect((await attempt(email, DEMO_PASSWORD, ip)).errors).toBeUndefined();
    for (let i = 0; i < 3; i++) expect(codes(await attempt(email, 'wrong password', address()))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await attempt(email, 'wrong password', address()))).toEqual(['RATE_LIMITED']);
  });

  const aliased = (emails: string[], password: (i: number) => string) =>
    `mutation { ${emails.map((e, i) => `l${i}: login(input: {email: "${e}", password: "${password(i)}"}) { token }`).join(' ')} }`;

  it('20 aliased logins in one document count as 20 attempts on the account', async () => {
    const email = await makeUser('PROVINCE_VIEWER', DONG_NAI);
    const twenty = await post(s, aliased(Array(20).fill(email), (i) => `guess-${i}`), {}, { ip: address() });
    expect(twenty.status).toBe(429);
    expect(twenty.data ?? null).toBeNull();
    expect(codes(twenty)).toEqual(['RATE_LIMITED']);
    expect(twenty.errors![0].extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(twenty.retryAfter).toBe(String(twenty.errors![0].extensions?.retryAfterSeconds));

    // Three aliased attempts fit: all three are charged although execution stops at the first failure.
    const three = await post(s, aliased(Array(3).fill(email), (i) => `guess-${i}`), {}, { ip: address() });
    expect(codes(three)).toEqual(['UNAUTHENTICATED']);
    expect(codes(await attempt(email, DEMO_PASSWORD, address()))).toEqual(['RATE_LIMITED']);
  });

  it('per address: aliased logins for many accounts count one by one against the address', async () => {
    const ip = address();
    const nobody = (i: number) => `nobody-${i}-${Date.now()}@test.example`;
    const twenty = await post(s, aliased(Array.from({ length: 20 }, (_, i) => nobody(i)), () => 'x'), {}, { ip });
    expect(codes(twenty)).toEqual(['RATE_LIMITED']);
    expect(twenty.errors![0].message).toMatch(/address/);

    const five = await post(s, aliased(Array.from({ length: 5 }, (_, i) => nobody(i)), () => 'x'), {}, { ip });
    expect(codes(five)).toEqual(['UNAUTHENTICATED']);
    // That address is used up for every account, even with the right password; another address is not.
    const email = await makeUser('PROVINCE_VIEWER', DONG_NAI);
    const refused = await attempt(email, DEMO_PASSWORD, ip);
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.errors![0].extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((await attempt(email, DEMO_PASSWORD, address())).errors).toBeUndefined();
  });
});
