import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionShape, pageOf } from '../../common/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { WRITER_ROLES } from '../../tenancy/roles';
import { Province } from '../provinces/province.entity';
import { Agency } from './agency.entity';
import { agencyById, agencyChildren } from './agency.loaders';
import { AgencyService } from './agency.service';
import { AgencyFilter, AgencySort, CreateAgencyInput, DeleteAgencyInput, UpdateAgencyInput } from './dto/agency.inputs';

const AgencyConnection = Connection(Agency, 'Agency', 'agencies and units (cơ quan, đơn vị)');

@Resolver(() => Agency)
export class AgencyResolver {
  private readonly service = new AgencyService();

  @Authorized()
  @Query(() => AgencyConnection, {
    description: 'Agencies and units (cơ quan, đơn vị) you may see (your province and its predecessors; every province for the ministry), sorted by name in Vietnamese order unless told otherwise.',
  })
  agencies(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
    @Arg('filter', () => AgencyFilter, { nullable: true, description: 'Which agencies (bộ lọc).' }) filter?: AgencyFilter,
    @Arg('sort', () => AgencySort, { nullable: true, description: 'Sort order (sắp xếp); by name when omitted.' }) sort?: AgencySort,
  ): Promise<ConnectionShape<Agency>> {
    return this.service.list(ctx, filter, sort, pageOf(first, after));
  }

  @Authorized()
  @Query(() => Agency, { nullable: true, description: 'One agency (cơ quan, đơn vị) by id; null when it does not exist or is not yours to see.' })
  agency(@Arg('id', () => ID, { description: 'The agency id.' }) id: string, @Ctx() ctx: RequestContext): Promise<Agency | null> {
    return this.service.get(ctx, id);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => Agency, { description: 'Adds an agency or unit (thêm cơ quan, đơn vị) to your province, optionally under a parent agency.' })
  createAgency(@Arg('input', { description: 'The new agency.' }) input: CreateAgencyInput, @Ctx() ctx: RequestContext): Promise<Agency> {
    return this.service.create(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => Agency, { description: 'Changes an agency (sửa cơ quan, đơn vị); fails with CONFLICT when `version` is stale.' })
  updateAgency(@Arg('input', { description: 'The changes.' }) input: UpdateAgencyInput, @Ctx() ctx: RequestContext): Promise<Agency> {
    return this.service.update(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => Agency, {
    description: 'Deletes an agency (xóa cơ quan, đơn vị; soft: kept for the audit history). Refused while it has live sub-units or is named by live records.',
  })
  deleteAgency(@Arg('input', { description: 'Which agency.' }) input: DeleteAgencyInput, @Ctx() ctx: RequestContext): Promise<Agency> {
    return this.service.softDelete(ctx, input);
  }

  @FieldResolver(() => Province, { description: 'The province that owns the agency (tỉnh).' })
  province(@Root() a: Agency, @Ctx() ctx: RequestContext): Province {
    return ctx.provinces.byIdOrThrow(a.provinceId);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The parent agency (cơ quan cấp trên); null for a top-level agency.' })
  async parent(@Root() a: Agency, @Ctx() ctx: RequestContext): Promise<Agency | null> {
    return a.parentId ? ctx.loaders.get(agencyById).load(a.parentId) : null;
  }

  @FieldResolver(() => [Agency], { description: 'Direct sub-units (đơn vị trực thuộc), by name.' })
  children(@Root() a: Agency, @Ctx() ctx: RequestContext): Promise<Agency[]> {
    return ctx.loaders.get(agencyChildren).load(a.id);
  }
}
