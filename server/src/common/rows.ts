import { LRUCache } from 'lru-cache';
import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/** Maps a raw row (snake_case columns, e.g. from RETURNING *) onto an entity using TypeORM's metadata. */
export function rowToEntity<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, row: Record<string, unknown>): T {
  return entityFromRow(manager.connection.getMetadata(target), row);
}

/**
 * An entity from a row keyed by database column names (each after `prefix`, for a row that holds
 * two entities); columns the row lacks keep the class's defaults.
 */
export function entityFromRow<T>(meta: EntityMetadata, row: Record<string, unknown>, prefix = ''): T {
  const entity = meta.create() as Record<string, unknown>;
  for (const col of meta.columns) {
    const key = prefix + col.databaseName;
    if (key in row) entity[col.propertyName] = row[key];
  }
  return entity as T;
}

/**
 * `alias."column"` for every column TypeORM reads of an entity (never `select: false` ones), or only
 * those of `only`'s properties. With `renamed`, each is named `"<prefix>column"` (read back by
 * entityFromRow) and, given `when`, is NULL in the rows where that condition does not hold.
 */
export function selectedColumns(
  meta: EntityMetadata,
  alias: string,
  only?: readonly string[],
  renamed?: { prefix: string; when?: string },
): string[] {
  return meta.columns
    .filter((c) => c.isSelect && !c.isVirtual && (!only || only.includes(c.propertyName)))
    .map((c) => {
      const column = `${alias}."${c.databaseName}"`;
      if (!renamed) return column;
      return `${renamed.when ? `CASE WHEN ${renamed.when} THEN ${column} END` : column} AS "${renamed.prefix}${c.databaseName}"`;
    });
}

/**
 * A hand-written read of whole entities for the loaders on every request's path: `select(table,
 * columns)` builds the SQL once (the table and the columns TypeORM would read, never `select: false`
 * ones such as password hashes); rows become entities without the query builder, whose SQL building
 * and result transformation were most of the loaders' time (tests/bench profile).
 */
export class EntityReader<T extends ObjectLiteral> {
  private meta?: EntityMetadata;
  /** The statement per set of properties read ('' for all of them); selections vary, so bounded. */
  private readonly sql = new LRUCache<string, string>({ max: 200 });

  constructor(
    private readonly target: EntityTarget<T>,
    /** The statement, given the table's name and the entity's columns qualified by `e.`. */
    private readonly select: (table: string, columns: string, meta: EntityMetadata) => string,
  ) {}

  /**
   * Rows as entities; with `only`, just those properties (and the statement reads just their
   * columns): the others stay as the class leaves them, so the entities must go nowhere else.
   */
  async read(manager: EntityManager, params: unknown[], only?: readonly string[]): Promise<Array<{ entity: T; row: Record<string, unknown> }>> {
    const meta = (this.meta ??= manager.connection.getMetadata(this.target));
    const key = only?.join(',') ?? '';
    let sql = this.sql.get(key);
    if (sql === undefined) {
      sql = this.select(`"${meta.tablePath}"`, selectedColumns(meta, 'e', only).join(', '), meta);
      this.sql.set(key, sql);
    }
    const rows = (await manager.query(sql, params)) as Array<Record<string, unknown>>;
    return rows.map((row) => ({ entity: entityFromRow<T>(meta, row), row }));
  }
}

/** PostgreSQL error fields we branch on (pg's DatabaseError). */
export interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
}

export function pgError(e: unknown): PgError {
  const inner = (e as { driverError?: PgError }).driverError ?? (e as PgError);
  return inner ?? {};
}

export const PG_UNIQUE_VIOLATION = '23505';
export const PG_CHECK_VIOLATION = '23514';
export const PG_INSUFFICIENT_PRIVILEGE = '42501';

type Row = Record<string, unknown>;

/** TypeORM's manager.query() answers [rows, count] for UPDATE/DELETE and plain rows otherwise; this gives the rows. */
export function returnedRows(result: unknown): Row[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as Row[];
  }
  return result as Row[];
}
