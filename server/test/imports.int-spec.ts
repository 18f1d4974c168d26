import { asOwner, codeOf, DONG_NAI, makeAssociation, startTestServer, TestServer, unique } from './helpers';
import { makeAgency, makeDirective } from './factories/directives';

const BATCH = 'id kind status totalRows receivedRows validRows invalidRows ready';
const CREATE = `mutation($i: CreateImportBatchInput!) { createImportBatch(input: $i) { ${BATCH} } }`;
const ADD = `mutation($i: AddImportRowsInput!) { addImportRows(input: $i) { ${BATCH} } }`;
const COMMIT = `mutation($id: ID!) { commitImportBatch(id: $id) { ${BATCH} } }`;
const DISCARD = `mutation($id: ID!) { discardImportBatch(id: $id) { ${BATCH} } }`;
const GET = `query($id: ID!, $only: Boolean) { importBatch(id: $id) { ${BATCH}
  rows(first: 100, onlyInvalid: $only) { totalCount rows { rowNumber createdId problems { column constraint message detail } } } } }`;

type Cells = Record<string, string | undefined>;
const rowsOf = (list: Cells[]) => list.map((cells, i) => ({ rowNumber: i + 2, cells: Object.entries(cells).map(([key, value]) => ({ key, value })) }));

const count = (sql: string, params: unknown[]) => asOwner(async (db) => (await db.query(sql, params)).rows[0].n as number);

describe('spreadsheet imports', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin@dongnai.demo');
  });
  afterAll(() => s.close());

  /** Creates a batch, sends the rows in chunks, returns the batch after the last chunk. */
  async function stage(kind: string, list: Cells[], token = admin, chunk = 200) {
    const created = await s.gql(CREATE, { i: { kind, fileName: `${kind.toLowerCase()}.xlsx`, totalRows: list.length } }, token);
    expect(created.errors).toBeUndefined();
    const id = created.data!.createImportBatch.id as string;
    const rows = rowsOf(list);
    let batch: any;
    for (let i = 0; i < rows.length; i += chunk) {
      const r = await s.gql(ADD, { i: { batchId: id, rows: rows.slice(i, i + chunk) } }, token);
      expect(r.errors).toBeUndefined();
      batch = r.data!.addImportRows;
    }
    return { id, batch };
  }

  it('a valid batch of member associations writes every row, each with its audit row, and nothing before the commit', async () => {
    const tag = unique();
    const list = [
      { name: `Hội Tin học ${tag}`, abbreviation: 'HTH', foundedOn: '15/03/2005', status: 'Đang hoạt động', congressTerm: '2025-2030', individualMemberCount: '120' },
      { name: `Hội Hóa học ${tag}`, status: 'dang kien toan', collectiveMemberCount: '3' },
    ];
    const { id, batch } = await stage('MEMBER_ASSOCIATIONS', list);
    expect(batch).toMatchObject({ status: 'OPEN', totalRows: 2, receivedRows: 2, validRows: 2, invalidRows: 0, ready: true });
    const written = () => count(`SELECT count(*)::int AS n FROM member_associations WHERE name LIKE $1`, [`%${tag}`]);
    expect(await written()).toBe(0);

    const committed = await s.gql(COMMIT, { id }, admin);
    expect(committed.errors).toBeUndefined();
    expect(committed.data!.commitImportBatch).toMatchObject({ status: 'COMMITTED', ready: false });
    expect(await written()).toBe(2);
    const rows = await asOwner(async (db) => (await db.query(
      `SELECT a.name, a.status, a.founded_on::text, a.congress_term, a.individual_member_count, a.collective_member_count,
         (SELECT count(*)::int FROM audit_log l WHERE l.entity_id = a.id::text AND l.action = 'CREATE' AND l.entity_type = 'MemberAssociation') AS audits
       FROM member_associations a WHERE a.name LIKE $1 ORDER BY a.name`, [`%${tag}`])).rows);
    expect(rows).toEqual([
      { name: `Hội Hóa học ${tag}`, status: 'CONSOLIDATING', founded_on: null, congress_term: null, individual_member_count: 0, collective_member_count: 3, audits: 1 },
      { name: `Hội Tin học ${tag}`, status: 'ACTIVE', founded_on: '2005-03-15', congress_term: '2025–2030', individual_member_count: 120, collective_member_count: 0, audits: 1 },
    ]);
    const detail = await s.gql(GET, { id }, admin);
    expect(detail.data!.importBatch.rows.rows.every((r: any) => typeof r.createdId === 'string')).toBe(true);
    expect(codeOf(await s.gql(COMMIT, { id }, admin))).toBe('CONFLICT');
  });

  it('one bad row: the preview names it, the batch cannot be committed and nothing is written', async () => {
    const existing = await makeAssociation(DONG_NAI);
    const tag = unique();
    const list = [
      { name: `Hội Vật lý ${tag}` },
      { name: `Hội Sinh học ${tag}`, foundedOn: '31/02/2020' },
      { name: existing.name.toUpperCase() },
      { name: `hội vật lý ${tag}` },
      { name: 'X', individualMemberCount: '-4' },
    ];
    const { id, batch } = await stage('MEMBER_ASSOCIATIONS', list);
    expect(batch).toMatchObject({ receivedRows: 5, validRows: 1, invalidRows: 4, ready: false });
    const detail = await s.gql(GET, { id, only: true }, admin);
    const problems = Object.fromEntries(detail.data!.importBatch.rows.rows.map((r: any) => [r.rowNumber, r.problems]));
    expect(problems[3]).toEqual([expect.objectContaining({ column: 'foundedOn', constraint: 'date', detail: '31/02/2020' })]);
    expect(problems[4]).toEqual([expect.objectContaining({ column: 'name', constraint: 'unique' })]);
    expect(problems[5]).toEqual([expect.objectContaining({ column: null, constraint: 'duplicateInFile', detail: '2' })]);
    expect(problems[6].map((p: any) => p.column).sort()).toEqual(['individualMemberCount', 'name']);

    const refused = await s.gql(COMMIT, { id }, admin);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(await count(`SELECT count(*)::int AS n FROM member_associations WHERE name ILIKE $1`, [`%${tag}`])).toBe(0);

    // Correcting the rows (sent again under the same numbers) makes the batch ready.
    const fixed = rowsOf([{ name: `Hội Vật lý ${tag}` }, { name: `Hội Sinh học ${tag}`, foundedOn: '28/02/2020' },
      { name: `Hội Địa chất ${tag}` }, { name: `Hội Toán học ${tag}` }, { name: `Hội Cơ học ${tag}`, individualMemberCount: '4' }]);
    const again = await s.gql(ADD, { i: { batchId: id, rows: fixed.slice(1) } }, admin);
    expect(again.data!.addImportRows).toMatchObject({ receivedRows: 5, validRows: 5, ready: true });
    expect((await s.gql(COMMIT, { id }, admin)).errors).toBeUndefined();
    expect(await count(`SELECT count(*)::int AS n FROM member_associations WHERE name ILIKE $1`, [`%${tag}`])).toBe(5);
  });

  it('a row that fails while committing rolls back every row of the batch', async () => {
    const tag = unique();
    const { id, batch } = await stage('MEMBER_ASSOCIATIONS', [{ name: `Hội Một ${tag}` }, { name: `Hội Hai ${tag}` }]);
    expect(batch.ready).toBe(true);
    // Someone else takes the second name after the check.
    await makeAssociation(DONG_NAI, { name: `Hội Hai ${tag}` });
    const r = await s.gql(COMMIT, { id }, admin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions!.row).toBe(3);
    expect(r.errors![0].message).toMatch(/^Row 3: /);
    expect(await count(`SELECT count(*)::int AS n FROM member_associations WHERE name = $1`, [`Hội Một ${tag}`])).toBe(0);
    expect((await s.gql(GET, { id }, admin)).data!.importBatch.status).toBe('OPEN');
  });

  it('another province can neither see, add to, commit nor discard the batch', async () => {
    const { id } = await stage('MEMBER_ASSOCIATIONS', [{ name: `Hội Riêng ${unique()}` }]);
    const other = await s.login('admin@binhduong.demo');
    expect((await s.gql(GET, { id }, other)).data!.importBatch).toBeNull();
    expect(codeOf(await s.gql(COMMIT, { id }, other))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(DISCARD, { id }, other))).toBe('NOT_FOUND');
    expect(codeOf(await s.gql(ADD, { i: { batchId: id, rows: rowsOf([{ name: 'Hội Khác' }]) } }, other))).toBe('NOT_FOUND');
    expect((await s.gql(GET, { id }, admin)).data!.importBatch.status).toBe('OPEN');
    expect((await s.gql(DISCARD, { id }, admin)).data!.discardImportBatch.status).toBe('DISCARDED');
  });

  it('viewers and the ministry are refused', async () => {
    for (const email of ['viewer@dongnai.demo', 'analyst@ministry.demo']) {
      const token = await s.login(email);
      expect(codeOf(await s.gql(CREATE, { i: { kind: 'MEMBERS', fileName: 'a.csv', totalRows: 1 } }, token))).toBe('FORBIDDEN');
    }
    const before = await count(`SELECT count(*)::int AS n FROM import_batches`, []);
    expect(before).toBeGreaterThanOrEqual(0);
    const t = await s.gql('query { importTemplate(kind: TASKS) { kind columns { key header required } } }', {}, await s.login('viewer@dongnai.demo'));
    expect(t.data!.importTemplate.columns[0]).toEqual({ key: 'directive', header: 'Số, ký hiệu văn bản', required: true });
  });

  it('a 2,000-row batch is checked in chunks and written at once', async () => {
    const tag = unique();
    const list = Array.from({ length: 2000 }, (_, i) => ({ name: `Hội Lớn ${i} ${tag}`, individualMemberCount: String(i) }));
    const { id, batch } = await stage('MEMBER_ASSOCIATIONS', list, admin, 500);
    expect(batch).toMatchObject({ receivedRows: 2000, validRows: 2000, ready: true });
    const r = await s.gql(COMMIT, { id }, admin);
    expect(r.errors).toBeUndefined();
    expect(await count(`SELECT count(*)::int AS n FROM member_associations WHERE name LIKE $1`, [`%${tag}`])).toBe(2000);

    // The indicator figures, recomputed once at the end of the import, equal a full recompute.
    const facts = () => asOwner(async (db) => (await db.query(
      `SELECT year, indicator_code, numerator::text, denominator::text FROM indicator_facts WHERE province_id = $1 ORDER BY 1, 2`, [DONG_NAI])).rows);
    const afterImport = await facts();
    expect(afterImport.length).toBeGreaterThan(0);
    await asOwner((db) => db.query(
      `SELECT indicator_recompute(ARRAY[$1]::smallint[], ARRAY(SELECT DISTINCT family FROM indicator_definitions))`, [DONG_NAI]));
    expect(await facts()).toEqual(afterImport);
  }, 240_000);

  it('imports members, joining the association named in the row', async () => {
    const association = await makeAssociation(DONG_NAI);
    const tag = unique();
    const { id, batch } = await stage('MEMBERS', [
      { kind: 'Cá nhân', fullName: `Nguyễn Văn An ${tag}`, degree: 'TS', birthYear: '1980', isYoungIntellectual: 'Không', association: association.name, joinedOn: '01/06/2020' },
      { kind: 'Tập thể', fullName: `Công ty ${tag}`, inEnterprise: 'Có' },
      { kind: 'Tập thể', fullName: `Viện ${tag}`, degree: 'TS' },
      { kind: 'Cá nhân', fullName: `Trần Thị Bình ${tag}`, association: 'Hội không có' },
    ]);
    expect(batch).toMatchObject({ validRows: 2, invalidRows: 2 });
    const problems = (await s.gql(GET, { id, only: true }, admin)).data!.importBatch.rows.rows;
    expect(problems[0].problems).toEqual([expect.objectContaining({ column: 'degree', constraint: 'individualOnly' })]);
    expect(problems[1].problems.map((p: any) => [p.column, p.constraint])).toEqual([['association', 'notFound'], ['joinedOn', 'required']]);
    await s.gql(ADD, { i: { batchId: id, rows: rowsOf([{}, {}, { kind: 'Tập thể', fullName: `Viện ${tag}` }, { kind: 'Cá nhân', fullName: `Trần Thị Bình ${tag}` }]).slice(2) } }, admin);
    expect((await s.gql(COMMIT, { id }, admin)).errors).toBeUndefined();
    const rows = await asOwner(async (db) => (await db.query(
      `SELECT m.full_name, m.kind, m.degree, m.in_enterprise, (SELECT count(*)::int FROM memberships ms WHERE ms.member_id = m.id AND ms.association_id = $2) AS memberships
       FROM members m WHERE m.full_name LIKE $1 ORDER BY m.full_name`, [`%${tag}`, association.id])).rows);
    expect(rows).toEqual([
      { full_name: `Công ty ${tag}`, kind: 'COLLECTIVE', degree: null, in_enterprise: true, memberships: 0 },
      { full_name: `Nguyễn Văn An ${tag}`, kind: 'INDIVIDUAL', degree: 'TS', in_enterprise: false, memberships: 1 },
      { full_name: `Trần Thị Bình ${tag}`, kind: 'INDIVIDUAL', degree: null, in_enterprise: false, memberships: 0 },
      { full_name: `Viện ${tag}`, kind: 'COLLECTIVE', degree: null, in_enterprise: false, memberships: 0 },
    ]);
  });

  it('imports agencies, a parent named by an earlier row even in an earlier chunk', async () => {
    const tag = unique();
    const { id, batch } = await stage('AGENCIES', [
      { name: `Sở Thử ${tag}`, kind: 'Sở', shortName: `ST ${tag}` },
      { name: `Phòng A ${tag}`, kind: 'Phòng', parent: `Sở Thử ${tag}` },
      { name: `Phòng B ${tag}`, kind: 'phong', parent: `ST ${tag}` },
      { name: `Phòng C ${tag}`, kind: 'Hội đồng' },
    ], admin, 2);
    expect(batch).toMatchObject({ validRows: 3, invalidRows: 1 });
    const bad = (await s.gql(GET, { id, only: true }, admin)).data!.importBatch.rows.rows;
    expect(bad[0]).toMatchObject({ rowNumber: 5, problems: [expect.objectContaining({ column: 'kind', constraint: 'allowed' })] });
    await s.gql(ADD, { i: { batchId: id, rows: [{ rowNumber: 5, cells: [{ key: 'name', value: `Phòng C ${tag}` }, { key: 'kind', value: 'DIVISION' }] }] } }, admin);
    expect((await s.gql(COMMIT, { id }, admin)).errors).toBeUndefined();
    const rows = await asOwner(async (db) => (await db.query(
      `SELECT a.name, a.kind, p.name AS parent FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id WHERE a.name LIKE $1 ORDER BY a.name`, [`%${tag}`])).rows);
    expect(rows).toEqual([
      { name: `Phòng A ${tag}`, kind: 'DIVISION', parent: `Sở Thử ${tag}` },
      { name: `Phòng B ${tag}`, kind: 'DIVISION', parent: `Sở Thử ${tag}` },
      { name: `Phòng C ${tag}`, kind: 'DIVISION', parent: null },
      { name: `Sở Thử ${tag}`, kind: 'DEPARTMENT', parent: null },
    ]);
  });

  it('imports tasks of a document found by its number and symbol, with lead and coordinating units by name', async () => {
    const number = 100000 + Math.floor(Math.random() * 800000);
    const directive = await makeDirective(DONG_NAI, { number, symbol: 'UBND-KGVX' });
    const lead = await makeAgency(DONG_NAI);
    const helper = await makeAgency(DONG_NAI);
    const { id, batch } = await stage('TASKS', [
      { directive: `${number}/UBND-KGVX`, title: 'Rà soát quy định', leadAgency: lead.name, coordinatingAgencies: `${helper.name}`, deadline: 'Quý I/2024' },
      { directive: `${number}/UBND-KGVX`, seq: '7', title: 'Báo cáo hằng năm', leadAgency: lead.name, deadline: '15/11 hằng năm', status: 'Đang thực hiện' },
      { directive: '9/KHONG-CO', title: 'Nhiệm vụ lạc', leadAgency: 'Cơ quan không có', deadline: 'sớm' },
    ]);
    expect(batch).toMatchObject({ validRows: 2, invalidRows: 1 });
    const bad = (await s.gql(GET, { id, only: true }, admin)).data!.importBatch.rows.rows[0];
    expect(bad.problems.map((p: any) => [p.column, p.constraint])).toEqual([['directive', 'notFound'], ['leadAgency', 'notFound'], ['deadline', 'deadline']]);
    await s.gql(ADD, { i: { batchId: id, rows: rowsOf([{}, {}, { directive: `${number}/UBND-KGVX`, title: 'Nhiệm vụ ba', leadAgency: lead.name, deadline: '05/12/2023' }]).slice(2) } }, admin);
    expect((await s.gql(COMMIT, { id }, admin)).errors).toBeUndefined();
    const tasks = await asOwner(async (db) => (await db.query(
      `SELECT t.seq, t.title, t.deadline_kind, t.deadline_quarter, t.deadline_year, t.deadline_day, t.deadline_month, t.deadline_date::text, t.status,
         (SELECT count(*)::int FROM directive_task_coordinators c WHERE c.task_id = t.id) AS coordinators,
         (SELECT count(*)::int FROM audit_log l WHERE l.entity_id = t.id::text AND l.entity_type = 'DirectiveTask') AS audits
       FROM directive_tasks t WHERE t.directive_id = $1 ORDER BY t.seq`, [directive.id])).rows);
    expect(tasks).toEqual([
      { seq: 1, title: 'Rà soát quy định', deadline_kind: 'QUARTER', deadline_quarter: 1, deadline_year: 2024, deadline_day: null, deadline_month: null, deadline_date: null, status: 'NOT_STARTED', coordinators: 1, audits: 1 },
      { seq: 7, title: 'Báo cáo hằng năm', deadline_kind: 'YEARLY', deadline_quarter: null, deadline_year: null, deadline_day: 15, deadline_month: 11, deadline_date: null, status: 'IN_PROGRESS', coordinators: 0, audits: 1 },
      { seq: 8, title: 'Nhiệm vụ ba', deadline_kind: 'DATE', deadline_quarter: null, deadline_year: null, deadline_day: null, deadline_month: null, deadline_date: '2023-12-05', status: 'NOT_STARTED', coordinators: 0, audits: 1 },
    ]);
  });
});
