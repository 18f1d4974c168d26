import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Maps a raw row (snake_case columns, e.g. from RETURNING *) onto an entity using TypeORM's metadata. */
export function rowToEntity<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const meta = manager.connection.getMetadata(target);
  const entity = meta.create() as T;
  for (const col of meta.columns) {
    if (col.databaseName in row) (entity as Record<string, unknown>)[col.propertyName] = row[col.databaseName];
  }
  return entity;
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
