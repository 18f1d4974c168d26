/**
 * Shared pieces of the security suites: the state of the server started by global-setup.ts, raw HTTP
 * GraphQL calls, logins and API keys, PostgreSQL clients as the owner and as the server's role, and
 * per-table checksums.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { PASSWORD, ROOT } from '../e2e/support';

export const STATE_FILE = path.join(os.tmpdir(), 'stp-security-state.json');
export const SCHEMA_FILE = path.join(ROOT, 'packages', 'schema', 'schema.graphql');

export interface SharedState {
  url: string;
  dataDir: string;
  pid: number;
  poolSize: number;
}

export function sharedServer(): SharedState {
  if (!fs.existsSync(STATE_FILE)) throw new Error(`${STATE_FILE} missing: run through security/jest.config.js (global setup)`);
  return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as SharedState;
}

export function loadSchema(): GraphQLSchema {
  return buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'));
}

export interface Credentials {
  port: number;
  ownerPassword: string;
  appPassword: string;
}

export function credentials(dataDir: string): Credentials {
  return JSON.parse(fs.readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')) as Credentials;
}

/** A connected client as the database owner (superuser of the embedded cluster). */
export async function ownerClient(dataDir: string): Promise<Client> {
  const c = credentials(dataDir);
  const client = new Client({ host: '127.0.0.1', port: c.port, user: 'postgres', password: c.ownerPassword, database: 'stp' });
  await client.connect();
  return client;
}

/** A connected client as the server's own login role (stp_server: no superuser, no BYPASSRLS). */
export async function appClient(dataDir: string): Promise<Client> {
  const c = credentials(dataDir);
  const client = new Client({ host: '127.0.0.1', port: c.port, user: 'stp_server', password: c.appPassword, database: 'stp' });
  await client.connect();
  return client;
}

export interface GqlResponse {
  status: number;
  body: any;
  text: string;
}

/** One POST /graphql; never throws on GraphQL errors (the caller judges them). */
export async function gql(url: string, token: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(new URL('/graphql', url), { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

/** Like gql, but throws unless there is data and no error. */
export async function gqlOk(url: string, token: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const r = await gql(url, token, query, variables);
  if (r.body?.errors?.length || !r.body?.data) throw new Error(`GraphQL failed (HTTP ${r.status}): ${r.text.slice(0, 1000)}`);
  return r.body.data;
}

export async function login(url: string, email: string): Promise<string> {
  const data = await gqlOk(url, undefined, 'mutation($input: LoginInput!) { login(input: $input) { token } }', {
    input: { email, password: PASSWORD },
  });
  return data.login.token as string;
}

export async function createApiKey(url: string, token: string, scope: 'READ_ONLY' | 'READ_WRITE', provinceCode?: string): Promise<{ id: string; key: string }> {
  const data = await gqlOk(url, token, 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }', {
    input: { name: `security ${scope} ${provinceCode ?? 'ministry'} ${Math.random().toString(36).slice(2, 8)}`, scope, provinceCode },
  });
  return { id: data.createApiKey.apiKey.id, key: data.createApiKey.key };
}

/** Base tables of the public schema, by name. */
export async function publicTables(db: Client): Promise<string[]> {
  const r = await db.query(`SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`);
  return r.rows.map((x) => x.relname as string);
}

/** Tables with a province_id column: the province-owned ones. */
export async function provinceOwnedTables(db: Client): Promise<string[]> {
  const r = await db.query(`SELECT c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attname = 'province_id' AND NOT a.attisdropped ORDER BY 1`);
  return r.rows.map((x) => x.relname as string);
}

/**
 * Tables (or columns) that legitimately change on requests that change no record, and are left
 * out of the checksums: api_keys.last_used_at (stamped whenever a key is used), and any table of
 * rate-limit counters or idempotency keys (bookkeeping of every request, not records).
 */
export const CHECKSUM_EXCLUDED_COLUMNS: Record<string, string[]> = { api_keys: ['last_used_at'] };
export const CHECKSUM_EXCLUDED_TABLE = /rate_limit|idempotenc/;

/** md5 of every table's rows (as the owner, so RLS hides nothing), keyed by table. */
export async function checksums(db: Client): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const table of await publicTables(db)) {
    if (CHECKSUM_EXCLUDED_TABLE.test(table)) continue;
    const excluded = CHECKSUM_EXCLUDED_COLUMNS[table];
    let row = 't';
    if (excluded) {
      const cols = await db.query(`SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`, [table]);
      row = `(${cols.rows.filter((c) => !excluded.includes(c.attname)).map((c) => `t."${c.attname}"`).join(', ')})`;
    }
    const r = await db.query(`SELECT count(*)::text || ':' || coalesce(md5(string_agg(${row}::text, '|' ORDER BY ${row}::text)), '') AS sum FROM "${table}" t`);
    result.set(table, r.rows[0].sum as string);
  }
  return result;
}

export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(limit: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** PostgreSQL server processes whose -D is `pgDir`, found through /proc. */
export function postgresProcessesOn(pgDir: string): number[] {
  const target = path.resolve(pgDir);
  return fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e)).flatMap((pid) => {
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const d = args.indexOf('-D');
      return path.basename(args[0]) === 'postgres' && d >= 0 && path.resolve(args[d + 1]) === target ? [Number(pid)] : [];
    } catch {
      return [];
    }
  });
}
