import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/db/data-source';
import { DatabaseRouter, isReplicaFailure, movesToPrimary, parseLsn } from '../src/db/routing/replicas';
import { PostgresKeyValueCache } from '../src/db/routing/shared-cache';
import { RequestTransaction } from '../src/tenancy/request-transaction';
import { Role } from '../src/tenancy/roles';
import type { TenantScope } from '../src/tenancy/tenant-scope';
import { appUrl, asOwner, DONG_NAI, makeAssociation, unique } from './helpers';

/**
 * Read/write routing of RequestTransaction without a real standby (tests/scale-out has one): the test
 * database plays the replica through a second pool whose sessions are read-only, as on a standby,
 * and the router is told it is in rotation.
 */
const SCOPE: TenantScope = { userId: null, role: Role.PROVINCE_VIEWER, provinceIds: [DONG_NAI], canWrite: false, readAll: false };
const WRITER: TenantScope = { userId: null, role: Role.PROVINCE_EDITOR, provinceIds: [DONG_NAI], canWrite: true, readAll: false };

function readOnlyUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.set('options', '-c default_transaction_read_only=on');
  return u.toString();
}

describe('replica routing (RequestTransaction + DatabaseRouter)', () => {
  let primary: DataSource;
  let replicaSource: DataSource;
  let router: DatabaseRouter;

  const inRotation = (replayLsn = 0xffffffffffffn) => {
    router.replicas[0].state = 'in rotation';
    router.replicas[0].replayLsn = replayLsn;
  };
  const where = async (tx: RequestTransaction) =>
    (await (await tx.manager()).query(`SELECT current_setting('application_name') AS app, current_setting('app.province_ids') AS provinces`))[0] as { app: string; provinces: string };

  beforeAll(async () => {
    primary = createDataSource({ url: appUrl(), poolSize: 3, applicationName: 'stp-test-primary' });
    replicaSource = createDataSource({ url: readOnlyUrl(appUrl()), poolSize: 3, applicationName: 'stp-test-replica' });
    await primary.initialize();
    await replicaSource.initialize();
    router = new DatabaseRouter(primary, [{ url: appUrl(), dataSource: replicaSource }], { maxLagMs: 1000, pollMs: 1000 });
  });

  afterAll(async () => {
    await router.stop();
    await primary.destroy();
  });

  it('a query runs on a replica in rotation, a mutation on the primary; none in rotation means the primary', async () => {
    inRotation();
    const read = new RequestTransaction(primary, SCOPE, router);
    read.routeFor('query', undefined);
    expect(await where(read)).toEqual({ app: 'stp-test-replica', provinces: String(DONG_NAI) });
    await read.finish(true);

    const write = new RequestTransaction(primary, WRITER, router);
    write.routeFor('mutation', undefined);
    expect((await where(write)).app).toBe('stp-test-primary');
    await write.finish(true);

    router.replicas[0].state = 'lagging';
    const lagging = new RequestTransaction(primary, SCOPE, router);
    lagging.routeFor('query', undefined);
    expect((await where(lagging)).app).toBe('stp-test-primary');
    await lagging.finish(true);
    expect(router.counters).toMatchObject({ readsOnReplica: 1, readsOnPrimaryNoReplica: 1, writes: 1 });
    expect(router.replicas[0].served).toBe(1);
  });

  it('without a router (no DATABASE_REPLICA_URLS) a query stays on the one pool', async () => {
    const tx = new RequestTransaction(primary, SCOPE);
    tx.routeFor('query', 'user:nobody');
    expect((await where(tx)).app).toBe('stp-test-primary');
    await tx.finish(true);
  });

  it('read-your-writes: after a principal commits a mutation, its reads wait for a replica that has replayed it', async () => {
    const principal = `user:${unique('ryw')}`;
    const write = new RequestTransaction(primary, WRITER, router);
    write.routeFor('mutation', principal);
    await (await write.manager()).query('SELECT 1');
    await write.finish(true);
    const [row] = await asOwner(async (db) => (await db.query('SELECT lsn::text AS lsn FROM principal_write_lsns WHERE principal = $1', [principal])).rows);
    expect(row?.lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);

    // The polled replay position is behind the write, and the stand-in (not a standby) cannot confirm it: primary.
    inRotation(parseLsn(row.lsn) - 1n);
    const before = { ...router.counters };
    const read = new RequestTransaction(primary, SCOPE, router);
    read.routeFor('query', principal);
    expect((await where(read)).app).toBe('stp-test-primary');
    await read.finish(true);
    expect(router.counters.readsOnPrimaryRecentWrite).toBe(before.readsOnPrimaryRecentWrite + 1);

    // Once the replica is past the write, the same principal reads from it; others never waited.
    inRotation(parseLsn(row.lsn));
    const later = new RequestTransaction(primary, SCOPE, router);
    later.routeFor('query', principal);
    expect((await where(later)).app).toBe('stp-test-replica');
    await later.finish(true);
    const other = new RequestTransaction(primary, SCOPE, router);
    inRotation(0n);
    other.routeFor('query', `user:${unique('other')}`);
    expect((await where(other)).app).toBe('stp-test-replica');
    await other.finish(true);
  });

  it('a replica connection cut in the middle of a read moves the rest of the request to the primary, tenant and all', async () => {
    inRotation();
    const a = await makeAssociation(DONG_NAI);
    const tx = new RequestTransaction(primary, SCOPE, router);
    tx.routeFor('query', undefined);
    const manager = await tx.manager();
    const [{ pid }] = await manager.query('SELECT pg_backend_pid() AS pid');
    expect((await where(tx)).app).toBe('stp-test-replica');
    await asOwner((db) => db.query('SELECT pg_terminate_backend($1)', [pid]));
    const before = router.counters.readsFallenBack;
    // Both the statement that finds the connection gone and the ones after it run on the primary.
    const rows = await manager.query('SELECT name FROM member_associations WHERE id = $1', [a.id]);
    expect(rows).toEqual([{ name: a.name }]);
    expect(await where(tx)).toEqual({ app: 'stp-test-primary', provinces: String(DONG_NAI) });
    await tx.finish(true);
    expect(router.counters.readsFallenBack).toBe(before + 1);
    expect(router.replicas[0].state).toBe('unreachable');

    // Both pools still work and no connection was left checked out.
    inRotation();
    const next = new RequestTransaction(primary, SCOPE, router);
    next.routeFor('query', undefined);
    expect((await where(next)).app).toBe('stp-test-replica');
    await next.finish(true);
    const idle = await asOwner(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'stp-test-%' AND state = 'idle in transaction'`)).rows[0].n);
    expect(idle).toBe(0);
  });

  it('a replica connection cut while a statement runs: that statement is rerun on the primary', async () => {
    inRotation();
    const tx = new RequestTransaction(primary, SCOPE, router);
    tx.routeFor('query', undefined);
    const manager = await tx.manager();
    const [{ pid }] = await manager.query('SELECT pg_backend_pid() AS pid');
    const before = router.counters.readsFallenBack;
    const slow = manager.query(`SELECT pg_sleep(CASE WHEN current_setting('application_name') = 'stp-test-replica' THEN 5 ELSE 0 END), current_setting('application_name') AS app`);
    await asOwner(async (db) => {
      for (let i = 0; i < 100; i++) {
        const r = await db.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event = 'PgSleep'`, [pid]);
        if (r.rowCount) break;
        await db.query('SELECT pg_sleep(0.02)');
      }
      await db.query('SELECT pg_terminate_backend($1)', [pid]);
    });
    expect((await slow)[0].app).toBe('stp-test-primary');
    await tx.finish(true);
    expect(router.counters.readsFallenBack).toBe(before + 1);
  });

  it('a query that writes is moved to the primary at its first write (a replica is read-only)', async () => {
    inRotation();
    const a = await makeAssociation(DONG_NAI);
    const tx = new RequestTransaction(primary, WRITER, router);
    tx.routeFor('query', undefined);
    expect((await where(tx)).app).toBe('stp-test-replica');
    const field = unique('moved');
    await (await tx.manager()).query('UPDATE member_associations SET field = $2 WHERE id = $1', [a.id, field]);
    expect((await where(tx)).app).toBe('stp-test-primary');
    await tx.finish(true);
    const [row] = await asOwner(async (db) => (await db.query('SELECT field FROM member_associations WHERE id = $1', [a.id])).rows);
    expect(row.field).toBe(field);
    expect(router.replicas[0].state).toBe('in rotation'); // a refused write is no replica failure
  });

  it('classifies errors and parses LSNs', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('16/B374D848')).toBe(0x16b374d848n);
    expect(() => parseLsn('nope')).toThrow();
    expect(isReplicaFailure(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(true);
    expect(isReplicaFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isReplicaFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    const readOnly = Object.assign(new Error('cannot execute UPDATE in a read-only transaction'), { code: '25006' });
    expect(isReplicaFailure(readOnly)).toBe(false);
    expect(movesToPrimary(readOnly)).toBe(true);
    expect(movesToPrimary(Object.assign(new Error('canceling statement due to conflict with recovery'), { code: '40001' }))).toBe(true);
    expect(isReplicaFailure(Object.assign(new Error('permission denied'), { code: '42501' }))).toBe(false);
    expect(isReplicaFailure(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(movesToPrimary(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
  });

  it('the shared cache keeps entries in PostgreSQL for every process, with expiry', async () => {
    const one = new PostgresKeyValueCache(primary);
    const two = new PostgresKeyValueCache(primary);
    const key = `test:${unique('k')}`;
    expect(await two.get(key)).toBeUndefined();
    await one.set(key, 'query { me { email } }', { ttl: 3600 });
    expect(await two.get(key)).toBe('query { me { email } }');
    expect(await one.delete(key)).toBe(true);
    expect(await new PostgresKeyValueCache(primary).get(key)).toBeUndefined();
    await one.set(`${key}:gone`, 'x', { ttl: 0.001 });
    await asOwner((db) => db.query('SELECT pg_sleep(0.01)'));
    expect(await new PostgresKeyValueCache(primary).get(`${key}:gone`)).toBeUndefined();
    // The server's role has no right on the table itself, only the functions.
    await expect(primary.query('SELECT * FROM shared_cache')).rejects.toThrow(/permission denied/);
    await expect(primary.query('SELECT * FROM principal_write_lsns')).rejects.toThrow(/permission denied/);
  });
});
