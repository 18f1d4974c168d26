import type { TFunction } from 'i18next';
import { downloadTextFile, toCsv, type CsvCell } from '../../common/csv';
import { todayLocalDate } from '../../common/formatters';
import type { ComparisonCell } from './dashboard-operations';
import type { NationalRow, RankedRow, ReportState } from './dashboard-data';
import { isRate } from './indicator-format';
import type { Cell, SheetData } from 'write-excel-file/browser';

export interface RankingExport {
  indicator: { code: string; name: string; unit: string | null; kind?: string | null };
  year: number;
  rows: readonly RankedRow[];
  national: NationalRow | null;
  reports: ReadonlyMap<string, ReportState> | null;
}

const reportLabel = (t: TFunction, s: ReportState | undefined) =>
  s === 'onTime' ? t('dashboard.reportOnTime') : s === 'late' ? t('dashboard.reportLate') : s === 'missing' ? t('dashboard.reportMissing') : '';

function rankingHeader(t: TFunction): string[] {
  return [
    t('dashboard.column.rank'),
    t('dashboard.column.provinceCode'),
    t('dashboard.column.province'),
    t('dashboard.column.indicatorCode'),
    t('dashboard.column.year'),
    t('dashboard.column.value'),
    t('dashboard.column.numerator'),
    t('dashboard.column.denominator'),
    t('dashboard.column.report'),
  ];
}

/** Rows as shown in the ranking table, with raw numbers (rates stay 0..1), then the national row. */
function rankingBody(data: RankingExport, t: TFunction): CsvCell[][] {
  const body: CsvCell[][] = data.rows.map((r) => [
    r.rank,
    r.province.code,
    r.province.name,
    data.indicator.code,
    data.year,
    r.value,
    r.numerator,
    r.denominator,
    data.reports ? reportLabel(t, data.reports.get(r.province.code)) : '',
  ]);
  if (data.national) {
    body.push(['', '', t('dashboard.national'), data.indicator.code, data.year, data.national.value, data.national.numerator, data.national.denominator, '']);
  }
  return body;
}

function cellsHeader(t: TFunction): string[] {
  return [
    t('dashboard.column.indicatorCode'),
    t('dashboard.column.indicator'),
    t('dashboard.column.unit'),
    t('dashboard.column.year'),
    t('dashboard.column.provinceCode'),
    t('dashboard.column.province'),
    t('dashboard.column.value'),
    t('dashboard.column.numerator'),
    t('dashboard.column.denominator'),
  ];
}

function cellsBody(cells: readonly ComparisonCell[]): CsvCell[][] {
  return cells.map((c) => [c.indicator.code, c.indicator.name, c.indicator.unit, c.year, c.province.code, c.province.name, c.value, c.numerator, c.denominator]);
}

const fileBase = (t: TFunction) => `${t('dashboard.exportFileName')}-${todayLocalDate()}`;

export function exportRankingCsv(data: RankingExport, t: TFunction): void {
  downloadTextFile(toCsv(rankingHeader(t), rankingBody(data, t)), `${fileBase(t)}-${data.indicator.code}-${data.year}.csv`);
}

export function exportCellsCsv(cells: readonly ComparisonCell[], t: TFunction): void {
  downloadTextFile(toCsv(cellsHeader(t), cellsBody(cells)), `${fileBase(t)}.csv`);
}

/**
 * One workbook with two sheets: the ranking shown and every cell of the selection. Numbers stay
 * numbers (rates formatted as percent in Excel). write-excel-file is loaded only when used.
 */
export async function exportXlsx(data: RankingExport, cells: readonly ComparisonCell[], t: TFunction): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const head = (labels: string[]): Cell[] => labels.map((value) => ({ value, fontWeight: 'bold' }));
  const rateOf = new Map(cells.map((c) => [c.indicator.code, isRate(c.indicator)]));
  const num = (value: CsvCell, percent: boolean): Cell => {
    if (typeof value === 'number') return percent ? { value, type: Number, format: '0.0%' } : { value, type: Number };
    return value === null || value === undefined || value === '' ? null : { value: String(value), type: String };
  };

  const rankRate = isRate(data.indicator);
  const rankingData: SheetData = [head(rankingHeader(t)), ...rankingBody(data, t).map((r) => r.map((v, i) => num(v, rankRate && i === 5)))];
  const cellsData: SheetData = [head(cellsHeader(t)), ...cellsBody(cells).map((r) => r.map((v, i) => num(v, i === 6 && Boolean(rateOf.get(String(r[0]))))))];
  await writeXlsxFile(
    [
      { data: rankingData, sheet: t('dashboard.sheetRanking') },
      { data: cellsData, sheet: t('dashboard.sheetCells') },
    ],
    { fontFamily: 'Arial' },
  ).toFile(`${fileBase(t)}.xlsx`);
}
