import { Role } from '../src/tenancy/roles';
import {
  asOwner, asServerRole, BINH_DUONG, codeOf, DONG_NAI, HA_NOI, makeAssociation, makeUser, startTestServer, TestServer,
} from './helpers';

const CREATE_KEY = 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id prefix name scope province { code } revokedAt } } }';
const REVOKE_KEY = 'mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { id revokedAt } }';
const KEYS = '{ apiKeys { id name prefix scope lastUsedAt revokedAt province { code } } }';
// Newest first, so the rows a test just made are on the first page however many other tests wrote.
const LIST = '{ memberAssociations(first: 100, sort: { field: UPDATED_AT, direction: DESC }) { totalCount edges { node { id province { code } } } } }';
const GET = 'query($id: ID!) { memberAssociation(id: $id) { id name } }';
const CREATE = 'mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { id province { code } } }';
const UPDATE = 'mutation($i: UpdateMemberAssociationInput!) { updateMemberAssociation(input: $i) { id name version } }';

describe('API keys', () => {
  let s: TestServer;
  let admin: string;
  let analyst: string;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin@dongnai.demo');
    analyst = await s.login('analyst@ministry.demo');
  });
  afterAll(() => s.close());

  async function createKey(token: string, input: Record<string, unknown>) {
    const r = await s.gql(CREATE_KEY, { i: { name: `Script ${Date.now()}`, ...input } }, token);
    expect(r.errors).toBeUndefined();
    return r.data!.createApiKey as { key: string; apiKey: { id: string; prefix: string; province: { code: string } | null } };
  }

  it('is shown once, listed by prefix only, and stored only as a SHA-256 hash', async () => {
    const { key, apiKey } = await createKey(admin, { scope: 'READ_ONLY' });
    expect(key).toMatch(/^stpk_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey.prefix).toMatch(/^stpk_.{7}$/);
    expect(apiKey.province?.code).toBe('75');

    const list = await s.gql(KEYS, {}, admin);
    expect(list.errors).toBeUndefined();
    const listed = list.data!.apiKeys.find((k: any) => k.id === apiKey.id);
    expect(listed).toMatchObject({ prefix: apiKey.prefix, scope: 'READ_ONLY', revokedAt: null });
    expect(JSON.stringify(list.data)).not.toContain(key);

    const row = await asOwner(async (db) => (await db.query('SELECT to_jsonb(k) AS j, key_hash FROM api_keys k WHERE id = $1', [apiKey.id])).rows[0]);
    expect(JSON.stringify(row.j)).not.toContain(key.slice(12));
    const { createHash } = await import('node:crypto');
    expect(row.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    const audits = await asOwner(async (db) => (await db.query(
      `SELECT action, province_id FROM audit_log WHERE entity_type = 'ApiKey' AND entity_id = $1`, [apiKey.id])).rows);
    expect(audits).toEqual([{ action: 'CREATE', province_id: DONG_NAI }]);
  });

  it('a READ_ONLY key reads its province over HTTP, cannot write, and records last use', async () => {
    const own = await makeAssociation(DONG_NAI);
    const other = await makeAssociation(BINH_DUONG);
    const { key, apiKey } = await createKey(admin, { scope: 'READ_ONLY' });

    const list = await s.gql(LIST, {}, key);
    expect(list.errors).toBeUndefined();
    const ids = list.data!.memberAssociations.edges.map((e: any) => e.node.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(other.id);
    expect((await s.gql(GET, { id: other.id }, key)).data?.memberAssociation).toBeNull();

    const upd = await s.gql(UPDATE, { i: { id: own.id, version: own.version, name: 'Đổi bằng khóa chỉ đọc' } }, key);
    expect(codeOf(upd)).toBe('FORBIDDEN');
    expect(codeOf(await s.gql(CREATE, { i: { name: 'Hội từ khóa chỉ đọc' } }, key))).toBe('FORBIDDEN');

    const used = await asOwner(async (db) => (await db.query('SELECT last_used_at FROM api_keys WHERE id = $1', [apiKey.id])).rows[0]);
    expect(used.last_used_at).toBeInstanceOf(Date);
    // Stamped at most once a minute: a second request writes nothing.
    await s.gql(LIST, {}, key);
    const again = await asOwner(async (db) => (await db.query('SELECT last_used_at FROM api_keys WHERE id = $1', [apiKey.id])).rows[0]);
    expect(again.last_used_at).toEqual(used.last_used_at);
  });

  it("under the server's role, app.key_hash shows exactly that key and nothing else; no tenant sees nothing", async () => {
    const { key, apiKey } = await createKey(admin, { scope: 'READ_ONLY' });
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(key).digest('hex');
    const seen = await asServerRole({}, async (db) => {
      await db.query(`SELECT set_config('app.key_hash', $1, true)`, [hash]);
      return (await db.query('SELECT id FROM api_keys')).rows.map((r) => r.id);
    });
    expect(seen).toEqual([apiKey.id]);
    expect(await asServerRole({}, async (db) => (await db.query('SELECT count(*)::int AS n FROM api_keys')).rows[0].n)).toBe(0);
    // A province editor can write province data but not keys.
    await expect(asServerRole({ provinceIds: [DONG_NAI], canWrite: true, role: Role.PROVINCE_EDITOR }, (db) => db.query(
      `INSERT INTO api_keys (province_id, name, scope, prefix, key_hash, created_by)
       SELECT 75, 'x', 'READ_WRITE', 'stpk_x', repeat('a', 64), id FROM users WHERE email = 'admin@dongnai.demo'`)))
      .rejects.toMatchObject({ code: '42501' });
  });

  it('a READ_WRITE key writes in its province, with the creator as the audit actor, but never in another', async () => {
    const own = await makeAssociation(DONG_NAI);
    const other = await makeAssociation(BINH_DUONG);
    const { key } = await createKey(admin, { scope: 'READ_WRITE' });

    const upd = await s.gql(UPDATE, { i: { id: own.id, version: own.version, name: `Hội sửa bằng khóa ${Date.now()}` } }, key);
    expect(upd.errors).toBeUndefined();
    expect(upd.data?.updateMemberAssociation.version).toBe(2);
    const actor = await asOwner(async (db) => (await db.query(
      `SELECT u.email FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.entity_id = $1 AND a.action = 'UPDATE'`, [own.id])).rows[0]);
    expect(actor.email).toBe('admin@dongnai.demo');

    expect(codeOf(await s.gql(UPDATE, { i: { id: other.id, version: other.version, name: 'Chiếm Bình Dương' } }, key))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(CREATE, { i: { name: 'Hội cài vào Bình Dương', provinceCode: '74' } }, key))).toBe('FORBIDDEN');
    // A key cannot mint or list keys, even a read-write one.
    expect(codeOf(await s.gql(CREATE_KEY, { i: { name: 'x', scope: 'READ_WRITE' } }, key))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql(KEYS, {}, key))).toBe('FORBIDDEN');
  });

  it('a ministry key reads every province and writes nothing; the ministry creates read-only keys only', async () => {
    const dn = await makeAssociation(DONG_NAI);
    const hn = await makeAssociation(HA_NOI);
    expect(codeOf(await s.gql(CREATE_KEY, { i: { name: 'x', scope: 'READ_WRITE' } }, analyst))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql(CREATE_KEY, { i: { name: 'x', scope: 'READ_ONLY', provinceCode: '75' } }, analyst))).toBe('FORBIDDEN');
    const { key, apiKey } = await createKey(analyst, { scope: 'READ_ONLY' });
    expect(apiKey.province).toBeNull();

    expect((await s.gql(GET, { id: dn.id }, key)).data?.memberAssociation?.id).toBe(dn.id);
    expect((await s.gql(GET, { id: hn.id }, key)).data?.memberAssociation?.id).toBe(hn.id);
    expect(codeOf(await s.gql(UPDATE, { i: { id: dn.id, version: dn.version, name: 'Bộ sửa' } }, key))).toBe('FORBIDDEN');

    const analystKeys = (await s.gql(KEYS, {}, analyst)).data!.apiKeys.map((k: any) => k.id);
    expect(analystKeys).toContain(apiKey.id);
    const adminKeys = (await s.gql(KEYS, {}, admin)).data!.apiKeys.map((k: any) => k.id);
    expect(adminKeys).not.toContain(apiKey.id);
    expect(analystKeys.every((id: string) => !adminKeys.includes(id))).toBe(true);
  });

  it('a revoked key is refused at once; unknown keys too', async () => {
    const { key, apiKey } = await createKey(admin, { scope: 'READ_ONLY' });
    expect((await s.gql(LIST, {}, key)).errors).toBeUndefined();
    const revoked = await s.gql(REVOKE_KEY, { i: { id: apiKey.id } }, admin);
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data?.revokeApiKey.revokedAt).toBeTruthy();

    const after = await s.gql(LIST, {}, key);
    expect(codeOf(after)).toBe('UNAUTHENTICATED');
    expect(after.status).toBe(401);
    expect(after.errors?.[0].message).toBe('invalid or revoked API key');
    expect(after.data?.memberAssociations).toBeUndefined();
    expect(codeOf(await s.gql(LIST, {}, `stpk_${'A'.repeat(43)}`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await s.gql(LIST, {}, 'stpk_short'))).toBe('UNAUTHENTICATED');

    const audits = await asOwner(async (db) => (await db.query(
      `SELECT action FROM audit_log WHERE entity_type = 'ApiKey' AND entity_id = $1 ORDER BY id`, [apiKey.id])).rows);
    expect(audits.map((a) => a.action)).toEqual(['CREATE', 'REVOKE']);
  });

  it('a key downloads its province\'s annual report like a logged-in user; revoked, it is refused', async () => {
    const { key, apiKey } = await createKey(admin, { scope: 'READ_ONLY' });
    const download = (token: string, province: string) =>
      fetch(`${s.url}/reports/annual/${province}/2024.html`, { headers: { authorization: `Bearer ${token}` } });
    expect((await download(key, '75')).status).toBe(200);
    expect((await download(key, '74')).status).toBe(404);
    await s.gql(REVOKE_KEY, { i: { id: apiKey.id } }, admin);
    expect((await download(key, '75')).status).toBe(401);
  });

  it("only admins (their province) and the ministry (ministry-wide) manage keys", async () => {
    const { apiKey } = await createKey(admin, { scope: 'READ_ONLY' });
    for (const role of ['PROVINCE_VIEWER', 'PROVINCE_EDITOR']) {
      const token = await s.login(await makeUser(role, DONG_NAI));
      expect(codeOf(await s.gql(CREATE_KEY, { i: { name: 'x', scope: 'READ_ONLY' } }, token))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(REVOKE_KEY, { i: { id: apiKey.id } }, token))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(KEYS, {}, token))).toBe('FORBIDDEN');
    }
    const bdAdmin = await s.login('admin@binhduong.demo');
    expect(codeOf(await s.gql(REVOKE_KEY, { i: { id: apiKey.id } }, bdAdmin))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(REVOKE_KEY, { i: { id: apiKey.id } }, analyst))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(CREATE_KEY, { i: { name: 'x', scope: 'READ_ONLY', provinceCode: '74' } }, admin))).toBe('FORBIDDEN');
    expect((await s.gql(KEYS, {}, bdAdmin)).data!.apiKeys.map((k: any) => k.id)).not.toContain(apiKey.id);
  });
});
