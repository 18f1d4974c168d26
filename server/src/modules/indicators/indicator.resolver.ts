import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../tenancy/request-context';
import { CompareProvincesInput, Indicator, ProvinceComparison, ProvinceIndicators } from './dto/indicator.types';
import { IndicatorService } from './indicator.service';

@Resolver()
export class IndicatorResolver {
  private readonly service = new IndicatorService();

  @Authorized()
  @Query(() => [Indicator], { description: 'The indicator catalogue (danh mục chỉ tiêu), in display order.' })
  async indicators(@Ctx() ctx: RequestContext): Promise<Indicator[]> {
    // A copy: the catalogue itself is shared by every request of the process.
    return [...(await this.service.catalogue(await ctx.tx.manager()))];
  }

  @Authorized()
  @Query(() => ProvinceComparison, {
    description: 'Compares provinces (so sánh giữa các tỉnh) on indicators and years, with a ranking and national totals. Ministry users see every province; provincial users see their own (with predecessors), provinces that published their report, and the national totals.',
  })
  compareProvinces(@Arg('input', () => CompareProvincesInput) input: CompareProvincesInput, @Ctx() ctx: RequestContext): Promise<ProvinceComparison> {
    return this.service.compare(ctx, input);
  }

  @Authorized()
  @Query(() => ProvinceIndicators, {
    description: "Every indicator of a province for a year next to the national totals (bảng chỉ tiêu của tỉnh): your province unless `provinceCode` names another (required for ministry users).",
  })
  provinceIndicators(
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int, { description: 'The year (năm), 2000 to 2100.' }) year: number,
    @Arg('provinceCode', () => String, { nullable: true, description: 'Province code (mã tỉnh); defaults to your province.' }) provinceCode?: string | null,
  ): Promise<ProvinceIndicators> {
    return this.service.provinceIndicators(ctx, year, provinceCode);
  }
}
