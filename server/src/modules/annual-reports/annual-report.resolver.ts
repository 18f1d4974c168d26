import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionShape, pageOf } from '../../common/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { Role } from '../../tenancy/roles';
import { Province } from '../provinces/province.entity';
import { AnnualReport, AnnualReportFigure } from './annual-report.entity';
import { AnnualReportService } from './annual-report.service';
import {
  AnnualFiguresFilter, AnnualReportFilter, PrepareAnnualReportInput, PublishAnnualReportInput, ReopenAnnualReportInput,
  SubmitAnnualReportInput,
} from './dto/annual-report.inputs';

const AnnualReportConnection = Connection(AnnualReport, 'AnnualReport', 'annual reports');

/** Only the province administrator prepares, submits, reopens and publishes its report. */
const ADMIN = [Role.PROVINCE_ADMIN];

@Resolver(() => AnnualReport)
export class AnnualReportResolver {
  private readonly service = new AnnualReportService();

  @Authorized()
  @Query(() => AnnualReport, {
    nullable: true,
    description: "The annual report of a year (báo cáo năm): your province's unless `provinceCode` names another one you may read; null when none was prepared or it is not yours to see.",
  })
  annualReport(
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int, { description: 'Year reported on.' }) year: number,
    @Arg('provinceCode', () => String, { nullable: true, description: 'Province (official code); required for ministry users.' }) provinceCode?: string,
  ): Promise<AnnualReport | null> {
    return this.service.get(ctx, year, provinceCode);
  }

  @Authorized()
  @Query(() => AnnualReportConnection, {
    description: 'Annual reports you may see (your province and predecessors, published ones of others; all for the ministry), newest year first, with submission status and timeliness.',
  })
  annualReports(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AnnualReportFilter, { nullable: true, description: 'Year, province and status.' }) filter?: AnnualReportFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
  ): Promise<ConnectionShape<AnnualReport>> {
    return this.service.list(ctx, filter, pageOf(first, after));
  }

  @Authorized()
  @Query(() => [AnnualReportFigure], {
    description: 'Figures of a year across provinces for comparison (so sánh giữa các tỉnh): only submitted snapshots, or live figures of the provinces you may read; each labelled with its source.',
  })
  annualFigures(@Arg('filter', () => AnnualFiguresFilter, { description: 'Year, source and provinces.' }) filter: AnnualFiguresFilter, @Ctx() ctx: RequestContext): Promise<AnnualReportFigure[]> {
    return this.service.compare(ctx, filter);
  }

  @Authorized(ADMIN)
  @Mutation(() => AnnualReport, { description: 'Creates the draft report of a year, or refreshes it (notes, preparer); its figures are a live preview. Refused once submitted.' })
  prepareAnnualReport(@Arg('input', { description: 'Year, province, notes.' }) input: PrepareAnnualReportInput, @Ctx() ctx: RequestContext): Promise<AnnualReport> {
    return this.service.prepare(ctx, input);
  }

  @Authorized(ADMIN)
  @Mutation(() => AnnualReport, { description: "Submits the report: today's live figures become its snapshot and the province's records of that year are locked. CONFLICT when `version` is stale." })
  submitAnnualReport(@Arg('input', { description: 'Which report, at which version.' }) input: SubmitAnnualReportInput, @Ctx() ctx: RequestContext): Promise<AnnualReport> {
    return this.service.submit(ctx, input);
  }

  @Authorized(ADMIN)
  @Mutation(() => AnnualReport, { description: 'Reopens a submitted report so its year can be corrected (audited with the reason); the last snapshot is kept until the next submission.' })
  reopenAnnualReport(@Arg('input', { description: 'Which report, at which version, and why.' }) input: ReopenAnnualReportInput, @Ctx() ctx: RequestContext): Promise<AnnualReport> {
    return this.service.reopen(ctx, input);
  }

  @Authorized(ADMIN)
  @Mutation(() => AnnualReport, { description: 'Lets other provinces read the report and its submitted figures, or withdraws that.' })
  publishAnnualReport(@Arg('input', { description: 'Which report, at which version, published or not.' }) input: PublishAnnualReportInput, @Ctx() ctx: RequestContext): Promise<AnnualReport> {
    return this.service.publish(ctx, input);
  }

  @FieldResolver(() => Province, { description: 'The province reporting.' })
  province(@Root() r: AnnualReport, @Ctx() ctx: RequestContext): Province {
    return ctx.provinces.byIdOrThrow(r.provinceId);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'True when first submitted on or before the due date (nộp đúng hạn); null while never submitted.' })
  onTime(@Root() r: AnnualReport): boolean | null {
    return this.service.onTime(r);
  }

  @FieldResolver(() => Int, { description: 'Days after the due date (số ngày trễ): of the first submission, or up to today while never submitted; 0 when on time.' })
  daysLate(@Root() r: AnnualReport): number {
    return this.service.daysLate(r);
  }

  @FieldResolver(() => [AnnualReportFigure], { description: 'The figures (số liệu): the submitted snapshot once submitted, otherwise a live preview; each says which.' })
  figures(@Root() r: AnnualReport, @Ctx() ctx: RequestContext): Promise<AnnualReportFigure[]> {
    return this.service.figures(ctx, r);
  }

  @FieldResolver(() => [AnnualReportFigure], { description: 'The last submitted snapshot (số liệu đã nộp), also while reopened; empty before the first submission.' })
  submittedFigures(@Root() r: AnnualReport, @Ctx() ctx: RequestContext): Promise<AnnualReportFigure[]> {
    return this.service.submittedFigures(ctx, r);
  }
}
