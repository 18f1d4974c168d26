import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../tenancy/request-context';
import { Province } from '../provinces/province.entity';
import { AuthService } from './auth.service';
import { LoginInput, LoginPayload } from './dto/login.input';
import { User } from './user.entity';

@Resolver(() => User)
export class UserResolver {
  private readonly auth = new AuthService();

  @Mutation(() => LoginPayload, { description: 'Logs in with e-mail and password (đăng nhập) and returns a bearer token.' })
  login(@Arg('input') input: LoginInput, @Ctx() ctx: RequestContext): Promise<LoginPayload> {
    return this.auth.login(ctx, input);
  }

  @Query(() => User, { nullable: true, description: 'The logged-in user with role and province; null when not logged in.' })
  me(@Ctx() ctx: RequestContext): Promise<User | null> {
    return this.auth.me(ctx);
  }

  @FieldResolver(() => Province, { nullable: true, description: 'Home province; null for ministry users.' })
  province(@Root() u: User, @Ctx() ctx: RequestContext): Province | null {
    return u.provinceId === null ? null : ctx.provinces.byIdOrThrow(u.provinceId);
  }
}
