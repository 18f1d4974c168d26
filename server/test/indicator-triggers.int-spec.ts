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

    // Joining an association counts the person; becoming a young intellectual moves the share.
    before = after;
    const joined = await s.gql(`mutation($i: AddMembershipInput!) { addMembership(input: $i) { id } }`,
      { i: { memberId: m.id, associationId: association.id, joinedOn: '2021-03-01' } }, admin);
    expect(joined.errors).toBeUndefined();
    after = await factVersions();
    expect(recomputed(before, after)).toEqual(expect.arrayContaining(['individual_members', 'member_associations']));

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
