/**
 * Pool leakage: thousands of requests of alternating provinces, concurrently, on the shared server's
 * pool of 3 connections (DB_POOL_SIZE=3, global-setup.ts), with forced rollbacks mixed in (a
 * document whose first mutation succeeds and whose second fails, so the request's transaction is
 * rolled back after a write). Every response must hold only its own province's data.
 */
import path from 'node:path';
import { Pool } from 'pg';
import { ROOT } from '../e2e/support';
import { credentials, gql, gqlOk, login, ownerClient, pool as runAll, sharedServer } from './support';

const REQUESTS = 3000;
const IN_FLIGHT = 16;
const TENANT_KEYS = ['app.user_id', 'app.role', 'app.province_ids', 'app.can_write', 'app.read_all', 'app.login_email'];

interface Tenant {
  email: string;
  token: string;
  codes: string[];
  /** A member association of the province and its version, for the rolled-back update. */
  association: { id: string; version: number };
}

describe('pool leakage across provinces', () => {
  const { url, dataDir, poolSize } = sharedServer();
  const tenants: Tenant[] = [];

  beforeAll(async () => {
    const owner = await ownerClient(dataDir);
    try {
      for (const [email, code, family] of [
        ['admin@dongnai.demo', 75, ['75', '70']],
        ['admin@binhduong.demo', 74, ['74']],
        ['admin@hcm.demo', 79, ['79', '74', '77']],
      ] as const) {
        const a = (await owner.query(`SELECT id::text, version FROM member_associations WHERE province_id = $1 AND deleted_at IS NULL ORDER BY name LIMIT 1`, [code])).rows[0];
        tenants.push({ email, token: await login(url, email), codes: [...family], association: a });
      }
    } finally {
      await owner.end();
    }
  });

  it('answers every request with its own province only, and rolls back forced failures', async () => {
    const read = `query { me { email province { code } }
      memberAssociations(first: 10) { edges { node { id province { code } } } }
      agencies(first: 5) { edges { node { id province { code } } } } }`;
    const failing = `mutation($ok: UpdateMemberAssociationInput!, $bad: UpdateMemberAssociationInput!) {
      a: updateMemberAssociation(input: $ok) { id version province { code } }
      b: updateMemberAssociation(input: $bad) { id version } }`;
    let mismatches = 0;
    let reads = 0;
    let rollbacks = 0;
    let otherFailures = 0;
    const examples: string[] = [];
    const tasks = Array.from({ length: REQUESTS }, (_, i) => async () => {
      const t = tenants[i % tenants.length];
      if (i % 5 === 4) {
        // Valid first change, then a stale version: the whole request must be rolled back.
        const ok = { id: t.association.id, version: t.association.version, field: `rollback ${i}` };
        const bad = { id: t.association.id, version: t.association.version + 1000, field: 'stale' };
        const r = await gql(url, t.token, failing, { ok, bad });
        const codes = (r.body?.errors ?? []).map((e: any) => e.extensions?.code);
        if (codes.includes('CONFLICT')) rollbacks++;
        else otherFailures++;
        const a = r.body?.data?.a;
        if (a && !t.codes.includes(a.province?.code)) {
          mismatches++;
          examples.push(`${t.email} got ${JSON.stringify(a)}`);
        }
        return;
      }
      const r = await gql(url, t.token, read);
      const d = r.body?.data;
      if (!d || r.body?.errors) {
        otherFailures++;
        examples.push(`${t.email}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
        return;
      }
      reads++;
      const codes = [
        d.me?.province?.code,
        ...d.memberAssociations.edges.map((e: any) => e.node.province.code),
        ...d.agencies.edges.map((e: any) => e.node.province.code),
      ];
      const wrong = d.me?.email !== t.email || codes.some((c: string) => !t.codes.includes(c)) || d.memberAssociations.edges.length === 0;
      if (wrong) {
        mismatches++;
        if (examples.length < 10) examples.push(`${t.email} got ${JSON.stringify(codes)} as ${d.me?.email}`);
      }
    });
    await runAll(IN_FLIGHT, tasks);
    console.log(
      `[security] pool leakage: ${REQUESTS} requests (${IN_FLIGHT} in flight, pool of ${poolSize}), ${reads} reads checked, ` +
        `${rollbacks} forced rollbacks, mismatches ${mismatches}, other failures ${otherFailures}`,
    );
    if (examples.length) console.log(`[security] examples:\n  ${examples.slice(0, 10).join('\n  ')}`);
    expect(mismatches).toBe(0);
    expect(otherFailures).toBe(0);
    expect(reads + rollbacks).toBe(REQUESTS);
    // The valid first halves were all rolled back: the records still have the version they had.
    const owner = await ownerClient(dataDir);
    try {
      for (const t of tenants) {
        const v = (await owner.query('SELECT version FROM member_associations WHERE id = $1', [t.association.id])).rows[0].version;
        expect(v).toBe(t.association.version);
      }
    } finally {
      await owner.end();
    }
  }, 180_000);

  /**
   * PostgreSQL cannot show another session's settings, so the server's pooled connections are
   * checked in two honest steps. (1) On the server itself, after the load: pg_stat_activity shows
   * every connection of the server role idle with no transaction open. The tenant settings are
   * set only transaction-locally, so the one way they could outlive a request on an idle pooled
   * connection is a transaction left open ("idle in transaction"), or a session-level SET, which
   * would be the connection's last statement. (2) The server's own begin statement (beginStatement
   * from server/dist) run the same way on a pool of 2 connections under the server role, with
   * rollbacks: afterwards, on every pooled connection, current_setting of each tenant key is empty.
   */
  it('leaves no tenant setting on pooled connections', async () => {
    const owner = await ownerClient(dataDir);
    let backends: Array<{ state: string; xact_start: Date | null; query: string }>;
    try {
      await gqlOk(url, tenants[0].token, '{ me { email } }');
      backends = (await owner.query(`SELECT state, xact_start, query FROM pg_stat_activity WHERE usename = 'stp_server' AND pid <> pg_backend_pid()`)).rows;
    } finally {
      await owner.end();
    }
    const lastStatements = [...new Set(backends.map((b) => b.query.trim().slice(0, 40)))];
    console.log(`[security] server connections after the load: ${backends.length}, states ${JSON.stringify(backends.map((b) => b.state))}, last statements ${JSON.stringify(lastStatements)}`);
    expect(backends.length).toBeGreaterThan(0);
    expect(backends.length).toBeLessThanOrEqual(poolSize);
    for (const b of backends) {
      expect(b.state).toBe('idle');
      expect(b.xact_start).toBeNull();
      expect(b.query).not.toMatch(/^\s*SET\s+(SESSION\s+)?app\./i);
    }

    const { beginStatement } = (await import(path.join(ROOT, 'server', 'dist', 'tenancy', 'request-transaction.js'))) as {
      beginStatement: (scope: unknown) => string;
    };
    const c = credentials(dataDir);
    const pgPool = new Pool({ host: '127.0.0.1', port: c.port, user: 'stp_server', password: c.appPassword, database: 'stp', max: 2 });
    try {
      const scopes = [
        { userId: '00000000-0000-4000-8000-000000000075', role: 'PROVINCE_ADMIN', provinceIds: [75, 70], canWrite: true, readAll: false, loginEmail: null },
        { userId: '00000000-0000-4000-8000-000000000079', role: 'PROVINCE_VIEWER', provinceIds: [79, 74, 77], canWrite: false, readAll: false, loginEmail: null },
        { userId: null, role: 'MINISTRY_ANALYST', provinceIds: [], canWrite: false, readAll: true, loginEmail: 'x@example.com' },
      ];
      await runAll(
        4,
        Array.from({ length: 300 }, (_, i) => async () => {
          const client = await pgPool.connect();
          try {
            await client.query(beginStatement(scopes[i % scopes.length]));
            const seen = await client.query(`SELECT current_setting('app.province_ids', true) AS p`);
            expect(seen.rows[0].p).toBe(scopes[i % scopes.length].provinceIds.join(','));
            if (i % 3 === 0) await client.query('SELECT 1/0').catch(() => undefined);
            await client.query(i % 2 === 0 ? 'ROLLBACK' : 'COMMIT');
          } finally {
            client.release();
          }
        }),
      );
      const held = await Promise.all([pgPool.connect(), pgPool.connect()]);
      const leftovers: string[] = [];
      for (const client of held) {
        const r = await client.query(`SELECT ${TENANT_KEYS.map((k, i) => `current_setting('${k}', true) AS s${i}`).join(', ')}`);
        for (const [i, k] of TENANT_KEYS.entries()) {
          const v = r.rows[0][`s${i}`];
          if (v !== null && v !== '') leftovers.push(`${k}=${v}`);
        }
        client.release();
      }
      console.log(`[security] tenant settings left on pooled connections after 300 begin/commit/rollback cycles: ${leftovers.length}`);
      expect(leftovers).toEqual([]);
    } finally {
      await pgPool.end();
    }
  }, 120_000);
});
