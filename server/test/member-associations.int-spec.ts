import { asOwner, codeOf, DONG_NAI, makeAssociation, startTestServer, TestServer, unique } from './helpers';

const FIELDS = 'id name abbreviation field foundedOn status congressTerm individualMemberCount collectiveMemberCount version province { code }';
const CREATE = `mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation($i: UpdateMemberAssociationInput!) { updateMemberAssociation(input: $i) { ${FIELDS} } }`;
const DELETE = 'mutation($i: DeleteMemberAssociationInput!) { deleteMemberAssociation(input: $i) { id version } }';
const LIST = `query($first: Int, $after: String, $f: MemberAssociationFilter, $s: MemberAssociationSort) {
  memberAssociations(first: $first, after: $after, filter: $f, sort: $s) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id name status } } } }`;

const countRows = () => asOwner(async (db) => (await db.query('SELECT count(*)::int AS n FROM member_associations')).rows[0].n as number);
const auditRows = (id: string) => asOwner(async (db) =>
  (await db.query('SELECT action, entity_type, province_id, actor_id, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id', [id])).rows);

describe('member associations', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin@dongnai.demo');
  });
  afterAll(() => s.close());

  it('creates, reads, updates and soft-deletes, leaving one audit row per mutation', async () => {
    const name = `Hội Vật lý ${unique()}`;
    const created = await s.gql(CREATE, {
      i: { name: `  ${name}  `, abbreviation: 'HVL', field: 'Vật lý', foundedOn: '2001-02-03', congressTerm: '2025–2030', individualMemberCount: 120, collectiveMemberCount: 3 },
    }, admin);
    expect(created.errors).toBeUndefined();
    const a = created.data!.createMemberAssociation;
    expect(a).toMatchObject({ name, abbreviation: 'HVL', foundedOn: '2001-02-03', status: 'ACTIVE', version: 1, province: { code: '75' } });

    const updated = await s.gql(UPDATE, { i: { id: a.id, version: 1, status: 'CONSOLIDATING', abbreviation: null } }, admin);
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateMemberAssociation).toMatchObject({ name, status: 'CONSOLIDATING', abbreviation: null, version: 2 });

    const deleted = await s.gql(DELETE, { i: { id: a.id, version: 2 } }, admin);
    expect(deleted.data!.deleteMemberAssociation.version).toBe(3);
    const gone = await s.gql('query($id: ID!) { memberAssociation(id: $id) { id } }', { id: a.id }, admin);
    expect(gone.data!.memberAssociation).toBeNull();

    const audit = await auditRows(a.id);
    expect(audit.map((r) => r.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
    expect(audit[0]).toMatchObject({ entity_type: 'MemberAssociation', province_id: DONG_NAI, before: null });
    expect(audit[1].before.status).toBe('ACTIVE');
    expect(audit[1].after.status).toBe('CONSOLIDATING');
    expect(audit.every((r) => typeof r.actor_id === 'string')).toBe(true);
  });

  it('a stale version is a CONFLICT and changes nothing', async () => {
    const a = await makeAssociation(DONG_NAI);
    const first = await s.gql(UPDATE, { i: { id: a.id, version: 1, field: 'Hóa học' } }, admin);
    expect(first.errors).toBeUndefined();
    const stale = await s.gql(UPDATE, { i: { id: a.id, version: 1, field: 'Sinh học' } }, admin);
    expect(codeOf(stale)).toBe('CONFLICT');
    const row = await asOwner(async (db) => (await db.query('SELECT field, version FROM member_associations WHERE id = $1', [a.id])).rows[0]);
    expect(row).toEqual({ field: 'Hóa học', version: 2 });
    expect((await auditRows(a.id)).length).toBe(1);
  });

  it('two concurrent updates with the same version give one success and one CONFLICT', async () => {
    const a = await makeAssociation(DONG_NAI);
    const results = await Promise.all(['Toán học', 'Tin học'].map((field) => s.gql(UPDATE, { i: { id: a.id, version: 1, field } }, admin)));
    const codes = results.map((r) => (r.errors ? codeOf(r) : 'OK')).sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    expect((await auditRows(a.id)).length).toBe(1);
  });

  it.each([
    [{ name: 'A' }, 'name'],
    [{ name: 'Hội hợp lệ', individualMemberCount: -5 }, 'individualMemberCount'],
    [{ name: 'Hội hợp lệ', congressTerm: 'năm nay' }, 'congressTerm'],
    [{ name: 'Hội hợp lệ', foundedOn: '2999-01-01' }, 'foundedOn'],
    [{ name: 'Hội hợp lệ', abbreviation: 'x'.repeat(51) }, 'abbreviation'],
  ])('bad input %j gives BAD_USER_INPUT naming field %s and writes nothing', async (input, field) => {
    const before = await countRows();
    const r = await s.gql(CREATE, { i: input }, admin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe(field);
    expect(r.errors![0].message).toMatch(/\w/);
    expect(await countRows()).toBe(before);
  });

  it('names are unique within a province only, ignoring case', async () => {
    const name = `Hội Địa chất ${unique()}`;
    expect((await s.gql(CREATE, { i: { name } }, admin)).errors).toBeUndefined();
    const dup = await s.gql(CREATE, { i: { name: name.toUpperCase() } }, admin);
    expect(codeOf(dup)).toBe('BAD_USER_INPUT');
    expect(dup.errors![0].extensions!.field).toBe('name');
    const hcm = await s.login('admin@hcm.demo');
    expect((await s.gql(CREATE, { i: { name } }, hcm)).errors).toBeUndefined();
  });

  it('an update that breaks a rule keeps the record as it was', async () => {
    const a = await makeAssociation(DONG_NAI);
    const r = await s.gql(UPDATE, { i: { id: a.id, version: 1, name: 'Tên mới', congressTerm: 'sai' } }, admin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    const row = await asOwner(async (db) => (await db.query('SELECT name, version FROM member_associations WHERE id = $1', [a.id])).rows[0]);
    expect(row).toEqual({ name: a.name, version: 1 });
  });

  it('search ignores diacritics and case', async () => {
    const tag = unique('tag');
    await makeAssociation(DONG_NAI, { name: `Hội Y học Cổ truyền ${tag}` });
    for (const search of ['hoi y hoc co truyen', 'HỘI Y HỌC', 'y hoc co']) {
      const r = await s.gql(LIST, { f: { search: `${search}` } }, admin);
      const names = r.data!.memberAssociations.edges.map((e: any) => e.node.name);
      expect(names).toEqual(expect.arrayContaining([`Hội Y học Cổ truyền ${tag}`]));
    }
    const none = await s.gql(LIST, { f: { search: 'khong ton tai 100%_' } }, admin);
    expect(none.data!.memberAssociations.totalCount).toBe(0);
  });

  it('pages with cursors, counts the whole list and filters by status', async () => {
    const status = 'DISSOLVED';
    for (let i = 0; i < 5; i++) await makeAssociation(DONG_NAI, { status });
    const all: string[] = [];
    let after: string | undefined;
    let total = 0;
    for (let guard = 0; guard < 10; guard++) {
      const r = await s.gql(LIST, { first: 2, after, f: { status } }, admin);
      const page = r.data!.memberAssociations;
      total = page.totalCount;
      all.push(...page.edges.map((e: any) => e.node.id));
      expect(page.edges.every((e: any) => e.node.status === status)).toBe(true);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThanOrEqual(5);
    expect(all.length).toBe(total);
    expect(new Set(all).size).toBe(total);
    expect(codeOf(await s.gql(LIST, { first: 1000 }, admin))).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.gql(LIST, { after: 'not-a-cursor' }, admin))).toBe('BAD_USER_INPUT');
  });

  it('sorts names in Vietnamese alphabetical order', async () => {
    const tag = unique('sort');
    for (const prefix of ['Đ', 'E', 'D', 'Ă', 'A']) await makeAssociation(DONG_NAI, { name: `${prefix} ${tag}` });
    const r = await s.gql(LIST, { first: 100, f: { search: tag }, s: { field: 'NAME', direction: 'ASC' } }, admin);
    expect(r.data!.memberAssociations.edges.map((e: any) => e.node.name[0])).toEqual(['A', 'Ă', 'D', 'Đ', 'E']);
  });
});
