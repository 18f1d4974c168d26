import { escapeLiteral } from 'pg';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { asPreparedStatement } from '../db/prepared-statements';
import { DatabaseRouter, movesToPrimary, Replica } from '../db/routing/replicas';
import type { TenantScope } from './tenant-scope';

/** Builds the BEGIN plus transaction-local tenant settings that open every request, as one round trip. */
export function beginStatement(scope: TenantScope): string {
  const settings: Array<[string, string]> = [
    ['app.user_id', scope.userId ?? ''],
    ['app.role', scope.role ?? ''],
    ['app.province_ids', scope.provinceIds.join(',')],
    ['app.can_write', scope.canWrite ? 'on' : 'off'],
    ['app.read_all', scope.readAll ? 'on' : 'off'],
    ['app.login_email', scope.loginEmail ?? ''],
  ];
  // Values come from the verified token and the province directory, and are quoted all the same.
  const calls = settings.map(([k, v]) => `set_config('${k}', ${escapeLiteral(v)}, true)`).join(', ');
  const active = scope.checkActiveUserId ? `, app_user_active(${escapeLiteral(scope.checkActiveUserId)}::uuid) AS user_active` : '';
  return `BEGIN; SELECT ${calls}${active}`;
}

/** The `user_active` answer of `beginStatement`'s SELECT, from pg's result(s) of the whole round trip. */
function userActiveOf(results: unknown): boolean | undefined {
  const list = (Array.isArray(results) ? results : [results]) as Array<{ rows?: Array<{ user_active?: unknown }> }>;
  const value = list.find((r) => r?.rows?.[0] && 'user_active' in r.rows[0])?.rows?.[0]?.user_active;
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * One transaction on one pooled connection per GraphQL request, opened lazily on first use, with the
 * tenant settings set transaction-locally. Services and loaders use only `manager()`: a repository of
 * the global data source would run on another connection with no tenant and see nothing.
 */
export class RequestTransaction {
  private runner?: QueryRunner;
  private opening?: Promise<EntityManager>;
  private finished = false;
  private readonly commitHooks: Array<(manager: EntityManager) => Promise<void>> = [];

  /** 'read': a GraphQL query, which may run on a replica; 'write': a mutation (primary; its position is noted for read-your-writes). */
  private route: 'primary' | 'read' | 'write' = 'primary';
  private principal?: string;
  private replica?: { replica: Replica; onError: (e: unknown) => void; broken?: unknown; fallback?: QueryRunner };

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: TenantScope,
    /** Replica routing (DATABASE_REPLICA_URLS); without it everything runs on `dataSource`. */
    private readonly router?: DatabaseRouter,
  ) {}

  /** Called once the operation is known, before it runs: queries may go to a replica, mutations stay on the primary. */
  routeFor(operation: 'query' | 'mutation' | 'subscription', principal: string | undefined): void {
    if (this.opening) return;
    this.principal = principal;
    this.route = operation === 'query' ? 'read' : 'write';
  }

  manager(): Promise<EntityManager> {
    if (this.finished) return Promise.reject(new Error('the request transaction has already ended'));
    this.opening ??= this.open();
    return this.opening;
  }

  /** Runs `hook` in this transaction just before it commits (not when it rolls back); a failing hook rolls back. */
  beforeCommit(hook: (manager: EntityManager) => Promise<void>): void {
    this.commitHooks.push(hook);
  }

  /**
   * Whether the logged-in user is still enabled, as answered by the statement that opened the
   * transaction (undefined before it opens, or when the scope asked nothing).
   */
  userActive?: boolean;

  get started(): boolean {
    return this.opening !== undefined;
  }

  private async open(): Promise<EntityManager> {
    if (this.route === 'read' && this.router?.hasReplicas) {
      const router = this.router;
      const choice = await router.chooseForRead(this.principal).catch(() => undefined);
      const manager = choice?.replica ? await this.openOnReplica(choice.replica, choice.mustHaveReplayed) : undefined;
      if (manager) {
        router.counters.readsOnReplica++;
        choice!.replica!.served++;
        return manager;
      }
      if (choice?.reason === 'no replica in rotation') router.counters.readsOnPrimaryNoReplica++;
      else router.counters.readsOnPrimaryRecentWrite++;
    }
    return this.openOnPrimary();
  }

  /**
   * Opens the transaction on a replica; undefined (nothing left open) when the replica fails or has
   * not replayed `mustHaveReplayed` yet. Later, a replica failure moves the rest of the request to
   * the primary (`serialise`), so a replica going away fails no read.
   */
  private async openOnReplica(replica: Replica, mustHaveReplayed: string | undefined): Promise<EntityManager | undefined> {
    const router = this.router!;
    const runner = replica.dataSource.createQueryRunner('master');
    const internals = runner as unknown as { isReleased: boolean; releasePostgresConnection(err?: unknown): Promise<void> };
    let client: PoolClient;
    try {
      client = (await runner.connect()) as PoolClient;
    } catch (e) {
      router.replicaFailed(replica, e);
      await runner.release().catch(() => undefined);
      return undefined;
    }
    // TypeORM releases a runner whose connection emits 'error' (the replica went away, possibly in
    // the same socket read that completed BEGIN). Keep the runner usable so its next statement
    // reaches `serialise`, which moves to the primary; listening from the start misses no event.
    const state: NonNullable<RequestTransaction['replica']> = {
      replica,
      onError: (e: unknown) => {
        state.broken ??= e;
        internals.isReleased = false;
        router.replicaFailed(replica, e);
      },
    };
    client.on('error', state.onError);
    const abandon = async (e: unknown) => {
      router.replicaFailed(replica, e);
      client.removeListener('error', state.onError);
      client.on('error', () => undefined); // the connection is closed below; a late 'error' must not go unheard
      internals.isReleased = false;
      await internals.releasePostgresConnection(e).catch(() => undefined);
      return undefined;
    };
    try {
      const check = mustHaveReplayed ? `; SELECT pg_last_wal_replay_lsn() >= ${escapeLiteral(mustHaveReplayed)}::pg_lsn AS replayed` : '';
      const results = (await client.query(beginStatement(this.scope) + check)) as unknown as Array<{ rows: Array<{ replayed?: boolean }> }>;
      this.userActive = userActiveOf(results);
      if (state.broken) return abandon(state.broken);
      if (mustHaveReplayed && results[results.length - 1]?.rows[0]?.replayed !== true) {
        await client.query('ROLLBACK');
        client.removeListener('error', state.onError);
        await runner.release();
        return undefined;
      }
    } catch (e) {
      return abandon(e);
    }
    this.replica = state;
    return this.adopt(runner, client);
  }

  /** The rest of a read request after a replica failure: a transaction on the primary with the same tenant settings. */
  private async fallBackToPrimary(): Promise<PoolClient> {
    const state = this.replica!;
    const runner = this.dataSource.createQueryRunner('master');
    const client = (await runner.connect()) as PoolClient;
    try {
      await client.query(beginStatement(this.scope));
    } catch (e) {
      await runner.release();
      throw e;
    }
    state.fallback = runner;
    this.router!.counters.readsFallenBack++;
    return client;
  }

  private async openOnPrimary(): Promise<EntityManager> {
    const runner = this.dataSource.createQueryRunner('master');
    const client = (await runner.connect()) as PoolClient;
    this.runner = runner;
    try {
      this.userActive = userActiveOf(await client.query(beginStatement(this.scope)));
    } catch (e) {
      await runner.release();
      this.runner = undefined;
      throw e;
    }
    return this.adopt(runner, client);
  }

  private adopt(runner: QueryRunner, client: PoolClient): EntityManager {
    this.runner = runner;
    // TypeORM did not issue this BEGIN; tell it a transaction is open so anything it nests becomes a savepoint.
    const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    this.restoreQuery = serialise(client, this.replica ? (e) => this.moveToPrimary(e) : undefined);
    return runner.manager;
  }

  /** `serialise` on a replica connection: whether a failed statement is retried on the primary, and where. */
  private async moveToPrimary(e: unknown): Promise<PoolClient | undefined> {
    const state = this.replica!;
    if (state.fallback || (!movesToPrimary(e) && !state.broken)) return undefined;
    this.router!.replicaFailed(state.replica, e);
    return this.fallBackToPrimary();
  }

  private restoreQuery?: () => void;

  /** Commits (or rolls back) and returns the connection to the pool. Safe to call more than once. */
  async finish(commit: boolean): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (!this.opening) {
      if (commit && this.route === 'write') await this.router?.noteWrite(this.principal, (sql, params) => this.dataSource.query(sql, params));
      return;
    }
    try {
      await this.opening;
    } catch {
      return;
    }
    const runner = this.runner;
    if (!runner) return;
    const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
    try {
      if (commit) for (const hook of this.commitHooks) await hook(runner.manager);
      await runner.query(commit ? 'COMMIT' : 'ROLLBACK');
      if (commit && this.route === 'write') await this.router?.noteWrite(this.principal, (sql, params) => runner.query(sql, params));
    } catch (e) {
      if (commit) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    } finally {
      state.isTransactionActive = false;
      state.transactionDepth = 0;
      this.restoreQuery?.();
      const replica = this.replica;
      if (replica) {
        const client = (runner as unknown as { databaseConnection?: PoolClient }).databaseConnection;
        client?.removeListener('error', replica.onError);
        if (replica.fallback) await replica.fallback.release();
        // A replica connection that failed or was left mid-transaction is closed, not pooled again
        // (a late 'error' from it must not go unheard).
        if (replica.broken || replica.fallback) {
          client?.on('error', () => undefined);
          await (runner as unknown as { releasePostgresConnection(err?: unknown): Promise<void> })
            .releasePostgresConnection(replica.broken ?? new Error('abandoned after a replica failure'));
        } else {
          await runner.release();
        }
      } else {
        await runner.release();
      }
    }
  }
}

/**
 * Loaders of one request fire in the same tick, all on the request's one connection. pg would
 * interleave nothing (it queues), but it warns that overlapping client.query() calls are deprecated;
 * this queues them ourselves, in call order, until the connection goes back to the pool. Repeated
 * parameterised statements run prepared (`asPreparedStatement`).
 */
function serialise(client: PoolClient, moveToPrimary?: (e: unknown) => Promise<PoolClient | undefined>): () => void {
  const original = client.query;
  let tail: Promise<unknown> = Promise.resolve();
  let moved: PoolClient | undefined;
  const call = async (args: unknown[]): Promise<unknown> => {
    args = asPreparedStatement(args);
    if (moved) return (moved.query as (...a: unknown[]) => Promise<unknown>).apply(moved, args);
    try {
      return await (original as (...a: unknown[]) => Promise<unknown>).apply(client, args);
    } catch (e) {
      // A read on a replica: the statement, and all after it, run on the primary instead.
      moved = moveToPrimary ? await moveToPrimary(e) : undefined;
      if (!moved) throw e;
      return (moved.query as (...a: unknown[]) => Promise<unknown>).apply(moved, args);
    }
  };
  const queued = (...args: unknown[]) => {
    const run = tail.then(() => call(args));
    tail = run.catch(() => undefined);
    return run;
  };
  client.query = queued as typeof client.query;
  return () => {
    client.query = original;
  };
}
