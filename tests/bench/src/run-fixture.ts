import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { BenchFixture, SERVER_DIST, TenantScope } from './common';
import { compareSql } from './q4-sql';

export async function withOwner<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Users, tokens, ids and the PostGraphile compare function, read and made as the owner. */
export async function makeFixtureFor(dataDir: string): Promise<BenchFixture> {
  const creds = JSON.parse(fs.readFileSync(path.join(dataDir, 'credentials.json'), 'utf8'));
  const base = `@127.0.0.1:${creds.port}/stp`;
  const ownerUrl = `postgres://postgres:${encodeURIComponent(creds.ownerPassword)}${base}`;
  const appUrl = `postgres://stp_server:${encodeURIComponent(creds.appPassword)}${base}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AuthTokens } = require(path.join(SERVER_DIST, 'tenancy', 'auth-token.js'));
  const tokens = new AuthTokens(creds.jwtSecret, 24);
  return withOwner(ownerUrl, async (db) => {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const users = (await db.query(`SELECT id, email, role, province_id FROM users WHERE email IN ('analyst@ministry.demo', 'admin@dongnai.demo')`)).rows;
    const analyst = users.find((u) => u.email === 'analyst@ministry.demo');
    const admin = users.find((u) => u.email === 'admin@dongnai.demo');
    if (!analyst || !admin) throw new Error('demo users missing: the seed creates them');
    const jurisdiction = (await db.query(
      `WITH RECURSIVE j(id) AS (SELECT $1::smallint UNION SELECT p.id FROM provinces p JOIN j ON p.merged_into_id = j.id) SELECT id FROM j ORDER BY id = $1 DESC, id`,
      [admin.province_id],
    )).rows.map((r) => Number(r.id));
    const readerToken = tokens.sign({ id: analyst.id, email: analyst.email, role: analyst.role, provinceId: null }).token;
    const writerToken = tokens.sign({ id: admin.id, email: admin.email, role: admin.role, provinceId: admin.province_id }).token;
    const scopes: Record<string, TenantScope> = {
      [readerToken]: { userId: analyst.id, role: analyst.role, provinceIds: [], canWrite: false, readAll: true },
      [writerToken]: { userId: admin.id, role: admin.role, provinceIds: jurisdiction, canWrite: true, readAll: false },
    };
    const associationIds = (await db.query(
      `SELECT a.id FROM member_associations a WHERE a.deleted_at IS NULL AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.association_id = a.id)
       ORDER BY a.id LIMIT 100`,
    )).rows.map((r) => r.id as string);
    const indicatorCodes = (await db.query(`SELECT code FROM indicator_definitions ORDER BY sort_order LIMIT 10`)).rows.map((r) => r.code as string);
    const thisYear = new Date().getFullYear();
    const years = [thisYear - 4, thisYear - 3, thisYear - 2, thisYear - 1, thisYear];

    // PostGraphile exposes SQL functions as queries: the same two statements compareProvinces runs,
    // as one STABLE function. (indicator_refresh() is left out: it writes, so it cannot run in a
    // query function; after the first request of the day it is a no-op for everyone.)
    const q4 = await compareSql(years, indicatorCodes);
    const cells = q4.cellRows.replace(/\$3::smallint\[\]/g, 'NULL::smallint[]').replace(/\$4/g, `'CURRENT'`).replace(/\$5/g, `'LIVE'`);
    await db.query(`CREATE SCHEMA IF NOT EXISTS stp_bench`);
    await db.query(`CREATE OR REPLACE FUNCTION stp_bench.bench_compare_provinces(years int[], indicators text[]) RETURNS json
      LANGUAGE sql STABLE AS $f$
        SELECT json_build_object(
          'cells', (SELECT coalesce(json_agg(c ORDER BY c.sort_order, c.year, c.unit_id), '[]'::json) FROM (${cells}) c),
          'nationalTotals', (SELECT coalesce(json_agg(n), '[]'::json) FROM (${q4.national.sql}) n))
      $f$`);
    await db.query(`GRANT USAGE ON SCHEMA stp_bench TO stp_app; GRANT EXECUTE ON FUNCTION stp_bench.bench_compare_provinces(int[], text[]) TO stp_app`);
    return {
      appUrl, ownerUrl, jwtSecret: creds.jwtSecret, tokens: scopes, readerToken, writerToken,
      writerProvinceId: Number(admin.province_id), associationIds, indicatorCodes, years,
    };
  });
}

