import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../common/errors';
import { pgError } from '../../common/rows';

/** The constraint name the database's lock trigger (annual_report_year_lock) reports. */
export const YEAR_LOCK_CONSTRAINT = 'annual_report_year_lock';

/**
 * The GraphQL error for a write refused because its year's annual report was submitted, or
 * undefined for any other error. Meant for common/format-error.ts, where one line turns the
 * trigger's error into FORBIDDEN with reason YEAR_LOCKED instead of an internal error.
 */
export function yearLockedError(e: unknown): GraphQLError | undefined {
  const err = pgError(e) as { code?: string; constraint?: string; message?: string };
  if (err.code !== 'P0001' || err.constraint !== YEAR_LOCK_CONSTRAINT) return undefined;
  const message = (e as { message?: string }).message ?? err.message ?? 'this year is locked';
  return new GraphQLError(`${message}. The province administrator must reopen that year's annual report first.`, {
    extensions: { code: ErrorCode.FORBIDDEN, reason: 'YEAR_LOCKED' },
  });
}
