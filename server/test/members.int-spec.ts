import { makeMember, makeMembership, memberRow } from './factories/members';
import { asOwner, asServerRole, BINH_DUONG, codeOf, countStatements, dbToday, DONG_NAI, HCM, makeAssociation, startTestServer, TestServer, unique } from './helpers';

const FIELDS = `id kind fullName academicTitle degree field workplace birthYear isYoungIntellectual inEnterprise email phone isSynthetic version
  province { code } memberships { id joinedOn leftOn isCurrent association { id name } }`;
const GET = `query($id: ID!) { member(id: $id) { ${FIELDS} } }`;
const CREATE = `mutation($i: CreateMemberInput!) { createMember(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation($i: UpdateMemberInput!) { updateMember(input: $i) { ${FIELDS} } }`;
const DELETE = 'mutation($i: DeleteMemberInput!) { deleteMember(input: $i) { id version } }';
const ADD = `mutation($i: AddMembershipInput!) { addMembership(input: $i) {
  id joinedOn leftOn version isCurrent province { code } member { id fullName } association { id name } } }`;
const END = 'mutation($i: EndMembershipInput!) { endMembership(input: $i) { id joinedOn leftOn version isCurrent } }';
const LIST = `query($first: Int, $after: String, $f: MemberFilter, $s: MemberSort) {
  members(first: $first, after: $after, filter: $f, sort: $s) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { id kind fullName workplace province { code } } } } }`;
const STATS = `query($f: MemberStatsFilter) { memberStats(filter: $f) {
  asOf individualMembers collectiveMembers youngIntellectuals inEnterprise memberships } }`;

const countMembers = () => asOwner(async (db) => (await db.query('SELECT count(*)::int AS n FROM members')).rows[0].n as number);
const countMemberships = () => asOwner(async (db) => (await db.query('SELECT count(*)::int AS n FROM memberships')).rows[0].n as number);
const auditRows = (id: string) => asOwner(async (db) =>
  (await db.query('SELECT action, entity_type, province_id, actor_id, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id', [id])).rows);
const nodesOf = (r: any): any[] => r.data!.members.edges.map((e: any) => e.node);

describe('members and memberships', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin@dongnai.demo');
  });
  afterAll(() => s.close());

  it('creates, reads, updates and soft-deletes a member, leaving one audit row per mutation', async () => {
    const created = await s.gql(CREATE, {
      i: {
        kind: 'INDIVIDUAL', fullName: '  Trần   Thị Bích  ', academicTitle: 'PGS', degree: 'TS', field: 'Y học', workplace: 'Bệnh viện Đa khoa Đồng Nai',
        birthYear: 1985, isYoungIntellectual: false, inEnterprise: false, email: 'bich@example.vn', phone: '+84 251 3822 000',
      },
    }, admin);
    expect(created.errors).toBeUndefined();
    const m = created.data!.createMember;
    expect(m).toMatchObject({
      kind: 'INDIVIDUAL', fullName: 'Trần Thị Bích', academicTitle: 'PGS', degree: 'TS', birthYear: 1985, email: 'bich@example.vn',
      phone: '+84 251 3822 000', isSynthetic: false, version: 1, province: { code: '75' }, memberships: [],
    });

    const editor = await s.login('editor@dongnai.demo');
    const updated = await s.gql(UPDATE, { i: { id: m.id, version: 1, academicTitle: 'GS', phone: null, isYoungIntellectual: true } }, editor);
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateMember).toMatchObject({ fullName: 'Trần Thị Bích', academicTitle: 'GS', phone: null, isYoungIntellectual: true, version: 2 });

    expect((await s.gql(GET, { id: m.id }, admin)).data!.member.academicTitle).toBe('GS');
    const deleted = await s.gql(DELETE, { i: { id: m.id, version: 2 } }, admin);
    expect(deleted.data!.deleteMember.version).toBe(3);
    expect((await s.gql(GET, { id: m.id }, admin)).data!.member).toBeNull();
    expect((await memberRow(m.id))!.deleted_at).not.toBeNull();

    const audit = await auditRows(m.id);
    expect(audit.map((r) => r.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
    expect(audit[0]).toMatchObject({ entity_type: 'Member', province_id: DONG_NAI, before: null });
    expect(audit[1].before.academic_title).toBe('PGS');
    expect(audit[1].after.academic_title).toBe('GS');
    expect(audit.every((r) => typeof r.actor_id === 'string')).toBe(true);
  });

  it('adds and ends memberships, one audit row each, and refuses duplicates, overlaps and bad dates', async () => {
    const member = await makeMember(DONG_NAI);
    const a1 = await makeAssociation(DONG_NAI);
    const added = await s.gql(ADD, { i: { memberId: member.id, associationId: a1.id, joinedOn: '2020-03-01' } }, admin);
    expect(added.errors).toBeUndefined();
    const ms = added.data!.addMembership;
    expect(ms).toMatchObject({
      joinedOn: '2020-03-01', leftOn: null, version: 1, isCurrent: true, province: { code: '75' },
      member: { id: member.id, fullName: member.full_name }, association: { id: a1.id, name: a1.name },
    });
    const before = await countMemberships();
    const dup = await s.gql(ADD, { i: { memberId: member.id, associationId: a1.id, joinedOn: '2021-01-01' } }, admin);
    expect(codeOf(dup)).toBe('BAD_USER_INPUT');
    expect(dup.errors![0].extensions!.field).toBe('associationId');

    const early = await s.gql(END, { i: { id: ms.id, version: 1, leftOn: '2019-12-31' } }, admin);
    expect(early.errors![0].extensions!.field).toBe('leftOn');
    const future = await s.gql(END, { i: { id: ms.id, version: 1, leftOn: '2999-01-01' } }, admin);
    expect(future.errors![0].extensions!.field).toBe('leftOn');
    const ended = await s.gql(END, { i: { id: ms.id, version: 1, leftOn: '2023-06-30' } }, admin);
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.endMembership).toMatchObject({ leftOn: '2023-06-30', version: 2, isCurrent: false });
    expect(codeOf(await s.gql(END, { i: { id: ms.id, version: 1, leftOn: '2023-07-01' } }, admin))).toBe('CONFLICT');
    expect((await s.gql(END, { i: { id: ms.id, version: 2, leftOn: '2023-07-01' } }, admin)).errors![0].extensions!.field).toBe('id');

    // A new membership may not start inside the ended one, but may start the day it ended.
    const overlap = await s.gql(ADD, { i: { memberId: member.id, associationId: a1.id, joinedOn: '2023-01-01' } }, admin);
    expect(overlap.errors![0].extensions!.field).toBe('joinedOn');
    const futureJoin = await s.gql(ADD, { i: { memberId: member.id, associationId: a1.id, joinedOn: '2999-01-01' } }, admin);
    expect(futureJoin.errors![0].extensions!.field).toBe('joinedOn');
    expect(await countMemberships()).toBe(before);
    const again = await s.gql(ADD, { i: { memberId: member.id, associationId: a1.id, joinedOn: '2023-06-30' } }, admin);
    expect(again.errors).toBeUndefined();

    const read = await s.gql(GET, { id: member.id }, admin);
    expect(read.data!.member.memberships.map((x: any) => [x.joinedOn, x.leftOn, x.association.id])).toEqual([
      ['2020-03-01', '2023-06-30', a1.id], ['2023-06-30', null, a1.id],
    ]);
    const audit = await auditRows(ms.id);
    expect(audit.map((r) => [r.action, r.entity_type])).toEqual([['CREATE', 'Membership'], ['UPDATE', 'Membership']]);
    expect(audit[1].after.left_on).toBe('2023-06-30');
  });

  it("refuses a membership in another province's association, or of a member you cannot change", async () => {
    const member = await makeMember(DONG_NAI);
    const bdAssociation = await makeAssociation(BINH_DUONG);
    const before = await countMemberships();
    const r = await s.gql(ADD, { i: { memberId: member.id, associationId: bdAssociation.id, joinedOn: '2022-01-01' } }, admin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('associationId');
    // The successor can see both Bình Dương's association and its own members, but they are different provinces.
    const hcm = await s.login('admin@hcm.demo');
    const hcmMember = await makeMember(HCM);
    const cross = await s.gql(ADD, { i: { memberId: hcmMember.id, associationId: bdAssociation.id, joinedOn: '2022-01-01' } }, hcm);
    expect(cross.errors![0].extensions!.field).toBe('associationId');
    const bdMember = await makeMember(BINH_DUONG);
    const notMine = await s.gql(ADD, { i: { memberId: bdMember.id, associationId: bdAssociation.id, joinedOn: '2022-01-01' } }, admin);
    expect(notMine.errors![0].extensions!.field).toBe('memberId');
    expect(await countMemberships()).toBe(before);
    // The successor records Bình Dương's membership; it belongs to Bình Dương.
    const ok = await s.gql(ADD, { i: { memberId: bdMember.id, associationId: bdAssociation.id, joinedOn: '2022-01-01' } }, hcm);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.addMembership.province.code).toBe('74');
    // Đồng Nai cannot end it.
    expect(codeOf(await s.gql(END, { i: { id: ok.data!.addMembership.id, version: 1, leftOn: '2023-01-01' } }, admin))).toBe('NOT_FOUND');
  });

  it('personal data of individuals is shown only to province admins and editors', async () => {
    const tag = unique('pd');
    const person = await makeMember(DONG_NAI, {
      fullName: `Lê Văn Riêng ${tag}`, email: 'rieng@example.vn', phone: '0909000000', birthYear: 1990, workplace: `Công ty Sông Mây ${tag}`,
    });
    const org = await makeMember(DONG_NAI, { kind: 'COLLECTIVE', fullName: `Công ty Cổ phần Tổ chức ${tag}`, email: 'lienhe@example.vn', phone: '0251000000' });
    const a = await makeAssociation(DONG_NAI);
    await makeMembership(person, a.id, '2020-01-01');
    const Q = `query($id: ID!) { member(id: $id) { fullName email phone birthYear workplace } }`;
    const MS = `query($id: ID!) { member(id: $id) { memberships { member { fullName email } } } }`;
    for (const email of ['admin@dongnai.demo', 'editor@dongnai.demo']) {
      const token = await s.login(email);
      expect((await s.gql(Q, { id: person.id }, token)).data!.member)
        .toEqual({ fullName: person.full_name, email: 'rieng@example.vn', phone: '0909000000', birthYear: 1990, workplace: `Công ty Sông Mây ${tag}` });
      expect(nodesOf(await s.gql(LIST, { f: { search: `le van rieng ${tag}` } }, token)).map((n) => n.id)).toEqual([person.id]);
    }
    for (const email of ['viewer@dongnai.demo', 'analyst@ministry.demo']) {
      const token = await s.login(email);
      const seen = await s.gql(Q, { id: person.id }, token);
      expect(seen.errors).toBeUndefined();
      expect(seen.data!.member).toEqual({ fullName: null, email: null, phone: null, birthYear: null, workplace: `Công ty Sông Mây ${tag}` });
      expect((await s.gql(MS, { id: person.id }, token)).data!.member.memberships).toEqual([{ member: { fullName: null, email: null } }]);
      // Organisations are not people: their name and contact stay visible.
      expect((await s.gql(Q, { id: org.id }, token)).data!.member).toMatchObject({ fullName: org.full_name, email: 'lienhe@example.vn', phone: '0251000000' });
      // Personal names are not searchable; workplace and organisations' names are.
      expect((await s.gql(LIST, { f: { search: `le van rieng ${tag}` } }, token)).data!.members.totalCount).toBe(0);
      const byWork = nodesOf(await s.gql(LIST, { f: { search: `cong ty song may ${tag}` } }, token));
      expect(byWork).toEqual([expect.objectContaining({ id: person.id, fullName: null })]);
      expect(nodesOf(await s.gql(LIST, { f: { search: `to chuc ${tag}` } }, token)).map((n) => n.id)).toEqual([org.id]);
    }
  });

  it('memberStats counts a person in two associations once, and both memberships', async () => {
    const asOf = '2024-06-30';
    const stats = async (f: Record<string, unknown>, token = admin) => {
      const r = await s.gql(STATS, { f }, token);
      expect(r.errors).toBeUndefined();
      return r.data!.memberStats;
    };
    const before = await stats({ provinceCode: '75', asOf });
    const a1 = await makeAssociation(DONG_NAI);
    const a2 = await makeAssociation(DONG_NAI);
    const both = await makeMember(DONG_NAI, { isYoungIntellectual: true, inEnterprise: true });
    await makeMembership(both, a1.id, '2020-01-01');
    await makeMembership(both, a2.id, '2021-05-01');
    const left = await makeMember(DONG_NAI);
    await makeMembership(left, a1.id, '2019-01-01', '2023-12-31');
    const later = await makeMember(DONG_NAI);
    await makeMembership(later, a1.id, '2024-07-01');
    const org = await makeMember(DONG_NAI, { kind: 'COLLECTIVE', inEnterprise: true });
    await makeMembership(org, a1.id, '2018-01-01');
    await makeMembership(org, a2.id, '2018-01-01');
    const gone = await makeMember(DONG_NAI, { deleted: true });
    await makeMembership(gone, a1.id, '2018-01-01');
    const bd = await makeMember(BINH_DUONG);
    await makeMembership(bd, (await makeAssociation(BINH_DUONG)).id, '2018-01-01');

    const after = await stats({ provinceCode: '75', asOf });
    expect({
      individualMembers: after.individualMembers - before.individualMembers,
      collectiveMembers: after.collectiveMembers - before.collectiveMembers,
      youngIntellectuals: after.youngIntellectuals - before.youngIntellectuals,
      inEnterprise: after.inEnterprise - before.inEnterprise,
      memberships: after.memberships - before.memberships,
    }).toEqual({ individualMembers: 1, collectiveMembers: 1, youngIntellectuals: 1, inEnterprise: 1, memberships: 4 });
    expect(after.asOf).toBe(asOf);

    expect(await stats({ associationId: a1.id, asOf })).toEqual(
      { asOf, individualMembers: 1, collectiveMembers: 1, youngIntellectuals: 1, inEnterprise: 1, memberships: 2 });
    // left_on is the first day out: on 2023-12-30 the leaver still counts, on 2023-12-31 no longer.
    expect((await stats({ associationId: a1.id, asOf: '2023-12-30' })).individualMembers).toBe(2);
    expect((await stats({ associationId: a1.id, asOf: '2023-12-31' })).individualMembers).toBe(1);
    expect(await stats({ associationId: a1.id })).toMatchObject({ asOf: await dbToday(), individualMembers: 2, memberships: 3 });

    // Counts are open to every logged-in user, within what each may see.
    const viewer = await stats({ associationId: a1.id, asOf }, await s.login('viewer@dongnai.demo'));
    expect(viewer.individualMembers).toBe(1);
    expect((await stats({ associationId: a1.id, asOf }, await s.login('analyst@ministry.demo'))).memberships).toBe(2);
    expect(await stats({ associationId: a1.id, asOf }, await s.login('admin@binhduong.demo')))
      .toEqual({ asOf, individualMembers: 0, collectiveMembers: 0, youngIntellectuals: 0, inEnterprise: 0, memberships: 0 });
    expect(codeOf(await s.gql(STATS, {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await s.gql(STATS, { f: { provinceCode: '99' } }, admin))).toBe('BAD_USER_INPUT');
  });

  it.each([
    [{ kind: 'INDIVIDUAL', fullName: 'A' }, 'fullName'],
    [{ kind: 'INDIVIDUAL', fullName: '  ' }, 'fullName'],
    [{ kind: 'INDIVIDUAL', fullName: 'Phạm Văn Hợp Lệ', birthYear: 1850 }, 'birthYear'],
    [{ kind: 'INDIVIDUAL', fullName: 'Phạm Văn Hợp Lệ', birthYear: 2090 }, 'birthYear'],
    [{ kind: 'INDIVIDUAL', fullName: 'Phạm Văn Hợp Lệ', email: 'không-phải-thư' }, 'email'],
    [{ kind: 'INDIVIDUAL', fullName: 'Phạm Văn Hợp Lệ', phone: 'gọi tôi' }, 'phone'],
    [{ kind: 'INDIVIDUAL', fullName: 'Phạm Văn Hợp Lệ', field: 'x'.repeat(201) }, 'field'],
    [{ kind: 'COLLECTIVE', fullName: 'Công ty Hợp Lệ', degree: 'TS' }, 'degree'],
    [{ kind: 'COLLECTIVE', fullName: 'Công ty Hợp Lệ', isYoungIntellectual: true }, 'isYoungIntellectual'],
    [{ kind: 'INDIVIDUAL', fullName: 'Phạm Văn Hợp Lệ', provinceCode: 'DN' }, 'provinceCode'],
  ])('bad input %j gives BAD_USER_INPUT naming field %s and writes nothing', async (input, field) => {
    const before = await countMembers();
    const r = await s.gql(CREATE, { i: input }, admin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe(field);
    expect(r.errors![0].message).toMatch(new RegExp(field));
    expect(await countMembers()).toBe(before);
  });

  it('an update is checked against the whole record and keeps it as it was when refused', async () => {
    const m = await asOwner(async (db) => (await db.query(
      `INSERT INTO members (province_id, kind, full_name, degree) VALUES ($1, 'INDIVIDUAL', $2, 'TS') RETURNING id, full_name`,
      [DONG_NAI, `Đỗ Văn ${unique()}`])).rows[0]);
    const r = await s.gql(UPDATE, { i: { id: m.id, version: 1, kind: 'COLLECTIVE' } }, admin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('degree');
    expect(codeOf(await s.gql(UPDATE, { i: { id: m.id, version: 1, fullName: null } }, admin))).toBe('BAD_USER_INPUT');
    expect(await memberRow(m.id)).toMatchObject({ kind: 'INDIVIDUAL', full_name: m.full_name, version: 1 });
    expect(await auditRows(m.id)).toEqual([]);
    const ok = await s.gql(UPDATE, { i: { id: m.id, version: 1, kind: 'COLLECTIVE', degree: null } }, admin);
    expect(ok.data!.updateMember).toMatchObject({ kind: 'COLLECTIVE', degree: null, version: 2 });
  });

  it('a stale version is a CONFLICT and changes nothing', async () => {
    const m = await makeMember(DONG_NAI);
    expect((await s.gql(UPDATE, { i: { id: m.id, version: 1, field: 'Hóa học' } }, admin)).errors).toBeUndefined();
    expect(codeOf(await s.gql(UPDATE, { i: { id: m.id, version: 1, field: 'Sinh học' } }, admin))).toBe('CONFLICT');
    expect(codeOf(await s.gql(DELETE, { i: { id: m.id, version: 1 } }, admin))).toBe('CONFLICT');
    expect(await memberRow(m.id)).toMatchObject({ field: 'Hóa học', version: 2, deleted_at: null });
    expect((await auditRows(m.id)).length).toBe(1);
  });

  it('two concurrent updates with the same version give one success and one CONFLICT', async () => {
    const m = await makeMember(DONG_NAI);
    const results = await Promise.all(['Toán học', 'Tin học'].map((field) => s.gql(UPDATE, { i: { id: m.id, version: 1, field } }, admin)));
    expect(results.map((r) => (r.errors ? codeOf(r) : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    expect((await memberRow(m.id))!.version).toBe(2);
    expect((await auditRows(m.id)).length).toBe(1);

    const a = await makeAssociation(DONG_NAI);
    const ms = await makeMembership(m, a.id, '2020-01-01');
    const ends = await Promise.all(['2021-01-01', '2022-01-01'].map((leftOn) => s.gql(END, { i: { id: ms.id, version: 1, leftOn } }, admin)));
    expect(ends.map((r) => (r.errors ? codeOf(r) : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    expect((await auditRows(ms.id)).length).toBe(1);
  });

  it("Đồng Nai cannot read or change Bình Dương's members, through GraphQL or raw SQL", async () => {
    const bd = await makeMember(BINH_DUONG);
    const bdAssoc = await makeAssociation(BINH_DUONG);
    const bdMs = await makeMembership(bd, bdAssoc.id, '2020-01-01');
    expect((await s.gql(GET, { id: bd.id }, admin)).data!.member).toBeNull();
    expect((await s.gql(GET, { id: 'not-an-id' }, admin)).data!.member).toBeNull();
    const list = await s.gql(LIST, { first: 100 }, admin);
    expect(new Set(nodesOf(list).map((n) => n.province.code))).toEqual(new Set(['75']));
    expect((await s.gql(LIST, { f: { provinceCode: '74' } }, admin)).data!.members.totalCount).toBe(0);
    expect(codeOf(await s.gql(UPDATE, { i: { id: bd.id, version: 1, field: 'x' } }, admin))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(DELETE, { i: { id: bd.id, version: 1 } }, admin))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(END, { i: { id: bdMs.id, version: 1, leftOn: '2021-01-01' } }, admin))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(CREATE, { i: { kind: 'INDIVIDUAL', fullName: 'Người cài vào', provinceCode: '74' } }, admin))).toBe('FORBIDDEN');

    const scope = { provinceIds: [DONG_NAI], canWrite: true };
    for (const table of ['members', 'memberships']) {
      expect(await asServerRole(scope, async (db) => (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE province_id = 74`)).rows[0].n)).toBe(0);
    }
    expect(await asServerRole(scope, async (db) => (await db.query(`UPDATE members SET field = 'x' WHERE id = $1`, [bd.id])).rowCount)).toBe(0);
    expect(await asServerRole(scope, async (db) => (await db.query(`UPDATE memberships SET left_on = '2021-01-01' WHERE id = $1`, [bdMs.id])).rowCount)).toBe(0);
    await expect(asServerRole(scope, (db) => db.query(`INSERT INTO members (province_id, kind, full_name) VALUES (74, 'INDIVIDUAL', 'Người lậu')`)))
      .rejects.toMatchObject({ code: '42501' });
    await expect(asServerRole(scope, (db) => db.query(
      `INSERT INTO memberships (province_id, member_id, association_id, joined_on) VALUES (74, $1, $2, '2020-01-01')`, [bd.id, bdAssoc.id])))
      .rejects.toMatchObject({ code: '42501' });
    const dn = await makeMember(DONG_NAI);
    await expect(asServerRole(scope, (db) => db.query(`UPDATE members SET province_id = 74 WHERE id = $1`, [dn.id])))
      .rejects.toMatchObject({ code: '42501' });
    expect(await asServerRole({}, async (db) => (await db.query('SELECT count(*)::int AS n FROM members')).rows[0].n)).toBe(0);
    expect(await memberRow(bd.id)).toMatchObject({ field: null, version: 1, deleted_at: null });
  });

  it("TP. Hồ Chí Minh's admin reads and edits Bình Dương's members as its successor", async () => {
    const bd = await makeMember(BINH_DUONG, { email: 'bd@example.vn' });
    const hcm = await s.login('admin@hcm.demo');
    const read = await s.gql(GET, { id: bd.id }, hcm);
    expect(read.data!.member).toMatchObject({ id: bd.id, fullName: bd.full_name, email: 'bd@example.vn', province: { code: '74' } });
    const upd = await s.gql(UPDATE, { i: { id: bd.id, version: 1, workplace: 'Sở Y tế' } }, hcm);
    expect(upd.data!.updateMember).toMatchObject({ workplace: 'Sở Y tế', version: 2 });
    const created = await s.gql(CREATE, { i: { kind: 'INDIVIDUAL', fullName: `Hội viên kế thừa ${unique()}`, provinceCode: '74' } }, hcm);
    expect(created.data!.createMember.province.code).toBe('74');
    const dn = await makeMember(DONG_NAI);
    expect((await s.gql(GET, { id: dn.id }, hcm)).data!.member).toBeNull();
  });

  it('the viewer and the ministry cannot write', async () => {
    const m = await makeMember(DONG_NAI);
    const a = await makeAssociation(DONG_NAI);
    const ms = await makeMembership(m, a.id, '2020-01-01');
    for (const email of ['viewer@dongnai.demo', 'analyst@ministry.demo']) {
      const token = await s.login(email);
      expect((await s.gql(GET, { id: m.id }, token)).data!.member.id).toBe(m.id);
      expect(codeOf(await s.gql(CREATE, { i: { kind: 'INDIVIDUAL', fullName: 'Người xem thêm' } }, token))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(UPDATE, { i: { id: m.id, version: 1, field: 'x' } }, token))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(DELETE, { i: { id: m.id, version: 1 } }, token))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(ADD, { i: { memberId: m.id, associationId: a.id, joinedOn: '2021-01-01' } }, token))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(END, { i: { id: ms.id, version: 1, leftOn: '2021-01-01' } }, token))).toBe('FORBIDDEN');
    }
    expect(await asServerRole({ provinceIds: [DONG_NAI], canWrite: false }, async (db) =>
      (await db.query(`UPDATE members SET field = 'x' WHERE id = $1`, [m.id])).rowCount)).toBe(0);
    expect(await memberRow(m.id)).toMatchObject({ field: null, version: 1 });
  });

  it('search ignores diacritics and case; filters by kind, association, young intellectual and enterprise; pages with cursors', async () => {
    const tag = unique('s');
    const a = await makeAssociation(DONG_NAI);
    const young = await makeMember(DONG_NAI, { fullName: `Nguyễn Thị Ánh Hồng ${tag}`, isYoungIntellectual: true, workplace: `Đại học Lạc Hồng ${tag}` });
    const ent = await makeMember(DONG_NAI, { fullName: `Hoàng Đức ${tag}`, inEnterprise: true, workplace: `Công ty ${tag}` });
    const org = await makeMember(DONG_NAI, { kind: 'COLLECTIVE', fullName: `Viện Nghiên cứu ${tag}` });
    await makeMembership(young, a.id, '2020-01-01');
    await makeMembership(ent, a.id, '2020-01-01', '2021-01-01');
    for (const search of [`nguyen thi anh hong ${tag}`, `NGUYỄN THỊ ÁNH HỒNG ${tag}`, `dai hoc lac hong ${tag}`]) {
      expect(nodesOf(await s.gql(LIST, { f: { search } }, admin)).map((n) => n.id)).toEqual([young.id]);
    }
    expect((await s.gql(LIST, { f: { search: `${tag} 100%_` } }, admin)).data!.members.totalCount).toBe(0);
    const ids = async (f: Record<string, unknown>) => nodesOf(await s.gql(LIST, { first: 100, f: { search: tag, ...f } }, admin)).map((n) => n.id).sort();
    expect(await ids({ kind: 'COLLECTIVE' })).toEqual([org.id]);
    expect(await ids({ isYoungIntellectual: true })).toEqual([young.id]);
    expect(await ids({ inEnterprise: true })).toEqual([ent.id]);
    expect(await ids({ associationId: a.id })).toEqual([young.id]);
    // Names sort in Vietnamese order: Hoàng, Nguyễn, Viện.
    const sorted = nodesOf(await s.gql(LIST, { first: 100, f: { search: tag }, s: { field: 'NAME', direction: 'ASC' } }, admin));
    expect(sorted.map((n) => n.id)).toEqual([ent.id, young.id, org.id]);

    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = (await s.gql(LIST, { first: 2, after, f: { search: tag } }, admin)).data!.members;
      expect(page.totalCount).toBe(3);
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([ent.id, young.id, org.id]);
    expect(codeOf(await s.gql(LIST, { first: 0 }, admin))).toBe('BAD_USER_INPUT');
  });

  it('a page of 10 and a page of 50 with memberships, associations and members issue the same number of SQL statements', async () => {
    const tag = unique('n1');
    const a1 = await makeAssociation(DONG_NAI);
    const a2 = await makeAssociation(DONG_NAI);
    for (let i = 0; i < 50; i++) {
      const m = await makeMember(DONG_NAI, { fullName: `Hội viên ${String(i).padStart(2, '0')} ${tag}`, workplace: tag });
      await makeMembership(m, a1.id, '2020-01-01');
      await makeMembership(m, a2.id, '2021-01-01');
    }
    const query = `query($first: Int, $f: MemberFilter) { members(first: $first, filter: $f) {
      totalCount edges { node { id fullName email province { code } memberships { id isCurrent association { id name } member { id fullName } } } } } }`;
    const run = async (first: number) => {
      let r: any;
      const n = await countStatements(async () => { r = await s.gql(query, { first, f: { search: tag } }, admin); });
      expect(r.errors).toBeUndefined();
      expect(r.data.members.totalCount).toBe(50);
      expect(r.data.members.edges).toHaveLength(first);
      expect(r.data.members.edges.every((e: any) => e.node.memberships.length === 2 && e.node.memberships[0].association.id === a1.id)).toBe(true);
      return n;
    };
    const ten = await run(10);
    const fifty = await run(50);
    expect(ten).toBeGreaterThan(0);
    expect(fifty).toBe(ten);
  });
});
