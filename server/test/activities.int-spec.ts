import { asOwner, asServerRole, BINH_DUONG, codeOf, countStatements, DONG_NAI, GqlResponse, HCM, makeAssociation, startTestServer, TestServer, unique } from './helpers';
import { auditRows, makeActivity, makeAgency, makeDirectiveTask, softDeleteAgency } from './factories/commissioning';

const FIELDS = `id kind title heldOn participants draftTitle response note directiveTaskId version
  province { code } organizerAssociation { id name } draftingAgency { id name }`;
const CREATE = `mutation($i: CreateActivityInput!) { createActivity(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation($i: UpdateActivityInput!) { updateActivity(input: $i) { ${FIELDS} } }`;
const DELETE = 'mutation($i: DeleteActivityInput!) { deleteActivity(input: $i) { id version } }';
const GET = `query($id: ID!) { activity(id: $id) { ${FIELDS} } }`;
const LIST = `query($first: Int, $after: String, $f: ActivityFilter, $s: ActivitySort) {
  activities(first: $first, after: $after, filter: $f, sort: $s) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id title heldOn kind province { code } } } } }`;

type Row = Record<string, any>;
const rowOf = (id: string): Promise<Row> => asOwner(async (db) =>
  (await db.query('SELECT kind, title, version, response, draft_title, deleted_at FROM activities WHERE id = $1', [id])).rows[0]);
const countActivities = (): Promise<number> => asOwner(async (db) => (await db.query('SELECT count(*)::int AS n FROM activities')).rows[0].n);

function expectBad(r: GqlResponse, field: string, message?: string | RegExp): void {
  expect(codeOf(r)).toBe('BAD_USER_INPUT');
  expect(r.errors![0].extensions!.field).toBe(field);
  if (message !== undefined) expect(r.errors![0].message).toMatch(message);
}

describe('activities (hoạt động chuyên môn)', () => {
  let s: TestServer;
  let admin: string;
  let assoc: { id: string; name: string };
  let drafter: { id: string; name: string };
  let task: { id: string };
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('editor@dongnai.demo');
    assoc = await makeAssociation(DONG_NAI);
    drafter = await makeAgency(DONG_NAI, { name: `Sở Tài nguyên và Môi trường ${unique()}` });
    task = await makeDirectiveTask(DONG_NAI);
  });
  afterAll(() => s.close());

  it('creates, reads, updates and soft-deletes, leaving one audit row per mutation', async () => {
    const title = `Phản biện dự thảo quy hoạch ${unique()}`;
    const created = await s.gql(CREATE, {
      i: { kind: 'SOCIAL_CRITIQUE', title: ` ${title} `, heldOn: '2025-04-10', organizerAssociationId: assoc.id, directiveTaskId: task.id,
        participants: 45, draftTitle: 'Dự thảo quy hoạch tỉnh', draftingAgencyId: drafter.id },
    }, admin);
    expect(created.errors).toBeUndefined();
    const a = created.data!.createActivity;
    expect(a).toMatchObject({
      kind: 'SOCIAL_CRITIQUE', title, heldOn: '2025-04-10', participants: 45, response: 'PENDING', directiveTaskId: task.id, version: 1,
      province: { code: '75' }, organizerAssociation: { id: assoc.id, name: assoc.name }, draftingAgency: { id: drafter.id, name: drafter.name },
    });

    const updated = await s.gql(UPDATE, { i: { id: a.id, version: 1, response: 'PARTLY_ACCEPTED', participants: null, note: 'Tiếp thu 7/10 ý kiến' } }, admin);
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateActivity).toMatchObject({ response: 'PARTLY_ACCEPTED', participants: null, note: 'Tiếp thu 7/10 ý kiến', version: 2, title });

    const got = await s.gql(GET, { id: a.id }, admin);
    expect(got.data!.activity).toMatchObject({ id: a.id, response: 'PARTLY_ACCEPTED' });

    const deleted = await s.gql(DELETE, { i: { id: a.id, version: 2 } }, admin);
    expect(deleted.data!.deleteActivity.version).toBe(3);
    expect((await s.gql(GET, { id: a.id }, admin)).data!.activity).toBeNull();
    expect(codeOf(await s.gql(UPDATE, { i: { id: a.id, version: 3, title: 'Sửa bản đã xóa' } }, admin))).toBe('NOT_FOUND');
    expect((await rowOf(a.id)).deleted_at).not.toBeNull();

    const audit = await auditRows(a.id);
    expect(audit.map((r) => r.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
    expect(audit.every((r) => r.entity_type === 'Activity' && r.province_id === DONG_NAI && typeof r.actor_id === 'string')).toBe(true);
    expect(audit[1].before.response).toBe('PENDING');
    expect(audit[1].after.response).toBe('PARTLY_ACCEPTED');
  });

  it('a consultation without a response is PENDING; other kinds carry no draft, drafting agency or response', async () => {
    const c = await s.gql(CREATE, { i: { kind: 'CONSULTATION', title: 'Tư vấn đề án chuyển đổi số', heldOn: '2025-05-05', draftTitle: 'Đề án' } }, admin);
    expect(c.data!.createActivity).toMatchObject({ response: 'PENDING', draftTitle: 'Đề án', draftingAgency: null });

    const before = await countActivities();
    for (const [extra, field] of [
      [{ draftTitle: 'Dự thảo' }, 'draftTitle'],
      [{ draftingAgencyId: drafter.id }, 'draftingAgencyId'],
      [{ response: 'ACCEPTED' }, 'response'],
    ] as Array<[Row, string]>) {
      const r = await s.gql(CREATE, { i: { kind: 'WORKSHOP', title: 'Hội thảo khoa học', heldOn: '2025-05-05', ...extra } }, admin);
      expectBad(r, field, `${field} can be given only for CONSULTATION and SOCIAL_CRITIQUE activities`);
    }
    expect(await countActivities()).toBe(before);

    // Changing a consultation into a workshop must clear its draft fields in the same change.
    const id = c.data!.createActivity.id;
    expectBad(await s.gql(UPDATE, { i: { id, version: 1, kind: 'WORKSHOP' } }, admin), 'kind');
    expectBad(await s.gql(UPDATE, { i: { id, version: 1, kind: 'TRAINING', draftTitle: null, response: null, draftingAgencyId: drafter.id } }, admin), 'draftingAgencyId');
    expect(await rowOf(id)).toMatchObject({ kind: 'CONSULTATION', version: 1, response: 'PENDING' });
    const ok = await s.gql(UPDATE, { i: { id, version: 1, kind: 'WORKSHOP', draftTitle: null, response: null } }, admin);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.updateActivity).toMatchObject({ kind: 'WORKSHOP', draftTitle: null, response: null, version: 2 });
    // ...and back: a consultation again, PENDING by default; clearing the response keeps it PENDING.
    const back = await s.gql(UPDATE, { i: { id, version: 2, kind: 'CONSULTATION' } }, admin);
    expect(back.data!.updateActivity).toMatchObject({ kind: 'CONSULTATION', response: 'PENDING' });
    const cleared = await s.gql(UPDATE, { i: { id, version: 3, response: null } }, admin);
    expect(cleared.data!.updateActivity.response).toBe('PENDING');
  });

  it('foreign ids must name live rows of the same province', async () => {
    const before = await countActivities();
    const bdTask = await makeDirectiveTask(BINH_DUONG);
    const bdAssoc = await makeAssociation(BINH_DUONG);
    const bdAgency = await makeAgency(BINH_DUONG);
    const gone = await makeAgency(DONG_NAI);
    await softDeleteAgency(gone.id);
    const base = { kind: 'CONSULTATION', title: 'Tư vấn', heldOn: '2025-01-01' };
    const cases: Array<[Row, string]> = [
      [{ directiveTaskId: bdTask.id }, 'directiveTaskId'],
      [{ directiveTaskId: '00000000-0000-4000-8000-000000000000' }, 'directiveTaskId'],
      [{ organizerAssociationId: bdAssoc.id }, 'organizerAssociationId'],
      [{ draftingAgencyId: bdAgency.id }, 'draftingAgencyId'],
      [{ draftingAgencyId: gone.id }, 'draftingAgencyId'],
    ];
    for (const [extra, field] of cases) {
      const r = await s.gql(CREATE, { i: { ...base, ...extra } }, admin);
      expectBad(r, field);
      expect(r.errors![0].message).not.toMatch(/Bình Dương|thử nghiệm/);
    }
    const own = await makeActivity(DONG_NAI);
    expectBad(await s.gql(UPDATE, { i: { id: own.id, version: 1, directiveTaskId: bdTask.id } }, admin), 'directiveTaskId');
    expect(await countActivities()).toBe(before + 1);
    expect((await rowOf(own.id)).version).toBe(1);
  });

  it.each([
    ['a one-letter title', { title: 'A' }, 'title'],
    ['a title of one letter and spaces', { title: '  B  ' }, 'title'],
    ['negative participants', { participants: -1 }, 'participants'],
    ['a malformed association id', { organizerAssociationId: 'abc' }, 'organizerAssociationId'],
    ['a note over 5000 characters', { note: 'x'.repeat(5001) }, 'note'],
  ] as Array<[string, Row, string]>)('%s gives BAD_USER_INPUT naming the field and writes nothing', async (_label, bad, field) => {
    const before = await countActivities();
    const r = await s.gql(CREATE, { i: { kind: 'TRAINING', title: 'Tập huấn hợp lệ', heldOn: '2025-02-02', ...bad } }, admin);
    expectBad(r, field);
    expect(await countActivities()).toBe(before);
  });

  it('a stale version is a CONFLICT; two concurrent updates give one success and one CONFLICT', async () => {
    const a = await makeActivity(DONG_NAI);
    expect((await s.gql(UPDATE, { i: { id: a.id, version: 1, participants: 10 } }, admin)).errors).toBeUndefined();
    expect(codeOf(await s.gql(UPDATE, { i: { id: a.id, version: 1, participants: 20 } }, admin))).toBe('CONFLICT');
    expect(codeOf(await s.gql(DELETE, { i: { id: a.id, version: 1 } }, admin))).toBe('CONFLICT');
    expect(await rowOf(a.id)).toMatchObject({ version: 2, deleted_at: null });
    const results = await Promise.all(['Tên A', 'Tên B'].map((title) => s.gql(UPDATE, { i: { id: a.id, version: 2, title } }, admin)));
    expect(results.map((r) => (r.errors ? codeOf(r) : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    expect((await rowOf(a.id)).version).toBe(3);
    expect((await auditRows(a.id)).map((r) => r.action)).toEqual(['UPDATE', 'UPDATE']);
  });

  it('filters by kind, year, association and directive task; search ignores diacritics', async () => {
    const org = await makeAssociation(DONG_NAI);
    const t = await makeDirectiveTask(DONG_NAI);
    const tag = unique('tag');
    const a = await makeActivity(DONG_NAI, { organizerAssociationId: org.id, kind: 'CONTEST', title: `Hội thi Sáng tạo Kỹ thuật ${tag}`, heldOn: '2024-11-20', directiveTaskId: t.id });
    const b = await makeActivity(DONG_NAI, { organizerAssociationId: org.id, kind: 'WORKSHOP', heldOn: '2025-01-01' });
    const c = await makeActivity(DONG_NAI, { organizerAssociationId: org.id, kind: 'SOCIAL_CRITIQUE', heldOn: '2025-12-31', draftTitle: `Dự thảo nghị quyết về trí thức ${tag}`, directiveTaskId: t.id });
    const ids = async (f: Row) => {
      const r = await s.gql(LIST, { first: 100, f: { associationId: org.id, ...f } }, admin);
      expect(r.errors).toBeUndefined();
      return r.data!.activities.edges.map((e: Row) => e.node.id);
    };
    expect(await ids({})).toEqual([c.id, b.id, a.id]); // most recent first
    expect(await ids({ kind: 'WORKSHOP' })).toEqual([b.id]);
    expect(await ids({ year: 2025 })).toEqual([c.id, b.id]);
    expect(await ids({ year: 2024 })).toEqual([a.id]);
    expect(await ids({ directiveTaskId: t.id })).toEqual([c.id, a.id]);
    const asc = await s.gql(LIST, { first: 100, f: { associationId: org.id }, s: { field: 'HELD_ON', direction: 'ASC' } }, admin);
    expect(asc.data!.activities.edges.map((e: Row) => e.node.id)).toEqual([a.id, b.id, c.id]);
    for (const search of [`hoi thi sang tao ky thuat ${tag}`, `HỘI THI SÁNG TẠO KỸ THUẬT ${tag}`]) {
      expect(await s.gql(LIST, { f: { search } }, admin).then((r) => r.data!.activities.edges.map((e: Row) => e.node.id))).toEqual([a.id]);
    }
    const draft = await s.gql(LIST, { f: { search: `nghi quyet ve tri thuc ${tag}` } }, admin);
    expect(draft.data!.activities.edges.map((e: Row) => e.node.id)).toEqual([c.id]);
    expect((await s.gql(LIST, { f: { search: 'khong ton tai 100%_' } }, admin)).data!.activities.totalCount).toBe(0);
  });

  it('pages with cursors and counts the whole list', async () => {
    const org = await makeAssociation(DONG_NAI);
    for (let i = 1; i <= 5; i++) await makeActivity(DONG_NAI, { organizerAssociationId: org.id, heldOn: `2025-0${i}-01` });
    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = (await s.gql(LIST, { first: 2, after, f: { associationId: org.id } }, admin)).data!.activities;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e: Row) => e.node.heldOn));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(['2025-05-01', '2025-04-01', '2025-03-01', '2025-02-01', '2025-01-01']);
    expectBad(await s.gql(LIST, { first: 0 }, admin), 'first');
    expectBad(await s.gql(LIST, { after: '???' }, admin), 'after');
  });

  it('a page of 10 and a page of 50 with relations issue the same number of SQL statements', async () => {
    const org = await makeAssociation(DONG_NAI);
    await asOwner((db) => db.query(
      `INSERT INTO activities (province_id, kind, title, held_on, organizer_association_id, draft_title, drafting_agency_id, response, directive_task_id)
       SELECT 75, 'CONSULTATION', 'Tư vấn hàng loạt ' || g, DATE '2025-01-01' + g, $1, 'Dự thảo ' || g, $2, 'ACCEPTED', $3
       FROM generate_series(1, 55) g`, [org.id, drafter.id, task.id]));
    const query = `query($first: Int, $f: ActivityFilter) { activities(first: $first, filter: $f) { totalCount edges { node { ${FIELDS} } } } }`;
    const run = async (first: number) => {
      let result: GqlResponse | undefined;
      const n = await countStatements(async () => {
        result = await s.gql(query, { first, f: { associationId: org.id } }, admin);
      });
      expect(result!.errors).toBeUndefined();
      const edges = result!.data!.activities.edges;
      expect(edges).toHaveLength(first);
      expect(edges.every((e: Row) => e.node.organizerAssociation.id === org.id && e.node.draftingAgency.id === drafter.id)).toBe(true);
      return n;
    };
    const small = await run(10);
    expect(small).toBeGreaterThan(2);
    expect(await run(50)).toBe(small);
  });

  describe('tenancy', () => {
    it("Đồng Nai cannot read or change Bình Dương's activities through GraphQL", async () => {
      const bd = await makeActivity(BINH_DUONG);
      expect((await s.gql(GET, { id: bd.id }, admin)).data!.activity).toBeNull();
      const list = await s.gql(LIST, { first: 100 }, admin);
      expect(new Set(list.data!.activities.edges.map((e: Row) => e.node.province.code))).toEqual(new Set(['75']));
      expect((await s.gql(LIST, { f: { provinceCode: '74' } }, admin)).data!.activities.totalCount).toBe(0);
      expect(codeOf(await s.gql(UPDATE, { i: { id: bd.id, version: 1, title: 'Sửa lậu' } }, admin))).toBe('NOT_FOUND');
      expect(codeOf(await s.gql(DELETE, { i: { id: bd.id, version: 1 } }, admin))).toBe('NOT_FOUND');
      expect(codeOf(await s.gql(CREATE, { i: { kind: 'WORKSHOP', title: 'Cài vào', heldOn: '2025-01-01', provinceCode: '74' } }, admin))).toBe('FORBIDDEN');
      expect(await rowOf(bd.id)).toMatchObject({ title: bd.title, version: 1, deleted_at: null });
    });

    it("as raw SQL under the server role with Đồng Nai's settings, Bình Dương's rows are invisible and unwritable", async () => {
      const bd = await makeActivity(BINH_DUONG);
      const scope = { provinceIds: [DONG_NAI], canWrite: true };
      expect(await asServerRole(scope, async (db) => (await db.query('SELECT count(*)::int AS n FROM activities WHERE province_id = 74')).rows[0].n)).toBe(0);
      expect(await asServerRole(scope, async (db) => (await db.query(`UPDATE activities SET title = 'x' WHERE id = $1`, [bd.id])).rowCount)).toBe(0);
      await expect(asServerRole(scope, (db) => db.query(`INSERT INTO activities (province_id, kind, title, held_on) VALUES (74, 'WORKSHOP', 'Lậu', '2025-01-01')`)))
        .rejects.toMatchObject({ code: '42501' });
      const dn = await makeActivity(DONG_NAI);
      await expect(asServerRole(scope, (db) => db.query(`UPDATE activities SET province_id = 74 WHERE id = $1`, [dn.id])))
        .rejects.toMatchObject({ code: '42501' });
      expect(await asServerRole({}, async (db) => (await db.query('SELECT count(*)::int AS n FROM activities')).rows[0].n)).toBe(0);
      expect(await rowOf(bd.id)).toMatchObject({ title: bd.title, version: 1 });
    });

    it("TP. Hồ Chí Minh's admin reads and edits Bình Dương's activities as its successor", async () => {
      const hcm = await s.login('admin@hcm.demo');
      const bd = await makeActivity(BINH_DUONG);
      expect((await s.gql(GET, { id: bd.id }, hcm)).data!.activity).toMatchObject({ id: bd.id, province: { code: '74' } });
      const upd = await s.gql(UPDATE, { i: { id: bd.id, version: 1, participants: 120 } }, hcm);
      expect(upd.errors).toBeUndefined();
      expect(upd.data!.updateActivity).toMatchObject({ participants: 120, version: 2 });
      expect((await auditRows(bd.id))[0]).toMatchObject({ action: 'UPDATE', province_id: BINH_DUONG });
      const bdTask = await makeDirectiveTask(BINH_DUONG);
      const created = await s.gql(CREATE, { i: { kind: 'DISSEMINATION', title: 'Phổ biến kiến thức', heldOn: '2025-02-01', provinceCode: '74', directiveTaskId: bdTask.id } }, hcm);
      expect(created.errors).toBeUndefined();
      expect(created.data!.createActivity).toMatchObject({ province: { code: '74' }, directiveTaskId: bdTask.id });
      const hcmTask = await makeDirectiveTask(HCM);
      expectBad(await s.gql(CREATE, { i: { kind: 'DISSEMINATION', title: 'Sai tỉnh', heldOn: '2025-02-01', provinceCode: '74', directiveTaskId: hcmTask.id } }, hcm), 'directiveTaskId');
      const dn = await makeActivity(DONG_NAI);
      expect((await s.gql(GET, { id: dn.id }, hcm)).data!.activity).toBeNull();
    });

    it('the viewer reads and cannot write; the ministry reads every province and writes nothing', async () => {
      const viewer = await s.login('viewer@dongnai.demo');
      const analyst = await s.login('analyst@ministry.demo');
      const dn = await makeActivity(DONG_NAI);
      const bd = await makeActivity(BINH_DUONG);
      expect((await s.gql(GET, { id: dn.id }, viewer)).data!.activity.id).toBe(dn.id);
      expect((await s.gql(GET, { id: bd.id }, analyst)).data!.activity.id).toBe(bd.id);
      for (const token of [viewer, analyst]) {
        expect(codeOf(await s.gql(CREATE, { i: { kind: 'WORKSHOP', title: 'Không được', heldOn: '2025-01-01' } }, token))).toBe('FORBIDDEN');
        expect(codeOf(await s.gql(UPDATE, { i: { id: dn.id, version: 1, title: 'Không được' } }, token))).toBe('FORBIDDEN');
        expect(codeOf(await s.gql(DELETE, { i: { id: dn.id, version: 1 } }, token))).toBe('FORBIDDEN');
      }
      expect(await asServerRole({ provinceIds: [DONG_NAI], canWrite: false }, async (db) =>
        (await db.query(`UPDATE activities SET title = 'x' WHERE id = $1`, [dn.id])).rowCount)).toBe(0);
      expect(await asServerRole({ readAll: true }, async (db) =>
        (await db.query(`UPDATE activities SET title = 'x' WHERE id = $1`, [dn.id])).rowCount)).toBe(0);
      expect(await rowOf(dn.id)).toMatchObject({ title: dn.title, version: 1, deleted_at: null });
      expect(await auditRows(dn.id)).toHaveLength(0);
      expect(codeOf(await s.gql(LIST, {}))).toBe('UNAUTHENTICATED');
    });
  });
});
