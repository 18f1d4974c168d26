import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { badField } from '../../common/errors';
import { badFieldThrow, clean } from '../../common/input-rules';
import { ConnectionShape, entityPage, likeEscape, Page } from '../../common/pagination';
import { PG_UNIQUE_VIOLATION, pgError, returnedRows, rowToEntity } from '../../common/rows';
import { checkVersion } from '../../common/versioned-writes';
import type { RequestContext } from '../../tenancy/request-context';
import { RequestTransaction } from '../../tenancy/request-transaction';
import { Role } from '../../tenancy/roles';
import { targetProvince } from '../../tenancy/target-province';
import { ANONYMOUS_SCOPE } from '../../tenancy/tenant-scope';
import { recordAudit } from '../audit/audit.service';
import { LoginPayload } from './dto/login.input';
import {
  AcceptInvitationInput,
  ChangeUserRoleInput,
  InviteUserInput,
  InviteUserPayload,
  UserFilter,
  UserVersionInput,
} from './dto/user-admin.inputs';
import { hashPassword } from './passwords';
import { User } from './user.entity';

const ENTITY = 'User';
const LABEL = 'User';
const INVITATION_DAYS = 7;
/** 32 random bytes in base64url, no padding. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

type Row = Record<string, unknown>;

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A user row fit for the audit log: never the password hash. */
function auditable(row: Row): Row {
  const copy = { ...row };
  delete copy.password_hash;
  return copy;
}

function badToken(message: string): never {
  throw badField('token', 'valid', message);
}

/** The row to change, locked, if the caller may write its province; NOT_FOUND otherwise (never CONFLICT). */
async function lockUser(manager: EntityManager, id: string, version: number): Promise<Row> {
  const rows: Row[] = await manager.query(
    `SELECT * FROM users WHERE id = $1 AND province_id IS NOT NULL AND app_can_write(province_id) FOR UPDATE`,
    [id],
  );
  return checkVersion(rows, version, LABEL);
}

/**
 * User management by a province's admins: list, invite, change role, disable and enable. Every
 * statement runs in the request's transaction, so RLS keeps each admin to the users of their own
 * province and its predecessors; other provinces' users are NOT_FOUND.
 */
export class UserAdminService {
  async list(ctx: RequestContext, filter: UserFilter | undefined, page: Page): Promise<ConnectionShape<User>> {
    const manager = await ctx.tx.manager();
    const qb = manager.getRepository(User).createQueryBuilder('u')
      .where('u.province_id IS NOT NULL AND app_can_read(u.province_id)');
    if (filter?.search?.trim()) {
      qb.andWhere(`app_fold(u.email || ' ' || u.full_name) LIKE '%' || app_fold(:search) || '%'`,
        { search: likeEscape(filter.search.trim().replace(/\s+/g, ' ')) });
    }
    if (filter?.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter?.disabled === true) qb.andWhere('u.disabled_at IS NOT NULL');
    if (filter?.disabled === false) qb.andWhere('u.disabled_at IS NULL');
    qb.orderBy('u.full_name COLLATE "vi-VN-x-icu"', 'ASC')
      .addOrderBy('u.id', 'ASC');
    return entityPage(qb, page);
  }

  async invite(ctx: RequestContext, raw: InviteUserInput): Promise<InviteUserPayload> {
    const input = clean(raw, ['fullName', 'email']);
    const email = input.email.toLowerCase();
    if (input.fullName.length < 2) badFieldThrow('fullName', 'length', 'fullName must be 2 to 200 characters');
    if (input.role === Role.MINISTRY_ANALYST) badFieldThrow('role', 'isIn', 'role must be PROVINCE_ADMIN, PROVINCE_EDITOR or PROVINCE_VIEWER');
    const provinceId = targetProvince(ctx, input.provinceCode);
    const manager = await ctx.tx.manager();
    // Nobody can log in with this: it is no argon2 hash, so verification always fails.
    const unusable = `!invited:${randomBytes(16).toString('hex')}`;
    const [row] = returnedRows(await manager.query(
      `INSERT INTO users (province_id, email, full_name, role, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [provinceId, email, input.fullName, input.role, unusable],
    ).catch((e: unknown) => {
      const err = pgError(e);
      // E-mails are the one platform-wide key (login is by e-mail alone).
      if (err.code === PG_UNIQUE_VIOLATION && err.constraint === 'users_email_key') badFieldThrow('email', 'unique', 'this e-mail already has an account');
      throw e;
    }));
    const invitationToken = randomBytes(32).toString('base64url');
    const [invitation] = returnedRows(await manager.query(
      `INSERT INTO user_invitations (province_id, user_id, token_hash, expires_at, created_by)
       VALUES ($1, $2, $3, now() + make_interval(days => $4), $5) RETURNING id, expires_at`,
      [provinceId, row.id, hashInvitationToken(invitationToken), INVITATION_DAYS, ctx.user?.id ?? null],
    ));
    await recordAudit(manager, ctx, {
      action: 'INVITE', entityType: ENTITY, entityId: row.id as string, provinceId,
      before: null, after: { ...auditable(row), invitation_id: invitation.id, invitation_expires_at: invitation.expires_at },
    });
    return { user: rowToEntity(manager, User, row), invitationToken, expiresAt: invitation.expires_at as Date };
  }

  /**
   * Sets the password of an invited user and logs them in. No tenant is known yet, so:
   * 1. a lookup transaction with the anonymous scope sets `app.invitation_hash` (transaction-local),
   *    whose SELECT policy lets it read exactly the invitation with that hash, and nothing else;
   * 2. a second transaction scoped to that invitation's province only (canWrite) marks the invitation
   *    used — `WHERE used_at IS NULL AND expires_at > now()`, so two concurrent accepts cannot both
   *    win — sets the argon2id hash and writes the audit row, with the invited user as actor.
   */
  async accept(ctx: RequestContext, input: AcceptInvitationInput): Promise<LoginPayload> {
    const token = input.token.trim();
    if (!TOKEN_SHAPE.test(token)) badToken('this invitation token is not valid');
    const tokenHash = hashInvitationToken(token);

    const lookup = new RequestTransaction(ctx.dataSource, ANONYMOUS_SCOPE);
    let invitation: Row | undefined;
    try {
      const manager = await lookup.manager();
      await manager.query(`SELECT set_config('app.invitation_hash', $1, true)`, [tokenHash]);
      [invitation] = (await manager.query(
        `SELECT id, province_id, user_id, used_at, expires_at <= now() AS expired FROM user_invitations WHERE token_hash = $1`,
        [tokenHash],
      )) as Row[];
    } finally {
      await lookup.finish(true);
    }
    if (!invitation) badToken('this invitation token is not valid');
    if (invitation.used_at) badToken('this invitation has already been used');
    if (invitation.expired) badToken('this invitation has expired; ask your administrator for a new one');

    const passwordHash = await hashPassword(input.password);
    const userId = invitation.user_id as string;
    const provinceId = invitation.province_id as number;
    const write = new RequestTransaction(ctx.dataSource, {
      userId, role: null, provinceIds: [provinceId], canWrite: true, readAll: false,
    });
    let after: Row;
    try {
      const manager = await write.manager();
      const used = returnedRows(await manager.query(
        `UPDATE user_invitations SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING id`,
        [invitation.id],
      ));
      if (used.length === 0) badToken('this invitation has already been used');
      const [before] = (await manager.query(`SELECT * FROM users WHERE id = $1 FOR UPDATE`, [userId])) as Row[];
      if (!before) badToken('this invitation token is not valid');
      if (before.disabled_at) badToken('this account is disabled; ask your administrator');
      [after] = returnedRows(await manager.query(
        `UPDATE users SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
        [userId, passwordHash],
      ));
      await recordAudit(manager, { ...ctx, user: { id: userId, email: after.email as string, role: after.role as Role, provinceId } }, {
        action: 'ACCEPT_INVITATION', entityType: ENTITY, entityId: userId, provinceId,
        before: auditable(before), after: auditable(after),
      });
    } catch (e) {
      await write.finish(false);
      throw e;
    }
    await write.finish(true);
    const user = rowToEntity(ctx.dataSource.manager, User, after);
    const { token: bearer, expiresAt } = ctx.tokens.sign({ id: user.id, email: user.email, role: user.role, provinceId: user.provinceId });
    return { token: bearer, expiresAt, user };
  }

  async changeRole(ctx: RequestContext, input: ChangeUserRoleInput): Promise<User> {
    if (input.role === Role.MINISTRY_ANALYST) badFieldThrow('role', 'isIn', 'role must be PROVINCE_ADMIN, PROVINCE_EDITOR or PROVINCE_VIEWER');
    if (input.id === ctx.user?.id && input.role !== Role.PROVINCE_ADMIN) badFieldThrow('role', 'notSelf', 'you cannot take away your own admin role');
    return this.change(ctx, input, 'CHANGE_ROLE', 'role = $2', [input.role]);
  }

  async disable(ctx: RequestContext, input: UserVersionInput): Promise<User> {
    if (input.id === ctx.user?.id) badFieldThrow('id', 'notSelf', 'you cannot disable your own account');
    return this.change(ctx, input, 'DISABLE', 'disabled_at = coalesce(disabled_at, now())', []);
  }

  async enable(ctx: RequestContext, input: UserVersionInput): Promise<User> {
    return this.change(ctx, input, 'ENABLE', 'disabled_at = NULL', []);
  }

  private async change(ctx: RequestContext, input: UserVersionInput, action: string, set: string, params: unknown[]): Promise<User> {
    const manager = await ctx.tx.manager();
    const before = await lockUser(manager, input.id, input.version);
    const [after] = returnedRows(await manager.query(
      `UPDATE users SET ${set}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
      [input.id, ...params],
    ));
    await recordAudit(manager, ctx, {
      action, entityType: ENTITY, entityId: input.id, provinceId: before.province_id as number,
      before: auditable(before), after: auditable(after),
    });
    return rowToEntity(manager, User, after);
  }
}
