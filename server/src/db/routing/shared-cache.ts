import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';

/** The subset of Apollo's KeyValueCache (`@apollo/utils.keyvaluecache`) the server uses. */
export interface StringKeyValueCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/** How long a local copy is kept at most: entries expire in PostgreSQL on their own TTL. */
const LOCAL_TTL_MS = 60_000;

/**
 * Apollo's cache (automatic persisted queries) in PostgreSQL on the primary (`shared_cache`,
 * through `app_cache_get/set/delete`), so a query registered through one server process is known
 * to all of them. A small in-process LRU sits in front: an APQ entry is the query text under its own
 * SHA-256, so a copy can never be stale, only expired — which the local copy honours as well.
 */
export class PostgresKeyValueCache implements StringKeyValueCache {
  private readonly local: LRUCache<string, string>;

  constructor(
    private readonly dataSource: DataSource,
    localEntries = 1000,
  ) {
    this.local = new LRUCache<string, string>({ max: localEntries, ttl: LOCAL_TTL_MS });
  }

  async get(key: string): Promise<string | undefined> {
    const hit = this.local.get(key);
    if (hit !== undefined) return hit;
    const rows = (await this.dataSource.query('SELECT app_cache_get($1) AS value', [key])) as Array<{ value: string | null }>;
    const value = rows[0]?.value ?? undefined;
    // Another process set it with its own TTL; keep the local copy for a minute at most.
    if (value !== undefined) this.local.set(key, value);
    return value;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const ttl = options?.ttl ?? null;
    await this.dataSource.query('SELECT app_cache_set($1, $2, $3)', [key, value, ttl]);
    const localTtl = ttl === null ? LOCAL_TTL_MS : Math.min(ttl * 1000, LOCAL_TTL_MS);
    // lru-cache reads a TTL of 0 as "forever"; an entry that expires at once is not kept at all.
    if (localTtl > 0) this.local.set(key, value, { ttl: localTtl });
  }

  async delete(key: string): Promise<boolean> {
    this.local.delete(key);
    const rows = (await this.dataSource.query('SELECT app_cache_delete($1) AS deleted', [key])) as Array<{ deleted: boolean }>;
    return rows[0]?.deleted ?? false;
  }
}
