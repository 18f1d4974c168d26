import { GraphQLError } from 'graphql';
import { makeFormatError } from '../src/common/format-error';

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
});
