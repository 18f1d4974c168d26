import { asOwner, asServerRole, BINH_DUONG, codeOf, countStatements, DONG_NAI, GqlResponse, HCM, makeAssociation, startTestServer, TestServer, unique } from './helpers';
import { auditRows, makeAgency, makeRequest, makeRunningRequest, softDeleteAgency } from './factories/commissioning';

const FIELDS = `id code title objectives stage year budgetVnd principalInvestigator assigneeKind plannedStart plannedEnd
  actualStart actualEnd acceptanceRating registrationNumber applicationNote isSynthetic delayDays version allowedNextStages
  province { code } requestingAgency { id name } researchArea { id code kind } assignedAssociation { id name }
  adoptingAgency { id name }`;
const NESTED = `${FIELDS} history { fromStage toStage happenedOn reason at actor { email } } checks { checkedOn result note }`;
const CREATE = `mutation($i: CreateCommissioningRequestInput!) { createCommissioningRequest(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation($i: UpdateCommissioningRequestInput!) { updateCommissioningRequest(input: $i) { ${FIELDS} } }`;
const MOVE = `mutation($i: TransitionCommissioningRequestInput!) { transitionCommissioningRequest(input: $i) { ${NESTED} } }`;
const CHECK = 'mutation($i: AddCommissioningCheckInput!) { addCommissioningCheck(input: $i) { id checkedOn result note request { id stage } } }';
const GET = `query($id: ID!) { commissioningRequest(id: $id) { ${NESTED} } }`;
const LIST = `query($first: Int, $after: String, $f: CommissioningRequestFilter, $s: CommissioningRequestSort) {
  commissioningRequests(first: $first, after: $after, filter: $f, sort: $s) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id title stage year delayDays province { code } } } } }`;

type Row = Record<string, any>;
const rowOf = (id: string): Promise<Row> => asOwner(async (db) =>
  (await db.query('SELECT stage, version, title, budget_vnd, actual_start, actual_end, assignee_kind FROM commissioning_requests WHERE id = $1', [id])).rows[0]);
const historyCount = (id: string): Promise<number> => asOwner(async (db) =>
  (await db.query('SELECT count(*)::int AS n FROM commissioning_transitions WHERE request_id = $1', [id])).rows[0].n);
const countRequests = (): Promise<number> => asOwner(async (db) => (await db.query('SELECT count(*)::int AS n FROM commissioning_requests')).rows[0].n);
const dbToday = (offsetDays = 0): Promise<string> => asOwner(async (db) =>
  (await db.query(`SELECT to_char(app_today() + $1::int, 'YYYY-MM-DD') AS d`, [offsetDays])).rows[0].d);

function expectBad(r: GqlResponse, field: string, message?: string | RegExp): void {
  expect(r.errors?.[0]?.message).toBeDefined();
  expect(codeOf(r)).toBe('BAD_USER_INPUT');
  expect(r.errors![0].extensions!.field).toBe(field);
  if (message !== undefined) expect(r.errors![0].message).toMatch(message);
}

describe('research commissioning (đặt hàng nhiệm vụ KH&CN)', () => {
  let s: TestServer;
  let admin: string;
  let dept: { id: string; name: string };
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin@dongnai.demo');
    dept = await makeAgency(DONG_NAI, { name: `Sở Khoa học và Công nghệ ${unique()}` });
  });
  afterAll(() => s.close());

  const move = (id: string, version: number, toStage: string, extra: Row = {}, token = admin) =>
    s.gql(MOVE, { i: { id, version, toStage, reason: `Chuyển sang ${toStage}`, ...extra } }, token);

  it('lists research areas, all or by kind', async () => {
    const all = await s.gql('{ researchAreas { id code kind name nameEn parent { id } } }', {}, admin);
    expect(all.errors).toBeUndefined();
    expect(all.data!.researchAreas).toHaveLength(13);
    const priority = await s.gql('query($k: ResearchAreaKind) { researchAreas(kind: $k) { id code kind nameEn } }', { k: 'PRIORITY' }, admin);
    expect(priority.data!.researchAreas.map((a: Row) => a.code)).toEqual(
      ['P-WASTE', 'P-RIVER', 'P-GREEN', 'P-HUMAN', 'P-GREENECO', 'P-DIGITAL', 'P-CIRCULAR']);
    expect(priority.data!.researchAreas[0]).toEqual({ id: '101', code: 'P-WASTE', kind: 'PRIORITY', nameEn: 'Waste treatment' });
    expect(codeOf(await s.gql('{ researchAreas { id } }'))).toBe('UNAUTHENTICATED');
  });

  it('creates a request at PROPOSED with one audit row and no history', async () => {
    const title = `Nghiên cứu xử lý chất thải rắn ${unique()}`;
    const r = await s.gql(CREATE, {
      i: { title: `  ${title} `, code: ' ĐH-2025-01 ', objectives: 'Giảm chất thải chôn lấp', requestingAgencyId: dept.id,
        researchAreaId: '101', year: 2025, budgetVnd: 750_000_000, plannedStart: '2025-03-01', plannedEnd: '2026-02-28' },
    }, admin);
    expect(r.errors).toBeUndefined();
    const c = r.data!.createCommissioningRequest;
    expect(c).toMatchObject({
      title, code: 'ĐH-2025-01', stage: 'PROPOSED', year: 2025, budgetVnd: 750_000_000, version: 1, isSynthetic: false,
      province: { code: '75' }, requestingAgency: { id: dept.id, name: dept.name }, researchArea: { id: '101', code: 'P-WASTE' },
      assignedAssociation: null, adoptingAgency: null, allowedNextStages: ['DETERMINED', 'REJECTED', 'CANCELLED'],
    });
    const got = await s.gql(GET, { id: c.id }, admin);
    expect(got.data!.commissioningRequest).toMatchObject({ id: c.id, history: [], checks: [] });
    const audit = await auditRows(c.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'CREATE', entity_type: 'CommissioningRequest', province_id: DONG_NAI, before: null });
    expect(audit[0].after.title).toBe(title);
    expect(typeof audit[0].actor_id).toBe('string');
    expect(await historyCount(c.id)).toBe(0);
  });

  it('walks a request through the whole workflow to APPLIED, with history, a check and one audit row per step', async () => {
    const assoc = await makeAssociation(DONG_NAI);
    const adopter = await makeAgency(DONG_NAI, { name: `Công ty Môi trường ${unique()}`, kind: 'ENTERPRISE' });
    const created = await s.gql(CREATE, {
      i: { title: `Bảo vệ nguồn nước sông Đồng Nai ${unique()}`, requestingAgencyId: dept.id, researchAreaId: '102', year: 2024 },
    }, admin);
    const id = created.data!.createCommissioningRequest.id;
    let version = 1;
    const step = async (toStage: string, extra: Row = {}) => {
      const r = await move(id, version, toStage, extra);
      expect(r.errors).toBeUndefined();
      const req = r.data!.transitionCommissioningRequest;
      expect(req.stage).toBe(toStage);
      expect(req.version).toBe(version + 1);
      version = req.version;
      return req;
    };
    await step('DETERMINED', { happenedOn: '2024-01-10' });
    const assigned = await step('DIRECTLY_ASSIGNED', { happenedOn: '2024-02-01', assigneeKind: 'ASSOCIATION', assignedAssociationId: assoc.id });
    expect(assigned).toMatchObject({ assigneeKind: 'ASSOCIATION', assignedAssociation: { id: assoc.id, name: assoc.name } });
    expect(assigned.allowedNextStages).toEqual(['APPRAISED', 'CANCELLED']);
    await step('APPRAISED', { happenedOn: '2024-03-01' });

    const upd = await s.gql(UPDATE, {
      i: { id, version, budgetVnd: 1_200_000_000, plannedStart: '2024-05-01', plannedEnd: '2025-01-31', principalInvestigator: 'TS. Nguyễn Văn A' },
    }, admin);
    expect(upd.errors).toBeUndefined();
    expect(upd.data!.updateCommissioningRequest).toMatchObject({ stage: 'APPRAISED', budgetVnd: 1_200_000_000, version: version + 1 });
    version += 1;

    await step('CONTRACTED', { happenedOn: '2024-04-20' });
    const started = await step('IN_PROGRESS', { happenedOn: '2024-05-02' });
    expect(started.actualStart).toBe('2024-05-02');

    const check = await s.gql(CHECK, { i: { requestId: id, checkedOn: '2024-10-15', result: 'DELAYED', note: 'Chậm lấy mẫu mùa mưa' } }, admin);
    expect(check.errors).toBeUndefined();
    expect(check.data!.addCommissioningCheck).toMatchObject({ checkedOn: '2024-10-15', result: 'DELAYED', request: { id, stage: 'IN_PROGRESS' } });
    const checkAudit = await auditRows(check.data!.addCommissioningCheck.id);
    expect(checkAudit).toHaveLength(1);
    expect(checkAudit[0]).toMatchObject({ action: 'CREATE', entity_type: 'CommissioningCheck', province_id: DONG_NAI });

    const accepted = await step('ACCEPTED', { happenedOn: '2025-03-01', acceptanceRating: 'GOOD' });
    expect(accepted).toMatchObject({ acceptanceRating: 'GOOD', actualEnd: '2025-03-01', delayDays: 29 });
    const registered = await step('RESULTS_REGISTERED', { happenedOn: '2025-04-10', registrationNumber: 'ĐT-2025-30218-ĐN' });
    expect(registered.registrationNumber).toBe('ĐT-2025-30218-ĐN');
    const applied = await step('APPLIED', { happenedOn: '2025-06-01', adoptingAgencyId: adopter.id });
    expect(applied).toMatchObject({ stage: 'APPLIED', adoptingAgency: { id: adopter.id, name: adopter.name }, allowedNextStages: [] });

    const got = (await s.gql(GET, { id }, admin)).data!.commissioningRequest;
    expect(got.history.map((h: Row) => `${h.fromStage}>${h.toStage}@${h.happenedOn}`)).toEqual([
      'PROPOSED>DETERMINED@2024-01-10', 'DETERMINED>DIRECTLY_ASSIGNED@2024-02-01', 'DIRECTLY_ASSIGNED>APPRAISED@2024-03-01',
      'APPRAISED>CONTRACTED@2024-04-20', 'CONTRACTED>IN_PROGRESS@2024-05-02', 'IN_PROGRESS>ACCEPTED@2025-03-01',
      'ACCEPTED>RESULTS_REGISTERED@2025-04-10', 'RESULTS_REGISTERED>APPLIED@2025-06-01',
    ]);
    expect(got.history.every((h: Row) => h.actor?.email === 'admin@dongnai.demo' && h.reason.startsWith('Chuyển sang'))).toBe(true);
    expect(got.checks).toEqual([{ checkedOn: '2024-10-15', result: 'DELAYED', note: 'Chậm lấy mẫu mùa mưa' }]);
    expect(got.version).toBe(version);

    const audit = await auditRows(id);
    expect(audit.map((a) => a.action)).toEqual(['CREATE', 'TRANSITION', 'TRANSITION', 'TRANSITION', 'UPDATE',
      'TRANSITION', 'TRANSITION', 'TRANSITION', 'TRANSITION', 'TRANSITION']);
    expect(audit.every((a) => a.entity_type === 'CommissioningRequest' && a.province_id === DONG_NAI)).toBe(true);
    expect(audit[1].before.stage).toBe('PROPOSED');
    expect(audit[1].after).toMatchObject({ stage: 'DETERMINED', transition: { from: 'PROPOSED', to: 'DETERMINED' } });
    expect(await historyCount(id)).toBe(8);
  });

  it('refuses moves outside the workflow, naming both stages and the allowed ones, and changes nothing', async () => {
    const req = await makeRequest(DONG_NAI);
    const r = await move(req.id, 1, 'CONTRACTED');
    expectBad(r, 'toStage');
    expect(r.errors![0].message).toBe('cannot move from PROPOSED to CONTRACTED; allowed: DETERMINED, REJECTED, CANCELLED');
    expect(await rowOf(req.id)).toMatchObject({ stage: 'PROPOSED', version: 1 });
    expect(await historyCount(req.id)).toBe(0);
    expect(await auditRows(req.id)).toHaveLength(0);

    for (const stage of ['CANCELLED', 'REJECTED', 'APPLIED']) {
      const done = await makeRequest(DONG_NAI, { stage });
      const again = await move(done.id, 1, 'IN_PROGRESS');
      expectBad(again, 'toStage', `cannot move from ${stage} to IN_PROGRESS; allowed: none`);
      expect(await rowOf(done.id)).toMatchObject({ stage, version: 1 });
    }
    const suspended = await makeRunningRequest(DONG_NAI, { stage: 'SUSPENDED' });
    expectBad(await move(suspended.id, 1, 'ACCEPTED', { acceptanceRating: 'PASS' }), 'toStage',
      'cannot move from SUSPENDED to ACCEPTED; allowed: IN_PROGRESS, CANCELLED');
    const resumed = await move(suspended.id, 1, 'IN_PROGRESS');
    expect(resumed.errors).toBeUndefined();
    expect(resumed.data!.transitionCommissioningRequest.actualStart).toBe('2024-01-15');
    expect(await historyCount(suspended.id)).toBe(1);
    expect(await historyCount(req.id)).toBe(0);
  });

  it('requires an assignee in the same province to select or assign directly', async () => {
    const req = await makeRequest(DONG_NAI, { stage: 'DETERMINED' });
    expectBad(await move(req.id, 1, 'DIRECTLY_ASSIGNED'), 'assigneeKind', 'assigneeKind is required to move to DIRECTLY_ASSIGNED');
    expectBad(await move(req.id, 1, 'SELECTED', { assigneeKind: 'ASSOCIATION' }), 'assignedAssociationId');
    const foreign = await makeAssociation(BINH_DUONG);
    const hidden = await move(req.id, 1, 'SELECTED', { assigneeKind: 'ASSOCIATION', assignedAssociationId: foreign.id });
    expectBad(hidden, 'assignedAssociationId');
    expect(hidden.errors![0].message).not.toContain(foreign.name);
    const own = await makeAssociation(DONG_NAI);
    expectBad(await move(req.id, 1, 'SELECTED', { assigneeKind: 'UNION', assignedAssociationId: own.id }), 'assignedAssociationId');
    expect(await rowOf(req.id)).toMatchObject({ stage: 'DETERMINED', version: 1, assignee_kind: null });
    expect(await historyCount(req.id)).toBe(0);

    const ok = await move(req.id, 1, 'SELECTED', { assigneeKind: 'UNION' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.transitionCommissioningRequest).toMatchObject({ stage: 'SELECTED', assigneeKind: 'UNION', assignedAssociation: null });
  });

  it('requires a budget and planned dates to contract, a rating to accept, a number to register, an adopting agency to apply', async () => {
    const appraised = await makeRequest(DONG_NAI, { stage: 'APPRAISED', assigneeKind: 'UNION' });
    expectBad(await move(appraised.id, 1, 'CONTRACTED'), 'budgetVnd', 'budgetVnd must be greater than 0 to move to CONTRACTED');
    const withBudget = await makeRequest(DONG_NAI, { stage: 'APPRAISED', assigneeKind: 'UNION', budgetVnd: 100_000_000, plannedEnd: '2025-12-31' });
    expectBad(await move(withBudget.id, 1, 'CONTRACTED'), 'plannedStart');

    const running = await makeRunningRequest(DONG_NAI);
    expectBad(await move(running.id, 1, 'ACCEPTED'), 'acceptanceRating', 'acceptanceRating is required to move to ACCEPTED');
    expectBad(await move(running.id, 1, 'ACCEPTED', { acceptanceRating: 'PASS', happenedOn: '2024-01-10' }), 'happenedOn');
    const accepted = await makeRunningRequest(DONG_NAI, { stage: 'ACCEPTED', acceptanceRating: 'PASS', actualEnd: '2025-01-10' });
    expectBad(await move(accepted.id, 1, 'RESULTS_REGISTERED'), 'registrationNumber');
    const registered = await makeRunningRequest(DONG_NAI, {
      stage: 'RESULTS_REGISTERED', acceptanceRating: 'EXCELLENT', actualEnd: '2025-01-10', registrationNumber: 'ĐT-1',
    });
    expectBad(await move(registered.id, 1, 'APPLIED'), 'adoptingAgencyId');
    const foreignAgency = await makeAgency(BINH_DUONG);
    expectBad(await move(registered.id, 1, 'APPLIED', { adoptingAgencyId: foreignAgency.id }), 'adoptingAgencyId');
    const deletedAgency = await makeAgency(DONG_NAI);
    await softDeleteAgency(deletedAgency.id);
    expectBad(await move(registered.id, 1, 'APPLIED', { adoptingAgencyId: deletedAgency.id }), 'adoptingAgencyId');

    for (const r of [appraised, withBudget, running, accepted, registered]) {
      expect((await rowOf(r.id)).version).toBe(1);
      expect(await historyCount(r.id)).toBe(0);
      expect(await auditRows(r.id)).toHaveLength(0);
    }
  });

  it('a failed acceptance cannot register results', async () => {
    const running = await makeRunningRequest(DONG_NAI);
    const failed = await move(running.id, 1, 'ACCEPTED', { acceptanceRating: 'FAIL' });
    expect(failed.errors).toBeUndefined();
    expect(failed.data!.transitionCommissioningRequest).toMatchObject({ stage: 'ACCEPTED', acceptanceRating: 'FAIL', allowedNextStages: [] });
    expectBad(await move(running.id, 2, 'RESULTS_REGISTERED', { registrationNumber: 'ĐT-X' }), 'toStage', /failed acceptance/);
  });

  it('checks the reason, the date and evidence given with the wrong move', async () => {
    const req = await makeRequest(DONG_NAI);
    expectBad(await s.gql(MOVE, { i: { id: req.id, version: 1, toStage: 'DETERMINED', reason: ' x ' } }, admin), 'reason');
    expectBad(await move(req.id, 1, 'DETERMINED', { happenedOn: await dbToday(1) }), 'happenedOn', 'happenedOn must not be in the future');
    // An impossible date is refused by the LocalDate scalar before validation runs: no `field`, but the message names it.
    const impossible = await move(req.id, 1, 'DETERMINED', { happenedOn: '2025-02-30' });
    expect(codeOf(impossible)).toBe('BAD_USER_INPUT');
    expect(impossible.errors![0].message).toContain('happenedOn');
    expectBad(await move(req.id, 1, 'DETERMINED', { acceptanceRating: 'GOOD' }), 'acceptanceRating', 'acceptanceRating can be given only when moving to ACCEPTED');
    const first = await move(req.id, 1, 'DETERMINED', { happenedOn: '2025-05-01' });
    expect(first.errors).toBeUndefined();
    expect(first.data!.transitionCommissioningRequest.history).toEqual([
      expect.objectContaining({ fromStage: 'PROPOSED', toStage: 'DETERMINED', happenedOn: '2025-05-01' })]);
    expectBad(await move(req.id, 2, 'CANCELLED', { happenedOn: '2025-04-30' }), 'happenedOn', /previous move \(2025-05-01\)/);
    const defaulted = await move(req.id, 2, 'CANCELLED');
    expect(defaulted.errors).toBeUndefined();
    expect(defaulted.data!.transitionCommissioningRequest.history[1].happenedOn).toBe(await dbToday());
    expect(await historyCount(req.id)).toBe(2);
    expect(await auditRows(req.id)).toHaveLength(2);
  });

  it('IN_PROGRESS sets the actual start to the move date when empty', async () => {
    const req = await makeRequest(DONG_NAI, { stage: 'CONTRACTED', assigneeKind: 'UNION', budgetVnd: 1, plannedStart: '2025-01-01', plannedEnd: '2025-06-30' });
    const r = await move(req.id, 1, 'IN_PROGRESS', { happenedOn: '2025-01-20' });
    expect(r.data!.transitionCommissioningRequest).toMatchObject({ actualStart: '2025-01-20', actualEnd: null });
  });

  it('adds progress checks only while IN_PROGRESS', async () => {
    const proposed = await makeRequest(DONG_NAI);
    expectBad(await s.gql(CHECK, { i: { requestId: proposed.id, checkedOn: '2025-01-01', result: 'ON_TRACK' } }, admin), 'requestId',
      'checks can be added only while the task is IN_PROGRESS (it is PROPOSED)');
    const running = await makeRunningRequest(DONG_NAI);
    expectBad(await s.gql(CHECK, { i: { requestId: running.id, checkedOn: await dbToday(3), result: 'ON_TRACK' } }, admin), 'checkedOn');
    expectBad(await s.gql(CHECK, { i: { requestId: running.id, checkedOn: '2023-12-31', result: 'ON_TRACK' } }, admin), 'checkedOn');
    const ok = await s.gql(CHECK, { i: { requestId: running.id, checkedOn: '2024-06-30', result: 'ADJUSTED', note: 'Điều chỉnh tiến độ' } }, admin);
    expect(ok.errors).toBeUndefined();
    const n = await asOwner(async (db) => (await db.query('SELECT count(*)::int AS n FROM commissioning_checks WHERE request_id = ANY($1)', [[proposed.id, running.id]])).rows[0].n);
    expect(n).toBe(1);
    const bd = await makeRunningRequest(BINH_DUONG);
    expect(codeOf(await s.gql(CHECK, { i: { requestId: bd.id, checkedOn: '2024-06-30', result: 'ON_TRACK' } }, admin))).toBe('NOT_FOUND');
  });

  it('updates details with a version, keeps what the stage needs, and a stale version is a CONFLICT', async () => {
    const req = await makeRequest(DONG_NAI, { stage: 'CONTRACTED', assigneeKind: 'UNION', budgetVnd: 300_000_000, plannedStart: '2025-01-01', plannedEnd: '2025-12-31' });
    const r = await s.gql(UPDATE, { i: { id: req.id, version: 1, title: 'Tên đã sửa', objectives: 'Mục tiêu mới', researchAreaId: '2' } }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateCommissioningRequest).toMatchObject({ title: 'Tên đã sửa', stage: 'CONTRACTED', version: 2, researchArea: { code: '2' } });
    expectBad(await s.gql(UPDATE, { i: { id: req.id, version: 2, budgetVnd: 0 } }, admin), 'budgetVnd', 'budgetVnd must be greater than 0 while the task is CONTRACTED');
    expectBad(await s.gql(UPDATE, { i: { id: req.id, version: 2, plannedEnd: null } }, admin), 'plannedEnd');
    expectBad(await s.gql(UPDATE, { i: { id: req.id, version: 2, assigneeKind: null } }, admin), 'assigneeKind');
    const stage = await s.gql(UPDATE, { i: { id: req.id, version: 2, stage: 'APPLIED' } }, admin);
    expect(stage.errors).toBeDefined();

    const stale = await s.gql(UPDATE, { i: { id: req.id, version: 1, title: 'Sửa trên bản cũ' } }, admin);
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(await rowOf(req.id)).toMatchObject({ title: 'Tên đã sửa', version: 2, stage: 'CONTRACTED', budget_vnd: 300_000_000 });
    const audit = await auditRows(req.id);
    expect(audit.map((a) => a.action)).toEqual(['UPDATE']);
    expect(audit[0].before.title).toBe(req.title);
    expect(audit[0].after.title).toBe('Tên đã sửa');

    const staleMove = await move(req.id, 1, 'IN_PROGRESS');
    expect(codeOf(staleMove)).toBe('CONFLICT');
    expect(await historyCount(req.id)).toBe(0);
  });

  it('two concurrent updates or moves with the same version: one wins, one gets CONFLICT', async () => {
    const req = await makeRequest(DONG_NAI);
    const updates = await Promise.all(['Phương án A', 'Phương án B'].map((title) => s.gql(UPDATE, { i: { id: req.id, version: 1, title } }, admin)));
    expect(updates.map((r) => (r.errors ? codeOf(r) : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    expect((await rowOf(req.id)).version).toBe(2);

    const moves = await Promise.all(['DETERMINED', 'REJECTED'].map((to) => move(req.id, 2, to)));
    expect(moves.map((r) => (r.errors ? codeOf(r) : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    const winner = moves.find((r) => !r.errors)!.data!.transitionCommissioningRequest.stage;
    expect(await rowOf(req.id)).toMatchObject({ stage: winner, version: 3 });
    expect(await historyCount(req.id)).toBe(1);
    expect((await auditRows(req.id)).map((a) => a.action)).toEqual(['UPDATE', 'TRANSITION']);
  });

  it.each([
    [{ title: 'A' }, 'title'],
    [{ budgetVnd: -1 }, 'budgetVnd'],
    [{ year: 1999 }, 'year'],
    [{ code: 'x'.repeat(61) }, 'code'],
    [{ plannedStart: '2025-06-01', plannedEnd: '2025-05-01' }, 'plannedEnd'],
    [{ researchAreaId: '9999' }, 'researchAreaId'],
    [{ researchAreaId: 'abc' }, 'researchAreaId'],
    [{ requestingAgencyId: 'not-a-uuid' }, 'requestingAgencyId'],
    [{ assigneeKind: 'UNION', assignedAssociationId: '00000000-0000-4000-8000-000000000000' }, 'assignedAssociationId'],
    [{ assigneeKind: 'ASSOCIATION', assignedAssociationId: '00000000-0000-4000-8000-000000000000' }, 'assignedAssociationId'],
  ])('bad input %j gives BAD_USER_INPUT naming %s and writes nothing', async (bad, field) => {
    const before = await countRequests();
    const r = await s.gql(CREATE, { i: { title: 'Nhiệm vụ hợp lệ', requestingAgencyId: dept.id, researchAreaId: '101', year: 2025, ...bad } }, admin);
    expectBad(r, field);
    expect(await countRequests()).toBe(before);
  });

  it("an agency of another province, or a deleted one, cannot commission", async () => {
    const before = await countRequests();
    const foreign = await makeAgency(BINH_DUONG);
    const r = await s.gql(CREATE, { i: { title: 'Nhiệm vụ', requestingAgencyId: foreign.id, researchAreaId: '1', year: 2025 } }, admin);
    expectBad(r, 'requestingAgencyId');
    expect(r.errors![0].message).not.toContain(foreign.name);
    const gone = await makeAgency(DONG_NAI);
    await softDeleteAgency(gone.id);
    expectBad(await s.gql(CREATE, { i: { title: 'Nhiệm vụ', requestingAgencyId: gone.id, researchAreaId: '1', year: 2025 } }, admin), 'requestingAgencyId');
    expect(await countRequests()).toBe(before);
  });

  it("still shows a deleted requesting agency on an existing request", async () => {
    const agency = await makeAgency(DONG_NAI);
    const req = await makeRequest(DONG_NAI, { requestingAgencyId: agency.id });
    await softDeleteAgency(agency.id);
    const r = await s.gql(GET, { id: req.id }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data!.commissioningRequest.requestingAgency).toEqual({ id: agency.id, name: agency.name });
  });

  it('computes delayDays in SQL and filters delayed tasks', async () => {
    const agency = await makeAgency(DONG_NAI);
    const base = { requestingAgencyId: agency.id, assigneeKind: 'UNION', budgetVnd: 1, plannedStart: '2024-01-01' };
    const late = await makeRunningRequest(DONG_NAI, { ...base, plannedEnd: await dbToday(-10) });
    const onTime = await makeRunningRequest(DONG_NAI, { ...base, plannedEnd: await dbToday(30) });
    const early = await makeRunningRequest(DONG_NAI, { ...base, stage: 'ACCEPTED', acceptanceRating: 'GOOD', plannedEnd: '2024-12-31', actualEnd: '2024-12-21' });
    const finishedLate = await makeRunningRequest(DONG_NAI, { ...base, stage: 'ACCEPTED', acceptanceRating: 'PASS', plannedEnd: '2024-12-31', actualEnd: '2025-01-05' });
    const noPlan = await makeRequest(DONG_NAI, { requestingAgencyId: agency.id });
    const cancelled = await makeRequest(DONG_NAI, { requestingAgencyId: agency.id, stage: 'CANCELLED', plannedEnd: '2024-01-31' });
    const all = await s.gql(LIST, { first: 100, f: { requestingAgencyId: agency.id } }, admin);
    const delay = new Map(all.data!.commissioningRequests.edges.map((e: Row) => [e.node.id, e.node.delayDays]));
    expect(Object.fromEntries([late, onTime, early, finishedLate, noPlan, cancelled].map((r) => [r.id, delay.get(r.id)]))).toEqual({
      [late.id]: 10, [onTime.id]: 0, [early.id]: -10, [finishedLate.id]: 5, [noPlan.id]: null, [cancelled.id]: null,
    });
    const delayed = await s.gql(LIST, { first: 100, f: { requestingAgencyId: agency.id, delayed: true }, s: { field: 'DELAY_DAYS', direction: 'DESC' } }, admin);
    expect(delayed.data!.commissioningRequests.edges.map((e: Row) => e.node.id)).toEqual([late.id, finishedLate.id]);
    const notDelayed = await s.gql(LIST, { first: 100, f: { requestingAgencyId: agency.id, delayed: false } }, admin);
    expect(notDelayed.data!.commissioningRequests.totalCount).toBe(4);
  });

  it('filters by stage, stages, year, research area, agency and association; search ignores diacritics', async () => {
    const agency = await makeAgency(DONG_NAI);
    const assoc = await makeAssociation(DONG_NAI);
    const tag = unique('tag');
    const a = await makeRequest(DONG_NAI, { requestingAgencyId: agency.id, title: `Phát triển cây xanh đô thị ${tag}`, researchAreaId: 103, year: 2024 });
    const b = await makeRequest(DONG_NAI, { requestingAgencyId: agency.id, stage: 'DETERMINED', year: 2025, researchAreaId: 103 });
    const c = await makeRequest(DONG_NAI, {
      requestingAgencyId: agency.id, stage: 'SELECTED', year: 2025, assigneeKind: 'ASSOCIATION', assignedAssociationId: assoc.id,
    });
    const ids = async (f: Row) => {
      const r = await s.gql(LIST, { first: 100, f: { requestingAgencyId: agency.id, ...f }, s: { field: 'TITLE', direction: 'ASC' } }, admin);
      expect(r.errors).toBeUndefined();
      return r.data!.commissioningRequests.edges.map((e: Row) => e.node.id).sort();
    };
    expect(await ids({})).toEqual([a.id, b.id, c.id].sort());
    expect(await ids({ stage: 'DETERMINED' })).toEqual([b.id]);
    expect(await ids({ stages: ['PROPOSED', 'SELECTED'] })).toEqual([a.id, c.id].sort());
    expect(await ids({ year: 2025 })).toEqual([b.id, c.id].sort());
    expect(await ids({ researchAreaId: '103' })).toEqual([a.id, b.id].sort());
    expect(await ids({ assignedAssociationId: assoc.id })).toEqual([c.id]);
    expect(await ids({ year: 2025, stage: 'PROPOSED' })).toEqual([]);
    // Words match in any order, not only as one phrase.
    for (const search of ['phat trien cay xanh do thi', 'CÂY XANH ĐÔ THỊ', 'xanh do thi', 'do thi phat trien']) {
      expect(await ids({ search: `${search} ${tag}` })).toEqual([a.id]);
    }
    expect(await ids({ search: `cay xanh nong thon ${tag}` })).toEqual([]);
    const none = await s.gql(LIST, { f: { search: 'khong ton tai 100%_' } }, admin);
    expect(none.data!.commissioningRequests.totalCount).toBe(0);
    expectBad(await s.gql(LIST, { f: { provinceCode: '7' } }, admin), 'provinceCode');
    expectBad(await s.gql(LIST, { f: { requestingAgencyId: 'x' } }, admin), 'requestingAgencyId');
  });

  it('pages with cursors and counts the whole list', async () => {
    const agency = await makeAgency(DONG_NAI);
    for (let i = 0; i < 5; i++) await makeRequest(DONG_NAI, { requestingAgencyId: agency.id, year: 2020 + i });
    const seen: string[] = [];
    const years: number[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const r = await s.gql(LIST, { first: 2, after, f: { requestingAgencyId: agency.id } }, admin);
      const page = r.data!.commissioningRequests;
      expect(page.totalCount).toBe(5);
      expect(page.pageInfo.hasPreviousPage).toBe(guard > 0);
      seen.push(...page.edges.map((e: Row) => e.node.id));
      years.push(...page.edges.map((e: Row) => e.node.year));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(5);
    expect(years).toEqual([2024, 2023, 2022, 2021, 2020]);
    const beyond = await s.gql(LIST, { first: 2, after: Buffer.from('offset:50').toString('base64url'), f: { requestingAgencyId: agency.id } }, admin);
    expect(beyond.data!.commissioningRequests).toMatchObject({ totalCount: 5, edges: [] });
    expectBad(await s.gql(LIST, { first: 1000 }, admin), 'first');
    expectBad(await s.gql(LIST, { after: 'not-a-cursor' }, admin), 'after');
  });

  it('a page of 10 and a page of 50 with every relation issue the same number of SQL statements', async () => {
    const agency = await makeAgency(DONG_NAI);
    const adopter = await makeAgency(DONG_NAI);
    const assoc = await makeAssociation(DONG_NAI);
    const editor = await asOwner(async (db) => (await db.query(`SELECT id FROM users WHERE email = 'editor@dongnai.demo'`)).rows[0].id);
    await asOwner(async (db) => {
      const rows = await db.query(
        `INSERT INTO commissioning_requests (province_id, title, requesting_agency_id, research_area_id, year, stage, assignee_kind,
           assigned_association_id, budget_vnd, planned_start, planned_end, actual_start, adopting_agency_id)
         SELECT 75, 'Nhiệm vụ hàng loạt ' || g, $1, 1 + g % 6, 2025, 'IN_PROGRESS', 'ASSOCIATION', $2, 1000, '2025-01-01', '2025-12-31', '2025-01-02',
           CASE WHEN g % 2 = 0 THEN $3::uuid END
         FROM generate_series(1, 55) g RETURNING id`, [agency.id, assoc.id, adopter.id]);
      for (const r of rows.rows) {
        await db.query(`INSERT INTO commissioning_transitions (province_id, request_id, from_stage, to_stage, happened_on, reason, actor_id)
          VALUES (75, $1, 'PROPOSED', 'DETERMINED', '2025-01-01', 'Hàng loạt', $2), (75, $1, 'DETERMINED', 'DIRECTLY_ASSIGNED', '2025-01-02', 'Hàng loạt', $2)`, [r.id, editor]);
        await db.query(`INSERT INTO commissioning_checks (province_id, request_id, checked_on, result) VALUES (75, $1, '2025-06-01', 'ON_TRACK')`, [r.id]);
      }
    });
    const query = `query($first: Int, $f: CommissioningRequestFilter) { commissioningRequests(first: $first, filter: $f) { totalCount edges { node {
      ${NESTED} } } } }`;
    const run = async (first: number) => {
      let result: GqlResponse | undefined;
      const n = await countStatements(async () => {
        result = await s.gql(query, { first, f: { requestingAgencyId: agency.id } }, admin);
      });
      expect(result!.errors).toBeUndefined();
      const edges = result!.data!.commissioningRequests.edges;
      expect(edges).toHaveLength(first);
      expect(edges.every((e: Row) => e.node.history.length === 2 && e.node.history[0].actor.email === 'editor@dongnai.demo'
        && e.node.checks.length === 1 && e.node.assignedAssociation.id === assoc.id && e.node.requestingAgency.id === agency.id)).toBe(true);
      expect(edges.some((e: Row) => e.node.adoptingAgency?.id === adopter.id)).toBe(true);
      return n;
    };
    const small = await run(10);
    const large = await run(50);
    expect(small).toBeGreaterThan(3);
    expect(large).toBe(small);
  });

  describe('tenancy', () => {
    it("Đồng Nai cannot read or change Bình Dương's requests through GraphQL", async () => {
      const bd = await makeRequest(BINH_DUONG, { stage: 'PROPOSED' });
      expect((await s.gql(GET, { id: bd.id }, admin)).data!.commissioningRequest).toBeNull();
      const list = await s.gql(LIST, { first: 100 }, admin);
      expect(new Set(list.data!.commissioningRequests.edges.map((e: Row) => e.node.province.code))).toEqual(new Set(['75']));
      expect((await s.gql(LIST, { f: { provinceCode: '74' } }, admin)).data!.commissioningRequests.totalCount).toBe(0);
      expect(codeOf(await s.gql(UPDATE, { i: { id: bd.id, version: 1, title: 'Sửa lậu' } }, admin))).toBe('NOT_FOUND');
      expect(codeOf(await move(bd.id, 1, 'DETERMINED'))).toBe('NOT_FOUND');
      const bdAgency = await makeAgency(BINH_DUONG);
      expect(codeOf(await s.gql(CREATE, { i: { title: 'Cài vào Bình Dương', requestingAgencyId: bdAgency.id, researchAreaId: '1', year: 2025, provinceCode: '74' } }, admin))).toBe('FORBIDDEN');
      expect(await rowOf(bd.id)).toMatchObject({ stage: 'PROPOSED', version: 1 });
      expect(await historyCount(bd.id)).toBe(0);
    });

    it("as raw SQL under the server role with Đồng Nai's settings, Bình Dương's rows are invisible and unwritable; history is append-only", async () => {
      const bd = await makeRunningRequest(BINH_DUONG);
      await asOwner((db) => db.query(`INSERT INTO commissioning_transitions (province_id, request_id, from_stage, to_stage, happened_on, reason)
        VALUES (74, $1, 'CONTRACTED', 'IN_PROGRESS', '2024-01-15', 'Bắt đầu')`, [bd.id]));
      await asOwner((db) => db.query(`INSERT INTO commissioning_checks (province_id, request_id, checked_on, result) VALUES (74, $1, '2024-05-01', 'ON_TRACK')`, [bd.id]));
      const scope = { provinceIds: [DONG_NAI], canWrite: true };
      for (const table of ['commissioning_requests', 'commissioning_transitions', 'commissioning_checks']) {
        const n = await asServerRole(scope, async (db) => (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE province_id = 74`)).rows[0].n);
        expect([table, n]).toEqual([table, 0]);
      }
      expect(await asServerRole(scope, async (db) => (await db.query(`UPDATE commissioning_requests SET stage = 'CANCELLED' WHERE id = $1`, [bd.id])).rowCount)).toBe(0);
      await expect(asServerRole(scope, (db) => db.query(`INSERT INTO commissioning_transitions (province_id, request_id, from_stage, to_stage, happened_on, reason)
        VALUES (74, $1, 'IN_PROGRESS', 'CANCELLED', '2025-01-01', 'Lậu')`, [bd.id]))).rejects.toMatchObject({ code: '42501' });
      await expect(asServerRole(scope, (db) => db.query(`INSERT INTO commissioning_checks (province_id, request_id, checked_on, result)
        VALUES (74, $1, '2025-01-01', 'AT_RISK')`, [bd.id]))).rejects.toMatchObject({ code: '42501' });
      // Even the owning province may not rewrite or delete history.
      const own = { provinceIds: [BINH_DUONG], canWrite: true };
      await expect(asServerRole(own, (db) => db.query(`UPDATE commissioning_transitions SET reason = 'sửa' WHERE request_id = $1`, [bd.id])))
        .rejects.toMatchObject({ code: '42501' });
      await expect(asServerRole(own, (db) => db.query(`DELETE FROM commissioning_transitions WHERE request_id = $1`, [bd.id])))
        .rejects.toMatchObject({ code: '42501' });
      expect(await asServerRole({}, async (db) => (await db.query('SELECT count(*)::int AS n FROM commissioning_requests')).rows[0].n)).toBe(0);
      expect(await rowOf(bd.id)).toMatchObject({ stage: 'IN_PROGRESS', version: 1 });
      expect(await historyCount(bd.id)).toBe(1);
    });

    it("TP. Hồ Chí Minh's admin reads and moves Bình Dương's requests as its successor", async () => {
      const hcm = await s.login('admin@hcm.demo');
      const bdAdmin = await s.login('admin@binhduong.demo');
      const bd = await makeRequest(BINH_DUONG);
      const seen = await s.gql(GET, { id: bd.id }, hcm);
      expect(seen.data!.commissioningRequest).toMatchObject({ id: bd.id, province: { code: '74' } });
      const moved = await move(bd.id, 1, 'DETERMINED', {}, hcm);
      expect(moved.errors).toBeUndefined();
      expect(moved.data!.transitionCommissioningRequest.history[0].actor).toEqual({ email: 'admin@hcm.demo' });
      const audit = await auditRows(bd.id);
      expect(audit).toHaveLength(1);
      expect(audit[0].province_id).toBe(BINH_DUONG);

      const bdAgency = await makeAgency(BINH_DUONG);
      const hcmAgency = await makeAgency(HCM);
      const created = await s.gql(CREATE, { i: { title: 'Nhiệm vụ kế thừa', requestingAgencyId: bdAgency.id, researchAreaId: '4', year: 2025, provinceCode: '74' } }, hcm);
      expect(created.errors).toBeUndefined();
      expect(created.data!.createCommissioningRequest.province.code).toBe('74');
      expectBad(await s.gql(CREATE, { i: { title: 'Sai tỉnh', requestingAgencyId: hcmAgency.id, researchAreaId: '4', year: 2025, provinceCode: '74' } }, hcm), 'requestingAgencyId');
      // Bình Dương's own admin sees the move but not who made it (a TP. Hồ Chí Minh user).
      const bdView = await s.gql(GET, { id: bd.id }, bdAdmin);
      expect(bdView.data!.commissioningRequest.history[0]).toMatchObject({ toStage: 'DETERMINED', actor: null });
      // The successor does not see Đồng Nai.
      const dn = await makeRequest(DONG_NAI);
      expect((await s.gql(GET, { id: dn.id }, hcm)).data!.commissioningRequest).toBeNull();
    });

    it('the viewer reads and cannot write; the ministry reads every province and writes nothing', async () => {
      const viewer = await s.login('viewer@dongnai.demo');
      const analyst = await s.login('analyst@ministry.demo');
      const dn = await makeRunningRequest(DONG_NAI);
      const bd = await makeRequest(BINH_DUONG);
      expect((await s.gql(GET, { id: dn.id }, viewer)).data!.commissioningRequest.id).toBe(dn.id);
      for (const token of [viewer, analyst]) {
        expect(codeOf(await s.gql(CREATE, { i: { title: 'Không được', requestingAgencyId: dept.id, researchAreaId: '1', year: 2025 } }, token))).toBe('FORBIDDEN');
        expect(codeOf(await s.gql(UPDATE, { i: { id: dn.id, version: 1, title: 'Không được' } }, token))).toBe('FORBIDDEN');
        expect(codeOf(await move(dn.id, 1, 'SUSPENDED', {}, token))).toBe('FORBIDDEN');
        expect(codeOf(await s.gql(CHECK, { i: { requestId: dn.id, checkedOn: '2024-06-01', result: 'ON_TRACK' } }, token))).toBe('FORBIDDEN');
      }
      expect(await asServerRole({ provinceIds: [DONG_NAI], canWrite: false }, async (db) =>
        (await db.query(`UPDATE commissioning_requests SET title = 'x' WHERE id = $1`, [dn.id])).rowCount)).toBe(0);
      expect((await s.gql(GET, { id: bd.id }, analyst)).data!.commissioningRequest.province.code).toBe('74');
      for (const provinceCode of ['74', '75']) {
        const page = (await s.gql(LIST, { first: 5, f: { provinceCode } }, analyst)).data!.commissioningRequests;
        expect(page.totalCount).toBeGreaterThan(0);
        expect(page.edges.every((e: Row) => e.node.province.code === provinceCode)).toBe(true);
      }
      expect(await rowOf(dn.id)).toMatchObject({ stage: 'IN_PROGRESS', version: 1 });
      expect(await auditRows(dn.id)).toHaveLength(0);
    });

    it('anonymous callers get UNAUTHENTICATED', async () => {
      expect(codeOf(await s.gql(LIST, {}))).toBe('UNAUTHENTICATED');
    });
  });
});
