import {
  asOwner, asServerRole, BINH_DUONG, codeOf, DONG_NAI, HCM, makeAssociation, startTestServer, TestServer,
} from './helpers';

const GET = 'query($id: ID!) { memberAssociation(id: $id) { id name province { code } } }';
const LIST = 'query($f: MemberAssociationFilter) { memberAssociations(first: 100, filter: $f) { totalCount edges { node { id province { code } } } } }';
const UPDATE = 'mutation($i: UpdateMemberAssociationInput!) { updateMemberAssociation(input: $i) { id name version } }';
const DELETE = 'mutation($i: DeleteMemberAssociationInput!) { deleteMemberAssociation(input: $i) { id } }';
const CREATE = 'mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { id name province { code } } }';

async function rowOf(id: string) {
  return asOwner(async (db) => (await db.query('SELECT name, version, deleted_at FROM member_associations WHERE id = $1', [id])).rows[0]);
}

describe('tenancy: provinces never see or change each other', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it("Đồng Nai's admin cannot read, update or delete Bình Dương's associations through GraphQL", async () => {
    const bd = await makeAssociation(BINH_DUONG);
    const token = await s.login('admin@dongnai.demo');

    const one = await s.gql(GET, { id: bd.id }, token);
    expect(one.errors).toBeUndefined();
    expect(one.data?.memberAssociation).toBeNull();

    const list = await s.gql(LIST, {}, token);
    const codes = new Set(list.data?.memberAssociations.edges.map((e: any) => e.node.province.code));
    expect([...codes]).toEqual(['75']);
    const filtered = await s.gql(LIST, { f: { provinceCode: '74' } }, token);
    expect(filtered.data?.memberAssociations.totalCount).toBe(0);

    const upd = await s.gql(UPDATE, { i: { id: bd.id, version: bd.version, name: 'Đã bị sửa' } }, token);
    expect(codeOf(upd)).toBe('NOT_FOUND');
    const del = await s.gql(DELETE, { i: { id: bd.id, version: bd.version } }, token);
    expect(codeOf(del)).toBe('NOT_FOUND');
    const create = await s.gql(CREATE, { i: { name: 'Hội cài vào Bình Dương', provinceCode: '74' } }, token);
    expect(codeOf(create)).toBe('FORBIDDEN');

    expect(await rowOf(bd.id)).toEqual({ name: bd.name, version: 1, deleted_at: null });
  });

  it("as raw SQL under the server's role with Đồng Nai's settings, Bình Dương's rows are invisible and unwritable", async () => {
    const bd = await makeAssociation(BINH_DUONG);
    const scope = { provinceIds: [DONG_NAI], canWrite: true, role: null };
    const seen = await asServerRole(scope, async (db) => (await db.query('SELECT count(*)::int AS n FROM member_associations WHERE province_id = 74')).rows[0].n);
    expect(seen).toBe(0);
    const updated = await asServerRole(scope, async (db) => (await db.query(`UPDATE member_associations SET name = 'x' WHERE id = $1`, [bd.id])).rowCount);
    expect(updated).toBe(0);
    const deleted = await asServerRole(scope, async (db) => (await db.query(`DELETE FROM member_associations WHERE id = $1`, [bd.id]).catch((e) => e)));
    // The server role has no DELETE right at all (deletes are soft); either way nothing goes.
    expect(deleted.code === '42501' || deleted.rowCount === 0).toBe(true);
    await expect(asServerRole(scope, (db) => db.query(`INSERT INTO member_associations (province_id, name) VALUES (74, 'Hội lậu')`)))
      .rejects.toMatchObject({ code: '42501' });
    // Moving one of your own rows into another province is refused by WITH CHECK.
    const dn = await makeAssociation(DONG_NAI);
    await expect(asServerRole(scope, (db) => db.query(`UPDATE member_associations SET province_id = 74 WHERE id = $1`, [dn.id])))
      .rejects.toMatchObject({ code: '42501' });
    // With no tenant settings at all, nothing is visible.
    const unset = await asServerRole({}, async (db) => (await db.query('SELECT count(*)::int AS n FROM member_associations')).rows[0].n);
    expect(unset).toBe(0);
    expect(await rowOf(bd.id)).toEqual({ name: bd.name, version: 1, deleted_at: null });
  });

  it("TP. Hồ Chí Minh's admin reads and edits Bình Dương's records as its successor", async () => {
    const bd = await makeAssociation(BINH_DUONG);
    const token = await s.login('admin@hcm.demo');
    const one = await s.gql(GET, { id: bd.id }, token);
    expect(one.data?.memberAssociation).toMatchObject({ id: bd.id, province: { code: '74' } });
    const upd = await s.gql(UPDATE, { i: { id: bd.id, version: 1, name: `${bd.name} (TP.HCM)` } }, token);
    expect(upd.errors).toBeUndefined();
    expect(upd.data?.updateMemberAssociation.version).toBe(2);
    const created = await s.gql(CREATE, { i: { name: `Hội kế thừa ${bd.id}`, provinceCode: '74' } }, token);
    expect(created.data?.createMemberAssociation.province.code).toBe('74');
    // ...but not Đồng Nai's.
    const dn = await makeAssociation(DONG_NAI);
    expect((await s.gql(GET, { id: dn.id }, token)).data?.memberAssociation).toBeNull();
    // And Bình Dương's own admin still reads Bình Dương but not TP. Hồ Chí Minh.
    const hcm = await makeAssociation(HCM);
    const bdToken = await s.login('admin@binhduong.demo');
    expect((await s.gql(GET, { id: bd.id }, bdToken)).data?.memberAssociation?.id).toBe(bd.id);
    expect((await s.gql(GET, { id: hcm.id }, bdToken)).data?.memberAssociation).toBeNull();
  });

  it('the viewer reads its province and cannot write', async () => {
    const dn = await makeAssociation(DONG_NAI);
    const token = await s.login('viewer@dongnai.demo');
    expect((await s.gql(GET, { id: dn.id }, token)).data?.memberAssociation?.id).toBe(dn.id);
    expect(codeOf(await s.gql(CREATE, { i: { name: 'Hội của người xem' } }, token))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql(UPDATE, { i: { id: dn.id, version: 1, name: 'Người xem sửa' } }, token))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql(DELETE, { i: { id: dn.id, version: 1 } }, token))).toBe('FORBIDDEN');
    // Even as raw SQL with the viewer's settings, the database refuses writes.
    const n = await asServerRole({ provinceIds: [DONG_NAI], canWrite: false }, async (db) =>
      (await db.query(`UPDATE member_associations SET name = 'x' WHERE id = $1`, [dn.id])).rowCount);
    expect(n).toBe(0);
    expect(await rowOf(dn.id)).toEqual({ name: dn.name, version: 1, deleted_at: null });
  });

  it('the ministry analyst reads every province and writes nothing', async () => {
    const dn = await makeAssociation(DONG_NAI);
    const bd = await makeAssociation(BINH_DUONG);
    const token = await s.login('analyst@ministry.demo');
    const list = await s.gql(LIST, {}, token);
    const codes = new Set(list.data?.memberAssociations.edges.map((e: any) => e.node.province.code));
    // Other suites add records in further provinces; these three are there from the demo data.
    expect([...codes]).toEqual(expect.arrayContaining(['74', '75', '79']));
    expect((await s.gql(GET, { id: bd.id }, token)).data?.memberAssociation?.id).toBe(bd.id);
    expect(codeOf(await s.gql(CREATE, { i: { name: 'Hội của Bộ', provinceCode: '75' } }, token))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql(UPDATE, { i: { id: dn.id, version: 1, name: 'Bộ sửa' } }, token))).toBe('FORBIDDEN');
    const n = await asServerRole({ readAll: true }, async (db) =>
      (await db.query(`UPDATE member_associations SET name = 'x' WHERE id = $1`, [dn.id])).rowCount);
    expect(n).toBe(0);
    expect(await rowOf(dn.id)).toEqual({ name: dn.name, version: 1, deleted_at: null });
  });

  it('anonymous callers get UNAUTHENTICATED and see no province data', async () => {
    const r = await s.gql(LIST, {});
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
    expect(r.data?.memberAssociations ?? null).toBeNull();
    const forged = await s.gql(LIST, {}, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad');
    expect(codeOf(forged)).toBe('UNAUTHENTICATED');
  });
});
