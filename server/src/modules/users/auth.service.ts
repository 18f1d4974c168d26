import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../common/errors';
import type { RequestContext } from '../../tenancy/request-context';
import { RequestTransaction } from '../../tenancy/request-transaction';
import { ANONYMOUS_SCOPE } from '../../tenancy/tenant-scope';
import { LoginInput, LoginPayload } from './dto/login.input';
import { dummyHash, verifyPassword } from './passwords';
import { User } from './user.entity';

/** Same words whether the e-mail is unknown or the password wrong: a login reveals no accounts. */
const WRONG_CREDENTIALS = 'Wrong e-mail or password.';

export class AuthService {
  async login(ctx: RequestContext, input: LoginInput): Promise<LoginPayload> {
    const email = input.email.trim().toLowerCase();
    // The lookup runs in its own transaction whose only right is to read this e-mail's row.
    const lookup = new RequestTransaction(ctx.dataSource, { ...ANONYMOUS_SCOPE, loginEmail: email });
    let user: (User & { passwordHash: string }) | null;
    try {
      const manager = await lookup.manager();
      user = await manager.getRepository(User).createQueryBuilder('u')
        .addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
    } finally {
      await lookup.finish(true);
    }
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
    if (!user || !ok) throw new GraphQLError(WRONG_CREDENTIALS, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
    // Attempts were charged per account and address before execution (security/query-limits.ts).
    await ctx.limiter?.loginSucceeded(email, ctx.ip);
    if (user.disabledAt) throw new GraphQLError('This account is disabled; ask your administrator.', { extensions: { code: ErrorCode.FORBIDDEN } });
    const { token, expiresAt } = ctx.tokens.sign({ id: user.id, email: user.email, role: user.role, provinceId: user.provinceId });
    return { token, expiresAt, user };
  }

  async me(ctx: RequestContext): Promise<User | null> {
    if (!ctx.user) return null;
    const manager = await ctx.tx.manager();
    return manager.getRepository(User).createQueryBuilder('u')
      .where('u.id = :id AND u.disabled_at IS NULL', { id: ctx.user.id }).getOne();
  }
}
