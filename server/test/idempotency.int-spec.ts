import { randomUUID } from 'node:crypto';
import { asOwner, asServerRole, DONG_NAI, GqlResponse, makeUser, startTestServer, TestServer, unique } from './helpers';

/** Members have no unique name: without idempotency, every duplicate would be a new row. */
const CREATE = 'mutation($i: CreateMemberInput!) { createMember(input: $i) { id fullName version } }';

interface Raw extends GqlResponse {
  replayed: string | null;
}

async function send(s: TestServer, token: string, variables: Record<string, unknown>, key?: string, query = CREATE): Promise<Raw> {
  const res = await fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GqlResponse;
  return { status: res.status, data: body.data ?? undefined, errors: body.errors, replayed: res.headers.get('idempotent-replayed') };
}

const countNamed = (name: string) =>
  asOwner(async (db) => (await db.query('SELECT count(*)::int AS n FROM members WHERE full_name = $1', [name])).rows[0].n as number);
const countLike = (prefix: string) =>
  asOwner(async (db) => (await db.query('SELECT count(*)::int AS n FROM members WHERE full_name LIKE $1', [`${prefix}%`])).rows[0].n as number);

describe('idempotency keys', () => {
  let s: TestServer;
  let token: string;
  let other: string;
  beforeAll(async () => {
    // A larger pool: concurrent duplicates wait on the key's row lock while holding a connection.
    s = await startTestServer(undefined, { poolSize: 12, log: (m) => console.error(m) });
    token = await s.login(await makeUser('PROVINCE_EDITOR', DONG_NAI));
    other = await s.login(await makeUser('PROVINCE_EDITOR', DONG_NAI));
  });
  afterAll(() => s.close());

  it('the same key twice: one effect and the same response', async () => {
    const name = `Ông một lần ${unique()}`;
    const key = randomUUID();
    const first = await send(s, token, { i: { kind: 'INDIVIDUAL', fullName: name } }, key);
    expect(first.errors).toBeUndefined();
    expect(first.replayed).toBeNull();
    const second = await send(s, token, { i: { kind: 'INDIVIDUAL', fullName: name } }, key);
    expect(second.errors).toBeUndefined();
    expect(second.replayed).toBe('true');
    expect(second.data).toEqual(first.data);
    expect(await countNamed(name)).toBe(1);
    const audits = await asOwner(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'Member' AND entity_id = $1`, [first.data!.createMember.id])).rows[0].n);
    expect(audits).toBe(1);

    // Without a key, the same request is a new write.
    expect((await send(s, token, { i: { kind: 'INDIVIDUAL', fullName: name } })).errors).toBeUndefined();
    expect(await countNamed(name)).toBe(2);
  });

  it('the same key with a different request is refused and changes nothing', async () => {
    const name = `Ông khóa trùng ${unique()}`;
    const key = randomUUID();
    expect((await send(s, token, { i: { kind: 'INDIVIDUAL', fullName: name } }, key)).errors).toBeUndefined();
    const reused = await send(s, token, { i: { kind: 'INDIVIDUAL', fullName: `${name} khác` } }, key);
    expect(reused.status).toBe(422);
    expect(reused.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    expect(reused.errors?.[0].message).toMatch(/different request/);
    expect(await countNamed(`${name} khác`)).toBe(0);
  });

  it('keys are per principal: another user with the same key gets their own write', async () => {
    const name = `Ông hai người ${unique()}`;
    const key = randomUUID();
    const a = await send(s, token, { i: { kind: 'INDIVIDUAL', fullName: name } }, key);
    const b = await send(s, other, { i: { kind: 'INDIVIDUAL', fullName: name } }, key);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(b.replayed).toBeNull();
    expect(b.data!.createMember.id).not.toBe(a.data!.createMember.id);
    expect(await countNamed(name)).toBe(2);
    // RLS: a transaction of another user sees none of the first user's keys.
    const seen = await asServerRole({ userId: '00000000-0000-0000-0000-000000000000' }, async (db) =>
      (await db.query('SELECT count(*)::int AS n FROM idempotency_keys')).rows[0].n);
    expect(seen).toBe(0);
  });

  it('a failed write keeps no key: its retry runs again', async () => {
    const key = randomUUID();
    const bad = await send(s, token, { i: { kind: 'INDIVIDUAL', fullName: '' } }, key);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const again = await send(s, token, { i: { kind: 'INDIVIDUAL', fullName: '' } }, key);
    expect(again.replayed).toBeNull();
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const stored = await asOwner(async (db) => (await db.query('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [key])).rows[0].n);
    expect(stored).toBe(0);
  });

  it('refuses a malformed key', async () => {
    const r = await send(s, token, { i: { kind: 'INDIVIDUAL', fullName: `Ông ${unique()}` } }, 'x'.repeat(300));
    expect(r.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
  });

  it('50 keys × 20 concurrent duplicates → exactly 50 effects, every duplicate answered with its key\'s response', async () => {
    const prefix = `Ông đồng thời ${unique()} `;
    // Ten editors in ten provinces no other test writes to: concurrent creates in one province race
    // in the indicator triggers (a separate issue), whatever idempotency does.
    const provinces = await asOwner(async (db) => (await db.query(
      `SELECT id FROM provinces WHERE status = 'ACTIVE' AND id NOT IN ($1, $2, $3, $4) ORDER BY id DESC LIMIT 10`, [DONG_NAI, 74, 79, 1])).rows.map((r) => r.id as number));
    expect(provinces).toHaveLength(10);
    const tokens = await Promise.all(provinces.map(async (p) => s.login(await makeUser('PROVINCE_EDITOR', p))));
    const keys = Array.from({ length: 50 }, (_, i) => ({ key: randomUUID(), name: `${prefix}${i}`, token: tokens[i % 10] }));
    const results: Array<{ name: string; r: Raw }> = [];
    // Ten keys at a time (one per editor): 200 requests in flight, the 20 duplicates of each key all at once.
    for (let b = 0; b < keys.length; b += 10) {
      const batch = keys.slice(b, b + 10).flatMap(({ key, name, token: t }) =>
        Array.from({ length: 20 }, () => send(s, t, { i: { kind: 'INDIVIDUAL', fullName: name } }, key).then((r) => ({ name, r }))));
      results.push(...(await Promise.all(batch)));
    }
    expect(results).toHaveLength(1000);
    expect(results.filter(({ r }) => r.errors)).toEqual([]);
    for (const { name } of keys) {
      const answers = results.filter((x) => x.name === name);
      expect(answers).toHaveLength(20);
      expect(new Set(answers.map(({ r }) => r.data!.createMember.id)).size).toBe(1);
      expect(answers.filter(({ r }) => r.replayed === null)).toHaveLength(1);
    }
    expect(await countLike(prefix)).toBe(50);
    const audits = await asOwner(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM audit_log a JOIN members m ON m.id::text = a.entity_id::text WHERE m.full_name LIKE $1`, [`${prefix}%`])).rows[0].n);
    expect(audits).toBe(50);
  }, 240_000);
});
