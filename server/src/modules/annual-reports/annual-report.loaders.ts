import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../common/loaders';
import { IndicatorCell, liveFigures } from './figures';

/** Snapshot values of submitted reports by report id, in one statement per batch (RLS applies). */
export const snapshotByReport: LoaderFactory<string, IndicatorCell[]> = (tx) =>
  new DataLoader<string, IndicatorCell[]>(async (ids) => {
    const manager = await tx.manager();
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT report_id, province_id, year, indicator_code, numerator, denominator, value
       FROM annual_report_values WHERE report_id = ANY($1::uuid[])`,
      [[...ids]],
    );
    const groups = new Map<string, IndicatorCell[]>(ids.map((id) => [id, []]));
    for (const r of rows) {
      groups.get(r.report_id as string)?.push({
        provinceId: Number(r.province_id), year: Number(r.year), indicatorCode: String(r.indicator_code),
        numerator: numOrNull(r.numerator), denominator: numOrNull(r.denominator), value: numOrNull(r.value),
      });
    }
    return ids.map((id) => groups.get(id) ?? []);
  });

/** Live figures by "provinceId:year": one computation for every report on a page. */
export const liveByProvinceYear: LoaderFactory<string, IndicatorCell[]> = (tx) =>
  new DataLoader<string, IndicatorCell[]>(async (keys) => {
    const manager = await tx.manager();
    const pairs = keys.map((k) => k.split(':').map(Number) as [number, number]);
    const cells = await liveFigures(manager, {
      provinceIds: [...new Set(pairs.map((p) => p[0]))],
      years: [...new Set(pairs.map((p) => p[1]))],
    });
    return keys.map((k) => cells.filter((c) => `${c.provinceId}:${c.year}` === k));
  });

function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}
