import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { createApp } from '../src/app';
import { ProvinceDirectory } from '../src/modules/provinces/province-directory';
import { yearLockedError } from '../src/modules/annual-reports/year-lock';
import { createSchema } from '../src/schema';
import { AuthTokens } from '../src/tenancy/auth-token';
import { Role } from '../src/tenancy/roles';
import { asOwner, asServerRole, codeOf, makeAssociation, makeUser, startTestServer, TestServer } from './helpers';
import { makeDirectiveTask, makeRequest } from './factories/commissioning';
import { dropReports, reportAudit, reportRow, setFirstSubmittedAt, snapshotOf } from './factories/annual-reports';

// Provinces no other suite writes to: a submitted year locks every record of that province and year.
const P = 92; // Cần Thơ
const O = 96; // Cà Mau

const REPORT = `id year status dueOn version onTime daysLate published submittedAt firstSubmittedAt reopenReason province { code }
  figures { indicatorCode name unit year provinceCode numerator denominator value source }
  submittedFigures { indicatorCode numerator denominator value source }`;
const PREPARE = `mutation($i: PrepareAnnualReportInput!) { prepareAnnualReport(input: $i) { ${REPORT} } }`;
const SUBMIT = `mutation($i: SubmitAnnualReportInput!) { submitAnnualReport(input: $i) { ${REPORT} } }`;
const REOPEN = `mutation($i: ReopenAnnualReportInput!) { reopenAnnualReport(input: $i) { ${REPORT} } }`;
const PUBLISH = `mutation($i: PublishAnnualReportInput!) { publishAnnualReport(input: $i) { ${REPORT} } }`;
const GET = `query($y: Int!, $p: String) { annualReport(year: $y, provinceCode: $p) { ${REPORT} } }`;
const LIST = `query($f: AnnualReportFilter) { annualReports(filter: $f, first: 100) { totalCount edges { node { id year status onTime daysLate dueOn submittedAt province { code } } } } }`;
const UPDATE_REQUEST = `mutation($i: UpdateCommissioningRequestInput!) { updateCommissioningRequest(input: $i) { id title version } }`;
const ADD_REPORT = `mutation($i: AddTaskProgressReportInput!) { addTaskProgressReport(input: $i) { id } }`;
const CREATE_ACTIVITY = `mutation($i: CreateActivityInput!) { createActivity(input: $i) { id } }`;

type Figure = { indicatorCode: string; numerator: number | null; denominator: number | null; value: number | null; source: string };
const byCode = (figures: Figure[]) => Object.fromEntries(figures.map((f) => [f.indicatorCode, { numerator: f.numerator, denominator: f.denominator, value: f.value }]));

describe('annual reports', () => {
  let server: TestServer;
  let admin: string;
  let editor: string;
  let viewer: string;
  let otherAdmin: string;
  let ministry: string;
  let req2024: { id: string; version: number };
  let req2025: { id: string; version: number };
  let taskId: string;
  let report: { id: string; version: number; figures?: Figure[] };

  const auditCount = async (id: string) => (await reportAudit(id)).length;
  const requestTitle = (id: string) => asOwner(async (db) => (await db.query('SELECT title, version FROM commissioning_requests WHERE id = $1', [id])).rows[0]);

  beforeAll(async () => {
    server = await startTestServer();
    await dropReports([P, O]);
    admin = await server.login(await makeUser(Role.PROVINCE_ADMIN, P));
    editor = await server.login(await makeUser(Role.PROVINCE_EDITOR, P));
    viewer = await server.login(await makeUser(Role.PROVINCE_VIEWER, P));
    otherAdmin = await server.login(await makeUser(Role.PROVINCE_ADMIN, O));
    ministry = await server.login('analyst@ministry.demo');
    await makeAssociation(P);
    req2024 = await makeRequest(P, { year: 2024 });
    await makeRequest(P, { year: 2024, stage: 'APPLIED' });
    req2025 = await makeRequest(P, { year: 2025 });
    taskId = (await makeDirectiveTask(P)).id;
  });

  afterAll(async () => {
    await dropReports([P, O]);
    await server?.close();
  });

  it('only the province admin prepares; editors, viewers and the ministry get FORBIDDEN', async () => {
    for (const token of [editor, viewer, ministry]) {
      const r = await server.gql(PREPARE, { i: { year: 2024 } }, token);
      expect(codeOf(r)).toBe('FORBIDDEN');
    }
    expect(await reportRow(P, 2024)).toBeUndefined();
  });

  it('prepare creates the draft with a live preview, due 15/11; a future year is refused naming the field', async () => {
    const r = await server.gql(PREPARE, { i: { year: 2024, notes: 'Bản nháp' } }, admin);
    expect(r.errors).toBeUndefined();
    const rep = r.data!.prepareAnnualReport;
    expect(rep).toMatchObject({ year: 2024, status: 'DRAFT', dueOn: '2024-11-15', onTime: null, province: { code: '92' }, published: false });
    expect(rep.figures.length).toBeGreaterThan(0);
    expect(rep.figures.every((f: Figure) => f.source === 'LIVE')).toBe(true);
    const f = byCode(rep.figures);
    expect(f.commissioning_requests.numerator).toBe(2);
    expect(f.application_rate).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(f.member_associations.numerator).toBeGreaterThanOrEqual(1);
    expect(rep.figures.find((x: Figure & { name: string }) => x.indicatorCode === 'commissioning_requests'))
      .toMatchObject({ name: 'Số nhiệm vụ đặt hàng', unit: 'nhiệm vụ', year: 2024, provinceCode: '92' });
    expect(await auditCount(rep.id)).toBe(1);

    const again = await server.gql(PREPARE, { i: { year: 2024 } }, admin);
    expect(again.data!.prepareAnnualReport).toMatchObject({ id: rep.id, version: rep.version + 1, status: 'DRAFT' });
    expect((await reportRow(P, 2024))!.notes).toBe('Bản nháp');
    expect(await auditCount(rep.id)).toBe(2);
    report = again.data!.prepareAnnualReport;

    const future = await server.gql(PREPARE, { i: { year: 2099 } }, admin);
    expect(codeOf(future)).toBe('BAD_USER_INPUT');
    expect(future.errors![0].extensions!.field).toBe('year');
  });

  it('submit snapshots exactly the live figures and locks the year', async () => {
    const live = (await server.gql(GET, { y: 2024 }, admin)).data!.annualReport;
    const r = await server.gql(SUBMIT, { i: { id: report.id, version: report.version } }, admin);
    expect(r.errors).toBeUndefined();
    const rep = r.data!.submitAnnualReport;
    expect(rep.status).toBe('SUBMITTED');
    expect(rep.submittedAt).toBeTruthy();
    expect(rep.figures.every((f: Figure) => f.source === 'SUBMITTED')).toBe(true);
    expect(byCode(rep.figures)).toEqual(byCode(live.figures));
    const stored = await snapshotOf(report.id);
    expect(Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, { numerator: v.numerator, denominator: v.denominator, value: v.value }])))
      .toEqual(byCode(live.figures));
    const row = (await reportRow(P, 2024))!;
    expect(row.submitted_by).toBeTruthy();
    expect(await auditCount(report.id)).toBe(3);
    const audit = (await reportAudit(report.id)).pop()!;
    expect(audit).toMatchObject({ action: 'SUBMIT', entity_type: 'AnnualReport', province_id: P });
    report = rep;
  });

  it('after submit, changes to records of that year are refused through GraphQL and change nothing; 2025 still changes', async () => {
    const before = await requestTitle(req2024.id);
    const upd = await server.gql(UPDATE_REQUEST, { i: { id: req2024.id, version: before.version, title: 'Đổi tên sau khi nộp' } }, editor);
    expect(codeOf(upd)).toBe('FORBIDDEN');
    expect(upd.errors![0].extensions!.reason).toBe('YEAR_LOCKED');
    expect(upd.errors![0].message).toMatch(/year 2024 of province \d+ is locked/);
    expect(await requestTitle(req2024.id)).toEqual(before);

    const progress = await server.gql(ADD_REPORT, { i: { taskId, reportedOn: '2024-06-01', percent: 40, text: 'Đã làm', reporter: 'Phòng QLKH' } }, editor);
    expect(progress.errors![0].extensions!.reason).toBe('YEAR_LOCKED');
    const activity = await server.gql(CREATE_ACTIVITY, { i: { kind: 'WORKSHOP', title: 'Hội thảo năm 2024', heldOn: '2024-05-01' } }, editor);
    expect(activity.errors![0].extensions!.reason).toBe('YEAR_LOCKED');
    const counts = await asOwner(async (db) => (await db.query(
      `SELECT (SELECT count(*) FROM task_progress_reports WHERE task_id = $1)::int AS reports,
              (SELECT count(*) FROM activities WHERE province_id = $2 AND title = 'Hội thảo năm 2024')::int AS activities`, [taskId, P])).rows[0]);
    expect(counts).toEqual({ reports: 0, activities: 0 });

    const ok2025 = await server.gql(UPDATE_REQUEST, { i: { id: req2025.id, version: req2025.version, title: 'Nhiệm vụ 2025 đổi tên' } }, editor);
    expect(ok2025.errors).toBeUndefined();
    const act2025 = await server.gql(CREATE_ACTIVITY, { i: { kind: 'WORKSHOP', title: 'Hội thảo năm 2025', heldOn: '2025-03-01' } }, editor);
    expect(act2025.errors).toBeUndefined();
    const progress2025 = await server.gql(ADD_REPORT, { i: { taskId, reportedOn: '2025-02-01', percent: 10, text: 'Bắt đầu', reporter: 'Phòng QLKH' } }, editor);
    expect(progress2025.errors).toBeUndefined();
  });

  it('in development the refusal reads clearly', async () => {
    const { dataSource } = server;
    const { httpServer, apollo } = await createApp({
      schema: await createSchema(), dataSource, provinces: await ProvinceDirectory.load(dataSource),
      tokens: new AuthTokens('test-secret-that-is-long-enough-000000', 1), production: false, log: () => undefined,
    });
    await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
    try {
      const before = await requestTitle(req2024.id);
      const res = await fetch(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
        body: JSON.stringify({ query: UPDATE_REQUEST, variables: { i: { id: req2024.id, version: before.version, title: 'Đổi tên' } } }),
      });
      const body = (await res.json()) as { errors: Array<{ message: string }> };
      expect(body.errors[0].message).toMatch(/year 2024 of province 92 is locked: its annual report was submitted/);
    } finally {
      await apollo.stop();
      httpServer.close();
    }
  });

  it('the database refuses the server role too, with a recognisable error; the format-error hook maps it to FORBIDDEN', async () => {
    const error = await asServerRole({ userId: null, provinceIds: [P], canWrite: true, role: Role.PROVINCE_EDITOR }, async (db) =>
      db.query(`UPDATE commissioning_requests SET title = 'Sửa trực tiếp' WHERE id = $1`, [req2024.id]).then(() => undefined, (e: unknown) => e));
    expect(error).toMatchObject({ code: 'P0001', constraint: 'annual_report_year_lock' });
    expect((error as Error).message).toMatch(/locked/);
    const mapped = yearLockedError(error);
    expect(mapped?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'YEAR_LOCKED' });
    expect(yearLockedError(new Error('other'))).toBeUndefined();

    // Deletes and moves into the locked year are refused as well; the owner is no exception.
    await expect(asServerRole({ provinceIds: [P], canWrite: true, role: Role.PROVINCE_EDITOR }, (db) =>
      db.query(`UPDATE commissioning_requests SET year = 2024 WHERE id = $1`, [req2025.id]))).rejects.toMatchObject({ code: 'P0001' });
    await expect(asOwner((db) => db.query(
      `INSERT INTO task_progress_reports (province_id, task_id, reported_on, percent, text, reporter) VALUES ($1, $2, '2024-03-03', 5, 'x1', 'x1')`,
      [P, taskId]))).rejects.toMatchObject({ code: 'P0001' });
  });

  it('on time when first submitted by 15/11 (Vietnam day), late days otherwise', async () => {
    await setFirstSubmittedAt(report.id, '2024-11-15T23:30:00+07:00');
    let r = (await server.gql(GET, { y: 2024 }, admin)).data!.annualReport;
    expect(r).toMatchObject({ onTime: true, daysLate: 0 });
    await setFirstSubmittedAt(report.id, '2024-11-20T09:00:00+07:00');
    r = (await server.gql(GET, { y: 2024 }, admin)).data!.annualReport;
    expect(r).toMatchObject({ onTime: false, daysLate: 5 });
  });

  it('the ministry sees every province\'s status but cannot submit', async () => {
    const other = await server.gql(PREPARE, { i: { year: 2024 } }, otherAdmin);
    expect(other.errors).toBeUndefined();
    const list = await server.gql(LIST, { f: { year: 2024 } }, ministry);
    const mine = list.data!.annualReports.edges.map((e: any) => e.node).filter((n: any) => ['92', '96'].includes(n.province.code));
    expect(mine).toEqual(expect.arrayContaining([
      expect.objectContaining({ province: { code: '92' }, status: 'SUBMITTED', onTime: false, daysLate: 5, dueOn: '2024-11-15' }),
      expect.objectContaining({ province: { code: '96' }, status: 'DRAFT', onTime: null }),
    ]));
    const one = await server.gql(GET, { y: 2024, p: '92' }, ministry);
    expect(one.data!.annualReport.figures.every((f: Figure) => f.source === 'SUBMITTED')).toBe(true);
    const noCode = await server.gql(GET, { y: 2024 }, ministry);
    expect(noCode.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'provinceCode' });
    const submit = await server.gql(SUBMIT, { i: { id: report.id, version: (await reportRow(P, 2024))!.version } }, ministry);
    expect(codeOf(submit)).toBe('FORBIDDEN');
  });

  it('another province sees an unpublished report of no one else, and a published one with its snapshot', async () => {
    expect((await server.gql(GET, { y: 2024, p: '92' }, otherAdmin)).data!.annualReport).toBeNull();
    expect((await server.gql(LIST, { f: { provinceCode: '92' } }, otherAdmin)).data!.annualReports.totalCount).toBe(0);
    const version = (await reportRow(P, 2024))!.version;
    const before = await auditCount(report.id);
    const foreign = await server.gql(PUBLISH, { i: { id: report.id, version, published: true } }, otherAdmin);
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    const pub = await server.gql(PUBLISH, { i: { id: report.id, version, published: true } }, admin);
    expect(pub.errors).toBeUndefined();
    expect(await auditCount(report.id)).toBe(before + 1);
    expect(Object.values(await snapshotOf(report.id)).every((v) => v.published)).toBe(true);
    const seen = (await server.gql(GET, { y: 2024, p: '92' }, otherAdmin)).data!.annualReport;
    expect(seen).toMatchObject({ status: 'SUBMITTED', published: true });
    expect(byCode(seen.figures)).toEqual(byCode(pub.data!.publishAnnualReport.figures));
    report = pub.data!.publishAnnualReport;
  });

  it('reopen needs a reason, is audited, unlocks; a second submit replaces the snapshot; a stale version is CONFLICT', async () => {
    const short = await server.gql(REOPEN, { i: { id: report.id, version: report.version, reason: 'ngắn' } }, admin);
    expect(short.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const stale = await server.gql(REOPEN, { i: { id: report.id, version: report.version - 1, reason: 'Điều chỉnh số liệu đặt hàng' } }, admin);
    expect(codeOf(stale)).toBe('CONFLICT');
    const before = await auditCount(report.id);
    const r = await server.gql(REOPEN, { i: { id: report.id, version: report.version, reason: 'Điều chỉnh số liệu đặt hàng' } }, admin);
    expect(r.errors).toBeUndefined();
    const reopened = r.data!.reopenAnnualReport;
    expect(reopened).toMatchObject({ status: 'REOPENED', reopenReason: 'Điều chỉnh số liệu đặt hàng' });
    expect(reopened.figures.every((f: Figure) => f.source === 'LIVE')).toBe(true);
    expect(byCode(reopened.submittedFigures)).toEqual(byCode(report.figures!));
    expect(await auditCount(report.id)).toBe(before + 1);
    expect((await reportAudit(report.id)).pop()).toMatchObject({ action: 'REOPEN' });

    // Unlocked: the 2024 record changes now, and a new 2024 request counts in the next snapshot.
    const cur = await requestTitle(req2024.id);
    const upd = await server.gql(UPDATE_REQUEST, { i: { id: req2024.id, version: cur.version, title: 'Đổi tên khi mở lại' } }, editor);
    expect(upd.errors).toBeUndefined();
    await makeRequest(P, { year: 2024 });

    const [a, b] = await Promise.all([
      server.gql(SUBMIT, { i: { id: report.id, version: reopened.version } }, admin),
      server.gql(SUBMIT, { i: { id: report.id, version: reopened.version } }, admin),
    ]);
    const codes = [codeOf(a), codeOf(b)].sort();
    expect(codes).toEqual(['CONFLICT', undefined].sort());
    const won = (a.data?.submitAnnualReport ?? b.data?.submitAnnualReport)!;
    expect(byCode(won.figures).commissioning_requests.numerator).toBe(3);
    expect((await snapshotOf(report.id)).commissioning_requests).toMatchObject({ numerator: 3, published: true });
    expect(await auditCount(report.id)).toBe(before + 2);
    // First submission still decides timeliness.
    expect(won).toMatchObject({ status: 'SUBMITTED', onTime: false, daysLate: 5 });
  });

  it('prepare of a submitted year and reopen of an unsubmitted report are refused naming the field', async () => {
    const p = await server.gql(PREPARE, { i: { year: 2024 } }, admin);
    expect(p.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    const draft = (await reportRow(O, 2024))!;
    const r = await server.gql(REOPEN, { i: { id: draft.id, version: draft.version, reason: 'Không có gì để mở lại' } }, otherAdmin);
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('the ministry compares submitted figures only, or live ones, labelled as such', async () => {
    const Q = `query($f: AnnualFiguresFilter!) { annualFigures(filter: $f) { provinceCode indicatorCode numerator source } }`;
    const submitted = (await server.gql(Q, { f: { year: 2024, source: 'SUBMITTED', provinceCodes: ['92', '96'] } }, ministry)).data!.annualFigures;
    expect(new Set(submitted.map((f: any) => f.provinceCode))).toEqual(new Set(['92']));
    expect(submitted.every((f: any) => f.source === 'SUBMITTED')).toBe(true);
    const live = (await server.gql(Q, { f: { year: 2024, source: 'LIVE', provinceCodes: ['92', '96'] } }, ministry)).data!.annualFigures;
    expect(new Set(live.map((f: any) => f.provinceCode))).toEqual(new Set(['92', '96']));
    expect(live.every((f: any) => f.source === 'LIVE')).toBe(true);
    // Another province gets no live figures of a province it may not read.
    const foreign = (await server.gql(Q, { f: { year: 2024, source: 'LIVE', provinceCodes: ['92'] } }, otherAdmin)).data!.annualFigures;
    expect(foreign).toEqual([]);
  });

  it('compareProvinces SUBMITTED adds national totals up from submitted reports only, never from live data', async () => {
    const Q = `query($i: CompareProvincesInput!) { compareProvinces(input: $i) {
      cells { province { code } numerator } nationalTotals { year numerator } source } }`;
    const i = { indicators: ['member_associations'], years: [2024], boundaries: 'HISTORICAL' };
    const submitted = (await server.gql(Q, { i: { ...i, source: 'SUBMITTED' } }, ministry)).data!.compareProvinces;
    expect(submitted.cells.map((c: any) => c.province.code)).toContain('92');
    const sum = submitted.cells.reduce((a: number, c: any) => a + c.numerator, 0);
    expect(submitted.nationalTotals).toEqual([{ year: 2024, numerator: sum }]);
    const live = (await server.gql(Q, { i: { ...i, source: 'LIVE' } }, ministry)).data!.compareProvinces;
    // Live totals count every province's associations (the demo data's among them), beyond the one submitted report.
    expect(live.nationalTotals[0].numerator).toBeGreaterThan(sum);
  });

  describe('downloads', () => {
    const download = (path: string, token?: string) =>
      fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

    it('XLSX parses back to the same numbers as the GraphQL figures', async () => {
      const figures: Array<Figure & { name: string }> = (await server.gql(GET, { y: 2024 }, admin)).data!.annualReport.figures;
      const res = await download('/reports/annual/92/2024.xlsx', admin);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).toContain('bao-cao-nam-2024-92.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const ws = wb.worksheets[0];
      const parsed: Record<string, { numerator: number | null; denominator: number | null; value: number | null }> = {};
      ws.eachRow((row, n) => {
        if (n <= 7) return;
        const cell = (i: number) => (row.getCell(i).value === null ? null : Number(row.getCell(i).value));
        parsed[String(row.getCell(2).value)] = { numerator: cell(5), denominator: cell(6), value: cell(7) };
      });
      expect(parsed).toEqual(byCode(figures));
      expect(String(ws.getRow(4).getCell(1).value)).toBe('BÁO CÁO Kết quả hoạt động khoa học và công nghệ năm 2024');
    });

    it('the printable page has the administrative layout and labels the source', async () => {
      const res = await download('/reports/annual/92/2024.html', admin);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      for (const text of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '/BC-LHH', 'BÁO CÁO',
        'Kết quả hoạt động khoa học và công nghệ năm 2024', 'Cần Thơ, ngày', 'Số liệu đã nộp', 'TM. BAN THƯỜNG TRỰC']) {
        expect(html).toContain(text);
      }
    });

    it('the ministry downloads any province, labelled live while not submitted', async () => {
      const res = await download('/reports/annual/96/2024.html', ministry);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Số liệu hiện tại (chưa nộp)');
    });

    it('needs a token in the header; another province gets 404 for what it may not read', async () => {
      expect((await download('/reports/annual/92/2024.xlsx')).status).toBe(401);
      expect((await download('/reports/annual/92/2024.xlsx?token=' + admin)).status).toBe(401);
      expect((await download('/reports/annual/96/2024.xlsx', admin)).status).toBe(404);
      expect((await download('/reports/annual/96/2023.html', admin)).status).toBe(404);
      expect((await download('/reports/annual/92/2024.pdf', admin)).status).toBe(404);
      // Published: the other province may read the submitted figures.
      expect((await download('/reports/annual/92/2024.xlsx', otherAdmin)).status).toBe(200);
    });
  });
});
