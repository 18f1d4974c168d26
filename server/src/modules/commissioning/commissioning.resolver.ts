import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badField } from '../../common/errors';
import { Connection, ConnectionShape, pageOf } from '../../common/pagination';
import { CONNECTION_NODES, propertiesFor } from '../../common/selection';
import type { RequestContext } from '../../tenancy/request-context';
import { WRITER_ROLES } from '../../tenancy/roles';
import { Agency } from '../agencies/agency.entity';
import { AGENCY_PROJECTION, agencyWithDeletedReading } from '../agencies/agency.loaders';
import { MemberAssociation } from '../member-associations/member-association.entity';
import { MEMBER_ASSOCIATION_PROJECTION, memberAssociationReading } from '../member-associations/member-association.loaders';
import { Province } from '../provinces/province.entity';
import { User } from '../users/user.entity';
import { userById } from '../users/user.loaders';
import { CommissioningCheck } from './commissioning-check.entity';
import { CommissioningRequest, CommissioningStage } from './commissioning-request.entity';
import { COMMISSIONING_REQUEST_PROJECTION } from './commissioning-request.rows';
import { CommissioningTransition } from './commissioning-transition.entity';
import {
  checksByRequest, commissioningRequestById, researchAreaById, transitionsByRequest,
} from './commissioning.loaders';
import { allowedNextStages, CommissioningService } from './commissioning.service';
import {
  AddCommissioningCheckInput,
  CommissioningRequestFilter,
  CommissioningRequestSort,
  CreateCommissioningRequestInput,
  TransitionCommissioningRequestInput,
  UpdateCommissioningRequestInput,
} from './dto/commissioning.inputs';
import { ResearchArea, ResearchAreaKind } from './research-area.entity';

const CommissioningRequestConnection = Connection(CommissioningRequest, 'CommissioningRequest', 'commissioned S&T tasks');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Resolver(() => CommissioningRequest)
export class CommissioningRequestResolver {
  private readonly service = new CommissioningService();

  @Authorized()
  @Query(() => CommissioningRequestConnection, {
    description: 'Commissioned S&T tasks (nhiệm vụ KH&CN đặt hàng) you may see (your province and its predecessors; every province for the ministry); newest plan year first unless told otherwise.',
  })
  commissioningRequests(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
    @Arg('filter', () => CommissioningRequestFilter, { nullable: true, description: 'Conditions the tasks must meet.' }) filter?: CommissioningRequestFilter,
    @Arg('sort', () => CommissioningRequestSort, { nullable: true, description: 'Sort order; plan year descending when omitted.' }) sort?: CommissioningRequestSort,
  ): Promise<ConnectionShape<CommissioningRequest>> {
    return this.service.list(ctx, filter, sort, pageOf(first, after), propertiesFor(info, COMMISSIONING_REQUEST_PROJECTION, CONNECTION_NODES));
  }

  @Authorized()
  @Query(() => CommissioningRequest, { nullable: true, description: 'One commissioned task by id; null when it does not exist or is not yours to see.' })
  commissioningRequest(@Arg('id', () => ID, { description: 'The task id.' }) id: string, @Ctx() ctx: RequestContext): Promise<CommissioningRequest | null> {
    if (!UUID.test(id)) throw badField('id', 'isUuid', 'id must be an id returned by this API');
    return this.service.get(ctx, id);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => CommissioningRequest, { description: 'Records a research need to commission (đề xuất đặt hàng); the task starts at PROPOSED.' })
  createCommissioningRequest(@Arg('input', { description: 'The new task.' }) input: CreateCommissioningRequestInput, @Ctx() ctx: RequestContext): Promise<CommissioningRequest> {
    return this.service.create(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => CommissioningRequest, { description: 'Changes the details of a commissioned task, never its stage; fails with CONFLICT when `version` is stale.' })
  updateCommissioningRequest(@Arg('input', { description: 'The changes.' }) input: UpdateCommissioningRequestInput, @Ctx() ctx: RequestContext): Promise<CommissioningRequest> {
    return this.service.update(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => CommissioningRequest, {
    description: 'Moves a commissioned task to another stage (chuyển giai đoạn) along the workflow, recording the reason and date in its history; '
      + 'BAD_USER_INPUT on `toStage` for a move outside the workflow, on the missing field when the stage needs evidence; CONFLICT when `version` is stale.',
  })
  transitionCommissioningRequest(@Arg('input', { description: 'The move.' }) input: TransitionCommissioningRequestInput, @Ctx() ctx: RequestContext): Promise<CommissioningRequest> {
    return this.service.transition(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => CommissioningCheck, { description: 'Records a periodic progress check (kiểm tra, đánh giá định kỳ) of a task that is IN_PROGRESS.' })
  addCommissioningCheck(@Arg('input', { description: 'The check.' }) input: AddCommissioningCheckInput, @Ctx() ctx: RequestContext): Promise<CommissioningCheck> {
    return this.service.addCheck(ctx, input);
  }

  @FieldResolver(() => Province, { description: 'The province that owns the task.' })
  province(@Root() r: CommissioningRequest, @Ctx() ctx: RequestContext): Province {
    return ctx.provinces.byIdOrThrow(r.provinceId);
  }

  @FieldResolver(() => Agency, { description: 'The agency that commissions the task (cơ quan đặt hàng), e.g. a department.' })
  async requestingAgency(@Root() r: CommissioningRequest, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Agency> {
    const agency = await ctx.loaders.get(agencyWithDeletedReading(propertiesFor(info, AGENCY_PROJECTION))).load(r.requestingAgencyId);
    if (!agency) throw new Error(`agency ${r.requestingAgencyId} of commissioning request ${r.id} is not readable`);
    return agency;
  }

  @FieldResolver(() => ResearchArea, { description: 'Research area (lĩnh vực nghiên cứu).' })
  async researchArea(@Root() r: CommissioningRequest, @Ctx() ctx: RequestContext): Promise<ResearchArea> {
    const area = await ctx.loaders.get(researchAreaById).load(Number(r.researchAreaId));
    if (!area) throw new Error(`research area ${r.researchAreaId} is missing`);
    return area;
  }

  @FieldResolver(() => MemberAssociation, { nullable: true, description: 'The member association hosting the task, when assigneeKind is ASSOCIATION.' })
  assignedAssociation(@Root() r: CommissioningRequest, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<MemberAssociation | null> | null {
    if (!r.assignedAssociationId) return null;
    return ctx.loaders.get(memberAssociationReading(propertiesFor(info, MEMBER_ASSOCIATION_PROJECTION))).load(r.assignedAssociationId);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency applying the results in practice (đơn vị ứng dụng): the evidence of application.' })
  adoptingAgency(@Root() r: CommissioningRequest, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Agency | null> | null {
    return r.adoptingAgencyId ? ctx.loaders.get(agencyWithDeletedReading(propertiesFor(info, AGENCY_PROJECTION))).load(r.adoptingAgencyId) : null;
  }

  @FieldResolver(() => [CommissioningTransition], { description: 'Stage history (lịch sử giai đoạn), oldest first.' })
  history(@Root() r: CommissioningRequest, @Ctx() ctx: RequestContext): Promise<CommissioningTransition[]> {
    return ctx.loaders.get(transitionsByRequest).load(r.id);
  }

  @FieldResolver(() => [CommissioningCheck], { description: 'Periodic progress checks (kiểm tra định kỳ), by day checked.' })
  checks(@Root() r: CommissioningRequest, @Ctx() ctx: RequestContext): Promise<CommissioningCheck[]> {
    return ctx.loaders.get(checksByRequest).load(r.id);
  }

  @FieldResolver(() => [CommissioningStage], { description: 'Stages the task may move to next under the workflow; empty at a final stage.' })
  allowedNextStages(@Root() r: CommissioningRequest): CommissioningStage[] {
    return allowedNextStages(r.stage, r.acceptanceRating);
  }
}

@Resolver(() => CommissioningTransition)
export class CommissioningTransitionResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who recorded the move (người thực hiện); null when that user is not visible to you.' })
  actor(@Root() t: CommissioningTransition, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return t.actorId ? ctx.loaders.get(userById).load(t.actorId) : null;
  }
}

@Resolver(() => CommissioningCheck)
export class CommissioningCheckResolver {
  @FieldResolver(() => CommissioningRequest, { nullable: true, description: 'The task checked.' })
  request(@Root() c: CommissioningCheck, @Ctx() ctx: RequestContext): Promise<CommissioningRequest | null> {
    return ctx.loaders.get(commissioningRequestById).load(c.requestId);
  }
}

@Resolver(() => ResearchArea)
export class ResearchAreaResolver {
  private readonly service = new CommissioningService();

  @Authorized()
  @Query(() => [ResearchArea], { description: 'Research areas (lĩnh vực nghiên cứu): the national field classification and the priority needs; shared by every province.' })
  researchAreas(
    @Ctx() ctx: RequestContext,
    @Arg('kind', () => ResearchAreaKind, { nullable: true, description: 'Only fields or only priority needs; all when omitted.' }) kind?: ResearchAreaKind,
  ): Promise<ResearchArea[]> {
    return this.service.researchAreas(ctx, kind);
  }

  @FieldResolver(() => ResearchArea, { nullable: true, description: 'The broader area this one belongs to, if any.' })
  parent(@Root() a: ResearchArea, @Ctx() ctx: RequestContext): Promise<ResearchArea | null> | null {
    return a.parentId === null ? null : ctx.loaders.get(researchAreaById).load(Number(a.parentId));
  }
}
