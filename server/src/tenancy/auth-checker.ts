import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../common/errors';
import type { RequestContext } from './request-context';

/** @Authorized() = any logged-in user; @Authorized([roles]) = one of those roles. */
export const authChecker: AuthChecker<RequestContext> = ({ context }, roles) => {
  if (!context.user) throw unauthenticated();
  if (roles.length > 0 && !roles.includes(context.user.role)) throw forbidden();
  return true;
};
