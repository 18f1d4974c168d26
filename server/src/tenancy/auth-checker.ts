import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../common/errors';
import { ensureActiveUser } from '../modules/users/user-active';
import type { RequestContext } from './request-context';

/**
 * @Authorized() = any logged-in user; @Authorized([roles]) = one of those roles. A token of a user
 * disabled after it was issued is refused too (checked once per request).
 */
export const authChecker: AuthChecker<RequestContext> = async ({ context }, roles) => {
  if (!context.user) throw unauthenticated();
  await ensureActiveUser(context);
  if (roles.length > 0 && !roles.includes(context.user.role)) throw forbidden();
  return true;
};
