import { asOwner, DONG_NAI, indicatorDrift, startTestServer, TestServer, unique } from './helpers';

const CREATE = 'mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { id } }';

describe('indicator summary under concurrent writes in one province', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(undefined, { poolSize: 12 });
  });
  afterAll(() => s.close());

  it('16 creates at once all succeed, and the facts and national totals equal a full recomputation', async () => {
    const admin = await s.login('admin@dongnai.demo');
    const before = await asOwner(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM member_associations WHERE province_id = $1 AND deleted_at IS NULL`, [DONG_NAI])).rows[0].n as number);
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) =>
      s.gql(CREATE, { i: { name: `Hội đồng thời ${i} ${unique('c')}`, status: 'ACTIVE', foundedOn: '2020-01-01' } }, admin)));
    expect(results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK')).toEqual(Array(16).fill('OK'));
    const after = await asOwner(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM member_associations WHERE province_id = $1 AND deleted_at IS NULL`, [DONG_NAI])).rows[0].n as number);
    expect(after).toBe(before + 16);
    expect(await indicatorDrift(DONG_NAI)).toEqual({ facts: 0, national: 0 });
  });
});
