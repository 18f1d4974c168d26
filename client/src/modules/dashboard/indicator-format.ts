/** Units the API uses for shares between 0 and 1 (shown as percent). */
const RATE_UNITS = /^(rate|ratio|ratio \(0–1\)|percent|percentage|share|fraction|%|tỷ lệ|ty le)$/i;

/** True when the indicator is a rate (0..1, shown as %). */
export function isRate(indicator: { code: string; unit?: string | null; kind?: string | null }): boolean {
  if (indicator.kind) return indicator.kind === 'RATE';
  if (indicator.unit && RATE_UNITS.test(indicator.unit.trim())) return true;
  return /_rate$/.test(indicator.code);
}

const percentFormat = new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** 0.853 → "85,3%" for rates; 1250 → "1.250" otherwise; empty for a missing value. */
export function formatIndicatorValue(value: number | null | undefined, indicator: { code: string; unit?: string | null; kind?: string | null }): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return isRate(indicator) ? percentFormat.format(value) : numberFormat.format(value);
}

/** A plain number with vi-VN separators (numerators, denominators). */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return numberFormat.format(value);
}

/** Axis ticks: compact for large counts ("12 N"), percent without decimals for rates. */
export function formatAxisValue(value: number, rate: boolean): string {
  if (rate) return new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 0 }).format(value);
  return new Intl.NumberFormat('vi-VN', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** The indicator's name in the current language (English name when there is one). */
export function indicatorName(indicator: { name: string; nameEn?: string | null }, language: string): string {
  return language.startsWith('en') && indicator.nameEn ? indicator.nameEn : indicator.name;
}

/** The unit as shown next to a value ("%" for rates). */
export function unitLabel(indicator: { code: string; unit?: string | null; kind?: string | null }): string {
  if (isRate(indicator)) return '%';
  return indicator.unit ?? '';
}
