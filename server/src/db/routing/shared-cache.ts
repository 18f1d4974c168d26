import type { DataSource } from 'typeorm';

/** The subset of Apollo's KeyValueCache (`@apollo/utils.keyvaluecache`) the server uses. */
export interface StringKeyValueCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/**
 * Apollo's cache (automatic persisted queries) in PostgreSQL on the primary (`shared_cache`,
 * through `app_cache_get/set/delete`), so a query registered through one server process is known
 * to all of them. A small in-process LRU sits in front: an APQ entry is the query text under its own
 * SHA-256, so a copy can never be stale, only expired — which the local copy honours as well.
 */
export class PostgresKeyValueCache implements StringKeyValueCache {
  private readonly local = new Map<string, { value: string; expiresAt: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly localEntries = 1000,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const hit = this.local.get(key);
    if (hit && hit.expiresAt > Date.now()) {
      this.local.delete(key);
      this.local.set(key, hit);
      return hit.value;
    }
    if (hit) this.local.delete(key);
    const rows = (await this.dataSource.query('SELECT app_cache_get($1) AS value', [key])) as Array<{ value: string | null }>;
    const value = rows[0]?.value ?? undefined;
    // Another process set it with its own TTL; keep the local copy for a minute at most.
    if (value !== undefined) this.remember(key, value, 60);
    return value;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const ttl = options?.ttl ?? null;
    await this.dataSource.query('SELECT app_cache_set($1, $2, $3)', [key, value, ttl]);
    this.remember(key, value, ttl ?? 60);
  }

  async delete(key: string): Promise<boolean> {
    this.local.delete(key);
    const rows = (await this.dataSource.query('SELECT app_cache_delete($1) AS deleted', [key])) as Array<{ deleted: boolean }>;
    return rows[0]?.deleted ?? false;
  }

  private remember(key: string, value: string, ttlSeconds: number): void {
    this.local.delete(key);
    this.local.set(key, { value, expiresAt: Date.now() + Math.min(ttlSeconds, 60) * 1000 });
    while (this.local.size > this.localEntries) {
      const oldest = this.local.keys().next().value as string;
      this.local.delete(oldest);
    }
  }
}
