import { asOwner } from '../helpers';

/** Factories for annual report tests: rows read and written as the owner (RLS bypassed). */

/** The stored report of a province and year, or undefined. */
export async function reportRow(provinceId: number, year: number): Promise<Record<string, any> | undefined> {
  return asOwner(async (db) => (await db.query(
    'SELECT * FROM annual_reports WHERE province_id = $1 AND year = $2', [provinceId, year])).rows[0]);
}

/** The stored snapshot of a report, by indicator code. */
export async function snapshotOf(reportId: string): Promise<Record<string, { numerator: number | null; denominator: number | null; value: number | null; published: boolean }>> {
  return asOwner(async (db) => {
    const rows = (await db.query('SELECT * FROM annual_report_values WHERE report_id = $1', [reportId])).rows;
    const num = (v: unknown) => (v === null ? null : Number(v));
    return Object.fromEntries(rows.map((r) => [r.indicator_code, {
      numerator: num(r.numerator), denominator: num(r.denominator), value: num(r.value), published: r.published,
    }]));
  });
}

/** Sets when a report was first submitted, to simulate a late or on-time submission. */
export async function setFirstSubmittedAt(reportId: string, at: string): Promise<void> {
  await asOwner((db) => db.query('UPDATE annual_reports SET first_submitted_at = $2, submitted_at = $2 WHERE id = $1', [reportId, at]));
}

/** Audit rows of a report, oldest first. */
export async function reportAudit(reportId: string): Promise<Array<Record<string, any>>> {
  return asOwner(async (db) => (await db.query(
    'SELECT action, entity_type, province_id, actor_id, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id', [reportId])).rows);
}

/** Removes every report of the provinces (their years unlock), so other suites can write those years. */
export async function dropReports(provinceIds: number[]): Promise<void> {
  await asOwner((db) => db.query('DELETE FROM annual_reports WHERE province_id = ANY($1::smallint[])', [provinceIds]));
}
