import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../tenancy/request-context';
import { Province } from './province.entity';

@Resolver(() => Province)
export class ProvinceResolver {
  @Query(() => [Province], { description: 'Every provincial unit, current and merged (reference data, public).' })
  provinces(@Ctx() ctx: RequestContext): Province[] {
    return ctx.provinces.all();
  }

  @Query(() => Province, { nullable: true, description: 'One province by its official code, e.g. "75".' })
  province(@Arg('code', { description: 'Official two-digit code.' }) code: string, @Ctx() ctx: RequestContext): Province | undefined {
    return ctx.provinces.findByCode(code);
  }

  @FieldResolver(() => Province, { nullable: true, description: 'The unit this province was merged into (sáp nhập vào), if any.' })
  mergedInto(@Root() p: Province, @Ctx() ctx: RequestContext): Province | null {
    return p.mergedIntoId === null ? null : ctx.provinces.byIdOrThrow(p.mergedIntoId);
  }

  @FieldResolver(() => [Province], { description: 'Former provinces merged into this one.' })
  predecessors(@Root() p: Province, @Ctx() ctx: RequestContext): Province[] {
    return ctx.provinces.predecessorsOf(p.id);
  }
}
