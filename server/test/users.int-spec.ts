import { createHash } from 'node:crypto';
import { asOwner, asServerRole, BINH_DUONG, codeOf, DONG_NAI, makeUser, startTestServer, TestServer, unique } from './helpers';

const USERS = `query($f: UserFilter, $first: Int) { users(first: $first, filter: $f) { totalCount edges { node { id email fullName role province { code } disabledAt version } } } }`;
const INVITE = 'mutation($i: InviteUserInput!) { inviteUser(input: $i) { invitationToken expiresAt user { id email role version disabledAt province { code } } } }';
const ACCEPT = 'mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { token user { id email role } } }';
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token user { role } } }';
const CHANGE_ROLE = 'mutation($i: ChangeUserRoleInput!) { changeUserRole(input: $i) { id role version } }';
const DISABLE = 'mutation($i: UserVersionInput!) { disableUser(input: $i) { id disabledAt version } }';
const ENABLE = 'mutation($i: UserVersionInput!) { enableUser(input: $i) { id disabledAt version } }';

const userRow = (email: string) => asOwner(async (db) => (await db.query('SELECT id, version, province_id FROM users WHERE email = $1', [email])).rows[0] as { id: string; version: number; province_id: number });
const auditCount = (id: string) => asOwner(async (db) => (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'User' AND entity_id = $1`, [id])).rows[0].n as number);

describe('user management', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin@dongnai.demo');
  });
  afterAll(() => s.close());

  async function invite(role = 'PROVINCE_EDITOR', token = admin) {
    const email = `${unique('invitee')}@test.example`;
    const r = await s.gql(INVITE, { i: { email, fullName: 'Nguyễn Văn Mời', role } }, token);
    expect(r.errors).toBeUndefined();
    return { email, ...r.data!.inviteUser } as { email: string; invitationToken: string; expiresAt: string; user: { id: string; version: number } };
  }

  it('lists the users of Đồng Nai only, with filters', async () => {
    const r = await s.gql(USERS, { first: 100 }, admin);
    expect(r.errors).toBeUndefined();
    const emails = r.data!.users.edges.map((e: any) => e.node.email);
    expect(emails).toEqual(expect.arrayContaining(['admin@dongnai.demo', 'editor@dongnai.demo', 'viewer@dongnai.demo']));
    expect(emails).not.toContain('admin@binhduong.demo');
    expect(emails).not.toContain('analyst@ministry.demo');
    expect(emails).not.toContain('admin@hcm.demo');
    for (const e of r.data!.users.edges) expect(['75', '70']).toContain(e.node.province.code);
    const viewers = await s.gql(USERS, { f: { role: 'PROVINCE_VIEWER', search: 'nguoi xem dong' } }, admin);
    expect(viewers.data!.users.edges.map((e: any) => e.node.email)).toEqual(['viewer@dongnai.demo']);
    const disabled = await s.gql(USERS, { f: { disabled: true } }, admin);
    for (const e of disabled.data!.users.edges) expect(e.node.disabledAt).not.toBeNull();
  });

  it('invite → accept → the new user logs in with the new password and the role; the token works once', async () => {
    const inv = await invite('PROVINCE_VIEWER');
    expect(inv.user).toMatchObject({ email: inv.email, role: 'PROVINCE_VIEWER', version: 1, disabledAt: null, province: { code: '75' } });
    expect(inv.invitationToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const days = (new Date(inv.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);
    // Before accepting, nobody can log in as the invitee.
    expect(codeOf(await s.gql(LOGIN, { i: { email: inv.email, password: 'demo-password' } }))).toBe('UNAUTHENTICATED');

    const short = await s.gql(ACCEPT, { i: { token: inv.invitationToken, password: 'short' } });
    expect(codeOf(short)).toBe('BAD_USER_INPUT');
    expect(short.errors![0].extensions!.field).toBe('password');

    const accepted = await s.gql(ACCEPT, { i: { token: inv.invitationToken, password: 'một mật khẩu rất dài' } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptInvitation.user).toMatchObject({ email: inv.email, role: 'PROVINCE_VIEWER' });
    const me = await s.gql('{ me { email role } }', {}, accepted.data!.acceptInvitation.token);
    expect(me.data!.me).toEqual({ email: inv.email, role: 'PROVINCE_VIEWER' });

    const login = await s.gql(LOGIN, { i: { email: inv.email, password: 'một mật khẩu rất dài' } });
    expect(login.errors).toBeUndefined();
    expect(login.data!.login.user.role).toBe('PROVINCE_VIEWER');
    const hash = await asOwner(async (db) => (await db.query('SELECT password_hash FROM users WHERE email = $1', [inv.email])).rows[0].password_hash);
    expect(hash).toMatch(/^\$argon2id\$/);

    const again = await s.gql(ACCEPT, { i: { token: inv.invitationToken, password: 'another long password' } });
    expect(codeOf(again)).toBe('BAD_USER_INPUT');
    expect(again.errors![0].extensions!.field).toBe('token');
    // One audit row each: the invitation and its acceptance.
    expect(await auditCount(inv.user.id)).toBe(2);
  });

  it('stores the SHA-256 of the token, never the token', async () => {
    const inv = await invite();
    const rows = await asOwner(async (db) => (await db.query('SELECT * FROM user_invitations WHERE user_id = $1', [inv.user.id])).rows);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(inv.invitationToken).digest('hex'));
    expect(rows[0].province_id).toBe(DONG_NAI);
    expect(JSON.stringify(rows)).not.toContain(inv.invitationToken);
    const audit = await asOwner(async (db) => (await db.query(`SELECT after FROM audit_log WHERE entity_type = 'User' AND entity_id = $1`, [inv.user.id])).rows);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(inv.invitationToken);
    expect(audit[0].after).not.toHaveProperty('password_hash');
  });

  it('refuses an expired or unknown token', async () => {
    const inv = await invite();
    await asOwner((db) => db.query(`UPDATE user_invitations SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [inv.user.id]));
    const expired = await s.gql(ACCEPT, { i: { token: inv.invitationToken, password: 'một mật khẩu rất dài' } });
    expect(codeOf(expired)).toBe('BAD_USER_INPUT');
    expect(expired.errors![0].extensions!.field).toBe('token');
    const unknown = await s.gql(ACCEPT, { i: { token: 'A'.repeat(43), password: 'một mật khẩu rất dài' } });
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
  });

  it('refuses a second account for an e-mail, even from another province, and the ministry role', async () => {
    const dup = await s.gql(INVITE, { i: { email: 'Admin@BinhDuong.demo', fullName: 'Trùng lặp', role: 'PROVINCE_EDITOR' } }, admin);
    expect(codeOf(dup)).toBe('BAD_USER_INPUT');
    expect(dup.errors![0].extensions!.field).toBe('email');
    expect(dup.errors![0].message).toContain('this e-mail already has an account');
    const ministry = await s.gql(INVITE, { i: { email: `${unique('m')}@test.example`, fullName: 'Bộ', role: 'MINISTRY_ANALYST' } }, admin);
    expect(codeOf(ministry)).toBe('BAD_USER_INPUT');
    expect(ministry.errors![0].extensions!.field).toBe('role');
  });

  it('changes a role with the version; a stale version is CONFLICT; one audit row', async () => {
    const email = await makeUser('PROVINCE_EDITOR', DONG_NAI);
    const u = await userRow(email);
    const r = await s.gql(CHANGE_ROLE, { i: { id: u.id, version: u.version, role: 'PROVINCE_VIEWER' } }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data!.changeUserRole).toEqual({ id: u.id, role: 'PROVINCE_VIEWER', version: u.version + 1 });
    expect(codeOf(await s.gql(CHANGE_ROLE, { i: { id: u.id, version: u.version, role: 'PROVINCE_ADMIN' } }, admin))).toBe('CONFLICT');
    expect(codeOf(await s.gql(CHANGE_ROLE, { i: { id: u.id, version: u.version + 1, role: 'MINISTRY_ANALYST' } }, admin))).toBe('BAD_USER_INPUT');
    expect(await auditCount(u.id)).toBe(1);
    const audit = await asOwner(async (db) => (await db.query(`SELECT action, before, after FROM audit_log WHERE entity_id = $1`, [u.id])).rows[0]);
    expect(audit.action).toBe('CHANGE_ROLE');
    expect(audit.before.role).toBe('PROVINCE_EDITOR');
    expect(audit.after.role).toBe('PROVINCE_VIEWER');
    expect(audit.before).not.toHaveProperty('password_hash');
    expect(audit.after).not.toHaveProperty('password_hash');
    // The new role is in the next login.
    const login = await s.gql(LOGIN, { i: { email, password: 'demo-password' } });
    expect(login.data!.login.user.role).toBe('PROVINCE_VIEWER');
  });

  it('disable → that user can no longer log in and an earlier token stops working here; enable restores', async () => {
    const email = await makeUser('PROVINCE_ADMIN', DONG_NAI);
    const earlier = await s.login(email);
    const u = await userRow(email);
    const r = await s.gql(DISABLE, { i: { id: u.id, version: u.version } }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data!.disableUser.disabledAt).not.toBeNull();
    expect(codeOf(await s.gql(LOGIN, { i: { email, password: 'demo-password' } }))).toBe('FORBIDDEN');
    expect((await s.gql('{ me { email } }', {}, earlier)).data!.me).toBeNull();
    expect(codeOf(await s.gql(USERS, {}, earlier))).toBe('FORBIDDEN');
    // ...and on every other endpoint that needs a login (the auth checker asks once per request).
    expect(codeOf(await s.gql('{ memberAssociations { totalCount } }', {}, earlier))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql('mutation { createMemberAssociation(input: {name: "Hội của người bị khoá"}) { id } }', {}, earlier))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql(DISABLE, { i: { id: u.id, version: u.version } }, admin))).toBe('CONFLICT');
    const back = await s.gql(ENABLE, { i: { id: u.id, version: u.version + 1 } }, admin);
    expect(back.data!.enableUser).toEqual({ id: u.id, disabledAt: null, version: u.version + 2 });
    expect((await s.gql(LOGIN, { i: { email, password: 'demo-password' } })).errors).toBeUndefined();
    expect(await auditCount(u.id)).toBe(2);
  });

  it('an admin cannot disable or demote themself', async () => {
    const me = await userRow('admin@dongnai.demo');
    const d = await s.gql(DISABLE, { i: { id: me.id, version: me.version } }, admin);
    expect(codeOf(d)).toBe('BAD_USER_INPUT');
    const c = await s.gql(CHANGE_ROLE, { i: { id: me.id, version: me.version, role: 'PROVINCE_EDITOR' } }, admin);
    expect(codeOf(c)).toBe('BAD_USER_INPUT');
    expect((await userRow('admin@dongnai.demo')).version).toBe(me.version);
  });

  it("Bình Dương's admin cannot see, change or disable a Đồng Nai user (NOT_FOUND), nor through SQL", async () => {
    const bd = await s.login('admin@binhduong.demo');
    const email = await makeUser('PROVINCE_EDITOR', DONG_NAI);
    const u = await userRow(email);
    const list = await s.gql(USERS, { first: 100 }, bd);
    const emails = list.data!.users.edges.map((e: any) => e.node.email);
    expect(emails).toContain('admin@binhduong.demo');
    expect(emails).not.toContain(email);
    expect(emails).not.toContain('admin@dongnai.demo');
    expect(codeOf(await s.gql(CHANGE_ROLE, { i: { id: u.id, version: u.version, role: 'PROVINCE_VIEWER' } }, bd))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(DISABLE, { i: { id: u.id, version: u.version } }, bd))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(ENABLE, { i: { id: u.id, version: 99 } }, bd))).toBe('NOT_FOUND');
    expect(await userRow(email)).toEqual(u);
    expect(await auditCount(u.id)).toBe(0);

    const inv = await invite();
    const bdScope = { role: 'PROVINCE_ADMIN' as never, provinceIds: [BINH_DUONG], canWrite: true };
    await asServerRole(bdScope, async (db) => {
      expect((await db.query('SELECT id FROM users WHERE id = $1', [u.id])).rowCount).toBe(0);
      expect((await db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [u.id])).rowCount).toBe(0);
      expect((await db.query(`UPDATE users SET role = 'PROVINCE_VIEWER' WHERE id = $1`, [u.id])).rowCount).toBe(0);
      expect((await db.query('SELECT id FROM user_invitations WHERE user_id = $1', [inv.user.id])).rowCount).toBe(0);
      expect((await db.query('UPDATE user_invitations SET used_at = now() WHERE user_id = $1', [inv.user.id])).rowCount).toBe(0);
    });
    // Without the hash setting, an anonymous transaction sees no invitation; with it, exactly that one.
    await asServerRole({}, async (db) => {
      expect((await db.query('SELECT id FROM user_invitations')).rowCount).toBe(0);
      await db.query(`SELECT set_config('app.invitation_hash', $1, true)`, [createHash('sha256').update(inv.invitationToken).digest('hex')]);
      const rows = (await db.query('SELECT user_id FROM user_invitations')).rows;
      expect(rows).toEqual([{ user_id: inv.user.id }]);
      expect((await db.query('UPDATE user_invitations SET used_at = now()')).rowCount).toBe(0);
    });
  });

  it('editor, viewer and analyst get FORBIDDEN on every mutation and the list', async () => {
    const target = await userRow(await makeUser('PROVINCE_VIEWER', DONG_NAI));
    for (const who of ['editor@dongnai.demo', 'viewer@dongnai.demo', 'analyst@ministry.demo']) {
      const t = await s.login(who);
      expect(codeOf(await s.gql(USERS, {}, t))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(INVITE, { i: { email: `${unique('f')}@test.example`, fullName: 'Không được', role: 'PROVINCE_VIEWER' } }, t))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(CHANGE_ROLE, { i: { id: target.id, version: target.version, role: 'PROVINCE_EDITOR' } }, t))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(DISABLE, { i: { id: target.id, version: target.version } }, t))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(ENABLE, { i: { id: target.id, version: target.version } }, t))).toBe('FORBIDDEN');
    }
    expect(codeOf(await s.gql(USERS, {}))).toBe('UNAUTHENTICATED');
    expect(await userRow((await asOwner(async (db) => (await db.query('SELECT email FROM users WHERE id = $1', [target.id])).rows[0].email)))).toEqual(target);
    expect(await auditCount(target.id)).toBe(0);
  });

  it("in the database too, only the province's admin writes accounts: an editor's transaction changes no user or invitation", async () => {
    const target = await userRow(await makeUser('PROVINCE_VIEWER', DONG_NAI));
    const inv = await invite();
    const editor = { role: 'PROVINCE_EDITOR' as never, provinceIds: [DONG_NAI], canWrite: true };
    await asServerRole(editor, async (db) => {
      // The editor still reads its province's users, as the resolvers never let it.
      expect((await db.query('SELECT id FROM users WHERE id = $1', [target.id])).rowCount).toBe(1);
      expect((await db.query(`UPDATE users SET role = 'PROVINCE_ADMIN' WHERE id = $1`, [target.id])).rowCount).toBe(0);
      expect((await db.query('DELETE FROM users WHERE id = $1', [target.id])).rowCount).toBe(0);
      expect((await db.query('UPDATE user_invitations SET used_at = now() WHERE user_id = $1', [inv.user.id])).rowCount).toBe(0);
      await expect(db.query(
        `INSERT INTO users (email, full_name, role, province_id, password_hash) VALUES ($1, 'Tự cấp quyền', 'PROVINCE_ADMIN', $2, 'x')`,
        [`${unique('self')}@test.example`, DONG_NAI],
      )).rejects.toThrow(/row-level security/);
    });
    await asServerRole({ role: 'PROVINCE_ADMIN' as never, provinceIds: [DONG_NAI], canWrite: true }, async (db) => {
      expect((await db.query(`UPDATE users SET role = 'PROVINCE_EDITOR' WHERE id = $1`, [target.id])).rowCount).toBe(1);
    });
    // A user's own row stays writable by that user (accepting an invitation sets its password).
    await asServerRole({ userId: target.id, provinceIds: [DONG_NAI], canWrite: true }, async (db) => {
      expect((await db.query('UPDATE users SET updated_at = now() WHERE id = $1', [target.id])).rowCount).toBe(1);
    });
    expect(await userRow((await asOwner(async (db) => (await db.query('SELECT email FROM users WHERE id = $1', [target.id])).rows[0].email)))).toEqual(target);
  });
});
