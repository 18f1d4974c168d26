import { asOwner, asServerRole, codeOf, DONG_NAI, makeAssociation, startTestServer, TestServer, unique } from './helpers';

const AUDIT = `query($f: AuditLogFilter) { auditLog(first: 50, filter: $f) {
  totalCount edges { node { action entityType entityId actor { email } at before after province { code } } } } }`;
const CREATE = 'mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { id version } }';
const UPDATE = 'mutation($i: UpdateMemberAssociationInput!) { updateMemberAssociation(input: $i) { id version } }';

describe('audit log', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it("gives a province admin a record's history: actor, action, time, before and after", async () => {
    const admin = await s.login('admin@dongnai.demo');
    const created = await s.gql(CREATE, { i: { name: `Hội Lịch sử ${unique()}` } }, admin);
    const id = created.data!.createMemberAssociation.id;
    await s.gql(UPDATE, { i: { id, version: 1, field: 'Sử học' } }, admin);
    const r = await s.gql(AUDIT, { f: { entityId: id } }, admin);
    expect(r.errors).toBeUndefined();
    const entries = r.data!.auditLog.edges.map((e: any) => e.node);
    expect(entries.map((e: any) => e.action)).toEqual(['UPDATE', 'CREATE']);
    expect(entries[0]).toMatchObject({ entityType: 'MemberAssociation', entityId: id, actor: { email: 'admin@dongnai.demo' }, province: { code: '75' } });
    expect(entries[0].before.field).toBeNull();
    expect(entries[0].after.field).toBe('Sử học');
    expect(entries[1].before).toBeNull();
  });

  it("another province's admin sees none of it, and viewers and the ministry may not read the log", async () => {
    const admin = await s.login('admin@dongnai.demo');
    const created = await s.gql(CREATE, { i: { name: `Hội Địa lý ${unique()}` } }, admin);
    const id = created.data!.createMemberAssociation.id;
    const other = await s.gql(AUDIT, { f: { entityId: id } }, await s.login('admin@binhduong.demo'));
    expect(other.data!.auditLog.totalCount).toBe(0);
    expect(codeOf(await s.gql(AUDIT, {}, await s.login('viewer@dongnai.demo')))).toBe('FORBIDDEN');
    expect(codeOf(await s.gql(AUDIT, {}, await s.login('analyst@ministry.demo')))).toBe('FORBIDDEN');
  });

  it('the server role can add and read audit rows but never change or delete them; the owner cannot either', async () => {
    await makeAssociation(DONG_NAI);
    const id = await asOwner(async (db) => {
      await db.query(`INSERT INTO audit_log (province_id, action, entity_type, entity_id) VALUES (75, 'TEST', 'Test', 'x')`);
      return (await db.query(`SELECT max(id) AS id FROM audit_log`)).rows[0].id;
    });
    const scope = { provinceIds: [DONG_NAI], canWrite: true };
    await expect(asServerRole(scope, (db) => db.query(`UPDATE audit_log SET action = 'FORGED' WHERE id = $1`, [id])))
      .rejects.toMatchObject({ code: '42501' });
    await expect(asServerRole(scope, (db) => db.query(`DELETE FROM audit_log WHERE id = $1`, [id])))
      .rejects.toMatchObject({ code: '42501' });
    await expect(asOwner((db) => db.query(`UPDATE audit_log SET action = 'FORGED' WHERE id = $1`, [id])))
      .rejects.toThrow(/cannot be changed/);
    const seen = await asServerRole(scope, async (db) => (await db.query(`SELECT action FROM audit_log WHERE id = $1`, [id])).rows);
    expect(seen).toEqual([{ action: 'TEST' }]);
  });
});
