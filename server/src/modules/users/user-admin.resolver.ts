import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Connection, ConnectionShape, pageOf } from '../../common/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { Role } from '../../tenancy/roles';
import { LoginPayload } from './dto/login.input';
import { AcceptInvitationInput, ChangeUserRoleInput, InviteUserInput, InviteUserPayload, UserFilter, UserVersionInput } from './dto/user-admin.inputs';
import { UserAdminService } from './user-admin.service';
import { ensureActiveUser } from './user-active';
import { User } from './user.entity';

const UserConnection = Connection(User, 'User', 'users');

/** User management by a province's admins; RLS keeps them to their own province and its predecessors. */
@Resolver(() => User)
export class UserAdminResolver {
  private readonly service = new UserAdminService();

  @Authorized([Role.PROVINCE_ADMIN])
  @Query(() => UserConnection, { description: 'Users of your province and its predecessors (admins only), sorted by name.' })
  async users(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
    @Arg('filter', () => UserFilter, { nullable: true }) filter?: UserFilter,
  ): Promise<ConnectionShape<User>> {
    await ensureActiveUser(ctx);
    return this.service.list(ctx, filter, pageOf(first, after));
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => InviteUserPayload, { description: 'Creates a user of your province and a one-time invitation token (valid 7 days) to set a password.' })
  async inviteUser(@Arg('input') input: InviteUserInput, @Ctx() ctx: RequestContext): Promise<InviteUserPayload> {
    await ensureActiveUser(ctx);
    return this.service.invite(ctx, input);
  }

  @Mutation(() => LoginPayload, { description: 'Sets your password with an invitation token (once, before it expires) and logs you in.' })
  acceptInvitation(@Arg('input') input: AcceptInvitationInput, @Ctx() ctx: RequestContext): Promise<LoginPayload> {
    return this.service.accept(ctx, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => User, { description: 'Changes the role of a user of your province; fails with CONFLICT when `version` is stale.' })
  async changeUserRole(@Arg('input') input: ChangeUserRoleInput, @Ctx() ctx: RequestContext): Promise<User> {
    await ensureActiveUser(ctx);
    return this.service.changeRole(ctx, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => User, { description: 'Disables a user of your province: they can no longer log in.' })
  async disableUser(@Arg('input') input: UserVersionInput, @Ctx() ctx: RequestContext): Promise<User> {
    await ensureActiveUser(ctx);
    return this.service.disable(ctx, input);
  }

  @Authorized([Role.PROVINCE_ADMIN])
  @Mutation(() => User, { description: 'Enables a disabled user of your province again.' })
  async enableUser(@Arg('input') input: UserVersionInput, @Ctx() ctx: RequestContext): Promise<User> {
    await ensureActiveUser(ctx);
    return this.service.enable(ctx, input);
  }
}
