import { escapeLiteral } from 'pg';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
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
  return `BEGIN; SELECT ${calls}`;
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

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: TenantScope,
  ) {}

  manager(): Promise<EntityManager> {
    if (this.finished) return Promise.reject(new Error('the request transaction has already ended'));
    this.opening ??= this.open();
    return this.opening;
  }

  /** Runs `hook` in this transaction just before it commits (not when it rolls back); a failing hook rolls back. */
  beforeCommit(hook: (manager: EntityManager) => Promise<void>): void {
    this.commitHooks.push(hook);
  }

  get started(): boolean {
    return this.opening !== undefined;
  }

  private async open(): Promise<EntityManager> {
    const runner = this.dataSource.createQueryRunner('master');
    const client = (await runner.connect()) as PoolClient;
    this.runner = runner;
    try {
      await client.query(beginStatement(this.scope));
    } catch (e) {
      await runner.release();
      this.runner = undefined;
      throw e;
    }
    // TypeORM did not issue this BEGIN; tell it a transaction is open so anything it nests becomes a savepoint.
    const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    this.restoreQuery = serialise(client);
    return runner.manager;
  }

  private restoreQuery?: () => void;

  /** Commits (or rolls back) and returns the connection to the pool. Safe to call more than once. */
  async finish(commit: boolean): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (!this.opening) return;
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
    } catch (e) {
      if (commit) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    } finally {
      state.isTransactionActive = false;
      state.transactionDepth = 0;
      this.restoreQuery?.();
      await runner.release();
    }
  }
}

/**
 * Loaders of one request fire in the same tick, all on the request's one connection. pg would
 * interleave nothing (it queues), but it warns that overlapping client.query() calls are deprecated;
 * this queues them ourselves, in call order, until the connection goes back to the pool.
 */
function serialise(client: PoolClient): () => void {
  const original = client.query;
  let tail: Promise<unknown> = Promise.resolve();
  const queued = (...args: unknown[]) => {
    const run = tail.then(() => (original as (...a: unknown[]) => Promise<unknown>).apply(client, args));
    tail = run.catch(() => undefined);
    return run;
  };
  client.query = queued as typeof client.query;
  return () => {
    client.query = original;
  };
}
