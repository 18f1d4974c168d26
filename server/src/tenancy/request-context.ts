import type { DataSource } from 'typeorm';
import type { DatabaseRouter } from '../db/routing/replicas';
import type { ProvinceDirectory } from '../modules/provinces/province-directory';
import { Loaders } from '../common/loaders';
import { authenticateApiKey, invalidApiKey } from '../modules/api-keys/api-key.authenticate';
import { isApiKey } from '../modules/api-keys/api-key.secret';
import type { RateLimiter } from '../security/rate-limiter';
import type { AuthTokens, AuthUser } from './auth-token';
import { RequestTransaction } from './request-transaction';
import { scopeFor, TenantScope } from './tenant-scope';

/** Everything a resolver may use for one request; built fresh per request (loaders included). */
export interface RequestContext {
  user?: AuthUser;
  /** Set when the request authenticated with an API key (`stpk_…`) rather than a login token. */
  apiKeyId?: string;
  scope: TenantScope;
  tx: RequestTransaction;
  loaders: Loaders;
  provinces: ProvinceDirectory;
  tokens: AuthTokens;
  dataSource: DataSource;
  /** Caller's address, for login throttling and audit. */
  ip: string;
  /** Rate limits and login throttling (absent only where no request limits apply, e.g. downloads). */
  limiter?: RateLimiter;
}

export interface ContextDeps {
  dataSource: DataSource;
  provinces: ProvinceDirectory;
  tokens: AuthTokens;
  limiter?: RateLimiter;
  /** Read replicas (DATABASE_REPLICA_URLS): queries may run there; without it all runs on `dataSource`. */
  router?: DatabaseRouter;
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/**
 * The request's context: who calls (a login token, or an API key looked up in the database) and the
 * tenant scope its transaction will run under. An unknown or revoked API key is UNAUTHENTICATED.
 */
export async function buildContext(deps: ContextDeps, authorization: string | undefined, ip: string): Promise<RequestContext> {
  const token = bearerToken(authorization);
  let user: AuthUser | undefined;
  let apiKeyId: string | undefined;
  if (token && isApiKey(token)) {
    const identity = await authenticateApiKey(deps.dataSource, token);
    if (!identity) throw invalidApiKey();
    user = identity.user;
    apiKeyId = identity.apiKeyId;
  } else if (token) {
    user = deps.tokens.verify(token);
  }
  const scope: TenantScope = { ...scopeFor(user, deps.provinces), checkActiveUserId: user && !apiKeyId ? user.id : undefined };
  const tx = new RequestTransaction(deps.dataSource, scope, deps.router);
  return { user, apiKeyId, scope, tx, loaders: new Loaders(tx), provinces: deps.provinces, tokens: deps.tokens, dataSource: deps.dataSource, ip, limiter: deps.limiter };
}
