import { LRUCache } from 'lru-cache';
import type { EntityManager } from 'typeorm';
import { rowToEntity, selectedColumns } from '../../common/rows';
import type { Projection } from '../../common/selection';
import { CommissioningRequest } from './commissioning-request.entity';

/**
 * Days behind plan, computed by the database so every client and report agrees: actual end − planned
 * end once finished; today (app_today()) − planned end while still open past the plan, 0 within it;
 * NULL without a planned end, or for a task rejected or cancelled before it finished.
 */
export function delayDaysSql(alias: string): string {
  return `(CASE
    WHEN ${alias}.planned_end IS NULL THEN NULL
    WHEN ${alias}.actual_end IS NOT NULL THEN ${alias}.actual_end - ${alias}.planned_end
    WHEN ${alias}.stage IN ('REJECTED', 'CANCELLED') THEN NULL
    ELSE greatest(app_today() - ${alias}.planned_end, 0)
  END)`;
}

/** Columns every read of a request selects: the row plus its computed delay. */
export function requestColumnsSql(alias: string): string {
  return `${alias}.*, ${delayDaysSql(alias)} AS delay_days`;
}

/** What a selection of CommissioningRequest reads (`propertiesFor`). */
export const COMMISSIONING_REQUEST_PROJECTION: Projection = {
  always: ['id', 'provinceId'],
  reads: {
    province: ['provinceId'],
    requestingAgency: ['requestingAgencyId'],
    researchArea: ['researchAreaId'],
    assignedAssociation: ['assignedAssociationId'],
    adoptingAgency: ['adoptingAgencyId'],
    history: ['id'],
    checks: ['id'],
    allowedNextStages: ['stage', 'acceptanceRating'],
    // Computed by the statement (delayDaysSql), read when asked.
    delayDays: ['delayDays'],
  },
};

const projectedColumns = new LRUCache<string, string>({ max: 200 });
/** `requestColumnsSql`, or with `properties` only their columns (and the delay when asked). */
export function requestColumnsFor(manager: EntityManager, alias: string, properties?: readonly string[]): string {
  if (!properties) return requestColumnsSql(alias);
  const key = `${alias}:${properties.join(',')}`;
  let sql = projectedColumns.get(key);
  if (sql === undefined) {
    const columns = selectedColumns(manager.connection.getMetadata(CommissioningRequest), alias, properties);
    if (properties.includes('delayDays')) columns.push(`${delayDaysSql(alias)} AS delay_days`);
    projectedColumns.set(key, (sql = columns.join(', ')));
  }
  return sql;
}

type Row = Record<string, unknown>;

/** A raw row (with delay_days) as an entity. */
export function toRequest(manager: EntityManager, row: Row): CommissioningRequest {
  const entity = rowToEntity(manager, CommissioningRequest, row);
  entity.delayDays = row.delay_days === null || row.delay_days === undefined ? null : Number(row.delay_days);
  return entity;
}

/** The row as stored, for the audit log: without computed or helper columns. */
export function storedRow(row: Row): Row {
  const { delay_days: _d, today: _t, last_moved_on: _l, total_count: _c, ...rest } = row;
  return rest;
}
