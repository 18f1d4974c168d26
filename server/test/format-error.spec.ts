import { GraphQLError } from 'graphql';
import { QueryRunnerAlreadyReleasedError } from 'typeorm';
import { makeFormatError } from '../src/common/format-error';
import { secureFormatError } from '../src/security/secure-format-error';

/** How errors leave the server: every one with a code, and no internals in production. */
describe('error formatting', () => {
  const logged: unknown[] = [];
  const production = makeFormatError(true, (e) => logged.push(e));
  const development = makeFormatError(false, () => undefined);
  const format = (f: typeof production, error: unknown, formatted: object) => f({ message: 'x', ...formatted }, error);

  it('an unexpected exception is logged and shown without details in production', () => {
    const bug = new TypeError('cannot read properties of undefined (reading "id") at /srv/secret.js:12');
    const wrapped = new GraphQLError('cannot read properties…', { originalError: bug, path: ['memberAssociations'] });
    const out = format(production, wrapped, { message: bug.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at /srv'] } });
    expect(out).toEqual({ message: 'Something went wrong on the server.', path: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toContain(bug);
    expect(format(development, wrapped, { message: bug.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }).message).toBe(bug.message);
  });

  it("a refusal without a code of its own (Apollo's checks) gets BAD_REQUEST and keeps its message", () => {
    const refusal = new GraphQLError('provided sha does not match query');
    const out = format(production, refusal, { message: refusal.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(out).toMatchObject({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
  });

  it('coded errors pass through unchanged', () => {
    const conflict = new GraphQLError('changed by someone else', { extensions: { code: 'CONFLICT' } });
    const formatted = { message: conflict.message, extensions: { code: 'CONFLICT' } };
    expect(format(production, conflict, formatted)).toEqual(formatted);
  });

  /** An error as pg raises it: a SQLSTATE code and a severity. */
  const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'ERROR' });

  it('a database error no service turned into a refusal never shows its text, however Apollo wrapped it', () => {
    const secure = secureFormatError(makeFormatError(true, () => undefined), true);
    const db = pgError('23514', 'new row for relation "rate_limit_buckets" violates check constraint "rate_limit_buckets_key_check"');
    for (const error of [db, new GraphQLError(db.message, { originalError: db }), new GraphQLError(db.message, { originalError: db, extensions: { code: 'BAD_REQUEST' } })]) {
      const out = secure({ message: db.message, extensions: { code: 'BAD_REQUEST' } }, error);
      expect(out.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(out)).not.toMatch(/rate_limit_buckets|constraint/);
    }
  });

  it('a deadlock, a lock wait or a serialization failure is a retryable SERVICE_UNAVAILABLE', () => {
    const secure = secureFormatError(makeFormatError(true, () => undefined), true);
    for (const code of ['40P01', '55P03', '40001', '57014']) {
      const error = new GraphQLError('x', { originalError: pgError(code, 'deadlock detected') });
      expect(secure({ message: 'deadlock detected', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error).extensions)
        .toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    }
  });

  it('the database unavailable is a retryable SERVICE_UNAVAILABLE without its address, also outside resolvers', () => {
    const secure = secureFormatError(makeFormatError(true, () => undefined), true);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' });
    const released = new QueryRunnerAlreadyReleasedError();
    const causes = [refused, new Error('Connection terminated unexpectedly'), pgError('57P01', 'terminating connection due to administrator command'), released];
    for (const cause of causes) {
      // As Apollo wraps a failing context or plugin hook: a GraphQLError with no code and no path.
      for (const error of [new GraphQLError(cause.message, { originalError: cause }), new GraphQLError(cause.message, { originalError: cause, path: ['x'] })]) {
        const out = secure({ message: cause.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
        expect(out.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
        expect(out.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|terminat|released/);
      }
    }
  });
});
