import type { EntityManager } from 'typeorm';
import { conflict, notFound } from './errors';

type Row = Record<string, unknown>;

/**
 * The row the caller asked to change, with the version they read checked. Rows of provinces the
 * caller may not write are invisible here (RLS and app_can_write), so they are NOT_FOUND, never
 * CONFLICT: a conflict would reveal that the row exists.
 */
export function checkVersion(rows: Row[], version: number, label: string): Row {
  if (rows.length === 0) throw notFound(label);
  if (rows[0].version !== version) throw conflict(label);
  return rows[0];
}

/** Locks a live (not soft-deleted) row of `table` for the rest of the transaction and checks its version. */
export async function lockForChange(manager: EntityManager, table: string, id: string, version: number, label: string): Promise<Row> {
  const rows: Row[] = await manager.query(
    `SELECT * FROM ${table} WHERE id = $1 AND deleted_at IS NULL AND app_can_write(province_id) FOR UPDATE`,
    [id],
  );
  return checkVersion(rows, version, label);
}
