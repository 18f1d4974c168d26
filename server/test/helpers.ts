import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { createDataSource } from '../src/db/data-source';
import { DEMO_PASSWORD } from '../src/db/seeds/demo';
import { ProvinceDirectory } from '../src/modules/provinces/province-directory';
import { hashPassword } from '../src/modules/users/passwords';
import { createSchema } from '../src/schema';
import type { DatabaseTimeouts, LimitsConfig } from '../src/security/limits-config';
import { AuthTokens } from '../src/tenancy/auth-token';
import { beginStatement } from '../src/tenancy/request-transaction';
import type { TenantScope } from '../src/tenancy/tenant-scope';

export const ownerUrl = () => required('STP_TEST_OWNER_URL');
export const appUrl = () => required('STP_TEST_APP_URL');

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests through jest (test/global-setup.ts)`);
  return v;
}

/** Province ids used across the tests (official codes). */
export const DONG_NAI = 75;
export const BINH_DUONG = 74;
export const HCM = 79;
export const HA_NOI = 1;

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: string[] }>;
}

export interface TestServer {
  url: string;
  dataSource: DataSource;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>>;
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** Settings a test server may change: tight limits, development mode, pool size and timeouts. */
export interface TestServerOptions {
  limits?: Partial<LimitsConfig>;
  production?: boolean;
  poolSize?: number;
  timeouts?: Partial<DatabaseTimeouts>;
  /** Receives the server's log lines (unexpected errors); silent by default. */
  log?: (message: string) => void;
}

/** The real app (Express + Apollo + the server role's pool) on a random port, spoken to over HTTP; `databaseUrl` picks another test database. */
export async function startTestServer(databaseUrl = appUrl(), options: TestServerOptions = {}): Promise<TestServer> {
  const dataSource = createDataSource({ url: databaseUrl, poolSize: options.poolSize ?? 5, timeouts: options.timeouts });
  await dataSource.initialize();
  const { httpServer, apollo } = await createApp({
    schema: await createSchema(),
    dataSource,
    provinces: await ProvinceDirectory.load(dataSource),
    tokens: new AuthTokens('test-secret-that-is-long-enough-000000', 1),
    production: options.production ?? true,
    limits: options.limits,
    log: options.log ?? (() => undefined),
  });
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const gql: TestServer['gql'] = async (query, variables, token) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GqlResponse;
    return { status: res.status, data: body.data ?? undefined, errors: body.errors } as GqlResponse<any>;
  };
  const tokens = new Map<string, string>();
  return {
    url,
    dataSource,
    gql,
    async login(email, password = DEMO_PASSWORD) {
      const cached = tokens.get(email + password);
      if (cached) return cached;
      const r = await gql<{ login: { token: string } }>(
        'mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { email, password } });
      if (!r.data?.login) throw new Error(`login ${email} failed: ${JSON.stringify(r.errors)}`);
      tokens.set(email + password, r.data.login.token);
      return r.data.login.token;
    },
    async close() {
      await apollo.stop();
      await dataSource.destroy();
    },
  };
}

/** Runs SQL as the owner (bypasses RLS): for factories and for checking what really is in the database. */
export async function asOwner<T>(fn: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: ownerUrl() });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** Runs SQL as the server's role inside a transaction with the given tenant settings, then rolls back. */
export async function asServerRole<T>(scope: Partial<TenantScope>, fn: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: appUrl() });
  await db.connect();
  try {
    await db.query(beginStatement({ userId: null, role: null, provinceIds: [], canWrite: false, readAll: false, ...scope }));
    return await fn(db);
  } finally {
    await db.query('ROLLBACK').catch(() => undefined);
    await db.end();
  }
}

let seq = 0;
/** A unique suffix so factories never collide across tests. */
export const unique = (label = 'x') => `${label}-${process.pid}-${Date.now().toString(36)}-${seq++}`;

/** Factory: a member association row in the given province, written as the owner. */
export async function makeAssociation(provinceId: number, overrides: Partial<{ name: string; status: string }> = {}): Promise<{ id: string; name: string; version: number }> {
  return asOwner(async (db) => {
    const r = await db.query(
      `INSERT INTO member_associations (province_id, name, status) VALUES ($1, $2, $3) RETURNING id, name, version`,
      [provinceId, overrides.name ?? `Hội thử nghiệm ${unique()}`, overrides.status ?? 'ACTIVE'],
    );
    return r.rows[0];
  });
}

/** Factory: a user with a known password; returns the e-mail. */
export async function makeUser(role: string, provinceId: number | null, password = DEMO_PASSWORD): Promise<string> {
  const email = `${unique(role.toLowerCase())}@test.example`;
  const hash = await hashPassword(password);
  await asOwner((db) => db.query(
    `INSERT INTO users (province_id, email, full_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)`,
    [provinceId, email, `Test ${role}`, role, hash],
  ));
  return email;
}

export function codeOf(r: GqlResponse): string | undefined {
  return r.errors?.[0]?.extensions?.code;
}


/**
 * SQL statements the server role ran while `fn` ran (BEGIN, settings and COMMIT included; not the
 * rate limiter's token statements, since one lease serves many requests and lands in only one of them).
 */
export async function countStatements(fn: () => Promise<unknown>): Promise<number> {
  await asOwner((db) => db.query('SELECT pg_stat_statements_reset()'));
  await fn();
  return asOwner(async (db) => (await db.query(
    `SELECT coalesce(sum(calls), 0)::int AS n FROM pg_stat_statements WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = 'stp_server') AND query !~ 'app_(take|lease|give)_tokens'`,
  )).rows[0].n);
}

/** The URL of another database in the test cluster, e.g. one filled with synthetic data. */
export function inDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Today as the database sees it (app_today(): Vietnam's date), so tests and server share one clock. */
export const dbToday = () => asOwner(async (db) => (await db.query('SELECT app_today()::text AS d')).rows[0].d as string);

/**
 * How far the indicator summary is from a full recomputation: rows of a province's facts (every
 * province when none is given) and national totals that differ. Both 0 when the triggers kept up.
 */
export const indicatorDrift = (province?: number) => asOwner(async (db) => {
  const facts = (await db.query(`
    SELECT count(*)::int AS n FROM (
      SELECT * FROM indicator_compute(coalesce($1::smallint[], ARRAY(SELECT id FROM provinces)), ARRAY['members','commissioning','tasks','activities'])
      WHERE numerator <> 0 OR denominator <> 0) c
    FULL JOIN (SELECT * FROM indicator_facts WHERE $1::smallint[] IS NULL OR province_id = ANY($1)) f USING (province_id, year, indicator_code)
    WHERE c.numerator IS DISTINCT FROM f.numerator OR c.denominator IS DISTINCT FROM f.denominator`, [province === undefined ? null : [province]])).rows[0].n as number;
  const national = (await db.query(`
    SELECT count(*)::int AS n FROM (
      SELECT year, indicator_code, sum(numerator) AS num, sum(denominator) AS den FROM indicator_facts GROUP BY 1, 2) f
    FULL JOIN indicator_national n USING (year, indicator_code)
    WHERE coalesce(f.num, 0) <> coalesce(n.numerator, 0) OR coalesce(f.den, 0) <> coalesce(n.denominator, 0)`)).rows[0].n as number;
  return { facts, national };
});
