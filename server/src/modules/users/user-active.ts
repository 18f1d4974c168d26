import { forbidden } from '../../common/errors';
import type { RequestContext } from '../../tenancy/request-context';

const checked = new WeakMap<RequestContext, Promise<void>>();

/**
 * Refuses a request whose login token belongs to a user disabled after the token was issued
 * (login already refuses disabled users; a JWT stays valid until it expires). The answer comes
 * with the statement that opens the request's transaction (`app_user_active` next to the tenant
 * settings); only a transaction opened without it falls back to one query. Memoised per request.
 *
 * API-key requests are left alone: their identity is the key, checked and revocable on its own.
 * Anonymous requests pass (the auth checker refuses them where a login is needed).
 *
 * To be wired at request time (tenancy is not this module's): call it from `authChecker`
 * (src/tenancy/auth-checker.ts, which may return a Promise) before the role check, so every
 * `@Authorized` field refuses a disabled user; `AuthService.me` already returns null for them.
 */
export function ensureActiveUser(ctx: RequestContext): Promise<void> {
  if (!ctx.user || ctx.apiKeyId) return Promise.resolve();
  let done = checked.get(ctx);
  if (!done) {
    done = (async () => {
      const manager = await ctx.tx.manager();
      // Normally answered by the statement that opened the transaction (no round trip of its own).
      if (ctx.tx.userActive === true) return;
      if (ctx.tx.userActive === false) throw forbidden('This account is disabled; ask your administrator.');
      const rows = (await manager.query(`SELECT disabled_at FROM users WHERE id = $1`, [ctx.user!.id])) as Array<{ disabled_at: Date | null }>;
      if (rows.length === 0 || rows[0].disabled_at !== null) {
        throw forbidden('This account is disabled; ask your administrator.');
      }
    })();
    checked.set(ctx, done);
  }
  return done;
}
