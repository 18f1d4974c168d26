import { agencyRow, makeAgency } from './factories/agencies';
import { asOwner, asServerRole, BINH_DUONG, codeOf, countStatements, DONG_NAI, HCM, startTestServer, TestServer, unique } from './helpers';

const FIELDS = 'id name shortName kind version province { code } parent { id name } children { id name }';
const GET = `query($id: ID!) { agency(id: $id) { ${FIELDS} } }`;
const CREATE = `mutation($i: CreateAgencyInput!) { createAgency(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation($i: UpdateAgencyInput!) { updateAgency(input: $i) { ${FIELDS} } }`;
const DELETE = 'mutation($i: DeleteAgencyInput!) { deleteAgency(input: $i) { id version } }';
const LIST = `query($first: Int, $after: String, $f: AgencyFilter, $s: AgencySort) {
  agencies(first: $first, after: $after, filter: $f, sort: $s) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id name kind province { code } } } } }`;

const countAgencies = () => asOwner(async (db) => (await db.query('SELECT count(*)::int AS n FROM agencies')).rows[0].n as number);
const auditRows = (id: string) => asOwner(async (db) =>
  (await db.query('SELECT action, entity_type, province_id, actor_id, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id', [id])).rows);
const namesOf = (r: any): string[] => r.data!.agencies.edges.map((e: any) => e.node.name);

describe('agencies', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin@dongnai.demo');
  });
  afterAll(() => s.close());

  it('creates, reads, updates and soft-deletes, leaving one audit row per mutation', async () => {
    const name = `Sở Khoa học và Công nghệ ${unique()}`;
    const created = await s.gql(CREATE, { i: { name: `  ${name.replace(/ /g, '  ')} `, shortName: ' Sở KH&CN ', kind: 'DEPARTMENT' } }, admin);
    expect(created.errors).toBeUndefined();
    const dept = created.data!.createAgency;
    expect(dept).toMatchObject({ name, shortName: 'Sở KH&CN', kind: 'DEPARTMENT', version: 1, province: { code: '75' }, parent: null, children: [] });

    const div = await s.gql(CREATE, { i: { name: `Phòng Quản lý Khoa học ${unique()}`, kind: 'DIVISION', parentId: dept.id } }, admin);
    expect(div.errors).toBeUndefined();
    expect(div.data!.createAgency.parent).toEqual({ id: dept.id, name });

    const read = await s.gql(GET, { id: dept.id }, admin);
    expect(read.data!.agency.children).toEqual([{ id: div.data!.createAgency.id, name: div.data!.createAgency.name }]);

    const updated = await s.gql(UPDATE, { i: { id: dept.id, version: 1, shortName: null, kind: 'OTHER' } }, admin);
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateAgency).toMatchObject({ name, shortName: null, kind: 'OTHER', version: 2 });

    // A division can be moved to the top level and then deleted.
    const divId = div.data!.createAgency.id;
    const moved = await s.gql(UPDATE, { i: { id: divId, version: 1, parentId: null } }, admin);
    expect(moved.data!.updateAgency.parent).toBeNull();
    const deleted = await s.gql(DELETE, { i: { id: divId, version: 2 } }, admin);
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data!.deleteAgency.version).toBe(3);
    expect((await s.gql(GET, { id: divId }, admin)).data!.agency).toBeNull();
    expect((await agencyRow(divId))!.deleted_at).not.toBeNull();

    const audit = await auditRows(dept.id);
    expect(audit.map((r) => r.action)).toEqual(['CREATE', 'UPDATE']);
    expect(audit[0]).toMatchObject({ entity_type: 'Agency', province_id: DONG_NAI, before: null });
    expect(audit[1].before.kind).toBe('DEPARTMENT');
    expect(audit[1].after.kind).toBe('OTHER');
    expect(audit.every((r) => typeof r.actor_id === 'string')).toBe(true);
    expect((await auditRows(divId)).map((r) => r.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
  });

  it('refuses to delete an agency that still has live sub-units or is named by a live directive', async () => {
    const parent = await makeAgency(DONG_NAI);
    const child = await makeAgency(DONG_NAI, { parentId: parent.id, kind: 'DIVISION' });
    const refused = await s.gql(DELETE, { i: { id: parent.id, version: 1 } }, admin);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions!.field).toBe('id');
    expect(refused.errors![0].message).toMatch(/sub-unit/);
    expect(await agencyRow(parent.id)).toMatchObject({ version: 1, deleted_at: null });
    expect(await auditRows(parent.id)).toEqual([]);

    // Once the sub-unit is gone the parent may go, unless a live directive names it as its issuer.
    expect((await s.gql(DELETE, { i: { id: child.id, version: 1 } }, admin)).errors).toBeUndefined();
    const directive = await asOwner(async (db) => (await db.query(
      `INSERT INTO directives (province_id, system, doc_type, symbol, issuer_agency_id, subject)
       VALUES ($1, 'STATE', 'PLAN', 'KH-SKHCN', $2, 'Kế hoạch thử nghiệm') RETURNING id`, [DONG_NAI, parent.id])).rows[0].id);
    const cited = await s.gql(DELETE, { i: { id: parent.id, version: 1 } }, admin);
    expect(codeOf(cited)).toBe('BAD_USER_INPUT');
    expect(cited.errors![0].message).toMatch(/directives/);
    await asOwner((db) => db.query('UPDATE directives SET deleted_at = now() WHERE id = $1', [directive]));
    expect((await s.gql(DELETE, { i: { id: parent.id, version: 1 } }, admin)).errors).toBeUndefined();
  });

  it('refuses a parent from another province or a missing one, writing nothing', async () => {
    const bd = await makeAgency(BINH_DUONG);
    const before = await countAgencies();
    const r = await s.gql(CREATE, { i: { name: `Phòng lạc tỉnh ${unique()}`, kind: 'DIVISION', parentId: bd.id } }, admin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe('parentId');
    // The message never tells whether the other province's row exists.
    const missing = await s.gql(CREATE, { i: { name: `Phòng ma ${unique()}`, kind: 'DIVISION', parentId: '00000000-0000-4000-8000-000000000000' } }, admin);
    expect(missing.errors![0].message).toBe(r.errors![0].message);
    // The successor sees Bình Dương's agency, but a TP. Hồ Chí Minh agency may not hang under it.
    const hcm = await s.login('admin@hcm.demo');
    const cross = await s.gql(CREATE, { i: { name: `Phòng liên tỉnh ${unique()}`, kind: 'DIVISION', parentId: bd.id } }, hcm);
    expect(codeOf(cross)).toBe('BAD_USER_INPUT');
    expect(cross.errors![0].extensions!.field).toBe('parentId');
    expect(await countAgencies()).toBe(before);
    // ...while a record entered for Bình Dương may.
    const ok = await s.gql(CREATE, { i: { name: `Phòng kế thừa ${unique()}`, kind: 'DIVISION', parentId: bd.id, provinceCode: '74' } }, hcm);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.createAgency).toMatchObject({ province: { code: '74' }, parent: { id: bd.id } });
  });

  it('an update may not make an agency its own ancestor', async () => {
    const a = await makeAgency(DONG_NAI);
    const b = await makeAgency(DONG_NAI, { parentId: a.id });
    const c = await makeAgency(DONG_NAI, { parentId: b.id });
    for (const parentId of [a.id, c.id, b.id]) {
      const target = parentId === b.id ? b : a;
      const r = await s.gql(UPDATE, { i: { id: target.id, version: 1, parentId } }, admin);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe('parentId');
    }
    expect(await agencyRow(a.id)).toMatchObject({ parent_id: null, version: 1 });
    expect(await agencyRow(b.id)).toMatchObject({ parent_id: a.id, version: 1 });
    expect(await auditRows(a.id)).toEqual([]);
    // Moving c directly under a is fine.
    const ok = await s.gql(UPDATE, { i: { id: c.id, version: 1, parentId: a.id } }, admin);
    expect(ok.data!.updateAgency.parent.id).toBe(a.id);
  });

  it('two concurrent moves that together would close a cycle: one succeeds, the other is refused', async () => {
    const a = await makeAgency(DONG_NAI);
    const b = await makeAgency(DONG_NAI);
    const results = await Promise.all([
      s.gql(UPDATE, { i: { id: a.id, version: 1, parentId: b.id } }, admin),
      s.gql(UPDATE, { i: { id: b.id, version: 1, parentId: a.id } }, admin),
    ]);
    expect(results.map((r) => (r.errors ? codeOf(r) : 'OK')).sort()).toEqual(['BAD_USER_INPUT', 'OK']);
    const rows = [await agencyRow(a.id), await agencyRow(b.id)];
    expect(rows.filter((r) => r!.parent_id !== null)).toHaveLength(1);
  });

  it('names are unique within a province only, ignoring case', async () => {
    const name = `Ban Tuyên giáo ${unique()}`;
    expect((await s.gql(CREATE, { i: { name, kind: 'PARTY_BOARD' } }, admin)).errors).toBeUndefined();
    const before = await countAgencies();
    const dup = await s.gql(CREATE, { i: { name: name.toUpperCase(), kind: 'PARTY_BOARD' } }, admin);
    expect(codeOf(dup)).toBe('BAD_USER_INPUT');
    expect(dup.errors![0].extensions!.field).toBe('name');
    expect(await countAgencies()).toBe(before);
    const hcm = await s.login('admin@hcm.demo');
    expect((await s.gql(CREATE, { i: { name, kind: 'PARTY_BOARD' } }, hcm)).errors).toBeUndefined();
    // Renaming onto an existing name is refused too.
    const other = await makeAgency(DONG_NAI);
    const rename = await s.gql(UPDATE, { i: { id: other.id, version: 1, name } }, admin);
    expect(rename.errors![0].extensions!.field).toBe('name');
    expect(await agencyRow(other.id)).toMatchObject({ name: other.name, version: 1 });
  });

  it.each([
    [{ name: 'A', kind: 'DEPARTMENT' }, 'name'],
    [{ name: '   ', kind: 'DEPARTMENT' }, 'name'],
    [{ name: 'Sở hợp lệ', kind: 'DEPARTMENT', shortName: 'x'.repeat(61) }, 'shortName'],
    [{ name: 'Sở hợp lệ', kind: 'DEPARTMENT', parentId: 'not-an-id' }, 'parentId'],
    [{ name: 'Sở hợp lệ', kind: 'DEPARTMENT', provinceCode: '7' }, 'provinceCode'],
    [{ name: 'Sở hợp lệ', kind: 'DEPARTMENT', provinceCode: '99' }, 'provinceCode'],
  ])('bad input %j gives BAD_USER_INPUT naming field %s and writes nothing', async (input, field) => {
    const before = await countAgencies();
    const r = await s.gql(CREATE, { i: input }, admin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.field).toBe(field);
    expect(r.errors![0].message).toMatch(new RegExp(field));
    expect(await countAgencies()).toBe(before);
  });

  it('a stale version is a CONFLICT and changes nothing', async () => {
    const a = await makeAgency(DONG_NAI);
    expect((await s.gql(UPDATE, { i: { id: a.id, version: 1, shortName: 'Một' } }, admin)).errors).toBeUndefined();
    const stale = await s.gql(UPDATE, { i: { id: a.id, version: 1, shortName: 'Hai' } }, admin);
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(codeOf(await s.gql(DELETE, { i: { id: a.id, version: 1 } }, admin))).toBe('CONFLICT');
    expect(await agencyRow(a.id)).toMatchObject({ short_name: 'Một', version: 2, deleted_at: null });
    expect((await auditRows(a.id)).length).toBe(1);
  });

  it('two concurrent updates with the same version give one success and one CONFLICT', async () => {
    const a = await makeAgency(DONG_NAI);
    const results = await Promise.all(['Một', 'Hai'].map((shortName) => s.gql(UPDATE, { i: { id: a.id, version: 1, shortName } }, admin)));
    expect(results.map((r) => (r.errors ? codeOf(r) : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    expect((await agencyRow(a.id))!.version).toBe(2);
    expect((await auditRows(a.id)).length).toBe(1);
  });

  it("Đồng Nai cannot read or change Bình Dương's agencies through GraphQL", async () => {
    const bd = await makeAgency(BINH_DUONG);
    expect((await s.gql(GET, { id: bd.id }, admin)).data!.agency).toBeNull();
    const list = await s.gql(LIST, { first: 100 }, admin);
    expect(new Set(list.data!.agencies.edges.map((e: any) => e.node.province.code))).toEqual(new Set(['75']));
    expect((await s.gql(LIST, { f: { provinceCode: '74' } }, admin)).data!.agencies.totalCount).toBe(0);
    expect(codeOf(await s.gql(UPDATE, { i: { id: bd.id, version: 1, name: 'Đã bị sửa' } }, admin))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(DELETE, { i: { id: bd.id, version: 1 } }, admin))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(CREATE, { i: { name: 'Sở cài vào Bình Dương', kind: 'DEPARTMENT', provinceCode: '74' } }, admin))).toBe('FORBIDDEN');
    // Moving one of our own agencies under theirs is refused as well.
    const dn = await makeAgency(DONG_NAI);
    expect(codeOf(await s.gql(UPDATE, { i: { id: dn.id, version: 1, parentId: bd.id } }, admin))).toBe('BAD_USER_INPUT');
    expect(await agencyRow(bd.id)).toMatchObject({ name: bd.name, version: 1, deleted_at: null });
    expect(await agencyRow(dn.id)).toMatchObject({ parent_id: null, version: 1 });
  });

  it("as raw SQL under the server's role with Đồng Nai's settings, Bình Dương's agencies are invisible and unwritable", async () => {
    const bd = await makeAgency(BINH_DUONG);
    const scope = { provinceIds: [DONG_NAI], canWrite: true };
    expect(await asServerRole(scope, async (db) => (await db.query('SELECT count(*)::int AS n FROM agencies WHERE province_id = 74')).rows[0].n)).toBe(0);
    expect(await asServerRole(scope, async (db) => (await db.query(`UPDATE agencies SET name = 'x' WHERE id = $1`, [bd.id])).rowCount)).toBe(0);
    await expect(asServerRole(scope, (db) => db.query(`INSERT INTO agencies (province_id, kind, name) VALUES (74, 'OTHER', 'Cơ quan lậu')`)))
      .rejects.toMatchObject({ code: '42501' });
    const dn = await makeAgency(DONG_NAI);
    await expect(asServerRole(scope, (db) => db.query(`UPDATE agencies SET province_id = 74 WHERE id = $1`, [dn.id])))
      .rejects.toMatchObject({ code: '42501' });
    const deleted = await asServerRole(scope, (db) => db.query('DELETE FROM agencies WHERE id = $1', [dn.id]).catch((e) => e));
    expect(deleted.code).toBe('42501');
    expect(await asServerRole({}, async (db) => (await db.query('SELECT count(*)::int AS n FROM agencies')).rows[0].n)).toBe(0);
    expect(await agencyRow(bd.id)).toMatchObject({ name: bd.name, version: 1 });
  });

  it("TP. Hồ Chí Minh's admin reads and edits Bình Dương's agencies as its successor", async () => {
    const bd = await makeAgency(BINH_DUONG);
    const hcm = await s.login('admin@hcm.demo');
    expect((await s.gql(GET, { id: bd.id }, hcm)).data!.agency).toMatchObject({ id: bd.id, province: { code: '74' } });
    const upd = await s.gql(UPDATE, { i: { id: bd.id, version: 1, shortName: 'BD' } }, hcm);
    expect(upd.errors).toBeUndefined();
    expect(upd.data!.updateAgency).toMatchObject({ shortName: 'BD', version: 2 });
    const listed = await s.gql(LIST, { first: 100, f: { provinceCode: '74', search: bd.name } }, hcm);
    expect(namesOf(listed)).toEqual([bd.name]);
    // ...but never Đồng Nai's.
    const dn = await makeAgency(DONG_NAI);
    expect((await s.gql(GET, { id: dn.id }, hcm)).data!.agency).toBeNull();
    expect(codeOf(await s.gql(UPDATE, { i: { id: dn.id, version: 1, shortName: 'x' } }, hcm))).toBe('NOT_FOUND');
    // And Bình Dương's own admin does not see TP. Hồ Chí Minh's.
    const h = await makeAgency(HCM);
    expect((await s.gql(GET, { id: h.id }, await s.login('admin@binhduong.demo'))).data!.agency).toBeNull();
  });

  it('the viewer and the ministry read but cannot write', async () => {
    const dn = await makeAgency(DONG_NAI);
    const bd = await makeAgency(BINH_DUONG);
    for (const email of ['viewer@dongnai.demo', 'analyst@ministry.demo']) {
      const token = await s.login(email);
      expect((await s.gql(GET, { id: dn.id }, token)).data!.agency.id).toBe(dn.id);
      expect(codeOf(await s.gql(CREATE, { i: { name: `Sở của người xem ${unique()}`, kind: 'DEPARTMENT' } }, token))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(UPDATE, { i: { id: dn.id, version: 1, name: 'Người xem sửa' } }, token))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(DELETE, { i: { id: dn.id, version: 1 } }, token))).toBe('FORBIDDEN');
    }
    const analyst = await s.login('analyst@ministry.demo');
    expect((await s.gql(GET, { id: bd.id }, analyst)).data!.agency.id).toBe(bd.id);
    expect(await asServerRole({ provinceIds: [DONG_NAI], canWrite: false }, async (db) =>
      (await db.query(`UPDATE agencies SET name = 'x' WHERE id = $1`, [dn.id])).rowCount)).toBe(0);
    expect(await agencyRow(dn.id)).toMatchObject({ name: dn.name, version: 1 });
    expect(codeOf(await s.gql(LIST, {}))).toBe('UNAUTHENTICATED');
  });

  it('search ignores diacritics and case, filters by kind, parent and roots, sorts in Vietnamese order', async () => {
    const tag = unique('tag');
    const root = await makeAgency(DONG_NAI, { name: `Ủy ban Mặt trận Tổ quốc ${tag}`, shortName: 'MTTQ', kind: 'FATHERLAND_FRONT' });
    for (const prefix of ['Đ', 'E', 'D', 'Ă', 'A']) await makeAgency(DONG_NAI, { name: `${prefix} Ban ${tag}`, kind: 'OTHER', parentId: root.id });
    for (const search of [`uy ban mat tran to quoc ${tag}`, `ỦY BAN MẶT TRẬN TỔ QUỐC ${tag}`]) {
      expect(namesOf(await s.gql(LIST, { f: { search } }, admin))).toEqual([root.name]);
    }
    expect(namesOf(await s.gql(LIST, { first: 100, f: { search: `mat tran to` } }, admin))).toContain(root.name);
    expect(namesOf(await s.gql(LIST, { first: 100, f: { search: `mttq` } }, admin))).toContain(root.name);
    expect((await s.gql(LIST, { f: { search: `${tag} 100%_` } }, admin)).data!.agencies.totalCount).toBe(0);
    const kids = await s.gql(LIST, { first: 100, f: { parentId: root.id }, s: { field: 'NAME', direction: 'ASC' } }, admin);
    expect(namesOf(kids).map((n) => n[0])).toEqual(['A', 'Ă', 'D', 'Đ', 'E']);
    const desc = await s.gql(LIST, { first: 100, f: { parentId: root.id }, s: { field: 'NAME', direction: 'DESC' } }, admin);
    expect(namesOf(desc).map((n) => n[0])).toEqual(['E', 'Đ', 'D', 'Ă', 'A']);
    expect(namesOf(await s.gql(LIST, { first: 100, f: { search: tag, rootsOnly: true } }, admin))).toEqual([root.name]);
    expect(namesOf(await s.gql(LIST, { first: 100, f: { search: tag, kind: 'FATHERLAND_FRONT' } }, admin))).toEqual([root.name]);
    expect(codeOf(await s.gql(LIST, { f: { parentId: root.id, rootsOnly: true } }, admin))).toBe('BAD_USER_INPUT');
  });

  it('pages with cursors and counts the whole list', async () => {
    const tag = unique('page');
    for (let i = 0; i < 5; i++) await makeAgency(DONG_NAI, { name: `Trung tâm ${i} ${tag}`, kind: 'CENTRE' });
    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = (await s.gql(LIST, { first: 2, after, f: { search: tag } }, admin)).data!.agencies;
      expect(page.totalCount).toBe(5);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== undefined);
      seen.push(...page.edges.map((e: any) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `Trung tâm ${i} ${tag}`));
    expect(codeOf(await s.gql(LIST, { first: 101 }, admin))).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.gql(LIST, { after: 'not-a-cursor' }, admin))).toBe('BAD_USER_INPUT');
  });

  it('a page of 10 and a page of 50 with parents and children issue the same number of SQL statements', async () => {
    const tag = unique('n1');
    const parent = await makeAgency(DONG_NAI, { name: `Cấp trên ${tag}` });
    for (let i = 0; i < 50; i++) {
      const a = await makeAgency(DONG_NAI, { name: `Đơn vị ${String(i).padStart(2, '0')} ${tag}`, parentId: parent.id, kind: 'DIVISION' });
      if (i % 5 === 0) await makeAgency(DONG_NAI, { name: `Tổ ${i} ${tag}`, parentId: a.id, kind: 'OTHER' });
    }
    const query = `query($first: Int, $f: AgencyFilter) { agencies(first: $first, filter: $f) {
      totalCount edges { node { id name province { code } parent { id name parent { id } } children { id name children { id } } } } } }`;
    const run = async (first: number) => {
      let r: any;
      const n = await countStatements(async () => { r = await s.gql(query, { first, f: { parentId: parent.id } }, admin); });
      expect(r.errors).toBeUndefined();
      expect(r.data.agencies.edges).toHaveLength(first);
      expect(r.data.agencies.edges.every((e: any) => e.node.parent.id === parent.id)).toBe(true);
      return n;
    };
    const ten = await run(10);
    const fifty = await run(50);
    expect(ten).toBeGreaterThan(0);
    expect(fifty).toBe(ten);
  });
});
