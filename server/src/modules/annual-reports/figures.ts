import type { EntityManager } from 'typeorm';
import { computeIndicatorCells } from '../indicators/indicator.service';

/**
 * The figures of an annual report, one per province, year and indicator, as the indicators module
 * computes them (LIVE data). Everything in this module reads live figures through `liveFigures`
 * only, so the source of figures is this one import.
 */
export interface IndicatorCell {
  provinceId: number;
  year: number;
  indicatorCode: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

export interface FigureQuery {
  years: number[];
  provinceIds: number[];
  indicatorCodes?: string[];
}

/** Live figures on the request's transaction (so RLS applies: a province sees only its own data). */
export function liveFigures(manager: EntityManager, q: FigureQuery): Promise<IndicatorCell[]> {
  if (q.years.length === 0 || q.provinceIds.length === 0) return Promise.resolve([]);
  return computeIndicatorCells(manager, q);
}

/** How a figure is printed in a report: Vietnamese name, English name, unit (in Vietnamese). */
export interface FigureLabel {
  name: string;
  nameEn: string;
  unit: string;
  order: number;
}

// The catalogue's units are English; a filed Vietnamese report prints them in Vietnamese.
const UNIT_VI: Record<string, string> = {
  VND: 'đồng',
  activities: 'hoạt động',
  'activities per 100,000 inhabitants': 'hoạt động/100.000 dân',
  associations: 'hội',
  days: 'ngày',
  organisations: 'tổ chức',
  people: 'người',
  'people per 100,000 inhabitants': 'người/100.000 dân',
  'ratio (0–1)': 'tỷ lệ (0–1)',
  requests: 'nhiệm vụ',
  tasks: 'nhiệm vụ',
};

// indicator_definitions is reference data that changes only with a migration: read once per process.
let labels: Map<string, FigureLabel> | undefined;

/** Loads the indicator catalogue's names and units (once); call before labelOf. */
export async function loadLabels(manager: EntityManager): Promise<void> {
  if (labels) return;
  const rows = (await manager.query(
    `SELECT code, name, name_en, unit, sort_order FROM indicator_definitions ORDER BY sort_order`)) as Array<Record<string, unknown>>;
  labels = new Map(rows.map((r) => [String(r.code), {
    name: String(r.name), nameEn: String(r.name_en), unit: UNIT_VI[String(r.unit)] ?? String(r.unit), order: Number(r.sort_order),
  }]));
}

export function labelOf(code: string): FigureLabel {
  return labels?.get(code) ?? { name: code, nameEn: code, unit: '', order: Number.MAX_SAFE_INTEGER };
}
