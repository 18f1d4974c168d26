import { escapeLiteral } from 'pg';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../common/errors';
import type { AuthUser } from '../../tenancy/auth-token';
import { Role } from '../../tenancy/roles';
import { ApiKeyScope } from './api-key.entity';
import { hashApiKey, visiblePrefix, wellFormedApiKey } from './api-key.secret';

export const INVALID_API_KEY = 'invalid or revoked API key';

export function invalidApiKey(): GraphQLError {
  return new GraphQLError(INVALID_API_KEY, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

/** Who a valid key acts as, and which key it is. */
export interface ApiKeyIdentity {
  user: AuthUser;
  apiKeyId: string;
}

interface KeyRow {
  id: string;
  province_id: number | null;
  scope: ApiKeyScope;
  created_by: string;
}

/**
 * The caller a key stands for: a province viewer (READ_ONLY) or editor (READ_WRITE) of the key's
 * province, or a ministry analyst for a ministry-wide key; the user id is the key's creator, so audit
 * rows have an actor. Undefined for a malformed, unknown or revoked key.
 *
 * No tenant is known yet, so the lookup runs in its own short transaction whose only right is to see
 * (and stamp `last_used_at` on) the one row with this hash (`app.key_hash`), like login does with
 * `app.login_email`. It commits before the request's own transaction opens, and a revocation commits
 * before it answers, so a revoked key is refused from the next request on. `last_used_at` is written
 * at most once a minute per key, not on every request.
 */
export async function authenticateApiKey(dataSource: DataSource, key: string): Promise<ApiKeyIdentity | undefined> {
  if (!wellFormedApiKey(key)) return undefined;
  const hash = hashApiKey(key);
  const runner = dataSource.createQueryRunner('master');
  const client = (await runner.connect()) as PoolClient;
  let row: KeyRow | undefined;
  try {
    await client.query(`BEGIN; SELECT set_config('app.key_hash', ${escapeLiteral(hash)}, true)`);
    const result = await client.query<KeyRow>(
      `WITH key AS (
         SELECT id, province_id, scope, created_by FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL
       ), used AS (
         UPDATE api_keys SET last_used_at = now()
         WHERE id = (SELECT id FROM key) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
       )
       SELECT * FROM key`,
      [hash],
    );
    row = result.rows[0];
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await runner.release();
  }
  if (!row) return undefined;
  const role = row.province_id === null ? Role.MINISTRY_ANALYST
    : row.scope === ApiKeyScope.READ_WRITE ? Role.PROVINCE_EDITOR : Role.PROVINCE_VIEWER;
  return {
    apiKeyId: row.id,
    user: { id: row.created_by, email: `api-key:${visiblePrefix(key)}`, role, provinceId: row.province_id },
  };
}
