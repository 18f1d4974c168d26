import { createHash } from 'node:crypto';
import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors';
import type { RequestContext } from '../tenancy/request-context';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The `Idempotency-Key` header: undefined when absent; 1–255 visible ASCII characters, else BAD_REQUEST. */
export function readIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  if (!KEY_PATTERN.test(header)) {
    throw new GraphQLError('The Idempotency-Key header must be 1 to 255 visible ASCII characters.', {
      extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } },
    });
  }
  return header;
}

/** What makes two requests "the same": the document, the operation name and the variables. */
export function requestHash(query: string | undefined, operationName: string | null | undefined, variables: unknown): string {
  return createHash('sha256').update(JSON.stringify([query ?? '', operationName ?? null, variables ?? null])).digest('hex');
}

interface StoredKey {
  request_hash: string;
  response: Record<string, unknown> | null;
}

/**
 * Idempotent mutations. The key, scoped to the principal (user or API key), is claimed with one
 * INSERT in the request's own transaction, and the response is written to the same row just before
 * COMMIT (`RequestTransaction.beforeCommit`): the write and its key commit together, and a failed
 * mutation rolls both back so a retry runs again.
 *
 * A concurrent duplicate's INSERT waits on the unique key until the first request's transaction
 * ends; it then finds the committed row and replays its response (or, when the first failed and
 * rolled back, claims the key and runs itself). So duplicates never run twice and never fail
 * because of each other. A key expires after `ttlHours`; its row is then taken over by a new
 * request. The same key with a different request is refused (BAD_REQUEST, HTTP 422).
 *
 * Returns the stored response to replay, or undefined when this request owns the key and runs.
 */
export async function claimIdempotencyKey(
  rc: GraphQLRequestContextDidResolveOperation<RequestContext>,
  principal: string,
  key: string,
  ttlHours: number,
): Promise<Record<string, unknown> | undefined> {
  const ctx = rc.contextValue;
  if (!ctx.user) return undefined;
  const hash = requestHash(rc.request.query, rc.request.operationName, rc.request.variables);
  const manager = await ctx.tx.manager();
  const claimed = (await manager.query(
    `INSERT INTO idempotency_keys AS k (principal, key, user_id, request_hash, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5))
     ON CONFLICT (principal, key) DO UPDATE
       SET user_id = EXCLUDED.user_id, request_hash = EXCLUDED.request_hash, response = NULL,
           created_at = now(), expires_at = EXCLUDED.expires_at
       WHERE k.expires_at <= now()
     RETURNING 1 AS claimed`,
    [principal, key, ctx.user.id, hash, ttlHours],
  )) as unknown[];
  if (claimed.length > 0) {
    ctx.tx.beforeCommit(async (m) => {
      const body = rc.response.body;
      if (!body || body.kind !== 'single') return;
      const { data, extensions } = body.singleResult;
      await m.query('UPDATE idempotency_keys SET response = $3 WHERE principal = $1 AND key = $2', [
        principal, key, JSON.stringify(extensions ? { data, extensions } : { data }),
      ]);
    });
    return undefined;
  }
  const rows = (await manager.query('SELECT request_hash, response FROM idempotency_keys WHERE principal = $1 AND key = $2', [principal, key])) as StoredKey[];
  const stored = rows[0];
  if (stored && stored.request_hash !== hash) {
    throw new GraphQLError('This Idempotency-Key was already used with a different request.', {
      extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 422 } },
    });
  }
  if (!stored?.response) {
    // Not expected (the row commits with its response); the client may simply retry.
    throw new GraphQLError('A request with this Idempotency-Key is still in progress; retry it.', {
      extensions: { code: ErrorCode.CONFLICT, retryable: true, http: { status: 409 } },
    });
  }
  return stored.response;
}
