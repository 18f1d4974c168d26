import type { AnnualReportSummary, Comparison, ComparisonCell, IndicatorRef } from './dashboard-operations';

/** One row of the ranking table (and of the bar chart). */
export interface RankedRow {
  rank: number | null;
  province: { code: string; name: string };
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface NationalRow {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export type ReportState = 'onTime' | 'late' | 'missing';

const collator = new Intl.Collator('vi');

/**
 * The provinces of the focus indicator in one year, best rank first: the server's ranking decides the
 * order; provinces without a rank (no value) come last, by name.
 */
export function rankedRows(comparison: Comparison, indicator: string, year: number): RankedRow[] {
  const ranks = new Map<string, number>();
  for (const r of comparison.ranking) {
    if (r.indicator.code === indicator && r.year === year) ranks.set(r.province.code, r.rank);
  }
  const rows: RankedRow[] = comparison.cells
    .filter((c) => c.indicator.code === indicator && c.year === year)
    .map((c) => ({
      rank: ranks.get(c.province.code) ?? null,
      province: c.province,
      value: c.value,
      numerator: c.numerator,
      denominator: c.denominator,
    }));
  return rows.sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank || collator.compare(a.province.name, b.province.name);
    if (a.rank !== null) return -1;
    if (b.rank !== null) return 1;
    return (b.value ?? -Infinity) - (a.value ?? -Infinity) || collator.compare(a.province.name, b.province.name);
  });
}

export function nationalRow(comparison: Comparison, indicator: string, year: number): NationalRow | null {
  const total = comparison.nationalTotals.find((n) => n.indicator.code === indicator && n.year === year);
  return total ? { value: total.value, numerator: total.numerator, denominator: total.denominator } : null;
}

/** The indicator as the server names it in the cells (name and unit), when it has any cell. */
export function indicatorOf(comparison: Comparison, code: string): IndicatorRef | null {
  return comparison.cells.find((c) => c.indicator.code === code)?.indicator ?? null;
}

/** Cells in a stable order for export: indicator, year, then province name. */
export function sortedCells(cells: readonly ComparisonCell[], indicatorOrder: readonly string[]): ComparisonCell[] {
  const pos = new Map(indicatorOrder.map((c, i) => [c, i]));
  return [...cells].sort(
    (a, b) =>
      (pos.get(a.indicator.code) ?? 999) - (pos.get(b.indicator.code) ?? 999) ||
      a.year - b.year ||
      collator.compare(a.province.name, b.province.name),
  );
}

/** Submission state of a province's annual report: on time, late, or not submitted. */
export function reportState(report: AnnualReportSummary | undefined): ReportState {
  const submitted = report?.firstSubmittedAt ?? report?.submittedAt;
  if (!report || !submitted) return 'missing';
  if (report.onTime === false) return 'late';
  if (report.onTime === true) return 'onTime';
  if (report.dueOn) return submitted.slice(0, 10) <= report.dueOn ? 'onTime' : 'late';
  return 'onTime';
}
