import type { DataSource } from 'typeorm';
import type { ProvinceDirectory } from '../modules/provinces/province-directory';
import { Loaders } from '../common/loaders';
import type { AuthTokens, AuthUser } from './auth-token';
import { RequestTransaction } from './request-transaction';
import { scopeFor, TenantScope } from './tenant-scope';

/** Everything a resolver may use for one request; built fresh per request (loaders included). */
export interface RequestContext {
  user?: AuthUser;
  scope: TenantScope;
  tx: RequestTransaction;
  loaders: Loaders;
  provinces: ProvinceDirectory;
  tokens: AuthTokens;
  dataSource: DataSource;
  /** Caller's address, for login throttling and audit. */
  ip: string;
}

export interface ContextDeps {
  dataSource: DataSource;
  provinces: ProvinceDirectory;
  tokens: AuthTokens;
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

export function buildContext(deps: ContextDeps, authorization: string | undefined, ip: string): RequestContext {
  const token = bearerToken(authorization);
  const user = token ? deps.tokens.verify(token) : undefined;
  const scope = scopeFor(user, deps.provinces);
  const tx = new RequestTransaction(deps.dataSource, scope);
  return { user, scope, tx, loaders: new Loaders(tx), provinces: deps.provinces, tokens: deps.tokens, dataSource: deps.dataSource, ip };
}
