import { asOwner, DONG_NAI, indicatorDrift, startTestServer, TestServer, unique } from './helpers';

/**
 * Writes recompute only the indicator figures they can change (migration IndicatorRelevantChanges):
 * counting a province's members is what makes a write slow at scale. A recompute deletes and
 * re-inserts a fact row, so a row's xmin tells whether a write recomputed it.
 */
type Versions = Map<string, string>;

const factVersions = (): Promise<Versions> => asOwner(async (db) => new Map(
  (await db.query(`SELECT indicator_code || '/' || year AS k, xmin::text AS x FROM indicator_facts WHERE province_id = $1`, [DONG_NAI]))
    .rows.map((r) => [r.k as string, r.x as string]),
));

/** The indicator codes whose fact rows a write replaced, added or removed. */
function recomputed(before: Versions, after: Versions): string[] {
  const codes = new Set<string>();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(key) !== after.get(key)) codes.add(key.split('/')[0]);
  }
  return [...codes].sort();
}

describe('indicator triggers recompute only what a write can change', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin@dongnai.demo');
  });
  afterAll(() => s.close());

  it('creating and renaming an association, creating and renaming a member: no member recount', async () => {
    let before = await factVersions();
    const created = await s.gql(`mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { id version } }`,
      { i: { name: `Hội Chỉ số ${unique('a')}`, status: 'ACTIVE', foundedOn: '2020-01-01' } }, admin);
    expect(created.errors).toBeUndefined();
    let after = await factVersions();
    expect(recomputed(before, after)).toEqual(['member_associations']);
    const association = created.data!.createMemberAssociation;

    before = after;
    const renamed = await s.gql(`mutation($i: UpdateMemberAssociationInput!) { updateMemberAssociation(input: $i) { version } }`,
      { i: { id: association.id, version: association.version, name: `Hội Đổi tên ${unique('a')}` } }, admin);
    expect(renamed.errors).toBeUndefined();
    after = await factVersions();
    expect(recomputed(before, after)).toEqual([]);

    before = after;
    const member = await s.gql(`mutation($i: CreateMemberInput!) { createMember(input: $i) { id version } }`,
      { i: { kind: 'INDIVIDUAL', fullName: `Nguyễn Văn ${unique('m')}` } }, admin);
    expect(member.errors).toBeUndefined();
    const m = member.data!.createMember;
    const renamedMember = await s.gql(`mutation($i: UpdateMemberInput!) { updateMember(input: $i) { version } }`,
      { i: { id: m.id, version: m.version, fullName: `Trần Thị ${unique('m')}` } }, admin);
    expect(renamedMember.errors).toBeUndefined();
    after = await factVersions();
    expect(recomputed(before, after)).toEqual([]);

    // Joining an association counts the person (and the young-intellectual share's denominator),
    // by the difference alone: the association count is left as it was.
    before = after;
    const joined = await s.gql(`mutation($i: AddMembershipInput!) { addMembership(input: $i) { id } }`,
      { i: { memberId: m.id, associationId: association.id, joinedOn: '2021-03-01' } }, admin);
    expect(joined.errors).toBeUndefined();
    after = await factVersions();
    expect(recomputed(before, after)).toEqual(['individual_members', 'young_intellectual_share']);

    before = after;
    const young = await s.gql(`mutation($i: UpdateMemberInput!) { updateMember(input: $i) { version } }`,
      { i: { id: m.id, version: renamedMember.data!.updateMember.version, isYoungIntellectual: true } }, admin);
    expect(young.errors).toBeUndefined();
    after = await factVersions();
    expect(recomputed(before, after)).toContain('young_intellectual_share');

    // A status change moves the association count only.
    before = after;
    const suspended = await s.gql(`mutation($i: UpdateMemberAssociationInput!) { updateMemberAssociation(input: $i) { version } }`,
      { i: { id: association.id, version: renamed.data!.updateMemberAssociation.version, status: 'SUSPENDED' } }, admin);
    expect(suspended.errors).toBeUndefined();
    after = await factVersions();
    expect(recomputed(before, after)).toEqual(['member_associations']);

    expect(await indicatorDrift(DONG_NAI)).toEqual({ facts: 0, national: 0 });
  });

  it('a person in two associations counts once a year, also while one membership ends', async () => {
    const facts = (code: string) => asOwner(async (db) => new Map((await db.query(
      `SELECT year, numerator::int AS n FROM indicator_facts WHERE province_id = $1 AND indicator_code = $2`, [DONG_NAI, code])).rows
      .map((r) => [r.year as number, r.n as number])));
    const association = async () => (await s.gql(`mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { id } }`,
      { i: { name: `Hội Hai nơi ${unique('a')}`, status: 'ACTIVE', foundedOn: '2015-01-01' } }, admin)).data!.createMemberAssociation.id as string;
    const [first, second] = [await association(), await association()];
    const member = (await s.gql(`mutation($i: CreateMemberInput!) { createMember(input: $i) { id } }`,
      { i: { kind: 'INDIVIDUAL', fullName: `Lê Văn ${unique('m')}`, isYoungIntellectual: true } }, admin)).data!.createMember.id as string;
    const join = async (associationId: string, joinedOn: string) => {
      const r = await s.gql(`mutation($i: AddMembershipInput!) { addMembership(input: $i) { id version } }`,
        { i: { memberId: member, associationId, joinedOn } }, admin);
      expect(r.errors).toBeUndefined();
      return r.data!.addMembership as { id: string; version: number };
    };

    const start = await facts('individual_members');
    const early = await join(first, '2018-02-01');
    await join(second, '2020-07-01');
    const both = await facts('individual_members');
    for (const year of [2018, 2019, 2020, 2021, 2024]) expect(both.get(year)).toBe((start.get(year) ?? 0) + 1);
    expect(both.get(2017) ?? 0).toBe(start.get(2017) ?? 0);
    expect(await indicatorDrift(DONG_NAI)).toEqual({ facts: 0, national: 0 });

    // Leaving the first association on 01/01/2022: still a member through the second.
    const ended = await s.gql(`mutation($i: EndMembershipInput!) { endMembership(input: $i) { leftOn } }`,
      { i: { id: early.id, version: early.version, leftOn: '2022-01-01' } }, admin);
    expect(ended.errors).toBeUndefined();
    const after = await facts('individual_members');
    for (const year of [2018, 2021, 2022, 2024]) expect(after.get(year)).toBe((start.get(year) ?? 0) + 1);
    expect(await indicatorDrift(DONG_NAI)).toEqual({ facts: 0, national: 0 });
  });

  it('deleting a member recounts, and the figures equal a full recomputation', async () => {
    const association = (await s.gql(`mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { id version } }`,
      { i: { name: `Hội Sẽ xoá ${unique('a')}`, status: 'ACTIVE', foundedOn: '2019-05-01' } }, admin)).data!.createMemberAssociation;
    const member = (await s.gql(`mutation($i: CreateMemberInput!) { createMember(input: $i) { id version } }`,
      { i: { kind: 'COLLECTIVE', fullName: `Công ty ${unique('m')}` } }, admin)).data!.createMember;
    expect((await s.gql(`mutation($i: AddMembershipInput!) { addMembership(input: $i) { id } }`,
      { i: { memberId: member.id, associationId: association.id, joinedOn: '2020-06-01' } }, admin)).errors).toBeUndefined();

    const before = await factVersions();
    const deleted = await s.gql(`mutation($i: DeleteMemberInput!) { deleteMember(input: $i) { id } }`,
      { i: { id: member.id, version: (await memberVersion(member.id)) } }, admin);
    expect(deleted.errors).toBeUndefined();
    expect(recomputed(before, await factVersions())).toContain('collective_members');
    expect(await indicatorDrift(DONG_NAI)).toEqual({ facts: 0, national: 0 });
  });
});

const memberVersion = (id: string) => asOwner(async (db) => (await db.query('SELECT version FROM members WHERE id = $1', [id])).rows[0].version as number);
