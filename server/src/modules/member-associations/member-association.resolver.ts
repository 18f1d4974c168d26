import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionShape, pageOf } from '../../common/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { WRITER_ROLES } from '../../tenancy/roles';
import { Member } from '../members/member.entity';
import { childSelection, propertiesFor, propertiesOfNodes } from '../../common/selection';
import { currentMembersByAssociation, MEMBER_PROJECTION } from '../members/member.loaders';
import { Province } from '../provinces/province.entity';
import {
  CreateMemberAssociationInput,
  DeleteMemberAssociationInput,
  MemberAssociationFilter,
  MemberAssociationSort,
  UpdateMemberAssociationInput,
} from './dto/member-association.inputs';
import { MemberAssociation } from './member-association.entity';
import type { MembersAhead } from './member-association.loaders';
import { MemberAssociationService } from './member-association.service';

const MemberAssociationConnection = Connection(MemberAssociation, 'MemberAssociation', 'member associations');

/**
 * The `members` an association's selection asks for, worked out as the `members` field resolver
 * below does (same count, same properties, so the same loader), for reading them with the
 * association in one statement; null when they are not asked for or their `first` is refused
 * (the field resolver then says why).
 */
function membersAhead(info: GraphQLResolveInfo): MembersAhead | null {
  const child = childSelection(info, 'members');
  if (!child) return null;
  let first: number;
  try {
    first = pageOf(child.args.first as number | null | undefined, null).limit;
  } catch {
    return null;
  }
  return { first, properties: propertiesOfNodes(child.nodes, info.fragments, MEMBER_PROJECTION) };
}

@Resolver(() => MemberAssociation)
export class MemberAssociationResolver {
  private readonly service = new MemberAssociationService();

  @Authorized()
  @Query(() => MemberAssociationConnection, {
    description: 'Member associations you may see (your province and its predecessors; every province for the ministry), sorted by name unless told otherwise.',
  })
  memberAssociations(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
    @Arg('filter', () => MemberAssociationFilter, { nullable: true }) filter?: MemberAssociationFilter,
    @Arg('sort', () => MemberAssociationSort, { nullable: true }) sort?: MemberAssociationSort,
  ): Promise<ConnectionShape<MemberAssociation>> {
    return this.service.list(ctx, filter, sort, pageOf(first, after));
  }

  @Authorized()
  @Query(() => MemberAssociation, { nullable: true, description: 'One member association by id; null when it does not exist or is not yours to see.' })
  memberAssociation(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<MemberAssociation | null> {
    return this.service.get(ctx, id, membersAhead(info));
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => MemberAssociation, { description: 'Adds a member association to your province.' })
  createMemberAssociation(@Arg('input') input: CreateMemberAssociationInput, @Ctx() ctx: RequestContext): Promise<MemberAssociation> {
    return this.service.create(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => MemberAssociation, { description: 'Changes a member association; fails with CONFLICT when `version` is stale.' })
  updateMemberAssociation(@Arg('input') input: UpdateMemberAssociationInput, @Ctx() ctx: RequestContext): Promise<MemberAssociation> {
    return this.service.update(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => MemberAssociation, { description: 'Deletes a member association (soft: kept for the audit history).' })
  deleteMemberAssociation(@Arg('input') input: DeleteMemberAssociationInput, @Ctx() ctx: RequestContext): Promise<MemberAssociation> {
    return this.service.softDelete(ctx, input);
  }

  @FieldResolver(() => [Member], {
    description: 'Current members (hội viên đang sinh hoạt) of the association, longest-standing first: the first `first` (default 20, at most 100).',
  })
  members(
    @Root() a: MemberAssociation,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, { nullable: true, description: 'How many, 1 to 100 (default 20).' }) first?: number,
  ): Promise<Member[]> {
    return ctx.loaders.get(currentMembersByAssociation(pageOf(first, null).limit, propertiesFor(info, MEMBER_PROJECTION))).load(a.id);
  }

  @FieldResolver(() => Province, { description: 'The province that owns the association.' })
  province(@Root() a: MemberAssociation, @Ctx() ctx: RequestContext): Province {
    return ctx.provinces.byIdOrThrow(a.provinceId);
  }
}
