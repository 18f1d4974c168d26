import { asOwner, asServerRole, BINH_DUONG, codeOf, countStatements, dbToday, DONG_NAI, startTestServer, TestServer, unique } from './helpers';
import { auditRows, countRows, makeAgency, makeDirective, makeReport, makeTask } from './factories/directives';

const FIELDS = `id seq title content status completedOn version province { code } directive { id numberSymbol }
  leadAgency { id } coordinatingAgencies { id name } deadline { kind date year quarter month day label }
  dueOn isOverdue daysLate latestPercent progressReports { reportedOn percent text reporter attachmentNames }`;
const CREATE = `mutation($i: CreateDirectiveTaskInput!) { createDirectiveTask(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation($i: UpdateDirectiveTaskInput!) { updateDirectiveTask(input: $i) { ${FIELDS} } }`;
const DELETE = 'mutation($i: DeleteDirectiveTaskInput!) { deleteDirectiveTask(input: $i) { id version } }';
const REPORT = `mutation($i: AddTaskProgressReportInput!) { addTaskProgressReport(input: $i) {
  id reportedOn percent text reporter attachmentNames task { id latestPercent progressReports { percent } } } }`;
const GET = `query($id: ID!, $asOf: LocalDate) { directiveTask(id: $id, asOf: $asOf) { ${FIELDS} } }`;
const LIST = `query($first: Int, $after: String, $f: DirectiveTaskFilter, $s: DirectiveTaskSort) {
  directiveTasks(first: $first, after: $after, filter: $f, sort: $s) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id seq title status dueOn isOverdue daysLate province { code } } } } }`;

async function taskRow(id: string) {
  return asOwner(async (db) => (await db.query(
    'SELECT title, seq, status, completed_on, version, deleted_at, lead_agency_id FROM directive_tasks WHERE id = $1', [id])).rows[0]);
}

describe('directive tasks (nhiệm vụ)', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin@dongnai.demo');
  });
  afterAll(() => s.close());

  it('creates, reads, updates and soft-deletes, leaving one audit row per mutation', async () => {
    const d = await makeDirective(DONG_NAI, { number: 1394, issuedOn: '2024-02-05' });
    const qlkh = await makeAgency(DONG_NAI, { kind: 'DIVISION', name: `Phòng Quản lý Khoa học ${unique()}` });
    const union = await makeAgency(DONG_NAI, { kind: 'UNION', name: `Liên hiệp Hội ${unique()}` });
    const centre = await makeAgency(DONG_NAI, { kind: 'CENTRE', name: `Ánh Trung tâm KH&CN ${unique()}` });
    const created = await s.gql(CREATE, {
      i: {
        directiveId: d.id, title: '  Rà soát quy định về chính sách đãi ngộ  ', content: 'Rà soát, đề xuất.', leadAgencyId: qlkh.id,
        coordinatingAgencyIds: [union.id, centre.id, union.id], deadline: { kind: 'QUARTER', year: 2024, quarter: 1 },
      },
    }, admin);
    expect(created.errors).toBeUndefined();
    const t = created.data!.createDirectiveTask;
    expect(t).toMatchObject({
      seq: 1, title: 'Rà soát quy định về chính sách đãi ngộ', status: 'NOT_STARTED', completedOn: null, version: 1,
      province: { code: '75' }, directive: { id: d.id, numberSymbol: '1394/UBND-KGVX' }, leadAgency: { id: qlkh.id },
      deadline: { kind: 'QUARTER', date: null, year: 2024, quarter: 1, month: null, day: null, label: 'Quý I/2024' },
      dueOn: '2024-03-31', latestPercent: null, progressReports: [],
    });
    // Coordinating units by name, the duplicate dropped; Vietnamese order puts "Ánh" before "Liên".
    expect(t.coordinatingAgencies.map((a: any) => a.id)).toEqual([centre.id, union.id]);

    // Numbered next when omitted; a yearly deadline gets its label.
    const second = await s.gql(CREATE, {
      i: { directiveId: d.id, title: 'Đặt hàng Liên hiệp Hội hằng năm', leadAgencyId: qlkh.id, deadline: { kind: 'YEARLY', month: 11, day: 15 } },
    }, admin);
    expect(second.data!.createDirectiveTask).toMatchObject({ seq: 2, deadline: { kind: 'YEARLY', label: '15/11 hằng năm', month: 11, day: 15 } });
    const third = await s.gql(CREATE, {
      i: { directiveId: d.id, seq: 7, title: 'Báo cáo UBND tỉnh', leadAgencyId: union.id, deadline: { kind: 'DATE', date: '2023-12-05' } },
    }, admin);
    expect(third.data!.createDirectiveTask).toMatchObject({ seq: 7, deadline: { kind: 'DATE', date: '2023-12-05', label: '05/12/2023' } });
    const none = await s.gql(CREATE, { i: { directiveId: d.id, title: 'Tuyên truyền thường xuyên', leadAgencyId: centre.id } }, admin);
    expect(none.data!.createDirectiveTask).toMatchObject({ seq: 8, deadline: { kind: 'NONE', label: null }, dueOn: null, isOverdue: false, daysLate: 0 });

    // Completing sets today's date; leaving COMPLETED clears it.
    const today = await dbToday();
    const done = await s.gql(UPDATE, { i: { id: t.id, version: 1, status: 'COMPLETED', coordinatingAgencyIds: [union.id] } }, admin);
    expect(done.errors).toBeUndefined();
    expect(done.data!.updateDirectiveTask).toMatchObject({ status: 'COMPLETED', completedOn: today, version: 2, coordinatingAgencies: [{ id: union.id }] });
    const dated = await s.gql(UPDATE, { i: { id: t.id, version: 2, completedOn: '2024-03-20' } }, admin);
    expect(dated.data!.updateDirectiveTask).toMatchObject({ status: 'COMPLETED', completedOn: '2024-03-20', version: 3 });
    const reopened = await s.gql(UPDATE, { i: { id: t.id, version: 3, status: 'IN_PROGRESS', deadline: { kind: 'DATE', date: '2024-06-30' } } }, admin);
    expect(reopened.data!.updateDirectiveTask).toMatchObject({ status: 'IN_PROGRESS', completedOn: null, version: 4, deadline: { label: '30/06/2024' } });

    const del = await s.gql(DELETE, { i: { id: t.id, version: 4 } }, admin);
    expect(del.data!.deleteDirectiveTask.version).toBe(5);
    expect((await s.gql(GET, { id: t.id }, admin)).data!.directiveTask).toBeNull();
    // Its number is free again.
    const reuse = await s.gql(CREATE, { i: { directiveId: d.id, seq: 1, title: 'Nhiệm vụ số 1 mới', leadAgencyId: qlkh.id } }, admin);
    expect(reuse.errors).toBeUndefined();
    const tasks = await s.gql('query($id: ID!) { directive(id: $id) { tasks { seq } } }', { id: d.id }, admin);
    expect(tasks.data!.directive.tasks.map((x: any) => x.seq)).toEqual([1, 2, 7, 8]);

    const audit = await auditRows(t.id);
    expect(audit.map((r) => r.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'UPDATE', 'DELETE']);
    expect(audit.every((r) => r.entity_type === 'DirectiveTask' && r.province_id === DONG_NAI && typeof r.actor_id === 'string')).toBe(true);
    expect(audit[0].after.coordinating_agency_ids.sort()).toEqual([union.id, centre.id].sort());
    expect(audit[1].before.status).toBe('NOT_STARTED');
    expect(audit[1].after).toMatchObject({ status: 'COMPLETED', completed_on: today, coordinating_agency_ids: [union.id] });
  });

  describe('bad input gives BAD_USER_INPUT naming the field and writes nothing', () => {
    let directiveId: string;
    let lead: string;
    let other: string;
    let foreignAgency: string;
    let foreignDirective: string;
    beforeAll(async () => {
      const d = await makeDirective(DONG_NAI);
      directiveId = d.id;
      lead = (await makeAgency(DONG_NAI)).id;
      other = (await makeAgency(DONG_NAI)).id;
      foreignAgency = (await makeAgency(BINH_DUONG)).id;
      foreignDirective = (await makeDirective(BINH_DUONG)).id;
      await makeTask(d, { seq: 3, leadAgencyId: lead });
    });
    const valid = () => ({ directiveId, title: 'Nhiệm vụ hợp lệ', leadAgencyId: lead });

    it.each([
      [{ title: 'A' }, 'title'],
      [{ title: '     ' }, 'title'],
      [{ seq: 0 }, 'seq'],
      [{ seq: 3 }, 'seq'],
      [{ deadline: { kind: 'QUARTER', quarter: 1 } }, 'deadline.year'],
      [{ deadline: { kind: 'QUARTER', year: 2024, quarter: 5 } }, 'deadline.quarter'],
      [{ deadline: { kind: 'DATE' } }, 'deadline.date'],
      [{ deadline: { kind: 'DATE', date: '2024-01-01', quarter: 1 } }, 'deadline.quarter'],
      [{ deadline: { kind: 'YEARLY', month: 2, day: 31 } }, 'deadline.day'],
      [{ deadline: { kind: 'YEARLY', month: 4, day: 31 } }, 'deadline.day'],
      [{ deadline: { kind: 'YEARLY', day: 15 } }, 'deadline.month'],
      [{ deadline: { kind: 'NONE', year: 2024 } }, 'deadline.year'],
      [{ status: 'IN_PROGRESS', completedOn: '2024-01-01' }, 'completedOn'],
      [{ status: 'COMPLETED', completedOn: '2999-01-01' }, 'completedOn'],
      [{ leadAgencyId: 'nope' }, 'leadAgencyId'],
    ])('%j → %s', async (patch, field) => {
      const before = [await countRows('directive_tasks'), await countRows('directive_task_coordinators'), await countRows('audit_log')];
      const r = await s.gql(CREATE, { i: { ...valid(), ...patch } }, admin);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe(field);
      expect(r.errors![0].message).toContain(field);
      expect([await countRows('directive_tasks'), await countRows('directive_task_coordinators'), await countRows('audit_log')]).toEqual(before);
    });

    it('the lead cannot also coordinate, and agencies and documents must be of the same province', async () => {
      const before = await countRows('directive_tasks');
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ coordinatingAgencyIds: [other, lead] }, 'coordinatingAgencyIds'],
        [{ leadAgencyId: foreignAgency }, 'leadAgencyId'],
        [{ coordinatingAgencyIds: [foreignAgency] }, 'coordinatingAgencyIds'],
        [{ directiveId: foreignDirective }, 'directiveId'],
      ];
      for (const [patch, field] of cases) {
        const r = await s.gql(CREATE, { i: { ...valid(), ...patch } }, admin);
        expect(codeOf(r)).toBe('BAD_USER_INPUT');
        expect(r.errors![0].extensions!.field).toBe(field);
      }
      expect(await countRows('directive_tasks')).toBe(before);
      // On update too: making a coordinator the lead.
      const t = await makeTask({ id: directiveId, province_id: DONG_NAI }, { leadAgencyId: lead, coordinatorIds: [other] });
      const r = await s.gql(UPDATE, { i: { id: t.id, version: 1, leadAgencyId: other, title: 'Đổi tên' } }, admin);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe('coordinatingAgencyIds');
      expect(await taskRow(t.id)).toMatchObject({ lead_agency_id: lead, title: t.title, version: 1 });
      expect(await auditRows(t.id)).toEqual([]);
    });
  });

  it('a stale version is a CONFLICT; two concurrent updates give one success and one CONFLICT', async () => {
    const d = await makeDirective(DONG_NAI);
    const t = await makeTask(d);
    expect((await s.gql(UPDATE, { i: { id: t.id, version: 1, title: 'Lần một' } }, admin)).errors).toBeUndefined();
    expect(codeOf(await s.gql(UPDATE, { i: { id: t.id, version: 1, title: 'Lần hai' } }, admin))).toBe('CONFLICT');
    expect(codeOf(await s.gql(DELETE, { i: { id: t.id, version: 1 } }, admin))).toBe('CONFLICT');
    expect(await taskRow(t.id)).toMatchObject({ title: 'Lần một', version: 2, deleted_at: null });

    const editor = await s.login('editor@dongnai.demo');
    const results = await Promise.all([
      s.gql(UPDATE, { i: { id: t.id, version: 2, status: 'IN_PROGRESS' } }, admin),
      s.gql(UPDATE, { i: { id: t.id, version: 2, status: 'CANCELLED' } }, editor),
    ]);
    expect(results.map((r) => (r.errors ? codeOf(r) : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    const winner = results.find((r) => !r.errors)!.data!.updateDirectiveTask.status;
    expect(await taskRow(t.id)).toMatchObject({ status: winner, version: 3 });
    expect((await auditRows(t.id)).length).toBe(2);
  });

  describe('deadlines and overdue (quá hạn)', () => {
    const timing = async (id: string, asOf: string) => {
      const r = await s.gql(GET, { id, asOf }, admin);
      expect(r.errors).toBeUndefined();
      const t = r.data!.directiveTask;
      return { dueOn: t.dueOn, isOverdue: t.isOverdue, daysLate: t.daysLate };
    };

    it('the seeded plan task due in Q1/2024 is overdue as of 2024-04-01 and not as of 2024-03-31', async () => {
      const find = async (asOf: string) => (await s.gql(LIST, {
        first: 10, f: { search: 'Rà soát quy định của Trung ương và hiện hành', asOf },
      }, admin)).data!.directiveTasks.edges.map((e: any) => e.node);
      const [before] = await find('2024-03-31');
      expect(before).toMatchObject({ dueOn: '2024-03-31', isOverdue: false, daysLate: 0, province: { code: '75' } });
      const [after] = await find('2024-04-01');
      expect(after).toMatchObject({ id: before.id, dueOn: '2024-03-31', isOverdue: true, daysLate: 1 });
    });

    it('a DATE deadline is overdue the day after, counting days late until completion', async () => {
      const d = await makeDirective(DONG_NAI);
      const t = await makeTask(d, { deadlineKind: 'DATE', deadlineDate: '2023-12-05' });
      expect(await timing(t.id, '2023-12-05')).toEqual({ dueOn: '2023-12-05', isOverdue: false, daysLate: 0 });
      expect(await timing(t.id, '2023-12-06')).toEqual({ dueOn: '2023-12-05', isOverdue: true, daysLate: 1 });
      expect(await timing(t.id, '2024-01-04')).toEqual({ dueOn: '2023-12-05', isOverdue: true, daysLate: 30 });
      // Completed late: no longer overdue, the delay stays on record.
      const done = await s.gql(UPDATE, { i: { id: t.id, version: 1, status: 'COMPLETED', completedOn: '2023-12-15' } }, admin);
      expect(done.errors).toBeUndefined();
      expect(await timing(t.id, '2024-01-04')).toEqual({ dueOn: '2023-12-05', isOverdue: false, daysLate: 10 });
      // Cancelled: never overdue.
      const c = await makeTask(d, { deadlineKind: 'DATE', deadlineDate: '2023-12-05', status: 'CANCELLED' });
      expect(await timing(c.id, '2024-01-04')).toEqual({ dueOn: '2023-12-05', isOverdue: false, daysLate: 0 });
    });

    it('a QUARTER deadline is due on the last day of the quarter: Q1/2024 is overdue as of 2024-04-01, not 2024-03-31', async () => {
      const d = await makeDirective(DONG_NAI);
      const t = await makeTask(d, { deadlineKind: 'QUARTER', deadlineYear: 2024, deadlineQuarter: 1 });
      expect(await timing(t.id, '2024-03-31')).toEqual({ dueOn: '2024-03-31', isOverdue: false, daysLate: 0 });
      expect(await timing(t.id, '2024-04-01')).toEqual({ dueOn: '2024-03-31', isOverdue: true, daysLate: 1 });
      expect(await timing(t.id, '2024-04-15')).toEqual({ dueOn: '2024-03-31', isOverdue: true, daysLate: 15 });
      const q4 = await makeTask(d, { deadlineKind: 'QUARTER', deadlineYear: 2024, deadlineQuarter: 4 });
      expect((await timing(q4.id, '2024-04-15')).dueOn).toBe('2024-12-31');
    });

    it('a YEARLY deadline (15/11 every year) is met by a report dated from 1 January to the day', async () => {
      const d = await makeDirective(DONG_NAI);
      const t = await makeTask(d, { deadlineKind: 'YEARLY', deadlineMonth: 11, deadlineDay: 15, status: 'IN_PROGRESS' });
      expect(await timing(t.id, '2025-11-15')).toEqual({ dueOn: '2025-11-15', isOverdue: false, daysLate: 0 });
      expect(await timing(t.id, '2025-11-16')).toEqual({ dueOn: '2025-11-15', isOverdue: true, daysLate: 1 });
      // Last year's report does not count for this year, nor does one after the day.
      await makeReport(t, '2024-11-10');
      await makeReport(t, '2025-11-16');
      expect((await timing(t.id, '2025-11-20')).isOverdue).toBe(true);
      const added = await s.gql(REPORT, {
        i: { taskId: t.id, reportedOn: '2025-11-10', percent: 80, text: ' Đã tổng hợp báo cáo năm 2025 ', reporter: 'Phòng QLKH', attachmentNames: ['bao-cao-2025.pdf'] },
      }, admin);
      expect(added.errors).toBeUndefined();
      expect(added.data!.addTaskProgressReport).toMatchObject({ reportedOn: '2025-11-10', percent: 80, text: 'Đã tổng hợp báo cáo năm 2025', attachmentNames: ['bao-cao-2025.pdf'] });
      expect(await timing(t.id, '2025-11-16')).toEqual({ dueOn: '2025-11-15', isOverdue: false, daysLate: 0 });
      // Next year it is due again.
      expect(await timing(t.id, '2026-11-16')).toMatchObject({ dueOn: '2026-11-15', isOverdue: true });
      expect((await timing(t.id, '2026-03-01')).dueOn).toBe('2026-11-15');
    });

    it('URGENCY puts overdue first (longest late first), then due soon, then the rest; overdue: true filters', async () => {
      const d = await makeDirective(DONG_NAI);
      const asOf = '2024-06-01';
      const late10 = await makeTask(d, { seq: 1, deadlineKind: 'DATE', deadlineDate: '2024-05-22' });
      const soon = await makeTask(d, { seq: 2, deadlineKind: 'DATE', deadlineDate: '2024-06-03' });
      const done = await makeTask(d, { seq: 3, deadlineKind: 'DATE', deadlineDate: '2024-05-01', status: 'COMPLETED', completedOn: '2024-04-30' });
      const late2 = await makeTask(d, { seq: 4, deadlineKind: 'QUARTER', deadlineYear: 2024, deadlineQuarter: 1, status: 'IN_PROGRESS' });
      const later = await makeTask(d, { seq: 5, deadlineKind: 'YEARLY', deadlineMonth: 11, deadlineDay: 15 });
      const noDeadline = await makeTask(d, { seq: 6 });
      const yearlyLate = await makeTask(d, { seq: 7, deadlineKind: 'YEARLY', deadlineMonth: 5, deadlineDay: 30 });
      const list = async (f: Record<string, unknown>, sort?: Record<string, unknown>) => {
        const r = await s.gql(LIST, { first: 100, f: { directiveId: d.id, asOf, ...f }, s: sort }, admin);
        expect(r.errors).toBeUndefined();
        return r.data!.directiveTasks;
      };
      // late2 (Q1: 62 days), late10 (10 days), yearlyLate (2 days); then due soon; then the rest.
      const urgent = await list({});
      expect(urgent.edges.map((e: any) => e.node.id)).toEqual([late2.id, late10.id, yearlyLate.id, soon.id, later.id, done.id, noDeadline.id]);
      expect(urgent.edges.slice(0, 3).map((e: any) => e.node.daysLate)).toEqual([62, 10, 2]);

      const overdue = await list({ overdue: true });
      expect(overdue.totalCount).toBe(3);
      expect(overdue.edges.every((e: any) => e.node.isOverdue)).toBe(true);
      const notOverdue = await list({ overdue: false });
      expect(notOverdue.totalCount).toBe(4);
      expect(notOverdue.edges.some((e: any) => e.node.isOverdue)).toBe(false);
      // As of an earlier day, fewer are overdue.
      expect((await list({ overdue: true, asOf: '2024-04-15' })).edges.map((e: any) => e.node.id)).toEqual([late2.id]);
      // Across all tasks of the province, overdue: true returns only overdue ones.
      const everywhere = await s.gql(LIST, { first: 100, f: { overdue: true, asOf } }, admin);
      expect(everywhere.data!.directiveTasks.edges.length).toBeGreaterThanOrEqual(3);
      expect(everywhere.data!.directiveTasks.edges.every((e: any) => e.node.isOverdue)).toBe(true);

      expect((await list({ dueBefore: '2024-06-01' })).edges.map((e: any) => e.node.id).sort())
        .toEqual([late10.id, done.id, late2.id, yearlyLate.id].sort());
      expect((await list({}, { field: 'DUE_ON' })).edges.map((e: any) => e.node.id))
        .toEqual([late2.id, done.id, late10.id, yearlyLate.id, soon.id, later.id, noDeadline.id]);
      expect((await list({}, { field: 'SEQ', direction: 'DESC' })).edges.map((e: any) => e.node.seq)).toEqual([7, 6, 5, 4, 3, 2, 1]);
      expect((await list({ status: 'COMPLETED' })).edges.map((e: any) => e.node.id)).toEqual([done.id]);
    });
  });

  it('progress reports: validated, newest first, one audit row each', async () => {
    const d = await makeDirective(DONG_NAI);
    const t = await makeTask(d);
    const before = [await countRows('task_progress_reports'), await countRows('audit_log')];
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ percent: 101 }, 'percent'],
      [{ percent: -1 }, 'percent'],
      [{ reportedOn: '2999-01-01' }, 'reportedOn'],
      [{ text: ' x ' }, 'text'],
      [{ reporter: '' }, 'reporter'],
      [{ taskId: '00000000-0000-4000-8000-000000000000' }, 'taskId'],
    ];
    for (const [patch, field] of bad) {
      const r = await s.gql(REPORT, { i: { taskId: t.id, reportedOn: '2024-05-01', percent: 10, text: 'Đã làm', reporter: 'Phòng QLKH', ...patch } }, admin);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe(field);
    }
    expect([await countRows('task_progress_reports'), await countRows('audit_log')]).toEqual(before);

    const first = await s.gql(REPORT, { i: { taskId: t.id, reportedOn: '2024-05-01', percent: 20, text: 'Khởi động', reporter: 'Phòng QLKH' } }, admin);
    expect(first.errors).toBeUndefined();
    const today = await dbToday();
    const second = await s.gql(REPORT, { i: { taskId: t.id, reportedOn: today, percent: 60, text: 'Giữa kỳ', reporter: 'Liên hiệp Hội' } }, admin);
    expect(second.errors).toBeUndefined();
    expect(second.data!.addTaskProgressReport.task).toMatchObject({ id: t.id, latestPercent: 60, progressReports: [{ percent: 60 }, { percent: 20 }] });
    const audit = await auditRows(second.data!.addTaskProgressReport.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'CREATE', entity_type: 'TaskProgressReport', province_id: DONG_NAI, before: null });
    expect(audit[0].after.percent).toBe(60);
    // The task itself is unchanged by a report.
    expect((await taskRow(t.id)).version).toBe(1);
  });

  it('search ignores diacritics; agencyId finds lead and coordinating tasks; pages with cursors', async () => {
    const tag = unique('tk');
    const d = await makeDirective(DONG_NAI);
    const unit = await makeAgency(DONG_NAI);
    const led = await makeTask(d, { title: `Hội thảo khoa học về trí thức trẻ ${tag}`, leadAgencyId: unit.id });
    const coordinated = await makeTask(d, { title: `Tuyên truyền Nghị quyết ${tag}`, coordinatorIds: [unit.id] });
    await makeTask(d, { title: `Nhiệm vụ khác ${tag}` });
    const ids = async (f: Record<string, unknown>) =>
      (await s.gql(LIST, { first: 100, f, s: { field: 'SEQ' } }, admin)).data!.directiveTasks.edges.map((e: any) => e.node.id);
    expect(await ids({ search: `hoi thao khoa hoc ve tri thuc tre ${tag}` })).toEqual([led.id]);
    expect(await ids({ search: `TUYÊN TRUYỀN nghi quyet ${tag}` })).toEqual([coordinated.id]);
    expect(await ids({ agencyId: unit.id })).toEqual([led.id, coordinated.id]);
    expect(await ids({ leadAgencyId: unit.id })).toEqual([led.id]);
    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 5; guard++) {
      const r = await s.gql(LIST, { first: 2, after, f: { search: tag }, s: { field: 'SEQ' } }, admin);
      const page = r.data!.directiveTasks;
      expect(page.totalCount).toBe(3);
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    expect(codeOf(await s.gql(LIST, { f: { asOf: 'hôm qua' } }, admin))).toBe('BAD_USER_INPUT');
  });

  describe('tenancy', () => {
    it("Đồng Nai's admin cannot read, change or report on Bình Dương's tasks", async () => {
      const bdDirective = await makeDirective(BINH_DUONG);
      const bd = await makeTask(bdDirective, { deadlineKind: 'DATE', deadlineDate: '2025-04-30' });
      expect((await s.gql(GET, { id: bd.id }, admin)).data!.directiveTask).toBeNull();
      const list = await s.gql(LIST, { first: 100, f: { directiveId: bdDirective.id } }, admin);
      expect(list.data!.directiveTasks.totalCount).toBe(0);
      expect((await s.gql(LIST, { first: 100, f: { provinceCode: '74' } }, admin)).data!.directiveTasks.totalCount).toBe(0);
      expect(codeOf(await s.gql(UPDATE, { i: { id: bd.id, version: 1, title: 'Đã bị sửa' } }, admin))).toBe('NOT_FOUND');
      expect(codeOf(await s.gql(DELETE, { i: { id: bd.id, version: 1 } }, admin))).toBe('NOT_FOUND');
      const report = await s.gql(REPORT, { i: { taskId: bd.id, reportedOn: '2025-04-01', percent: 5, text: 'Lậu', reporter: 'Lậu' } }, admin);
      expect(codeOf(report)).toBe('BAD_USER_INPUT');
      expect(report.errors![0].extensions!.field).toBe('taskId');
      expect(await taskRow(bd.id)).toMatchObject({ title: bd.title, version: 1, deleted_at: null });
      expect(await asOwner(async (db) => (await db.query('SELECT count(*)::int AS n FROM task_progress_reports WHERE task_id = $1', [bd.id])).rows[0].n)).toBe(0);
      // Raw SQL with Đồng Nai's settings: the timing view and the coordinators are empty for Bình Dương too.
      const scope = { provinceIds: [DONG_NAI], canWrite: true, role: null };
      expect(await asServerRole(scope, async (db) => (await db.query('SELECT count(*)::int AS n FROM directive_task_timing WHERE task_id = $1', [bd.id])).rows[0].n)).toBe(0);
      expect(await asServerRole(scope, async (db) => (await db.query(`DELETE FROM directive_task_coordinators WHERE task_id = $1`, [bd.id])).rowCount)).toBe(0);
    });

    it("TP. Hồ Chí Minh's admin reads and edits Bình Dương's tasks; the viewer cannot write", async () => {
      const bdDirective = await makeDirective(BINH_DUONG);
      const bd = await makeTask(bdDirective, { deadlineKind: 'DATE', deadlineDate: '2025-04-30' });
      const hcm = await s.login('admin@hcm.demo');
      const got = await s.gql(GET, { id: bd.id, asOf: '2025-05-02' }, hcm);
      expect(got.data!.directiveTask).toMatchObject({ id: bd.id, province: { code: '74' }, isOverdue: true, daysLate: 2 });
      const upd = await s.gql(UPDATE, { i: { id: bd.id, version: 1, status: 'COMPLETED', completedOn: '2025-04-29' } }, hcm);
      expect(upd.errors).toBeUndefined();
      expect(upd.data!.updateDirectiveTask).toMatchObject({ status: 'COMPLETED', completedOn: '2025-04-29', version: 2 });
      const bdUnit = await makeAgency(BINH_DUONG);
      const created = await s.gql(CREATE, { i: { directiveId: bdDirective.id, title: 'Rà soát chính sách cho Liên hiệp Hội', leadAgencyId: bdUnit.id } }, hcm);
      expect(created.errors).toBeUndefined();
      expect(created.data!.createDirectiveTask.province.code).toBe('74');
      const report = await s.gql(REPORT, { i: { taskId: bd.id, reportedOn: '2025-04-29', percent: 100, text: 'Hoàn thành', reporter: 'Sở KH&CN' } }, hcm);
      expect(report.errors).toBeUndefined();
      expect((await auditRows(report.data!.addTaskProgressReport.id))[0].province_id).toBe(BINH_DUONG);

      const viewer = await s.login('viewer@dongnai.demo');
      const dn = await makeTask(await makeDirective(DONG_NAI));
      expect((await s.gql(GET, { id: dn.id }, viewer)).data!.directiveTask.id).toBe(dn.id);
      expect(codeOf(await s.gql(UPDATE, { i: { id: dn.id, version: 1, title: 'Người xem sửa' } }, viewer))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(DELETE, { i: { id: dn.id, version: 1 } }, viewer))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(CREATE, { i: { directiveId: dn.directive_id, title: 'Của người xem', leadAgencyId: dn.lead_agency_id } }, viewer))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(REPORT, { i: { taskId: dn.id, reportedOn: '2025-01-01', percent: 1, text: 'xx', reporter: 'yy' } }, viewer))).toBe('FORBIDDEN');
      expect(await taskRow(dn.id)).toMatchObject({ version: 1, deleted_at: null });
    });
  });

  it('a page of 10 and a page of 50 with nested relations issue the same number of SQL statements', async () => {
    const tag = unique('bulk');
    await asOwner(async (db) => {
      const lead = (await db.query(`INSERT INTO agencies (province_id, kind, name) VALUES (75, 'DIVISION', $1) RETURNING id`, [`Phòng ${tag}`])).rows[0].id;
      for (let i = 0; i < 55; i++) {
        const issuer = (await db.query(`INSERT INTO agencies (province_id, kind, name) VALUES (75, 'DEPARTMENT', $1) RETURNING id`, [`Sở ${tag} ${i}`])).rows[0].id;
        const d = (await db.query(
          `INSERT INTO directives (province_id, system, doc_type, symbol, issuer_agency_id, subject) VALUES (75, 'STATE', 'PLAN', 'KH', $1, $2) RETURNING id`,
          [issuer, `Kế hoạch ${tag} ${i}`])).rows[0].id;
        const t = (await db.query(
          `INSERT INTO directive_tasks (province_id, directive_id, seq, title, lead_agency_id, deadline_kind, deadline_date)
           VALUES (75, $1, 1, $2, $3, 'DATE', $4) RETURNING id`, [d, `Nhiệm vụ ${tag} ${i}`, i % 2 ? lead : issuer, `2024-0${1 + (i % 9)}-15`])).rows[0].id;
        await db.query(`INSERT INTO directive_task_coordinators (province_id, task_id, agency_id) VALUES (75, $1, $2)`, [t, i % 2 ? issuer : lead]);
        await db.query(`INSERT INTO task_progress_reports (province_id, task_id, reported_on, percent, text, reporter) VALUES (75, $1, '2024-01-10', $2, 'Đang làm', 'Phòng')`, [t, i]);
      }
    });
    const query = `query($first: Int, $f: DirectiveTaskFilter) { directiveTasks(first: $first, filter: $f) { totalCount edges { node {
      id seq title deadline { label } dueOn isOverdue daysLate latestPercent province { code }
      directive { numberSymbol issuer { name } tasks { id } } leadAgency { name } coordinatingAgencies { name }
      progressReports { percent reportedOn } } } } }`;
    let small: any;
    let large: any;
    const f = { search: tag, asOf: '2024-06-01' };
    const n10 = await countStatements(async () => { small = await s.gql(query, { first: 10, f }, admin); });
    const n50 = await countStatements(async () => { large = await s.gql(query, { first: 50, f }, admin); });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(small.data.directiveTasks.edges).toHaveLength(10);
    expect(large.data.directiveTasks.edges).toHaveLength(50);
    expect(large.data.directiveTasks.totalCount).toBe(55);
    const nodes = large.data.directiveTasks.edges.map((e: any) => e.node);
    expect(nodes.every((n: any) => n.coordinatingAgencies.length === 1 && n.progressReports.length === 1 && n.directive.tasks.length === 1)).toBe(true);
    expect(nodes.filter((n: any) => n.isOverdue).length).toBeGreaterThan(0);
    expect(n10).toBeGreaterThan(0);
    expect(n50).toBe(n10);
  });
});
