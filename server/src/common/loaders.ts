import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import type { EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { RequestTransaction } from '../tenancy/request-transaction';
import { EntityReader } from './rows';

/** Makes one DataLoader for one request, on that request's transaction (so RLS applies). */
export type LoaderFactory<K, V> = (tx: RequestTransaction) => DataLoader<K, V>;

let naiveLoaders = false;
/**
 * Benchmark baseline only (STP_NAIVE_LOADERS=1): every `get` makes a fresh loader, so each field
 * resolver's load runs its own statement, uncached — the same resolvers as if there were no loaders.
 */
export function setNaiveLoaders(on: boolean): void {
  naiveLoaders = on;
}

/**
 * The request's loaders, created lazily on first use and never shared between requests. Modules
 * declare their factories next to their entities (`*.loaders.ts`) and use `ctx.loaders.get(f)`.
 */
export class Loaders {
  private readonly made = new Map<LoaderFactory<unknown, unknown>, DataLoader<unknown, unknown>>();

  constructor(private readonly tx: RequestTransaction) {}

  /** False for the benchmark's naive baseline, whose loaders are not kept: priming one is lost. */
  get kept(): boolean {
    return !naiveLoaders;
  }

  get<K, V>(factory: LoaderFactory<K, V>): DataLoader<K, V> {
    if (naiveLoaders) return factory(this.tx);
    let loader = this.made.get(factory as LoaderFactory<unknown, unknown>);
    if (!loader) {
      loader = factory(this.tx) as DataLoader<unknown, unknown>;
      this.made.set(factory as LoaderFactory<unknown, unknown>, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** `AND e.deleted_at IS NULL` for soft-deleted entities, unless deleted rows are wanted. */
function liveOnly(meta: EntityMetadata, includeDeleted?: boolean): string {
  return !includeDeleted && meta.findColumnWithDatabaseName('deleted_at') ? ' AND e.deleted_at IS NULL' : '';
}

/** Loads rows of an entity by id in one `WHERE id = ANY(...)` statement per batch; missing ids give null. */
export function byIdLoader<T extends ObjectLiteral & { id: K }, K extends string | number = string>(
  target: EntityTarget<T>,
  options: { includeDeleted?: boolean } = {},
): LoaderFactory<K, T | null> {
  const reader = byIdReader(target, options);
  return (tx) => new DataLoader<K, T | null>((ids) => readByIds(reader, tx, ids));
}

/**
 * `byIdLoader` reading only some properties (`propertiesFor` with the type's Projection): one
 * loader per set of properties, for a field resolver whose entities go nowhere but to its selection.
 */
export function byIdLoaderReading<T extends ObjectLiteral & { id: K }, K extends string | number = string>(
  target: EntityTarget<T>,
  options: { includeDeleted?: boolean } = {},
): (properties: readonly string[]) => LoaderFactory<K, T | null> {
  const reader = byIdReader(target, options);
  // Selections vary with the client's queries: bounded (an evicted factory only batches apart).
  const factories = new LRUCache<string, LoaderFactory<K, T | null>>({ max: 200 });
  return (properties) => {
    const key = properties.join(',');
    let factory = factories.get(key);
    if (!factory) {
      factory = (tx) => new DataLoader<K, T | null>((ids) => readByIds(reader, tx, ids, properties));
      factories.set(key, factory);
    }
    return factory;
  };
}

function byIdReader<T extends ObjectLiteral>(target: EntityTarget<T>, options: { includeDeleted?: boolean }): EntityReader<T> {
  return new EntityReader<T>(target, (table, columns, meta) =>
    `SELECT ${columns} FROM ${table} e WHERE e.id = ANY($1)${liveOnly(meta, options.includeDeleted)}`);
}

async function readByIds<T extends ObjectLiteral & { id: K }, K>(reader: EntityReader<T>, tx: RequestTransaction, ids: readonly K[], only?: readonly string[]): Promise<Array<T | null>> {
  const rows = await reader.read(await tx.manager(), [[...ids]], only);
  const byId = new Map(rows.map(({ entity }) => [entity.id, entity]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * Loads the children of many parents in one statement per batch: `column = ANY(parents)`,
 * ordered by `orderBy`, grouped back per parent.
 */
export function childrenLoader<T extends ObjectLiteral>(
  target: EntityTarget<T>,
  parentProperty: keyof T & string,
  orderBy: string,
  options: { includeDeleted?: boolean } = {},
): LoaderFactory<string, T[]> {
  const reader = new EntityReader<T>(target, (table, columns, meta) => {
    const column = meta.findColumnWithPropertyName(parentProperty)!.databaseName;
    return `SELECT ${columns} FROM ${table} e WHERE e.${column} = ANY($1)${liveOnly(meta, options.includeDeleted)} ORDER BY ${orderBy}`;
  });
  return (tx) =>
    new DataLoader<string, T[]>(async (parentIds) => {
      const rows = await reader.read(await tx.manager(), [[...parentIds]]);
      const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
      for (const { entity } of rows) groups.get(entity[parentProperty] as string)?.push(entity);
      return parentIds.map((id) => groups.get(id) ?? []);
    });
}
