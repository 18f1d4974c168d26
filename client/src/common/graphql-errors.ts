import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';

/** The error codes the API puts in `extensions.code`. */
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/** One invalid input field, as listed in `extensions.fields` of a BAD_USER_INPUT error. */
export interface FieldProblem {
  field: string;
  constraint: string;
  message: string;
}

/** The GraphQL errors inside an Apollo error, including those of a non-2xx response with a JSON body. */
export function graphQLErrorsOf(error: unknown): readonly GraphQLFormattedError[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors;
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: GraphQLFormattedError[] };
      return Array.isArray(body.errors) ? body.errors : [];
    } catch {
      return [];
    }
  }
  return [];
}

/** The first `extensions.code` of the error, if the server sent one. */
export function errorCodeOf(error: unknown): string | undefined {
  for (const e of graphQLErrorsOf(error)) {
    const code = e.extensions?.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export function hasErrorCode(error: unknown, code: ApiErrorCode): boolean {
  return graphQLErrorsOf(error).some((e) => e.extensions?.code === code);
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.field === 'string' && typeof v.constraint === 'string' && typeof v.message === 'string';
}

/**
 * The invalid fields of a BAD_USER_INPUT error. Field paths such as "input.name" are reduced to the
 * input field name ("name"), which is what forms key their inputs by.
 */
export function fieldProblemsOf(error: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const e of graphQLErrorsOf(error)) {
    if (e.extensions?.code !== 'BAD_USER_INPUT') continue;
    const fields = e.extensions.fields;
    if (Array.isArray(fields)) {
      for (const f of fields) {
        if (isFieldProblem(f)) problems.push({ ...f, field: f.field.split('.').pop() ?? f.field });
      }
    } else if (typeof e.extensions.field === 'string') {
      problems.push({ field: e.extensions.field.split('.').pop() ?? e.extensions.field, constraint: 'invalid', message: e.message });
    }
  }
  return problems;
}

/** True when the request never got a GraphQL answer: offline, server down, proxy error page. */
export function isNetworkError(error: unknown): boolean {
  if (!error) return false;
  if (CombinedGraphQLErrors.is(error)) return false;
  if (ServerError.is(error)) return graphQLErrorsOf(error).length === 0;
  if (ServerParseError.is(error)) return true;
  return error instanceof TypeError || (error instanceof Error && /fetch|network/i.test(error.message));
}
