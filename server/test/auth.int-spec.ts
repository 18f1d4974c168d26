import jwt from 'jsonwebtoken';
import { asOwner, codeOf, makeUser, startTestServer, TestServer } from './helpers';

const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token expiresAt user { email role province { code } } } }';
const ME = '{ me { email fullName role province { code name } } }';

describe('login and identity', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('logs in with the demo password and tells who you are', async () => {
    const r = await s.gql(LOGIN, { i: { email: 'Admin@DongNai.demo', password: 'demo-password' } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.login.user).toEqual({ email: 'admin@dongnai.demo', role: 'PROVINCE_ADMIN', province: { code: '75' } });
    expect(new Date(r.data!.login.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await s.gql(ME, {}, r.data!.login.token);
    expect(me.data!.me).toMatchObject({ email: 'admin@dongnai.demo', role: 'PROVINCE_ADMIN', province: { code: '75', name: 'Đồng Nai' } });
    const analyst = await s.gql(ME, {}, await s.login('analyst@ministry.demo'));
    expect(analyst.data!.me).toMatchObject({ role: 'MINISTRY_ANALYST', province: null });
  });

  it('a wrong password and an unknown e-mail give the same error', async () => {
    const wrong = await s.gql(LOGIN, { i: { email: 'admin@dongnai.demo', password: 'nope' } });
    const unknown = await s.gql(LOGIN, { i: { email: 'nobody@nowhere.demo', password: 'nope' } });
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
    expect(codeOf(unknown)).toBe(codeOf(wrong));
  });

  it('rejects malformed login input with the field named', async () => {
    const r = await s.gql(LOGIN, { i: { email: 'not-an-email', password: 'x' } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('email');
  });

  it('stores passwords as argon2id hashes', async () => {
    const email = await makeUser('PROVINCE_EDITOR', 75, 'một mật khẩu dài');
    const hash = await asOwner(async (db) => (await db.query('SELECT password_hash FROM users WHERE email = $1', [email])).rows[0].password_hash);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect((await s.gql(LOGIN, { i: { email, password: 'một mật khẩu dài' } })).errors).toBeUndefined();
  });

  it('a disabled account cannot log in', async () => {
    const email = await makeUser('PROVINCE_EDITOR', 75);
    await asOwner((db) => db.query('UPDATE users SET disabled_at = now() WHERE email = $1', [email]));
    expect(codeOf(await s.gql(LOGIN, { i: { email, password: 'demo-password' } }))).toBe('FORBIDDEN');
  });

  it('an expired or forged token is not accepted', async () => {
    const token = await s.login('admin@dongnai.demo');
    const claims = jwt.decode(token) as Record<string, unknown>;
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, 'test-secret-that-is-long-enough-000000');
    const forged = jwt.sign({ ...claims, role: 'MINISTRY_ANALYST' }, 'another-secret-another-secret-000000');
    for (const t of [expired, forged]) {
      const r = await s.gql('{ memberAssociations { totalCount } }', {}, t);
      expect(codeOf(r)).toBe('UNAUTHENTICATED');
      expect((await s.gql(ME, {}, t)).data!.me).toBeNull();
    }
  });

  it('lists the 34 current provinces and the merged predecessors with their successor', async () => {
    const r = await s.gql('{ provinces { code name status mergedInto { code } } }');
    const provinces = r.data!.provinces as Array<{ code: string; name: string; status: string; mergedInto: { code: string } | null }>;
    expect(provinces.filter((p) => p.status === 'ACTIVE')).toHaveLength(34);
    expect(provinces.find((p) => p.code === '74')).toEqual({ code: '74', name: 'Bình Dương', status: 'MERGED', mergedInto: { code: '79' } });
    expect(provinces.find((p) => p.code === '70')?.mergedInto?.code).toBe('75');
    expect(provinces.find((p) => p.code === '77')?.mergedInto?.code).toBe('79');
    const one = await s.gql('{ province(code: "79") { name predecessors { code } } }');
    expect(one.data!.province.name).toBe('TP. Hồ Chí Minh');
    expect(one.data!.province.predecessors.map((p: any) => p.code).sort()).toEqual(['74', '77']);
  });
});
