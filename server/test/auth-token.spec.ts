import jwt from 'jsonwebtoken';
import { AuthTokens, AuthUser } from '../src/tenancy/auth-token';
import { Role } from '../src/tenancy/roles';

const SECRET = 'unit-test-secret-that-is-long-enough-0000';
const USER: AuthUser = { id: '00000000-0000-4000-8000-000000000001', email: 'a@example.vn', role: Role.PROVINCE_EDITOR, provinceId: 75 };

describe('AuthTokens.verify (verified tokens are remembered)', () => {
  afterEach(() => jest.useRealTimers());

  it('answers the same user for a token it has verified before, and a copy each time', () => {
    const tokens = new AuthTokens(SECRET, 8);
    const { token } = tokens.sign(USER);
    const first = tokens.verify(token);
    expect(first).toEqual(USER);
    first!.role = Role.MINISTRY_ANALYST;
    expect(tokens.verify(token)).toEqual(USER);
  });

  it('stops accepting a remembered token once it expires', () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T08:00:00Z') });
    const tokens = new AuthTokens(SECRET, 1);
    const { token } = tokens.sign(USER);
    expect(tokens.verify(token)).toEqual(USER);
    jest.setSystemTime(new Date('2026-11-23T08:59:59Z'));
    expect(tokens.verify(token)).toEqual(USER);
    jest.setSystemTime(new Date('2026-11-23T09:00:00Z'));
    expect(tokens.verify(token)).toBeUndefined();
    expect(tokens.verify(token)).toBeUndefined();
  });

  it('still checks tokens it has not seen: forged, altered or from another issuer', () => {
    const tokens = new AuthTokens(SECRET, 8);
    const { token } = tokens.sign(USER);
    expect(tokens.verify(token)).toEqual(USER);
    const claims = { sub: USER.id, email: USER.email, role: Role.MINISTRY_ANALYST, prov: null };
    const forged = jwt.sign(claims, 'another-secret-another-secret-000000', { expiresIn: '1h', issuer: 'stp-platform' });
    const otherIssuer = jwt.sign(claims, SECRET, { expiresIn: '1h', issuer: 'someone-else' });
    const [head, , sig] = token.split('.');
    const altered = `${head}.${Buffer.from(JSON.stringify({ ...claims, exp: 4_000_000_000, iss: 'stp-platform' })).toString('base64url')}.${sig}`;
    for (const t of [forged, otherIssuer, altered]) expect(tokens.verify(t)).toBeUndefined();
  });
});
