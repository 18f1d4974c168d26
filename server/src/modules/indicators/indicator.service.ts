import type { EntityManager } from 'typeorm';
import { badFieldThrow, distinct } from '../../common/input-rules';
import type { RequestContext } from '../../tenancy/request-context';
import {
  CompareProvincesInput,
  Indicator,
  IndicatorBoundaries,
  IndicatorKind,
  IndicatorNationalTotal,
  IndicatorRank,
  IndicatorSource,
  ProvinceComparison,
  ProvinceIndicators,
} from './dto/indicator.types';

/** One LIVE figure of a province as it was (no roll-up): what the annual report snapshot stores. */
export interface IndicatorCellRow {
  provinceId: number;
  year: number;
  indicatorCode: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
export const MAX_YEARS = 20;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

// Counts and sums are their numerator; every other kind divides, so sums of numerators and
// denominators roll up correctly (rates are never averaged).
const VALUE = (kind: string, n: string, d: string) =>
  `CASE WHEN ${kind} IN ('COUNT', 'SUM') THEN ${n} ELSE ${n} / NULLIF(${d}, 0) END`;
const DENOMINATOR = (kind: string, d: string) => `CASE WHEN ${kind} IN ('COUNT', 'SUM') THEN NULL ELSE ${d} END`;

/**
 * LIVE figures for exactly these provinces as they were (HISTORICAL, no roll-up), read from the
 * summary kept by triggers: two statements whatever the number of provinces, years and indicators.
 * Runs on the caller's manager (inside a mutation's transaction, under its RLS settings), so only
 * provinces the caller may read have figures; others read as zero.
 */
export async function computeIndicatorCells(
  manager: EntityManager,
  opts: { years: number[]; provinceIds: number[]; indicatorCodes?: string[] },
): Promise<IndicatorCellRow[]> {
  await manager.query(`SELECT indicator_refresh()`);
  const rows = (await manager.query(
    `SELECT x.province_id, x.year, x.code, x.numerator, ${DENOMINATOR('x.kind', 'x.den')} AS denominator,
       ${VALUE('x.kind', 'x.numerator', 'x.den')} AS value
     FROM (
       SELECT p.id AS province_id, y.year, d.code, d.kind, d.sort_order, coalesce(f.numerator, 0) AS numerator,
         CASE WHEN d.kind = 'PER_100K' THEN p.population / 100000.0 ELSE coalesce(f.denominator, 0) END AS den
       FROM provinces p
       CROSS JOIN (SELECT DISTINCT unnest($2::int[]) AS year) y
       JOIN indicator_definitions d ON ($3::text[] IS NULL OR d.code = ANY($3::text[]))
       LEFT JOIN indicator_facts f ON f.province_id = p.id AND f.year = y.year AND f.indicator_code = d.fact_code
       WHERE p.id = ANY($1::smallint[])) x
     ORDER BY x.province_id, x.year, x.sort_order`,
    [opts.provinceIds, opts.years, opts.indicatorCodes ?? null],
  )) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    provinceId: Number(r.province_id),
    year: Number(r.year),
    indicatorCode: String(r.code),
    numerator: num(r.numerator),
    denominator: num(r.denominator),
    value: num(r.value),
  }));
}

/**
 * The cells of a comparison with their ranking, a row each (unit_id, year, code, sort_order,
 * higher_is_better, value, numerator, denominator, rank). Parameters: $1 years, $2 indicator codes,
 * $3 units (null for all), $4 boundaries, $5 source; see IndicatorService.run.
 */
export const COMPARISON_CELLS_SQL = `WITH yrs AS (SELECT DISTINCT unnest($1::int[]) AS year),
  defs AS (SELECT * FROM indicator_definitions WHERE code = ANY($2::text[])),
  chosen AS (
    SELECT * FROM (
      SELECT p.id AS src_id, y.year, p.population,
        (p.merged_on IS NULL OR p.merged_on > make_date(y.year, 1, 1)) AS existed,
        CASE WHEN p.merged_into_id IS NOT NULL AND ($4 = 'CURRENT' OR p.merged_on <= make_date(y.year, 1, 1))
          THEN p.merged_into_id ELSE p.id END AS unit_id,
        app_can_read(p.id) AS readable
      FROM provinces p CROSS JOIN yrs y) s
    WHERE $3::smallint[] IS NULL OR s.unit_id = ANY($3::smallint[])),
  live AS (
    SELECT c.unit_id, c.year, c.existed, d.code, coalesce(f.numerator, 0) AS num,
      CASE WHEN d.kind = 'PER_100K' THEN c.population / 100000.0 ELSE coalesce(f.denominator, 0) END AS den
    FROM chosen c CROSS JOIN defs d
    LEFT JOIN indicator_facts f ON f.province_id = c.src_id AND f.year = c.year AND f.indicator_code = d.fact_code
    WHERE $5 = 'LIVE' AND c.readable),
  snap AS (
    SELECT c.unit_id, c.year, c.existed, v.indicator_code AS code, v.numerator AS num, v.denominator AS den
    FROM chosen c
    JOIN annual_reports r ON r.province_id = c.src_id AND r.year = c.year AND r.submitted_at IS NOT NULL
    JOIN annual_report_values v ON v.report_id = r.id AND v.indicator_code = ANY($2::text[])
    WHERE ($5 = 'SUBMITTED' OR NOT c.readable) AND (c.readable OR (r.published AND v.published))),
  summed AS (
    SELECT s.unit_id, s.year, s.code, sum(s.num) AS num, sum(s.den) AS den, count(*) FILTER (WHERE s.existed) AS have
    FROM (SELECT * FROM live UNION ALL SELECT * FROM snap) s GROUP BY 1, 2, 3),
  need AS (SELECT unit_id, year, count(*) FILTER (WHERE existed) AS n FROM chosen GROUP BY 1, 2),
  cells AS (
    SELECT s.unit_id, s.year, d.code, d.sort_order, d.higher_is_better, ${VALUE('d.kind', 's.num', 's.den')} AS value,
      s.num AS numerator, ${DENOMINATOR('d.kind', 's.den')} AS denominator
    FROM summed s JOIN need n ON n.unit_id = s.unit_id AND n.year = s.year JOIN defs d ON d.code = s.code
    WHERE s.have >= n.n)
  SELECT c.*, CASE WHEN c.value IS NOT NULL THEN rank() OVER (PARTITION BY c.code, c.year, c.value IS NULL
      ORDER BY CASE WHEN c.higher_is_better THEN -c.value ELSE c.value END) END AS rank
  FROM cells c`;

/** A cell as the cells statement answers it: [unit id, year, indicator code, value, numerator, denominator, rank]. */
type CellTuple = [number, number, string, number | null, number | null, number | null, number | null];

interface ComparisonRows {
  /** In display order: indicator (catalogue order), year, unit. */
  cells: CellTuple[];
  /** Positions in `cells` of the ranked cells, in ranking order: indicator, year, rank, unit. */
  ranking: number[];
  national: Array<{ year: number; code: string; value: number | null; numerator: number | null; denominator: number | null }>;
}

/**
 * indicator_definitions is reference data: SELECT only for the server role, changed by migrations
 * alone, which run before the server starts. Read once per process (with the first refresh), then
 * served from memory: a comparison's first statement no longer carries the whole catalogue, long
 * Vietnamese descriptions included, on every request. Shared: never to be changed by a caller.
 */
let definitions: readonly Indicator[] | undefined;

/** Indicators: the catalogue, province comparisons and the provincial dashboard. */
export class IndicatorService {
  /**
   * The catalogue, after the once-a-day refresh of date-dependent figures, which every caller needs
   * first: one statement either way (the first time the refresh runs in a FROM subquery of the
   * catalogue's read; later statements see its writes).
   */
  async catalogue(manager: EntityManager): Promise<readonly Indicator[]> {
    if (definitions) {
      await manager.query(`SELECT indicator_refresh()`);
      return definitions;
    }
    const rows = (await manager.query(
      `SELECT d.* FROM (SELECT indicator_refresh() AS refreshed) r CROSS JOIN indicator_definitions d ORDER BY d.sort_order`,
    )) as Array<Record<string, unknown>>;
    definitions = rows.map((r) => Object.assign(new Indicator(), {
      code: r.code as string,
      name: r.name as string,
      nameEn: r.name_en as string,
      description: r.description as string,
      unit: r.unit as string,
      kind: r.kind as IndicatorKind,
      numeratorLabel: (r.numerator_label as string | null) ?? null,
      denominatorLabel: (r.denominator_label as string | null) ?? null,
      higherIsBetter: Boolean(r.higher_is_better),
      factCode: r.fact_code as string,
    }));
    return definitions;
  }

  async compare(ctx: RequestContext, input: CompareProvincesInput): Promise<ProvinceComparison> {
    const manager = await ctx.tx.manager();
    const catalogue = await this.catalogue(manager);
    const byCode = new Map(catalogue.map((i) => [i.code, i]));
    const codes = distinct(input.indicators ?? []);
    if (codes.length === 0) badFieldThrow('indicators', 'required', 'indicators must name at least one indicator code');
    const unknown = codes.filter((c) => !byCode.has(c));
    if (unknown.length > 0) badFieldThrow('indicators', 'exists', `unknown indicator code(s): ${unknown.join(', ')}`);
    const years = this.checkYears(input.years ?? [], 'years');
    const boundaries = input.boundaries ?? IndicatorBoundaries.CURRENT;
    const source = input.source ?? IndicatorSource.LIVE;
    const units = input.provinceCodes ? this.unitsOf(ctx, input.provinceCodes, boundaries) : null;

    const rows = await this.run(manager, { years, codes, units, boundaries, source });
    const ind = (code: string) => byCode.get(code)!;
    // Plain objects, one per cell, serve both lists: a ranked cell has every field of its place in
    // the ranking (rank, and a value, since only cells with a value are ranked). A national
    // comparison has some 1,700 cells; building them twice, as class instances, and sorting the
    // ranking here was a tenth of its server time (tests/bench Q4).
    const cells = rows.cells.map(([unitId, year, code, value, numerator, denominator, rank]) => ({
      province: ctx.provinces.byIdOrThrow(unitId), year, indicator: ind(code), value, numerator, denominator, rank,
    }));
    const ranking = rows.ranking.map((n) => cells[n] as IndicatorRank);
    const nationalTotals: IndicatorNationalTotal[] = rows.national.map((n) => ({
      indicator: ind(n.code), year: n.year, value: n.value, numerator: n.numerator, denominator: n.denominator,
    }));
    return { cells, ranking, nationalTotals, source, boundaries };
  }

  /** The caller's province (or `provinceCode`) in current boundaries, next to the national totals, for every indicator. */
  async provinceIndicators(ctx: RequestContext, year: number, provinceCode?: string | null): Promise<ProvinceIndicators> {
    this.checkYears([year], 'year');
    let provinceId: number;
    if (provinceCode) {
      const p = ctx.provinces.findByCode(provinceCode);
      if (!p) badFieldThrow('provinceCode', 'exists', `provinceCode ${provinceCode} is not the code of any province`);
      provinceId = p.mergedIntoId ?? p.id;
    } else {
      if (ctx.user?.provinceId == null) badFieldThrow('provinceCode', 'required', 'provinceCode is required for ministry users');
      provinceId = ctx.user.provinceId;
    }
    const manager = await ctx.tx.manager();
    const catalogue = await this.catalogue(manager);
    const rows = await this.run(manager, {
      years: [year], codes: catalogue.map((i) => i.code), units: [provinceId], boundaries: IndicatorBoundaries.CURRENT, source: IndicatorSource.LIVE,
    });
    const cells = new Map(rows.cells.map(([, , code, value, numerator, denominator]) => [code, { value, numerator, denominator }]));
    const national = new Map(rows.national.map((n) => [n.code, n]));
    return Object.assign(new ProvinceIndicators(), {
      province: ctx.provinces.byIdOrThrow(provinceId),
      year,
      values: catalogue.map((indicator) => {
        const c = cells.get(indicator.code);
        const n = national.get(indicator.code);
        return {
          indicator,
          value: c?.value ?? null,
          numerator: c?.numerator ?? null,
          denominator: c?.denominator ?? null,
          national: Object.assign(new IndicatorNationalTotal(), {
            indicator, year, value: n?.value ?? null, numerator: n?.numerator ?? null, denominator: n?.denominator ?? null,
          }),
        };
      }),
    });
  }

  private checkYears(years: number[], field: string): number[] {
    const list = distinct(years);
    if (list.length === 0) badFieldThrow(field, 'required', `${field} must name at least one year`);
    const bad = list.filter((y) => !Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR);
    if (bad.length > 0) badFieldThrow(field, 'range', `${field} must be between ${MIN_YEAR} and ${MAX_YEAR}; got ${bad.join(', ')}`);
    if (list.length > MAX_YEARS) badFieldThrow(field, 'maxSize', `${field} may name at most ${MAX_YEARS} years`);
    return list.sort((a, b) => a - b);
  }

  /** Province codes to the units shown: under CURRENT a merged province is shown within its successor. */
  private unitsOf(ctx: RequestContext, codes: string[], boundaries: IndicatorBoundaries): number[] {
    const unknown = codes.filter((c) => !ctx.provinces.findByCode(c));
    if (unknown.length > 0) badFieldThrow('provinceCodes', 'exists', `unknown province code(s): ${unknown.join(', ')}`);
    return distinct(codes.map((c) => {
      const p = ctx.provinces.findByCode(c)!;
      return boundaries === IndicatorBoundaries.CURRENT ? (p.mergedIntoId ?? p.id) : p.id;
    }));
  }

  /**
   * National totals in one statement, cells with their ranking in another, whatever the number of
   * provinces, years and indicators.
   *
   * Each province's figures go to a unit per year: itself, or its successor under CURRENT (always)
   * and under HISTORICAL (once it no longer existed on 1 January of that year). A unit sums the
   * numerators and denominators of its provinces, then divides. Provinces the caller may read give
   * live figures (or their submitted snapshot for SUBMITTED); others give only what they published.
   * A unit is shown only when every province that existed that year contributed, so a roll-up is
   * never partial.
   */
  private async run(manager: EntityManager, o: {
    years: number[]; codes: string[]; units: number[] | null; boundaries: IndicatorBoundaries; source: IndicatorSource;
  }): Promise<ComparisonRows> {
    const params = [o.years, o.codes, o.units, o.boundaries, o.source];
    // LIVE totals come from the delta-maintained national table (readable by every user); SUBMITTED
    // totals add up the submitted snapshots the caller may read (every province for the ministry),
    // so submitted and live figures are never mixed.
    const national = (await manager.query(
      o.source === IndicatorSource.SUBMITTED
        ? `SELECT y.year, d.code, coalesce(sum(v.numerator), 0) AS numerator,
             ${DENOMINATOR('d.kind', 'sum(v.denominator)')} AS denominator,
             ${VALUE('d.kind', 'coalesce(sum(v.numerator), 0)', 'sum(v.denominator)')} AS value
           FROM (SELECT DISTINCT unnest($1::int[]) AS year) y
           CROSS JOIN indicator_definitions d
           LEFT JOIN annual_report_values v ON v.year = y.year AND v.indicator_code = d.code
             AND EXISTS (SELECT 1 FROM annual_reports r WHERE r.id = v.report_id AND r.submitted_at IS NOT NULL)
           WHERE d.code = ANY($2::text[])
           GROUP BY y.year, d.code, d.kind, d.sort_order
           ORDER BY d.sort_order, y.year`
        : `SELECT y.year, d.code, coalesce(n.numerator, 0) AS numerator, ${DENOMINATOR('d.kind', 'x.den')} AS denominator,
             ${VALUE('d.kind', 'coalesce(n.numerator, 0)', 'x.den')} AS value
           FROM (SELECT DISTINCT unnest($1::int[]) AS year) y
           CROSS JOIN indicator_definitions d
           LEFT JOIN indicator_national n ON n.year = y.year AND n.indicator_code = d.fact_code
           CROSS JOIN LATERAL (SELECT CASE WHEN d.kind = 'PER_100K' THEN (SELECT sum(population) FROM provinces) / 100000.0
             ELSE coalesce(n.denominator, 0) END AS den) x
           WHERE d.code = ANY($2::text[])
           ORDER BY d.sort_order, y.year`,
      [o.years, o.codes],
    )) as Array<Record<string, unknown>>;
    // The cells are read last, so that the ~12,000 values parsed from them are not held across a
    // round trip (a garbage collection meanwhile would copy them).
    // They come back as one JSON array of arrays, which pg parses with JSON.parse: parsing some
    // 1,700 rows of 7 values field by field cost about 1.5 ms of a national comparison's 11 ms of
    // server time (tests/bench Q4, scale M). The ranking order comes with them, as positions.
    const [answer] = (await manager.query(
      `SELECT coalesce(json_agg(json_build_array(c.unit_id, c.year, c.code, c.value, c.numerator, c.denominator, c.rank)
           ORDER BY c.n), '[]') AS cells,
         coalesce(json_agg(c.n - 1 ORDER BY c.sort_order, c.year, c.rank, c.unit_id) FILTER (WHERE c.rank IS NOT NULL), '[]') AS ranking
       FROM (SELECT c.*, row_number() OVER (ORDER BY c.sort_order, c.year, c.unit_id) AS n FROM (${COMPARISON_CELLS_SQL}) c) c`,
      params,
    )) as Array<{ cells: CellTuple[]; ranking: number[] }>;
    return {
      cells: answer?.cells ?? [],
      ranking: answer?.ranking ?? [],
      national: national.map((r) => ({
        year: Number(r.year), code: String(r.code), value: num(r.value), numerator: num(r.numerator), denominator: num(r.denominator),
      })),
    };
  }
}
