import { GraphQLError } from 'graphql';

/** The error codes of the API (extensions.code); clients and scripts branch on these. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  /** An operation over a query limit (depth, cost, aliases, tokens, directives); `extensions.limit` names which. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** A request body over the size limit (HTTP 413). */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** A malformed request refused before it ran (Apollo's own checks). */
  BAD_REQUEST = 'BAD_REQUEST',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export interface FieldProblem {
  field: string;
  /** A stable key (class-validator constraint or our own) that clients translate. */
  constraint: string;
  message: string;
}

export function unauthenticated(message = 'You must log in to do this.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function forbidden(message = 'Your role does not allow this action.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function notFound(entity: string): GraphQLError {
  return new GraphQLError(`${entity} was not found.`, { extensions: { code: ErrorCode.NOT_FOUND } });
}

export function conflict(entity: string): GraphQLError {
  return new GraphQLError(`${entity} was changed by someone else; reload it and apply your change again.`, {
    extensions: { code: ErrorCode.CONFLICT },
  });
}

export function badInput(problems: FieldProblem[]): GraphQLError {
  const message = problems.map((p) => p.message).join('; ');
  return new GraphQLError(message || 'Invalid input.', {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field: problems[0]?.field, fields: problems },
  });
}

export function badField(field: string, constraint: string, message: string): GraphQLError {
  return badInput([{ field, constraint, message }]);
}
