import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { ErrorCode } from '../common/errors';

/** Which query limit refused an operation (`extensions.limit`). */
export type QueryLimit = 'DEPTH' | 'ALIASES' | 'TOKENS' | 'DIRECTIVES' | 'COST';

/** Production answers never disclose a limit or a measure; development adds them to the message. */
export const TOO_COMPLEX = 'Query is too complex.';

export function tooComplex(limit: QueryLimit, detail: string, production: boolean): GraphQLError {
  return new GraphQLError(production ? TOO_COMPLEX : `${TOO_COMPLEX} ${detail}`, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, http: { status: 400 } },
  });
}

/** RATE_LIMITED with the whole seconds to wait, in `extensions.retryAfterSeconds` and the Retry-After header. */
export function rateLimited(retryAfter: number, message = 'Too many requests; retry later.'): GraphQLError {
  const seconds = Math.max(1, Math.ceil(retryAfter));
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.RATE_LIMITED,
      retryAfterSeconds: seconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
    },
  });
}
