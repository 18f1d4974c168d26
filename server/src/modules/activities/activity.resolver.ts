import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badField } from '../../common/errors';
import { Connection, ConnectionShape, pageOf } from '../../common/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { WRITER_ROLES } from '../../tenancy/roles';
import { Agency } from '../agencies/agency.entity';
import { agencyById } from '../agencies/agency.loaders';
import { MemberAssociation } from '../member-associations/member-association.entity';
import { memberAssociationById } from '../member-associations/member-association.loaders';
import { Province } from '../provinces/province.entity';
import { DirectiveTask } from '../directives/directive-task.entity';
import { directiveTaskById } from '../directives/directives.loaders';
import { Activity } from './activity.entity';
import { ActivityService } from './activity.service';
import { ActivityFilter, ActivitySort, CreateActivityInput, DeleteActivityInput, UpdateActivityInput } from './dto/activity.inputs';

const ActivityConnection = Connection(Activity, 'Activity', 'activities');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Resolver(() => Activity)
export class ActivityResolver {
  private readonly service = new ActivityService();

  @Authorized()
  @Query(() => ActivityConnection, {
    description: 'Professional activities (hoạt động chuyên môn) you may see (your province and its predecessors; every province for the ministry), most recent first unless told otherwise.',
  })
  activities(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
    @Arg('filter', () => ActivityFilter, { nullable: true, description: 'Conditions the activities must meet.' }) filter?: ActivityFilter,
    @Arg('sort', () => ActivitySort, { nullable: true, description: 'Sort order; day held descending when omitted.' }) sort?: ActivitySort,
  ): Promise<ConnectionShape<Activity>> {
    return this.service.list(ctx, filter, sort, pageOf(first, after));
  }

  @Authorized()
  @Query(() => Activity, { nullable: true, description: 'One activity by id; null when it does not exist or is not yours to see.' })
  activity(@Arg('id', () => ID, { description: 'The activity id.' }) id: string, @Ctx() ctx: RequestContext): Promise<Activity | null> {
    if (!UUID.test(id)) throw badField('id', 'isUuid', 'id must be an id returned by this API');
    return this.service.get(ctx, id);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => Activity, { description: 'Records an activity in your province.' })
  createActivity(@Arg('input', { description: 'The new activity.' }) input: CreateActivityInput, @Ctx() ctx: RequestContext): Promise<Activity> {
    return this.service.create(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => Activity, { description: 'Changes an activity; fails with CONFLICT when `version` is stale.' })
  updateActivity(@Arg('input', { description: 'The changes.' }) input: UpdateActivityInput, @Ctx() ctx: RequestContext): Promise<Activity> {
    return this.service.update(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => Activity, { description: 'Deletes an activity (soft: kept for the audit history).' })
  deleteActivity(@Arg('input', { description: 'Which activity.' }) input: DeleteActivityInput, @Ctx() ctx: RequestContext): Promise<Activity> {
    return this.service.softDelete(ctx, input);
  }

  @FieldResolver(() => Province, { description: 'The province that owns the activity.' })
  province(@Root() a: Activity, @Ctx() ctx: RequestContext): Province {
    return ctx.provinces.byIdOrThrow(a.provinceId);
  }

  @FieldResolver(() => MemberAssociation, { nullable: true, description: 'The organising member association (hội chủ trì); null when the Union itself organised it.' })
  organizerAssociation(@Root() a: Activity, @Ctx() ctx: RequestContext): Promise<MemberAssociation | null> | null {
    return a.organizerAssociationId ? ctx.loaders.get(memberAssociationById).load(a.organizerAssociationId) : null;
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency that drafted the document consulted on or critiqued (cơ quan soạn thảo).' })
  draftingAgency(@Root() a: Activity, @Ctx() ctx: RequestContext): Promise<Agency | null> | null {
    return a.draftingAgencyId ? ctx.loaders.get(agencyById).load(a.draftingAgencyId) : null;
  }

  @FieldResolver(() => DirectiveTask, { nullable: true, description: 'The directive task this activity fulfils (nhiệm vụ được giao), if any.' })
  directiveTask(@Root() a: Activity, @Ctx() ctx: RequestContext): Promise<DirectiveTask | null> | null {
    return a.directiveTaskId ? ctx.loaders.get(directiveTaskById).load(a.directiveTaskId) : null;
  }
}
