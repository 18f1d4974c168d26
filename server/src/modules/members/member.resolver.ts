import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionShape, pageOf } from '../../common/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { WRITER_ROLES } from '../../tenancy/roles';
import { MemberAssociation } from '../member-associations/member-association.entity';
import { memberAssociationById } from '../member-associations/member-association.loaders';
import { today } from '../../common/input-rules';
import { Province } from '../provinces/province.entity';
import {
  AddMembershipInput, CreateMemberInput, DeleteMemberInput, EndMembershipInput, MemberFilter, MemberSort, MemberStatsFilter, UpdateMemberInput,
} from './dto/member.inputs';
import { Member, MemberKind, Membership, MemberStats } from './member.entity';
import { memberByIdWithDeleted, membershipsByMember } from './member.loaders';
import { MemberService, seesPersonalData } from './member.service';

const MemberConnection = Connection(Member, 'Member', 'members (hội viên)');

/** Personal data of an individual member, for province admins and editors only; organisations' data is not personal. */
function personal<T>(m: Member, ctx: RequestContext, value: T): T | null {
  return m.kind === MemberKind.COLLECTIVE || seesPersonalData(ctx) ? value : null;
}

@Resolver(() => Member)
export class MemberResolver {
  private readonly service = new MemberService();

  @Authorized()
  @Query(() => MemberConnection, {
    description: 'Members (hội viên) you may see (your province and its predecessors; every province for the ministry), sorted by name unless told otherwise. '
      + 'Personal data of individuals is null unless you are a province admin or editor.',
  })
  members(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
    @Arg('filter', () => MemberFilter, { nullable: true, description: 'Which members (bộ lọc).' }) filter?: MemberFilter,
    @Arg('sort', () => MemberSort, { nullable: true, description: 'Sort order (sắp xếp); by name when omitted.' }) sort?: MemberSort,
  ): Promise<ConnectionShape<Member>> {
    return this.service.list(ctx, filter, sort, pageOf(first, after));
  }

  @Authorized()
  @Query(() => Member, { nullable: true, description: 'One member (hội viên) by id; null when it does not exist or is not yours to see.' })
  member(@Arg('id', () => ID, { description: 'The member id.' }) id: string, @Ctx() ctx: RequestContext): Promise<Member | null> {
    return this.service.get(ctx, id);
  }

  @Authorized()
  @Query(() => MemberStats, {
    description: 'Member counts (thống kê hội viên) on a day, over the provinces you may see. A person in two associations counts once as a member and twice as memberships. '
      + 'Open to every logged-in user: counts are not personal data.',
  })
  memberStats(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => MemberStatsFilter, { nullable: true, description: 'What to count; everything you may see, today, when omitted.' }) filter?: MemberStatsFilter,
  ): Promise<MemberStats> {
    return this.service.stats(ctx, filter);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => Member, { description: 'Adds a member (thêm hội viên) to your province.' })
  createMember(@Arg('input', { description: 'The new member.' }) input: CreateMemberInput, @Ctx() ctx: RequestContext): Promise<Member> {
    return this.service.create(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => Member, { description: 'Changes a member (sửa hội viên); fails with CONFLICT when `version` is stale.' })
  updateMember(@Arg('input', { description: 'The changes.' }) input: UpdateMemberInput, @Ctx() ctx: RequestContext): Promise<Member> {
    return this.service.update(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => Member, { description: 'Deletes a member (xóa hội viên; soft: gone from lists and counts, kept in the audit history).' })
  deleteMember(@Arg('input', { description: 'Which member.' }) input: DeleteMemberInput, @Ctx() ctx: RequestContext): Promise<Member> {
    return this.service.softDelete(ctx, input);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Full name (họ tên) of a person, or name of an organisation. For individual members this is personal data: null unless you are a province admin or editor.',
  })
  fullName(@Root() m: Member, @Ctx() ctx: RequestContext): string | null {
    return personal(m, ctx, m.fullName);
  }

  @FieldResolver(() => String, { nullable: true, description: 'E-mail (thư điện tử). Personal data for individuals: null unless you are a province admin or editor.' })
  email(@Root() m: Member, @Ctx() ctx: RequestContext): string | null {
    return personal(m, ctx, m.email);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Phone (điện thoại). Personal data for individuals: null unless you are a province admin or editor.' })
  phone(@Root() m: Member, @Ctx() ctx: RequestContext): string | null {
    return personal(m, ctx, m.phone);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Year of birth (năm sinh). Personal data: null unless you are a province admin or editor.' })
  birthYear(@Root() m: Member, @Ctx() ctx: RequestContext): number | null {
    return personal(m, ctx, m.birthYear);
  }

  @FieldResolver(() => Province, { description: 'The province that owns the record (tỉnh).' })
  province(@Root() m: Member, @Ctx() ctx: RequestContext): Province {
    return ctx.provinces.byIdOrThrow(m.provinceId);
  }

  @FieldResolver(() => [Membership], { description: 'Memberships (tư cách hội viên) in member associations, past and present, oldest first.' })
  memberships(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<Membership[]> {
    return ctx.loaders.get(membershipsByMember).load(m.id);
  }
}

@Resolver(() => Membership)
export class MembershipResolver {
  private readonly service = new MemberService();

  @Authorized(WRITER_ROLES)
  @Mutation(() => Membership, { description: "Records that a member joined a member association (gia nhập hội) of the member's province." })
  addMembership(@Arg('input', { description: 'Who joins which association, and when.' }) input: AddMembershipInput, @Ctx() ctx: RequestContext): Promise<Membership> {
    return this.service.addMembership(ctx, input);
  }

  @Authorized(WRITER_ROLES)
  @Mutation(() => Membership, { description: 'Ends an open membership (ra khỏi hội); fails with CONFLICT when `version` is stale.' })
  endMembership(@Arg('input', { description: 'Which membership, and the day it ends.' }) input: EndMembershipInput, @Ctx() ctx: RequestContext): Promise<Membership> {
    return this.service.endMembership(ctx, input);
  }

  @FieldResolver(() => Member, { description: 'The member (hội viên).' })
  async member(@Root() ms: Membership, @Ctx() ctx: RequestContext): Promise<Member> {
    const m = await ctx.loaders.get(memberByIdWithDeleted).load(ms.memberId);
    if (!m) throw new Error(`membership ${ms.id} names a member that cannot be read`);
    return m;
  }

  @FieldResolver(() => MemberAssociation, { nullable: true, description: 'The member association (hội thành viên); null when it has been deleted.' })
  association(@Root() ms: Membership, @Ctx() ctx: RequestContext): Promise<MemberAssociation | null> {
    return ctx.loaders.get(memberAssociationById).load(ms.associationId);
  }

  @FieldResolver(() => Boolean, { description: 'True while the membership is open today (đang là hội viên): joined on or before today and not ended.' })
  isCurrent(@Root() ms: Membership): boolean {
    const day = today();
    return ms.joinedOn <= day && (ms.leftOn === null || ms.leftOn > day);
  }

  @FieldResolver(() => Province, { description: 'The province that owns the record (tỉnh).' })
  province(@Root() ms: Membership, @Ctx() ctx: RequestContext): Province {
    return ctx.provinces.byIdOrThrow(ms.provinceId);
  }
}
