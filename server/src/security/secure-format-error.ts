import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode } from '../common/errors';
import { TOO_COMPLEX } from './limit-errors';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Database refusals worth retrying as they are: a cancelled statement (statement_timeout), an idle
 * transaction ended, a lock not granted in time, a deadlock or a serialization failure.
 */
const TIMEOUT_CODES = new Set(['57014', '25P03', '55P03', '40P01', '40001']);
/** pg-pool's message when no connection became free within connectionTimeoutMillis. */
const POOL_TIMEOUT = /timeout exceeded when trying to connect|Connection terminated due to connection timeout/i;

/** The PostgreSQL error behind `error`, if any (pg's DatabaseError, or TypeORM's wrapper of it). */
function databaseErrorOf(error: unknown): { code: string } | undefined {
  let e = unwrapResolverError(error) as { code?: unknown; severity?: unknown; driverError?: unknown; originalError?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string') return { code: e.code };
    e = (e.driverError ?? e.originalError) as typeof e;
  }
  return undefined;
}

/**
 * The database went away (stopped, restarted, connection cut): codes of the socket and of
 * PostgreSQL's shutdown/connection classes, pg's messages for a connection that died (they carry no
 * code), and TypeORM's refusal to use a query runner that pg released because its connection failed.
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_MESSAGE = /Connection terminated unexpectedly|Client has encountered a connection error and is not queryable|Client was closed and is not queryable/;
/**
 * TypeORM releases a query runner as soon as its pg connection emits 'error' (PostgreSQL stopping);
 * a resolver that was running beside the failing one then gets one of these instead of the cause.
 */
const RELEASED_RUNNER = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

/**
 * Whether `error`, or any error it wraps (Apollo's wrapping of a plugin's or the context's failure,
 * TypeORM's QueryFailedError, a `cause`), says the database is unavailable. Such errors reach
 * formatError also outside resolvers (context, rate limiter, idempotency claim), as a GraphQLError
 * with no code around the driver's error.
 */
function isUnavailable(error: unknown): boolean {
  let e = error as { code?: unknown; name?: unknown; message?: unknown; originalError?: unknown; driverError?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    if (typeof e.name === 'string' && RELEASED_RUNNER.has(e.name)) return true;
    e = (e.originalError ?? e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

function isTimeout(error: unknown): boolean {
  const db = databaseErrorOf(error);
  if (db && TIMEOUT_CODES.has(db.code)) return true;
  const e = unwrapResolverError(error) as { code?: unknown; message?: unknown; driverError?: { code?: unknown } } | undefined;
  if (!e) return false;
  const code = typeof e.code === 'string' ? e.code : e.driverError?.code;
  return (typeof code === 'string' && TIMEOUT_CODES.has(code)) || (typeof e.message === 'string' && POOL_TIMEOUT.test(e.message));
}

/**
 * Wraps the API's formatError with the limits' rules:
 * - the database unavailable (stopped, restarting, connection cut), wherever it surfaced (resolver,
 *   context, plugin), is a retryable SERVICE_UNAVAILABLE without the driver's message;
 * - a database timeout (statement, idle transaction, waiting for a pool connection) is a retryable
 *   SERVICE_UNAVAILABLE, never an internal error with a stack (the transaction is rolled back, as
 *   for any response with errors);
 * - depth, alias and directive refusals keep their QUERY_TOO_COMPLEX code, which Apollo replaces by
 *   GRAPHQL_VALIDATION_FAILED; the parser's token limit becomes QUERY_TOO_COMPLEX too;
 * - in production, no "Did you mean …?" suggestions and no limits in messages.
 */
export function secureFormatError(base: FormatError, production: boolean): FormatError {
  return (formatted, error) => {
    if (isUnavailable(error)) {
      return {
        message: 'The database is unavailable for a moment; retry the request.',
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
      };
    }
    if (isTimeout(error)) {
      return {
        message: 'The database could not complete the request in time; nothing was changed. Retry the request.',
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
      };
    }
    const out = base(formatted, error);
    const ext = out.extensions ?? {};
    // A database error the services did not turn into a coded refusal (e.g. raised by a plugin before
    // any resolver ran): its text names tables and constraints, so it never reaches the client.
    if ((ext.code === ErrorCode.BAD_REQUEST || ext.code === 'INTERNAL_SERVER_ERROR') && databaseErrorOf(error)) {
      return { message: 'Something went wrong on the server.', path: out.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    if (ext.code === 'GRAPHQL_VALIDATION_FAILED' && typeof ext.limit === 'string') {
      return { ...out, extensions: { ...ext, code: ErrorCode.QUERY_TOO_COMPLEX } };
    }
    if (ext.code === 'GRAPHQL_PARSE_FAILED' && /contains more th(?:an|at|en) \d+ tokens/.test(out.message)) {
      return {
        message: production ? TOO_COMPLEX : `${TOO_COMPLEX} ${out.message.replace(/^Syntax Error: /, '')}`,
        locations: out.locations,
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'TOKENS' },
      };
    }
    if (production && /Did you mean/.test(out.message)) {
      return { ...out, message: out.message.replace(/\s*Did you mean [^?]*\?/g, '') };
    }
    return out;
  };
}
