import type { Boundaries, IndicatorSource } from './dashboard-operations';

/** Years the ministry compares: from 2021 to the last complete year. */
export function yearOptions(now: Date = new Date()): number[] {
  const last = Math.max(2025, now.getFullYear() - 1);
  const years: number[] = [];
  for (let y = 2021; y <= last; y++) years.push(y);
  return years;
}

/** Most provinces highlighted on the line chart. */
export const MAX_HIGHLIGHTED = 5;

/** The whole selection of the ministry dashboard, kept in the URL so it can be shared and survives reload. */
export interface DashboardParams {
  /** Indicators chosen for comparison (codes). */
  indicators: string[];
  /** The indicator the charts and table show, one of `indicators`. */
  focus: string;
  years: number[];
  /** Year of the bar chart, ranking and submission status, one of `years`. */
  year: number;
  /** Provinces compared; empty means every province the user may see. */
  provinces: string[];
  boundaries: Boundaries;
  source: IndicatorSource;
  /** Provinces highlighted on the line chart; empty means the top ones of `year`. */
  highlight: string[];
}

const CODE = /^[a-z0-9_]{1,64}$/;
const PROVINCE = /^\d{2}$/;

function list(value: string | null): string[] {
  return value ? value.split(',').map((v) => v.trim()).filter(Boolean) : [];
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Reads the selection from the URL; `knownIndicators` (when loaded) drops codes that do not exist. */
export function readDashboardParams(params: URLSearchParams, defaultIndicator: string, knownIndicators?: ReadonlySet<string>): DashboardParams {
  const allYears = yearOptions();
  let indicators = unique(list(params.get('ind')).filter((c) => CODE.test(c) && (!knownIndicators || knownIndicators.has(c))));
  if (indicators.length === 0 && defaultIndicator) indicators = [defaultIndicator];
  const focusRaw = params.get('focus') ?? '';
  const focus = indicators.includes(focusRaw) ? focusRaw : (indicators[0] ?? '');

  let years = unique(list(params.get('years')).map(Number).filter((y) => allYears.includes(y))).sort((a, b) => a - b);
  if (years.length === 0) years = allYears;
  const yearRaw = Number(params.get('year'));
  const year = years.includes(yearRaw) ? yearRaw : years[years.length - 1];

  return {
    indicators,
    focus,
    years,
    year,
    provinces: unique(list(params.get('prov')).filter((c) => PROVINCE.test(c))).sort(),
    boundaries: params.get('b') === 'historical' ? 'HISTORICAL' : 'CURRENT',
    source: params.get('src') === 'submitted' ? 'SUBMITTED' : 'LIVE',
    highlight: unique(list(params.get('hl')).filter((c) => PROVINCE.test(c))).slice(0, MAX_HIGHLIGHTED),
  };
}

/** The URL form of the selection. Indicators, years and year are always written so a shared link is explicit. */
export function writeDashboardParams(p: DashboardParams): URLSearchParams {
  const out = new URLSearchParams();
  if (p.indicators.length) out.set('ind', p.indicators.join(','));
  if (p.focus && p.focus !== p.indicators[0]) out.set('focus', p.focus);
  out.set('years', p.years.join(','));
  out.set('year', String(p.year));
  if (p.provinces.length) out.set('prov', p.provinces.join(','));
  if (p.boundaries === 'HISTORICAL') out.set('b', 'historical');
  if (p.source === 'SUBMITTED') out.set('src', 'submitted');
  if (p.highlight.length) out.set('hl', p.highlight.join(','));
  return out;
}
