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

  it('memberships added at once, two of them for one person, still equal a full recomputation', async () => {
    const admin = await s.login('admin@dongnai.demo');
    const associations = await Promise.all([0, 1].map(async (i) => (await s.gql(CREATE,
      { i: { name: `Hội Đồng thời thành viên ${i} ${unique('c')}`, status: 'ACTIVE', foundedOn: '2016-01-01' } }, admin)).data!.createMemberAssociation.id as string));
    const members = await Promise.all(Array.from({ length: 6 }, async (_, i) => (await s.gql(
      'mutation($i: CreateMemberInput!) { createMember(input: $i) { id } }',
      { i: { kind: i % 2 ? 'COLLECTIVE' : 'INDIVIDUAL', fullName: `Hội viên đồng thời ${i} ${unique('m')}` } }, admin)).data!.createMember.id as string));
    // The first person joins both associations at once; the others one each.
    const joins = [[members[0], associations[0]], [members[0], associations[1]], ...members.slice(1).map((m, i) => [m, associations[i % 2]])];
    const results = await Promise.all(joins.map(([memberId, associationId], i) => s.gql(
      'mutation($i: AddMembershipInput!) { addMembership(input: $i) { id } }',
      { i: { memberId, associationId, joinedOn: `20${17 + (i % 5)}-05-01` } }, admin)));
    expect(results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK')).toEqual(Array(joins.length).fill('OK'));
    expect(await indicatorDrift(DONG_NAI)).toEqual({ facts: 0, national: 0 });
  });
});
