import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { ValidationError } from 'class-validator';
import { yearLockedError } from '../modules/annual-reports/year-lock';
import { ErrorCode, FieldProblem } from './errors';

/** Flattens class-validator's nested errors into field paths such as "input.name". */
function problemsOf(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]) => ({ field, constraint, message }));
    return [...own, ...problemsOf(e.children ?? [], field)];
  });
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08006', '08001', '08003']);

/**
 * Gives every error a code. Validation errors list each field with its message; database outages
 * become a retryable SERVICE_UNAVAILABLE; anything unexpected is logged and, in production, shown
 * as a plain INTERNAL_SERVER_ERROR without details or stack.
 */
export function makeFormatError(production: boolean, log: (e: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error) as { extensions?: Record<string, unknown>; code?: string; message?: string };
    // The database refuses writes into a year whose annual report was submitted (a trigger).
    const locked = yearLockedError(original);
    if (locked) return { message: locked.message, path: formatted.path, extensions: locked.extensions };
    const code = formatted.extensions?.code;
    const validationErrors = formatted.extensions?.validationErrors as ValidationError[] | undefined;
    if (code === ErrorCode.BAD_USER_INPUT && validationErrors) {
      const fields = problemsOf(validationErrors);
      return {
        message: fields.map((f) => f.message).join('; ') || formatted.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code, field: fields[0]?.field, fields },
      };
    }
    if (code === ErrorCode.BAD_USER_INPUT && formatted.extensions?.field === undefined) {
      // Values a scalar rejects while variables are coerced ("2025-02-30" for a LocalDate) name
      // their place only in the message: `... at "input.happenedOn"`; give the field as well.
      const at = /at "([^"]+)"/.exec(formatted.message)?.[1];
      if (at) return { ...formatted, extensions: { ...formatted.extensions, field: at.split('.').pop() } };
    }
    if (original && typeof original.code === 'string' && CONNECTION_CODES.has(original.code)) {
      return {
        message: 'The database is unavailable for a moment; retry the request.',
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
      };
    }
    // Unexpected means an exception that is not a GraphQLError (a bug, a driver error): logged, and
    // in production shown without details.
    const unexpected = !(original instanceof GraphQLError) || original.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR;
    if (unexpected) {
      log(original ?? error);
      if (production) {
        return { message: 'Something went wrong on the server.', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
      }
      return formatted;
    }
    // Apollo's own request-level refusals (e.g. a persisted-query hash that does not match) carry no
    // code of their own: every refusal gets one.
    if (original.extensions?.code === undefined) {
      return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_REQUEST } };
    }
    return formatted;
  };
}
