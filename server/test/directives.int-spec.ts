import { asOwner, asServerRole, BINH_DUONG, codeOf, countStatements, DONG_NAI, HCM, startTestServer, TestServer, unique } from './helpers';
import { auditRows, countRows, makeAgency, makeDirective, makeReport, makeTask } from './factories/directives';

const FIELDS = `id system docType number symbol numberSymbol issuedOn partyTerm subject signer recipients summary version
  issuer { id name } province { code } citedDirectives { id numberSymbol } citedReferences { id numberSymbol } tasks { id seq }`;
const CREATE = `mutation($i: CreateDirectiveInput!) { createDirective(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation($i: UpdateDirectiveInput!) { updateDirective(input: $i) { ${FIELDS} } }`;
const DELETE = 'mutation($i: DeleteDirectiveInput!) { deleteDirective(input: $i) { id version } }';
const GET = `query($id: ID!) { directive(id: $id) { ${FIELDS} } }`;
const LIST = `query($first: Int, $after: String, $f: DirectiveFilter, $s: DirectiveSort) {
  directives(first: $first, after: $after, filter: $f, sort: $s) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id numberSymbol subject issuedOn province { code } } } } }`;
const REFS = 'query($s: String) { referenceDocuments(search: $s) { id numberSymbol docType issuer issuedOn subject } }';

/** A number nobody else uses in this run, so searches by number find only what the test made. */
const freshNumber = () => 100_000 + Math.floor(Math.random() * 800_000);

async function directiveRow(id: string) {
  return asOwner(async (db) => (await db.query(
    'SELECT number, symbol, subject, version, deleted_at, province_id FROM directives WHERE id = $1', [id])).rows[0]);
}
async function referenceId(numberSymbol: string): Promise<string> {
  return asOwner(async (db) => String((await db.query('SELECT id FROM reference_documents WHERE number_symbol = $1', [numberSymbol])).rows[0].id));
}

describe('directives (văn bản chỉ đạo)', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin@dongnai.demo');
  });
  afterAll(() => s.close());

  it('lists the national reference documents, searchable without diacritics', async () => {
    const all = await s.gql(REFS, {}, admin);
    expect(all.errors).toBeUndefined();
    const symbols = all.data!.referenceDocuments.map((r: any) => r.numberSymbol);
    expect(symbols).toEqual(expect.arrayContaining(['57-NQ/TW', '03/NQ-CP', '45-NQ/TW']));
    const r57 = all.data!.referenceDocuments.find((r: any) => r.numberSymbol === '57-NQ/TW');
    expect(r57).toMatchObject({ docType: 'RESOLUTION', issuer: 'Bộ Chính trị', issuedOn: '2024-12-22' });
    // 03/NQ-CP names 57-NQ/TW in its subject; newest first.
    expect((await s.gql(REFS, { s: '57-nq/tw' }, admin)).data!.referenceDocuments.map((r: any) => r.numberSymbol)).toEqual(['03/NQ-CP', '57-NQ/TW']);
    expect((await s.gql(REFS, { s: '03/NQ-CP' }, admin)).data!.referenceDocuments.map((r: any) => r.numberSymbol)).toEqual(['03/NQ-CP']);
    const intellectuals = (await s.gql(REFS, { s: 'doi ngu tri thuc' }, admin)).data!.referenceDocuments.map((r: any) => r.numberSymbol);
    expect(intellectuals).toEqual(['45-NQ/TW']);
    expect((await s.gql(REFS, { s: 'không có 100%' }, admin)).data!.referenceDocuments).toEqual([]);
  });

  it("finds the seeded source documents by number and symbol as written: 463-KL/TU, 2640/UBND-KGVX, 463", async () => {
    const find = async (search: string) =>
      (await s.gql(LIST, { first: 100, f: { search } }, admin)).data!.directives.edges.map((e: any) => e.node);
    const kl = (await find('463-KL/TU')).find((d: any) => d.numberSymbol === '463-KL/TU');
    expect(kl).toMatchObject({ issuedOn: '2023-11-17', province: { code: '75' } });
    const cv = await find('2640/UBND-KGVX');
    expect(cv.map((d: any) => d.numberSymbol)).toContain('2640/UBND-KGVX');
    expect(cv.every((d: any) => d.numberSymbol.endsWith('2640/UBND-KGVX'))).toBe(true);
    expect((await find('463')).map((d: any) => d.id)).toContain(kl.id);
    const got = await s.gql(GET, { id: kl.id }, admin);
    expect(got.data!.directive).toMatchObject({ system: 'PARTY', docType: 'CONCLUSION', partyTerm: '2020–2025' });
    expect(got.data!.directive.tasks.length).toBeGreaterThan(0);
    // Bình Dương's documents are not Đồng Nai's to see.
    expect(await find('2386-CT/TU')).toEqual([]);
  });

  it('creates, reads, updates and soft-deletes, with citations and one audit row per mutation', async () => {
    const party = await makeAgency(DONG_NAI, { kind: 'PARTY_COMMITTEE', name: `Thường trực Tỉnh ủy ${unique()}` });
    const ubnd = await makeAgency(DONG_NAI, { kind: 'PEOPLES_COMMITTEE' });
    const n = freshNumber();
    const created = await s.gql(CREATE, {
      i: {
        system: 'PARTY', docType: 'CONCLUSION', number: n, symbol: ' KL/TU ', issuerAgencyId: party.id, issuedOn: '2023-11-17',
        partyTerm: '2020-2025', subject: '  Kết luận của Thường trực Tỉnh ủy về công tác trí thức  ', signer: 'Phó Bí thư',
        recipients: ['UBND tỉnh', '  ', 'Liên hiệp Hội'], citedReferenceIds: [await referenceId('45-NQ/TW'), await referenceId('42-CT/TW')],
      },
    }, admin);
    expect(created.errors).toBeUndefined();
    const kl = created.data!.createDirective;
    expect(kl).toMatchObject({
      system: 'PARTY', docType: 'CONCLUSION', number: n, symbol: 'KL/TU', numberSymbol: `${n}-KL/TU`, issuedOn: '2023-11-17',
      partyTerm: '2020–2025', subject: 'Kết luận của Thường trực Tỉnh ủy về công tác trí thức', recipients: ['UBND tỉnh', 'Liên hiệp Hội'],
      version: 1, issuer: { id: party.id, name: party.name }, province: { code: '75' }, citedDirectives: [], tasks: [],
    });
    // Earliest first: 42-CT/TW (2010) before 45-NQ/TW (2023).
    expect(kl.citedReferences.map((r: any) => r.numberSymbol)).toEqual(['42-CT/TW', '45-NQ/TW']);

    const m = freshNumber();
    const letter = await s.gql(CREATE, {
      i: {
        system: 'STATE', docType: 'OFFICIAL_LETTER', number: m, symbol: 'UBND-KGVX', issuerAgencyId: ubnd.id, issuedOn: '2023-11-24',
        subject: 'V/v triển khai Kết luận', citedDirectiveIds: [kl.id], citedReferenceIds: [],
      },
    }, admin);
    expect(letter.errors).toBeUndefined();
    const cv = letter.data!.createDirective;
    expect(cv).toMatchObject({ numberSymbol: `${m}/UBND-KGVX`, partyTerm: null, citedDirectives: [{ id: kl.id, numberSymbol: `${n}-KL/TU` }] });

    const draft = await s.gql(CREATE, {
      i: { system: 'STATE', docType: 'PLAN', symbol: 'KH-SKHCN', issuerAgencyId: ubnd.id, subject: 'Kế hoạch thực hiện (dự thảo)' },
    }, admin);
    expect(draft.errors).toBeUndefined();
    expect(draft.data!.createDirective).toMatchObject({ number: null, numberSymbol: '/KH-SKHCN', issuedOn: null });

    // Citations are replaced when given, kept when omitted.
    const upd = await s.gql(UPDATE, { i: { id: cv.id, version: 1, signer: 'Phó Chủ tịch', citedReferenceIds: [await referenceId('57-NQ/TW')] } }, admin);
    expect(upd.errors).toBeUndefined();
    expect(upd.data!.updateDirective).toMatchObject({
      signer: 'Phó Chủ tịch', version: 2, citedDirectives: [{ id: kl.id }], citedReferences: [{ numberSymbol: '57-NQ/TW' }],
    });
    const upd2 = await s.gql(UPDATE, { i: { id: cv.id, version: 2, citedDirectiveIds: [] } }, admin);
    expect(upd2.data!.updateDirective).toMatchObject({ version: 3, citedDirectives: [], citedReferences: [{ numberSymbol: '57-NQ/TW' }] });

    const got = await s.gql(GET, { id: kl.id }, admin);
    expect(got.data!.directive).toMatchObject({ id: kl.id, numberSymbol: `${n}-KL/TU` });

    // Deleting a document takes its tasks with it, in one audited change.
    const task = await makeTask({ id: cv.id, province_id: DONG_NAI });
    const del = await s.gql(DELETE, { i: { id: cv.id, version: 3 } }, admin);
    expect(del.errors).toBeUndefined();
    expect(del.data!.deleteDirective.version).toBe(4);
    expect((await s.gql(GET, { id: cv.id }, admin)).data!.directive).toBeNull();
    const taskGone = await s.gql('query($id: ID!) { directiveTask(id: $id) { id } }', { id: task.id }, admin);
    expect(taskGone.data!.directiveTask).toBeNull();
    expect((await asOwner((db) => db.query('SELECT deleted_at FROM directive_tasks WHERE id = $1', [task.id]))).rows[0].deleted_at).not.toBeNull();

    const audit = await auditRows(cv.id);
    expect(audit.map((r) => r.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'DELETE']);
    expect(audit.every((r) => r.entity_type === 'Directive' && r.province_id === DONG_NAI && typeof r.actor_id === 'string')).toBe(true);
    expect(audit[0].before).toBeNull();
    expect(audit[0].after.cited_directive_ids).toEqual([kl.id]);
    expect(audit[1].before.signer).toBeNull();
    expect(audit[1].after.signer).toBe('Phó Chủ tịch');
    expect(audit[2].before.cited_directive_ids).toEqual([kl.id]);
    expect(audit[2].after.cited_directive_ids).toEqual([]);
    expect(audit[3].after.deleted_task_ids).toEqual([task.id]);
    expect(await auditRows(task.id)).toEqual([]);
    // The cited conclusion no longer shows the deleted letter anywhere, and is itself unchanged.
    expect((await directiveRow(kl.id)).version).toBe(1);
  });

  describe('numbering rules', () => {
    it('a State number is unique per issuer and calendar year', async () => {
      const issuer = await makeAgency(DONG_NAI, { kind: 'PEOPLES_COMMITTEE' });
      const other = await makeAgency(DONG_NAI, { kind: 'DEPARTMENT' });
      const base = { system: 'STATE', docType: 'OFFICIAL_LETTER', number: 2640, symbol: 'UBND-KGVX', issuerAgencyId: issuer.id, subject: 'V/v thử nghiệm số' };
      expect((await s.gql(CREATE, { i: { ...base, issuedOn: '2023-11-24' } }, admin)).errors).toBeUndefined();
      const before = await countRows('directives');
      const dup = await s.gql(CREATE, { i: { ...base, symbol: 'UBND-VX', issuedOn: '2023-02-01' } }, admin);
      expect(codeOf(dup)).toBe('BAD_USER_INPUT');
      expect(dup.errors![0].extensions!.field).toBe('number');
      expect(dup.errors![0].message).toBe('number 2640 is already used by UBND-KGVX of this issuer in 2023');
      expect(await countRows('directives')).toBe(before);
      // Another year or another issuer may use it.
      expect((await s.gql(CREATE, { i: { ...base, issuedOn: '2024-01-05' } }, admin)).errors).toBeUndefined();
      expect((await s.gql(CREATE, { i: { ...base, issuerAgencyId: other.id, issuedOn: '2023-11-24' } }, admin)).errors).toBeUndefined();
      // Moving a document onto a taken number is refused too.
      const moved = await s.gql(CREATE, { i: { ...base, number: 2641, issuedOn: '2023-11-25' } }, admin);
      const id = moved.data!.createDirective.id;
      const clash = await s.gql(UPDATE, { i: { id, version: 1, number: 2640 } }, admin);
      expect(codeOf(clash)).toBe('BAD_USER_INPUT');
      expect(clash.errors![0].extensions!.field).toBe('number');
      expect((await directiveRow(id)).number).toBe(2641);
      // Its own number is no clash with itself.
      expect((await s.gql(UPDATE, { i: { id, version: 1, number: 2641, subject: 'V/v đổi trích yếu' } }, admin)).errors).toBeUndefined();
    });

    it('a Party number is unique per issuer, term and type', async () => {
      const issuer = await makeAgency(DONG_NAI, { kind: 'PARTY_COMMITTEE' });
      const base = { system: 'PARTY', docType: 'CONCLUSION', number: 463, symbol: 'KL/TU', issuerAgencyId: issuer.id, partyTerm: '2020–2025', subject: 'Kết luận thử nghiệm' };
      expect((await s.gql(CREATE, { i: { ...base, issuedOn: '2023-11-17' } }, admin)).errors).toBeUndefined();
      // Another calendar year of the same term: still taken. "2020-2025" with a hyphen is the same term.
      const dup = await s.gql(CREATE, { i: { ...base, issuedOn: '2024-03-01', partyTerm: '2020-2025' } }, admin);
      expect(codeOf(dup)).toBe('BAD_USER_INPUT');
      expect(dup.errors![0].extensions!.field).toBe('number');
      expect(dup.errors![0].message).toBe('number 463 is already used by KL/TU of this issuer in term 2020–2025');
      // Another type (a directive 463-CT/TU) or another term may use it.
      expect((await s.gql(CREATE, { i: { ...base, docType: 'DIRECTIVE', symbol: 'CT/TU', issuedOn: '2023-12-01' } }, admin)).errors).toBeUndefined();
      expect((await s.gql(CREATE, { i: { ...base, partyTerm: '2025–2030', issuedOn: '2025-11-01' } }, admin)).errors).toBeUndefined();
      // A deleted document frees its number.
      const taken = await asOwner(async (db) => (await db.query(
        `SELECT id, version FROM directives WHERE issuer_agency_id = $1 AND number = 463 AND doc_type = 'CONCLUSION' AND party_term = '2020–2025'`, [issuer.id])).rows[0]);
      expect((await s.gql(DELETE, { i: { id: taken.id, version: taken.version } }, admin)).errors).toBeUndefined();
      expect((await s.gql(CREATE, { i: { ...base, issuedOn: '2024-03-01' } }, admin)).errors).toBeUndefined();
    });
  });

  describe('bad input gives BAD_USER_INPUT naming the field and writes nothing', () => {
    let issuer: string;
    let foreignIssuer: string;
    let foreignDirective: string;
    beforeAll(async () => {
      issuer = (await makeAgency(DONG_NAI)).id;
      foreignIssuer = (await makeAgency(BINH_DUONG)).id;
      foreignDirective = (await makeDirective(BINH_DUONG)).id;
    });
    const valid = () => ({ system: 'STATE', docType: 'PLAN', symbol: 'KH-SKHCN', issuerAgencyId: issuer, subject: 'Kế hoạch hợp lệ' });

    it.each([
      [{ subject: 'A' }, 'subject'],
      [{ subject: '    ' }, 'subject'],
      [{ symbol: '' }, 'symbol'],
      [{ symbol: 'KL TU?' }, 'symbol'],
      [{ number: 0, issuedOn: '2024-01-01' }, 'number'],
      [{ number: 12 }, 'issuedOn'],
      [{ partyTerm: '2020–2025' }, 'partyTerm'],
      [{ system: 'PARTY', number: 12, issuedOn: '2024-01-01' }, 'partyTerm'],
      [{ system: 'PARTY', partyTerm: '2025–2020' }, 'partyTerm'],
      [{ signer: 'x'.repeat(201) }, 'signer'],
      [{ provinceCode: '7' }, 'provinceCode'],
      [{ issuerAgencyId: 'not-an-id' }, 'issuerAgencyId'],
      [{ citedReferenceIds: ['999'] }, 'citedReferenceIds'],
    ])('%j → %s', async (patch, field) => {
      const before = [await countRows('directives'), await countRows('directive_citations'), await countRows('audit_log')];
      const r = await s.gql(CREATE, { i: { ...valid(), ...patch } }, admin);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe(field);
      expect(r.errors![0].message).toContain(field.split('.')[0]);
      expect([await countRows('directives'), await countRows('directive_citations'), await countRows('audit_log')]).toEqual(before);
    });

    it('an issuer or a cited document of another province is refused without revealing it', async () => {
      const before = await countRows('directives');
      const r1 = await s.gql(CREATE, { i: { ...valid(), issuerAgencyId: foreignIssuer } }, admin);
      expect(codeOf(r1)).toBe('BAD_USER_INPUT');
      expect(r1.errors![0].extensions!.field).toBe('issuerAgencyId');
      const r2 = await s.gql(CREATE, { i: { ...valid(), citedDirectiveIds: [foreignDirective] } }, admin);
      expect(codeOf(r2)).toBe('BAD_USER_INPUT');
      expect(r2.errors![0].extensions!.field).toBe('citedDirectiveIds');
      expect(await countRows('directives')).toBe(before);
    });

    it('an update that breaks a rule keeps the record as it was', async () => {
      const d = await makeDirective(DONG_NAI, { issuerAgencyId: issuer });
      const own = await s.gql(UPDATE, { i: { id: d.id, version: 1, citedDirectiveIds: [d.id] } }, admin);
      expect(codeOf(own)).toBe('BAD_USER_INPUT');
      expect(own.errors![0].extensions!.field).toBe('citedDirectiveIds');
      const r = await s.gql(UPDATE, { i: { id: d.id, version: 1, subject: 'Trích yếu mới', system: 'PARTY', number: 5, issuedOn: '2024-01-01' } }, admin);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe('partyTerm');
      const nulled = await s.gql(UPDATE, { i: { id: d.id, version: 1, subject: null } }, admin);
      expect(codeOf(nulled)).toBe('BAD_USER_INPUT');
      expect(await directiveRow(d.id)).toMatchObject({ subject: d.subject, version: 1, number: null });
      expect(await auditRows(d.id)).toEqual([]);
    });
  });

  it('a stale version is a CONFLICT and changes nothing', async () => {
    const d = await makeDirective(DONG_NAI);
    expect((await s.gql(UPDATE, { i: { id: d.id, version: 1, subject: 'V/v lần một' } }, admin)).errors).toBeUndefined();
    const stale = await s.gql(UPDATE, { i: { id: d.id, version: 1, subject: 'V/v lần hai' } }, admin);
    expect(codeOf(stale)).toBe('CONFLICT');
    const staleDelete = await s.gql(DELETE, { i: { id: d.id, version: 1 } }, admin);
    expect(codeOf(staleDelete)).toBe('CONFLICT');
    expect(await directiveRow(d.id)).toMatchObject({ subject: 'V/v lần một', version: 2, deleted_at: null });
    expect((await auditRows(d.id)).length).toBe(1);
  });

  it('two concurrent updates with the same version give one success and one CONFLICT', async () => {
    const d = await makeDirective(DONG_NAI);
    const editor = await s.login('editor@dongnai.demo');
    const results = await Promise.all([
      s.gql(UPDATE, { i: { id: d.id, version: 1, subject: 'V/v của quản trị' } }, admin),
      s.gql(UPDATE, { i: { id: d.id, version: 1, subject: 'V/v của biên tập viên' } }, editor),
    ]);
    expect(results.map((r) => (r.errors ? codeOf(r) : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    const winner = results.find((r) => !r.errors)!.data!.updateDirective.subject;
    expect(await directiveRow(d.id)).toMatchObject({ subject: winner, version: 2 });
    expect((await auditRows(d.id)).length).toBe(1);
  });

  it('search finds number and symbol as written, and words of the subject without diacritics', async () => {
    const tag = unique('tag');
    const n = freshNumber();
    const m = freshNumber();
    const kl = await makeDirective(DONG_NAI, { system: 'PARTY', docType: 'CONCLUSION', number: n, symbol: 'KL/TU', subject: `Kết luận về đội ngũ trí thức ${tag}` });
    const cv = await makeDirective(DONG_NAI, { number: m, symbol: 'UBND-KGVX', issuedOn: '2023-11-24', subject: `V/v triển khai Kết luận ${tag}` });
    const ids = async (search: string) => (await s.gql(LIST, { first: 100, f: { search } }, admin)).data!.directives.edges.map((e: any) => e.node.id);
    expect(await ids(`${n}-KL/TU`)).toEqual([kl.id]);
    expect(await ids(`${n}-kl/tu`)).toEqual([kl.id]);
    expect(await ids(`${n}/KL/TU`)).toEqual([kl.id]);
    expect(await ids(`${m}/UBND-KGVX`)).toEqual([cv.id]);
    expect(await ids(`${m}`)).toEqual([cv.id]);
    expect(await ids(`${n}`)).toEqual([kl.id]);
    expect(await ids(`doi ngu tri thuc ${tag}`)).toEqual([kl.id]);
    expect(await ids(`ĐỘI NGŨ TRÍ THỨC ${tag}`)).toEqual([kl.id]);
    expect((await ids(tag)).sort()).toEqual([kl.id, cv.id].sort());
    expect(await ids(`${tag} 100%_`)).toEqual([]);
  });

  it('pages with cursors, filters and sorts', async () => {
    const issuer = await makeAgency(DONG_NAI, { kind: 'PEOPLES_COMMITTEE' });
    const made: string[] = [];
    for (let i = 1; i <= 5; i++) {
      made.push((await makeDirective(DONG_NAI, { issuerAgencyId: issuer.id, number: 100 + i, issuedOn: `2022-0${i}-10`, symbol: 'UBND-VX' })).id);
    }
    await makeDirective(DONG_NAI, { issuerAgencyId: issuer.id, number: 7, issuedOn: '2021-06-01', system: 'STATE', docType: 'PLAN', symbol: 'KH-UBND' });
    const f = { issuerAgencyId: issuer.id, year: 2022, docType: 'OFFICIAL_LETTER', system: 'STATE' };
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const r = await s.gql(LIST, { first: 2, after, f }, admin);
      expect(r.errors).toBeUndefined();
      const page = r.data!.directives;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e: any) => e.node.id));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    // Newest first by default.
    expect(seen).toEqual([...made].reverse());
    const asc = await s.gql(LIST, { first: 10, f, s: { field: 'ISSUED_ON', direction: 'ASC' } }, admin);
    expect(asc.data!.directives.edges.map((e: any) => e.node.id)).toEqual(made);
    const all = await s.gql(LIST, { first: 10, f: { issuerAgencyId: issuer.id } }, admin);
    expect(all.data!.directives.totalCount).toBe(6);
    const party = await s.gql(LIST, { first: 10, f: { issuerAgencyId: issuer.id, system: 'PARTY' } }, admin);
    expect(party.data!.directives.totalCount).toBe(0);
    expect(codeOf(await s.gql(LIST, { first: 1000 }, admin))).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.gql(LIST, { after: 'not-a-cursor' }, admin))).toBe('BAD_USER_INPUT');
    expect(codeOf(await s.gql(LIST, { f: { issuerAgencyId: 'nope' } }, admin))).toBe('BAD_USER_INPUT');
  });

  describe('tenancy', () => {
    it("Đồng Nai's admin cannot read, change or add to Bình Dương's directives through GraphQL", async () => {
      const bd = await makeDirective(BINH_DUONG, { number: freshNumber(), symbol: 'UBND-VX', issuedOn: '2025-03-13' });
      const bdIssuer = bd.issuer_agency_id;
      expect((await s.gql(GET, { id: bd.id }, admin)).data!.directive).toBeNull();
      const list = await s.gql(LIST, { first: 100, f: { search: String(bd.number) } }, admin);
      expect(list.data!.directives.totalCount).toBe(0);
      const codes = new Set((await s.gql(LIST, { first: 100 }, admin)).data!.directives.edges.map((e: any) => e.node.province.code));
      expect([...codes]).toEqual(['75']);
      expect((await s.gql(LIST, { f: { provinceCode: '74' } }, admin)).data!.directives.totalCount).toBe(0);
      expect(codeOf(await s.gql(UPDATE, { i: { id: bd.id, version: 1, subject: 'Đã bị sửa' } }, admin))).toBe('NOT_FOUND');
      expect(codeOf(await s.gql(DELETE, { i: { id: bd.id, version: 1 } }, admin))).toBe('NOT_FOUND');
      const create = await s.gql(CREATE, { i: { system: 'STATE', docType: 'PLAN', symbol: 'KH-UBND', issuerAgencyId: bdIssuer, subject: 'Cài vào', provinceCode: '74' } }, admin);
      expect(codeOf(create)).toBe('FORBIDDEN');
      expect(await directiveRow(bd.id)).toMatchObject({ subject: bd.subject, version: 1, deleted_at: null });
    });

    it("as raw SQL under the server's role with Đồng Nai's settings, Bình Dương's rows are invisible and unwritable", async () => {
      const bd = await makeDirective(BINH_DUONG);
      const task = await makeTask(bd);
      await makeReport(task, '2025-01-10');
      const scope = { provinceIds: [DONG_NAI], canWrite: true, role: null };
      const count = (sql: string) => asServerRole(scope, async (db) => (await db.query(sql)).rows[0].n);
      for (const table of ['directives', 'directive_tasks', 'task_progress_reports', 'directive_task_timing']) {
        expect(await count(`SELECT count(*)::int AS n FROM ${table} WHERE province_id = 74`)).toBe(0);
      }
      expect(await asServerRole(scope, async (db) => (await db.query(`UPDATE directives SET subject = 'x' WHERE id = $1`, [bd.id])).rowCount)).toBe(0);
      expect(await asServerRole(scope, async (db) => (await db.query(`UPDATE directive_tasks SET title = 'x' WHERE id = $1`, [task.id])).rowCount)).toBe(0);
      await expect(asServerRole(scope, (db) => db.query(
        `INSERT INTO directives (province_id, system, doc_type, symbol, issuer_agency_id, subject) VALUES (74, 'STATE', 'PLAN', 'KH', $1, 'Lậu')`,
        [bd.issuer_agency_id]))).rejects.toMatchObject({ code: '42501' });
      await expect(asServerRole(scope, (db) => db.query(
        `INSERT INTO task_progress_reports (province_id, task_id, reported_on, percent, text, reporter) VALUES (74, $1, '2025-01-01', 1, 'xx', 'yy')`,
        [task.id]))).rejects.toMatchObject({ code: '42501' });
      // Nothing is visible with no tenant at all.
      expect(await asServerRole({}, async (db) => (await db.query('SELECT count(*)::int AS n FROM directives')).rows[0].n)).toBe(0);
      expect(await directiveRow(bd.id)).toMatchObject({ subject: bd.subject, version: 1 });
    });

    it("TP. Hồ Chí Minh's admin reads, edits and adds Bình Dương's directives as its successor", async () => {
      const hcm = await s.login('admin@hcm.demo');
      const bd = await makeDirective(BINH_DUONG, { system: 'PARTY', docType: 'DIRECTIVE', number: 2386, symbol: 'CT/TU', issuedOn: '2025-02-26', partyTerm: '2020–2025' });
      const got = await s.gql(GET, { id: bd.id }, hcm);
      expect(got.data!.directive).toMatchObject({ id: bd.id, numberSymbol: '2386-CT/TU', province: { code: '74' } });
      const upd = await s.gql(UPDATE, { i: { id: bd.id, version: 1, summary: 'Tiếp tục thực hiện 45-NQ/TW' } }, hcm);
      expect(upd.errors).toBeUndefined();
      expect(upd.data!.updateDirective.version).toBe(2);
      const bdUbnd = await makeAgency(BINH_DUONG, { kind: 'PEOPLES_COMMITTEE' });
      const created = await s.gql(CREATE, {
        i: { system: 'STATE', docType: 'OFFICIAL_LETTER', number: freshNumber(), symbol: 'UBND-VX', issuedOn: '2025-03-13', issuerAgencyId: bdUbnd.id,
          subject: 'V/v thực hiện Chỉ thị 2386-CT/TU', citedDirectiveIds: [bd.id], provinceCode: '74' },
      }, hcm);
      expect(created.errors).toBeUndefined();
      expect(created.data!.createDirective).toMatchObject({ province: { code: '74' }, citedDirectives: [{ id: bd.id }] });
      expect((await auditRows(created.data!.createDirective.id))[0].province_id).toBe(BINH_DUONG);
      // A Bình Dương record cannot be issued by a TP. Hồ Chí Minh agency.
      const hcmAgency = await makeAgency(HCM);
      const mixed = await s.gql(CREATE, {
        i: { system: 'STATE', docType: 'PLAN', symbol: 'KH-UBND', issuerAgencyId: hcmAgency.id, subject: 'Trộn tỉnh', provinceCode: '74' },
      }, hcm);
      expect(codeOf(mixed)).toBe('BAD_USER_INPUT');
      expect(mixed.errors![0].extensions!.field).toBe('issuerAgencyId');
      // Đồng Nai's stay out of reach.
      const dn = await makeDirective(DONG_NAI);
      expect((await s.gql(GET, { id: dn.id }, hcm)).data!.directive).toBeNull();
    });

    it('the viewer reads and cannot write; the ministry reads every province and writes nothing', async () => {
      const dn = await makeDirective(DONG_NAI);
      const bd = await makeDirective(BINH_DUONG);
      const viewer = await s.login('viewer@dongnai.demo');
      expect((await s.gql(GET, { id: dn.id }, viewer)).data!.directive.id).toBe(dn.id);
      const input = { system: 'STATE', docType: 'PLAN', symbol: 'KH', issuerAgencyId: dn.issuer_agency_id, subject: 'Của người xem' };
      expect(codeOf(await s.gql(CREATE, { i: input }, viewer))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(UPDATE, { i: { id: dn.id, version: 1, subject: 'Người xem sửa' } }, viewer))).toBe('FORBIDDEN');
      expect(codeOf(await s.gql(DELETE, { i: { id: dn.id, version: 1 } }, viewer))).toBe('FORBIDDEN');
      const analyst = await s.login('analyst@ministry.demo');
      expect((await s.gql(GET, { id: bd.id }, analyst)).data!.directive.id).toBe(bd.id);
      expect((await s.gql(GET, { id: dn.id }, analyst)).data!.directive.id).toBe(dn.id);
      expect(codeOf(await s.gql(UPDATE, { i: { id: dn.id, version: 1, subject: 'Bộ sửa' } }, analyst))).toBe('FORBIDDEN');
      expect(await directiveRow(dn.id)).toMatchObject({ subject: dn.subject, version: 1 });
      expect(codeOf(await s.gql(LIST, {}))).toBe('UNAUTHENTICATED');
    });
  });

  it('a page of 10 and a page of 50 with nested relations issue the same number of SQL statements', async () => {
    const tag = unique('bulk');
    const refIds = [Number(await referenceId('57-NQ/TW')), Number(await referenceId('03/NQ-CP'))];
    await asOwner(async (db) => {
      let previous: string | null = null;
      for (let i = 0; i < 55; i++) {
        const issuer = (await db.query(`INSERT INTO agencies (province_id, kind, name) VALUES (75, 'DEPARTMENT', $1) RETURNING id`, [`Sở ${tag} ${i}`])).rows[0].id;
        const coordinator = (await db.query(`INSERT INTO agencies (province_id, kind, name) VALUES (75, 'DIVISION', $1) RETURNING id`, [`Phòng ${tag} ${i}`])).rows[0].id;
        const d = (await db.query(
          `INSERT INTO directives (province_id, system, doc_type, number, symbol, issuer_agency_id, issued_on, subject)
           VALUES (75, 'STATE', 'PLAN', $1, 'KH-SKHCN', $2, '2024-03-01', $3) RETURNING id`, [i + 1, issuer, `Kế hoạch ${tag} ${i}`])).rows[0].id;
        if (previous) await db.query(`INSERT INTO directive_citations (province_id, directive_id, cited_directive_id) VALUES (75, $1, $2)`, [d, previous]);
        await db.query(`INSERT INTO directive_citations (province_id, directive_id, cited_reference_id) VALUES (75, $1, $2)`, [d, refIds[i % 2]]);
        for (let seq = 1; seq <= 2; seq++) {
          const t = (await db.query(
            `INSERT INTO directive_tasks (province_id, directive_id, seq, title, lead_agency_id, deadline_kind, deadline_year, deadline_quarter)
             VALUES (75, $1, $2, $3, $4, 'QUARTER', 2024, $2) RETURNING id`, [d, seq, `Nhiệm vụ ${seq}`, issuer])).rows[0].id;
          await db.query(`INSERT INTO directive_task_coordinators (province_id, task_id, agency_id) VALUES (75, $1, $2)`, [t, coordinator]);
          await db.query(`INSERT INTO task_progress_reports (province_id, task_id, reported_on, percent, text, reporter) VALUES (75, $1, '2024-02-01', 30, 'Đang làm', 'Phòng QLKH')`, [t]);
        }
        previous = d;
      }
    });
    const query = `query($first: Int, $f: DirectiveFilter) { directives(first: $first, filter: $f) { totalCount edges { node {
      id numberSymbol province { code } issuer { name } citedDirectives { numberSymbol issuer { name } } citedReferences { numberSymbol }
      tasks { seq deadline { label } dueOn isOverdue daysLate latestPercent leadAgency { name } coordinatingAgencies { name }
        progressReports { percent } directive { id } } } } } }`;
    let small: any;
    let large: any;
    const n10 = await countStatements(async () => { small = await s.gql(query, { first: 10, f: { search: tag } }, admin); });
    const n50 = await countStatements(async () => { large = await s.gql(query, { first: 50, f: { search: tag } }, admin); });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(small.data.directives.edges.length).toBe(10);
    expect(large.data.directives.edges.length).toBe(50);
    const node = large.data.directives.edges[49].node;
    expect(node.tasks.map((t: any) => t.deadline.label)).toEqual(['Quý I/2024', 'Quý II/2024']);
    expect(node.tasks[0]).toMatchObject({ latestPercent: 30, coordinatingAgencies: [{ name: expect.stringContaining('Phòng') }], directive: { id: node.id } });
    expect(large.data.directives.edges.filter((e: any) => e.node.citedDirectives.length === 1).length).toBeGreaterThanOrEqual(49);
    expect(n10).toBeGreaterThan(0);
    expect(n50).toBe(n10);
  });
});
