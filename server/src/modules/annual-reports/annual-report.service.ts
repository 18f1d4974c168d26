import type { EntityManager } from 'typeorm';
import { conflict, notFound } from '../../common/errors';
import { badFieldThrow, clean, isUuid, provinceIdOf, today } from '../../common/input-rules';
import { ConnectionShape, Page, toConnection } from '../../common/pagination';
import { pgError, PG_UNIQUE_VIOLATION, returnedRows, rowToEntity } from '../../common/rows';
import type { RequestContext } from '../../tenancy/request-context';
import { targetProvince } from '../../tenancy/target-province';
import { recordAudit } from '../audit/audit.service';
import type { Province } from '../provinces/province.entity';
import { snapshotByReport, liveByProvinceYear } from './annual-report.loaders';
import { AnnualReport, AnnualReportFigure, AnnualReportStatus, FigureSource } from './annual-report.entity';
import {
  AnnualFiguresFilter, AnnualReportFilter, PrepareAnnualReportInput, PublishAnnualReportInput, ReopenAnnualReportInput,
  SubmitAnnualReportInput,
} from './dto/annual-report.inputs';
import { IndicatorCell, labelOf, liveFigures, loadLabels } from './figures';

const ENTITY = 'AnnualReport';
const LABEL = 'Annual report';

type Row = Record<string, unknown>;

export interface ReportDocument {
  province: Province;
  year: number;
  report: AnnualReport | null;
  figures: AnnualReportFigure[];
  /** The database's today (Vietnam), for the document's date while not submitted. */
  today: string;
}

/** Report columns plus what timeliness needs: the first submission's day in Vietnam and the database's today. */
const COLUMNS = `r.*, (r.first_submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS first_submitted_on, app_today()::text AS today`;

export function toReport(manager: EntityManager, row: Row): AnnualReport {
  const report = rowToEntity(manager, AnnualReport, row);
  report.firstSubmittedOn = (row.first_submitted_on as string | null | undefined) ?? null;
  report.today = row.today as string | undefined;
  return report;
}

const rank = (code: string) => labelOf(code).order;

/** Labels the cells (call loadLabels first), in the catalogue's order. */
export function toFigures(ctx: RequestContext, cells: IndicatorCell[], source: FigureSource): AnnualReportFigure[] {
  return [...cells]
    .sort((a, b) => a.provinceId - b.provinceId || a.year - b.year || rank(a.indicatorCode) - rank(b.indicatorCode)
      || a.indicatorCode.localeCompare(b.indicatorCode))
    .map((c) => ({
      name: labelOf(c.indicatorCode).name,
      nameEn: labelOf(c.indicatorCode).nameEn,
      unit: labelOf(c.indicatorCode).unit,
      indicatorCode: c.indicatorCode,
      year: c.year,
      provinceCode: ctx.provinces.byIdOrThrow(c.provinceId).code,
      numerator: c.numerator,
      denominator: c.denominator,
      value: c.value,
      source,
    }));
}

/** Days between two ISO dates (b - a). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export class AnnualReportService {
  /** True when the caller may read the province's live records (own province, predecessors, ministry). */
  canReadLive(ctx: RequestContext, provinceId: number): boolean {
    return ctx.scope.readAll || ctx.scope.provinceIds.includes(provinceId);
  }

  async get(ctx: RequestContext, year: number, provinceCode: string | undefined | null): Promise<AnnualReport | null> {
    const provinceId = this.provinceOf(ctx, provinceCode);
    const manager = await ctx.tx.manager();
    const [row] = (await manager.query(
      `SELECT ${COLUMNS} FROM annual_reports r WHERE r.province_id = $1 AND r.year = $2`, [provinceId, year])) as Row[];
    return row ? toReport(manager, row) : null;
  }

  async list(ctx: RequestContext, filter: AnnualReportFilter | undefined, page: Page): Promise<ConnectionShape<AnnualReport>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter?.year) {
      params.push(filter.year);
      where.push(`r.year = $${params.length}`);
    }
    if (filter?.provinceCode) {
      params.push(provinceIdOf(ctx, filter.provinceCode));
      where.push(`r.province_id = $${params.length}`);
    }
    if (filter?.status) {
      params.push(filter.status);
      where.push(`r.status = $${params.length}`);
    }
    params.push(page.limit, page.offset);
    const manager = await ctx.tx.manager();
    const rows = (await manager.query(
      `SELECT ${COLUMNS}, count(*) OVER () AS total_count FROM annual_reports r
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY r.year DESC, r.province_id, r.id
       LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as Row[];
    const total = rows.length > 0 ? Number(rows[0].total_count) : 0;
    return toConnection(rows.map((r) => toReport(manager, r)), total, page);
  }

  /**
   * The figures shown with a report: the snapshot once submitted; otherwise the live preview. Live
   * records of a province the caller may not read are invisible (RLS), so a published report of
   * another province shows its last snapshot only.
   */
  async figures(ctx: RequestContext, report: AnnualReport): Promise<AnnualReportFigure[]> {
    await loadLabels(await ctx.tx.manager());
    if (report.status === AnnualReportStatus.SUBMITTED || !this.canReadLive(ctx, report.provinceId)) {
      return toFigures(ctx, await ctx.loaders.get(snapshotByReport).load(report.id), FigureSource.SUBMITTED);
    }
    return toFigures(ctx, await ctx.loaders.get(liveByProvinceYear).load(`${report.provinceId}:${report.year}`), FigureSource.LIVE);
  }

  /** The last submitted snapshot, also while the report is reopened. */
  async submittedFigures(ctx: RequestContext, report: AnnualReport): Promise<AnnualReportFigure[]> {
    await loadLabels(await ctx.tx.manager());
    return toFigures(ctx, await ctx.loaders.get(snapshotByReport).load(report.id), FigureSource.SUBMITTED);
  }

  /** Figures of many provinces for one year, submitted snapshots or live, for comparison. */
  async compare(ctx: RequestContext, filter: AnnualFiguresFilter): Promise<AnnualReportFigure[]> {
    const asked = filter.provinceCodes?.map((code) => provinceIdOf(ctx, code));
    const manager = await ctx.tx.manager();
    await loadLabels(manager);
    if (filter.source === FigureSource.SUBMITTED) {
      const rows = (await manager.query(
        `SELECT v.province_id, v.year, v.indicator_code, v.numerator, v.denominator, v.value
         FROM annual_report_values v WHERE v.year = $1 AND ($2::smallint[] IS NULL OR v.province_id = ANY($2::smallint[]))`,
        [filter.year, asked ?? null],
      )) as Row[];
      return toFigures(ctx, rows.map((r) => ({
        provinceId: Number(r.province_id), year: Number(r.year), indicatorCode: String(r.indicator_code),
        numerator: r.numerator === null ? null : Number(r.numerator),
        denominator: r.denominator === null ? null : Number(r.denominator),
        value: r.value === null ? null : Number(r.value),
      })), FigureSource.SUBMITTED);
    }
    // Live figures only where the caller may read the records: elsewhere RLS would show zeros.
    const readable = (asked ?? ctx.provinces.all().map((p) => p.id)).filter((id) => this.canReadLive(ctx, id));
    return toFigures(ctx, await liveFigures(manager, { years: [filter.year], provinceIds: readable }), FigureSource.LIVE);
  }

  /** On time: first submitted on or before the due day; null while never submitted. */
  onTime(report: AnnualReport): boolean | null {
    return report.firstSubmittedOn ? report.firstSubmittedOn <= String(report.dueOn) : null;
  }

  /** Days after the due day: of the first submission, or of today while never submitted. */
  daysLate(report: AnnualReport): number {
    const end = report.firstSubmittedOn ?? report.today ?? today();
    return Math.max(0, daysBetween(String(report.dueOn), end));
  }

  async prepare(ctx: RequestContext, raw: PrepareAnnualReportInput): Promise<AnnualReport> {
    const input = clean(raw, []);
    const provinceId = targetProvince(ctx, input.provinceCode);
    const manager = await ctx.tx.manager();
    const [{ year: thisYear }] = (await manager.query(`SELECT extract(year FROM app_today())::int AS year`)) as Array<{ year: number }>;
    if (input.year > thisYear) badFieldThrow('year', 'notInFuture', `year must not be after ${thisYear}`);
    const [current] = (await manager.query(
      `SELECT * FROM annual_reports WHERE province_id = $1 AND year = $2 AND app_can_write(province_id) FOR UPDATE`,
      [provinceId, input.year],
    )) as Row[];
    let after: Row;
    if (current) {
      if (current.status === AnnualReportStatus.SUBMITTED) {
        badFieldThrow('year', 'notSubmitted', `the report of ${input.year} is already submitted; reopen it to prepare it again`);
      }
      [after] = returnedRows(await manager.query(
        `UPDATE annual_reports SET notes = CASE WHEN $2 THEN $3 ELSE notes END, prepared_at = now(), prepared_by = app_user_id(),
           version = version + 1, updated_at = now()
         WHERE id = $1 RETURNING *`,
        [current.id, input.notes !== undefined, input.notes ?? null],
      ));
    } else {
      [after] = returnedRows(await manager.query(
        `INSERT INTO annual_reports (province_id, year, due_on, notes, prepared_at, prepared_by)
         VALUES ($1, $2::int, make_date($2::int, 11, 15), $3, now(), app_user_id()) RETURNING *`,
        [provinceId, input.year, input.notes ?? null],
      ).catch((e: unknown) => {
        // Two first prepares of the same year at once: the later one reloads and retries.
        if (pgError(e).code === PG_UNIQUE_VIOLATION) throw conflict(LABEL);
        throw e;
      }));
    }
    await recordAudit(manager, ctx, {
      action: 'PREPARE', entityType: ENTITY, entityId: after.id as string, provinceId, before: current ?? null, after,
    });
    return this.reload(manager, after.id as string);
  }

  async submit(ctx: RequestContext, input: SubmitAnnualReportInput): Promise<AnnualReport> {
    const manager = await ctx.tx.manager();
    const before = await this.lockCurrent(manager, input.id, input.version);
    if (before.status === AnnualReportStatus.SUBMITTED) badFieldThrow('id', 'notSubmitted', 'the report is already submitted');
    const provinceId = before.province_id as number;
    const year = before.year as number;
    // The report row is locked FOR UPDATE: writers of this province and year wait (the lock
    // trigger takes FOR KEY SHARE), so the snapshot is exactly what the year holds at commit.
    const cells = await liveFigures(manager, { years: [year], provinceIds: [provinceId] });
    await manager.query(`DELETE FROM annual_report_values WHERE report_id = $1`, [input.id]);
    if (cells.length > 0) {
      await manager.query(
        `INSERT INTO annual_report_values (province_id, report_id, year, indicator_code, numerator, denominator, value, published)
         SELECT $1, $2, $3, c.code, c.numerator, c.denominator, c.value, $8
         FROM unnest($4::text[], $5::numeric[], $6::numeric[], $7::numeric[]) AS c(code, numerator, denominator, value)`,
        [provinceId, input.id, year, cells.map((c) => c.indicatorCode), cells.map((c) => c.numerator),
          cells.map((c) => c.denominator), cells.map((c) => c.value), before.published],
      );
    }
    const [after] = returnedRows(await manager.query(
      `UPDATE annual_reports SET status = 'SUBMITTED', submitted_at = now(), submitted_by = app_user_id(),
         first_submitted_at = coalesce(first_submitted_at, now()), version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING *`,
      [input.id],
    ));
    await recordAudit(manager, ctx, {
      action: 'SUBMIT', entityType: ENTITY, entityId: input.id, provinceId, before, after: { ...after, figures: cells },
    });
    return this.reload(manager, input.id);
  }

  async reopen(ctx: RequestContext, raw: ReopenAnnualReportInput): Promise<AnnualReport> {
    const input = clean(raw, ['reason']);
    if (input.reason.length < 10) badFieldThrow('reason', 'length', 'reason must be 10 to 2000 characters');
    const manager = await ctx.tx.manager();
    const before = await this.lockCurrent(manager, input.id, input.version);
    if (before.status !== AnnualReportStatus.SUBMITTED) badFieldThrow('id', 'isSubmitted', 'only a submitted report can be reopened');
    const [after] = returnedRows(await manager.query(
      `UPDATE annual_reports SET status = 'REOPENED', reopened_at = now(), reopened_by = app_user_id(), reopen_reason = $2,
         version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING *`,
      [input.id, input.reason],
    ));
    await recordAudit(manager, ctx, {
      action: 'REOPEN', entityType: ENTITY, entityId: input.id, provinceId: before.province_id as number, before, after,
    });
    return this.reload(manager, input.id);
  }

  async publish(ctx: RequestContext, input: PublishAnnualReportInput): Promise<AnnualReport> {
    const manager = await ctx.tx.manager();
    const before = await this.lockCurrent(manager, input.id, input.version);
    const [after] = returnedRows(await manager.query(
      `UPDATE annual_reports SET published = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
      [input.id, input.published],
    ));
    await manager.query(`UPDATE annual_report_values SET published = $2 WHERE report_id = $1`, [input.id, input.published]);
    await recordAudit(manager, ctx, {
      action: input.published ? 'PUBLISH' : 'UNPUBLISH', entityType: ENTITY, entityId: input.id,
      provinceId: before.province_id as number, before, after,
    });
    return this.reload(manager, input.id);
  }

  /**
   * What a downloaded report shows: the report (if prepared) with its figures, or the live figures
   * of a province the caller may read. Null when the caller may see neither (404, so a download
   * never confirms another province's unpublished report exists).
   */
  async document(ctx: RequestContext, provinceCode: string, year: number): Promise<ReportDocument | null> {
    const province = ctx.provinces.findByCode(provinceCode);
    if (!province) return null;
    const report = await this.get(ctx, year, provinceCode);
    const readable = this.canReadLive(ctx, province.id);
    if (!report && !readable) return null;
    await loadLabels(await ctx.tx.manager());
    let figures: AnnualReportFigure[];
    if (report) figures = await this.figures(ctx, report);
    else {
      const manager = await ctx.tx.manager();
      figures = toFigures(ctx, await liveFigures(manager, { years: [year], provinceIds: [province.id] }), FigureSource.LIVE);
    }
    const manager = await ctx.tx.manager();
    const [{ today: dbDay }] = (await manager.query(`SELECT app_today()::text AS today`)) as Array<{ today: string }>;
    return { province, year, report, figures, today: dbDay };
  }

  /** The province a query names, or the caller's own; the ministry must name one. */
  provinceOf(ctx: RequestContext, provinceCode: string | undefined | null): number {
    if (provinceCode) return provinceIdOf(ctx, provinceCode);
    const home = ctx.user?.provinceId;
    if (home === null || home === undefined) badFieldThrow('provinceCode', 'isDefined', 'provinceCode is required for ministry users');
    return home;
  }

  private async reload(manager: EntityManager, id: string): Promise<AnnualReport> {
    const [row] = (await manager.query(`SELECT ${COLUMNS} FROM annual_reports r WHERE r.id = $1`, [id])) as Row[];
    return toReport(manager, row);
  }

  /**
   * Locks the report and checks the version the caller read. Reports of provinces the caller may
   * not write are invisible here, so they are NOT_FOUND, never CONFLICT.
   */
  private async lockCurrent(manager: EntityManager, id: string, version: number): Promise<Row> {
    if (!isUuid(id)) throw notFound(LABEL);
    const rows = (await manager.query(
      `SELECT * FROM annual_reports WHERE id = $1 AND app_can_write(province_id) FOR UPDATE`, [id])) as Row[];
    if (rows.length === 0) throw notFound(LABEL);
    if (rows[0].version !== version) throw conflict(LABEL);
    return rows[0];
  }
}
