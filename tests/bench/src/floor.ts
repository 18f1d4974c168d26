import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Pool, PoolClient } from 'pg';
import { BenchFixture, QueryName, SERVER_DIST } from './common';
import { compareSql } from './q4-sql';

/**
 * The raw-SQL floor: a minimal Node HTTP handler that answers each benchmark query with
 * hand-written SQL, inside the same per-request transaction with the same tenant settings
 * (the server's own `beginStatement`), as the same login role, on a pool of the same size.
 * POST /q/<Q1..Q5> with the variables as JSON body and the same bearer token.
 * /noop?tx=0|1 answers `SELECT 1` without or with the transaction and tenant settings: the
 * difference is what the per-request transaction costs.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { beginStatement } = require(path.join(SERVER_DIST, 'tenancy', 'request-transaction.js')) as { beginStatement: (s: unknown) => string };

const fixture = JSON.parse(fs.readFileSync(process.env.BENCH_FIXTURE!, 'utf8')) as BenchFixture;
const pool = new Pool({ connectionString: fixture.appUrl, max: Number(process.env.DB_POOL_SIZE || 10) });

const OPEN = `ms.joined_on <= app_today() AND (ms.left_on IS NULL OR ms.left_on > app_today())`;
const MEMBERS_OF = (assoc: string, limit: string) => `coalesce((SELECT json_agg(json_build_object('id', x.id, 'kind', x.kind, 'field', x.field,
    'isYoungIntellectual', x.is_young_intellectual) ORDER BY x.joined_on, x.id)
  FROM (SELECT m.id, m.kind, m.field, m.is_young_intellectual, ms.joined_on FROM memberships ms
        JOIN members m ON m.id = ms.member_id AND m.deleted_at IS NULL
        WHERE ms.association_id = ${assoc} AND ${OPEN} ORDER BY ms.joined_on, ms.member_id LIMIT ${limit}) x), '[]'::json)`;

type Handler = (c: PoolClient, v: any, scope: { userId: string | null }) => Promise<unknown>;
let q4: Awaited<ReturnType<typeof compareSql>> | undefined;

const HANDLERS: Record<QueryName, Handler> = {
  async Q1(c, v) {
    const { rows } = await c.query(
      `SELECT a.id, a.name, a.abbreviation, a.status, p.code, a.total, ${MEMBERS_OF('a.id', '$2')} AS members
       FROM (SELECT a.*, count(*) OVER () AS total FROM member_associations a WHERE a.deleted_at IS NULL
             ORDER BY a.name COLLATE "vi-VN-x-icu" NULLS LAST, a.name, a.id LIMIT $1) a
       JOIN provinces p ON p.id = a.province_id
       ORDER BY a.name COLLATE "vi-VN-x-icu" NULLS LAST, a.name, a.id`,
      [v.n, v.m],
    );
    return { memberAssociations: { totalCount: rows.length ? Number(rows[0].total) : 0, edges: rows.map((r) => ({ node: {
      id: r.id, name: r.name, abbreviation: r.abbreviation, status: r.status, province: { code: r.code }, members: r.members } })) } };
  },
  async Q2(c, v) {
    const { rows } = await c.query(
      `SELECT a.id, a.name, a.abbreviation, a.status, p.code, ${MEMBERS_OF('a.id', '$2')} AS members
       FROM member_associations a JOIN provinces p ON p.id = a.province_id WHERE a.id = $1 AND a.deleted_at IS NULL`,
      [v.id, v.m],
    );
    const r = rows[0];
    return { memberAssociation: r ? { id: r.id, name: r.name, abbreviation: r.abbreviation, status: r.status, province: { code: r.code }, members: r.members } : null };
  },
  async Q3(c, v) {
    const { rows } = await c.query(
      `SELECT r.id, r.title, r.stage, r.year, count(*) OVER () AS total,
         a.id AS a_id, a.name AS a_name, g.id AS g_id, g.name AS g_name, ra.id AS ra_id, ra.name AS ra_name
       FROM commissioning_requests r
       LEFT JOIN member_associations a ON a.id = r.assigned_association_id AND a.deleted_at IS NULL
       LEFT JOIN agencies g ON g.id = r.requesting_agency_id
       LEFT JOIN research_areas ra ON ra.id = r.research_area_id
       WHERE r.deleted_at IS NULL
       ORDER BY r.year DESC NULLS LAST, r.title COLLATE "vi-VN-x-icu", r.id LIMIT $1`,
      [v.n],
    );
    return { commissioningRequests: { totalCount: rows.length ? Number(rows[0].total) : 0, edges: rows.map((r) => ({ node: {
      id: r.id, title: r.title, stage: r.stage, year: r.year,
      assignedAssociation: r.a_id ? { id: r.a_id, name: r.a_name } : null,
      requestingAgency: r.g_id ? { id: r.g_id, name: r.g_name } : null,
      researchArea: { id: String(r.ra_id), name: r.ra_name } } })) } };
  },
  async Q4(c, v) {
    q4 ??= await compareSql(v.years, v.indicators);
    await c.query('SELECT indicator_refresh()');
    // National totals first, like the server; the cells statement answers one JSON array of
    // [unit_id, year, code, value, numerator, denominator, rank] and the ranking as positions in it.
    const national = await c.query(q4.national.sql, [v.years, v.indicators]);
    const { rows: [{ cells, ranking }] } = await c.query(q4.cells.sql, [v.years, v.indicators, null, 'CURRENT', 'LIVE']);
    const rows = (cells as unknown[][]).map(([unitId, year, code, value, numerator, denominator, rank]) => ({ unitId, year, code, value, numerator, denominator, rank }));
    return { compareProvinces: {
      cells: rows.map((r) => ({ province: { id: r.unitId }, year: r.year, indicator: { code: r.code }, value: r.value, numerator: r.numerator, denominator: r.denominator })),
      ranking: (ranking as number[]).map((n) => rows[n]).map((r) => ({ rank: Number(r.rank), year: r.year, province: { id: r.unitId }, indicator: { code: r.code } })),
      nationalTotals: national.rows.map((r) => ({ year: r.year, indicator: { code: r.code }, value: r.value })),
    } };
  },
  async Q5(c, v, scope) {
    const { rows } = await c.query(
      `INSERT INTO member_associations (province_id, name, field, status) VALUES ($1, $2, 'Benchmark', 'ACTIVE') RETURNING *`,
      [v.province, v.name],
    );
    const row = rows[0];
    await c.query(
      `INSERT INTO audit_log (province_id, actor_id, action, entity_type, entity_id, before, after) VALUES ($1, $2, 'CREATE', 'MemberAssociation', $3, NULL, $4)`,
      [row.province_id, scope.userId, row.id, JSON.stringify(row)],
    );
    return { createMemberAssociation: { id: row.id, name: row.name, version: row.version } };
  },
};

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://floor');
    const text = await readBody(req);
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const scope = token ? fixture.tokens[token] : undefined;
    if (url.pathname === '/healthz') return send(res, 200, { status: 'ok' });
    if (!scope) return send(res, 401, { errors: [{ message: 'unauthenticated' }] });
    const client = await pool.connect();
    try {
      if (url.pathname === '/noop') {
        if (url.searchParams.get('tx') === '1') {
          await client.query(beginStatement(scope));
          await client.query('SELECT 1');
          await client.query('COMMIT');
        } else {
          await client.query('SELECT 1');
        }
        return send(res, 200, { data: { ok: true } });
      }
      const name = url.pathname.replace(/^\/q\//, '') as QueryName;
      const handler = HANDLERS[name];
      if (!handler) return send(res, 404, { errors: [{ message: 'no such query' }] });
      await client.query(beginStatement(scope));
      try {
        const data = await handler(client, JSON.parse(text || '{}'), scope);
        // Like the server: a query's answer is sent while its transaction ends, a mutation's after it committed.
        if (name === 'Q5') {
          await client.query('COMMIT');
          send(res, 200, { data });
        } else {
          send(res, 200, { data });
          await client.query('COMMIT');
        }
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    } finally {
      client.release();
    }
  } catch (e) {
    if (!res.headersSent) send(res, 200, { errors: [{ message: (e as Error).message }] });
  }
});

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  const addr = server.address() as { port: number };
  console.log(`ready: http://127.0.0.1:${addr.port}`);
});
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
