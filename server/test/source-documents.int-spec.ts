import { startTestServer, TestServer } from './helpers';

const FIND = `query($s: String!) { directives(first: 50, filter: {search: $s}) { totalCount edges { node {
  numberSymbol issuedOn signer province { code } issuer { name } citedReferences { numberSymbol } citedDirectives { numberSymbol }
  tasks { seq title leadAgency { name } coordinatingAgencies { name } deadline { kind label } } } } } }`;

/** The five source documents are loaded as real data and can be found the way a clerk writes them. */
describe('source documents', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('searching "463-KL/TU" finds the conclusion of 17/11/2023 with its seven tasks, leads and deadlines', async () => {
    const r = await s.gql(FIND, { s: '463-KL/TU' }, await s.login('admin@dongnai.demo'));
    expect(r.errors).toBeUndefined();
    // The conclusion comes first; 1394/UBND-KGVX and the DOST plan, which name it in their subjects, follow.
    const found = r.data!.directives.edges.map((e: any) => e.node);
    expect(found.map((n: any) => n.numberSymbol)).toEqual(expect.arrayContaining(['463-KL/TU', '1394/UBND-KGVX', '/KH-SKHCN']));
    expect(found[0].numberSymbol).toBe('463-KL/TU');
    // Other suites may add their own 463-KL/TU (another issuer); the seeded one is dated 17/11/2023.
    const d = found.find((n: any) => n.numberSymbol === '463-KL/TU' && n.issuer.name === 'Thường trực Tỉnh ủy Đồng Nai');
    expect(d).toMatchObject({ numberSymbol: '463-KL/TU', issuedOn: '2023-11-17', province: { code: '75' }, issuer: { name: 'Thường trực Tỉnh ủy Đồng Nai' } });
    expect(d.tasks.map((t: any) => t.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(d.tasks[6].leadAgency.name).toBe('Ban Tuyên giáo Tỉnh ủy Đồng Nai');
    expect(d.tasks[4].coordinatingAgencies.map((a: any) => a.name)).toEqual(['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đồng Nai']);
  });

  it("the DOST plan keeps its blank number, cites 463-KL/TU and 1394/UBND-KGVX, and has the Q1/2024 and 15/11-yearly deadlines", async () => {
    const r = await s.gql(FIND, { s: 'to chuc thuc hien ket luan so 463-kl/tu ngay 17/11/2023 cua thuong truc tinh uy dong nai' }, await s.login('admin@dongnai.demo'));
    const plan = r.data!.directives.edges.map((e: any) => e.node)
      .find((n: any) => n.numberSymbol === '/KH-SKHCN' && n.signer?.startsWith('Đoàn Tấn Đạt'));
    expect(plan.issuedOn).toBeNull();
    expect(plan.citedDirectives.map((c: any) => c.numberSymbol).sort()).toEqual(['1394/UBND-KGVX', '463-KL/TU']);
    expect(plan.tasks[1].deadline).toMatchObject({ kind: 'QUARTER' });
    expect(plan.tasks[1].leadAgency.name).toMatch(/Phòng Quản lý Khoa học/);
    expect(plan.tasks[0].deadline.kind).toBe('YEARLY');
  });

  it("Bình Dương's 2386-CT/TU stays Bình Dương's: its successor TP. Hồ Chí Minh sees it, Đồng Nai does not", async () => {
    const hcm = await s.gql(FIND, { s: '2386-CT/TU' }, await s.login('admin@hcm.demo'));
    // 16-CV/ĐU names 2386-CT/TU in its subject, so it is found too.
    // Other suites may create their own 2386-CT/TU; the seeded one was issued by the Standing Board.
    const d = hcm.data!.directives.edges.map((e: any) => e.node)
      .find((n: any) => n.numberSymbol === '2386-CT/TU' && n.issuer.name === 'Ban Thường vụ Tỉnh ủy Bình Dương');
    expect(d).toMatchObject({ numberSymbol: '2386-CT/TU', issuedOn: '2025-02-26', province: { code: '74' } });
    expect(d.tasks).toHaveLength(7);
    expect(d.citedReferences.map((c: any) => c.numberSymbol)).toEqual(expect.arrayContaining(['45-NQ/TW', '57-NQ/TW', '42-CT/TW']));
    const dn = await s.gql(FIND, { s: '2386-CT/TU' }, await s.login('admin@dongnai.demo'));
    expect(dn.data!.directives.edges.map((e: any) => e.node.province.code)).not.toContain('74');
  });

  it('the Q1/2024 task of the DOST plan is overdue as of 01/04/2024 but not on 31/03/2024', async () => {
    const token = await s.login('admin@dongnai.demo');
    const q = `query($d: LocalDate) { directiveTasks(first: 50, filter: {search: "ra soat quy dinh cua trung uong", asOf: $d}) {
      edges { node { isOverdue daysLate dueOn directive { numberSymbol } } } } }`;
    const pick = (r: any) => r.data!.directiveTasks.edges.map((e: any) => e.node)
      .find((n: any) => n.directive.numberSymbol === '/KH-SKHCN' && n.dueOn === '2024-03-31');
    expect(pick(await s.gql(q, { d: '2024-03-31' }, token))).toMatchObject({ isOverdue: false, dueOn: '2024-03-31', daysLate: 0 });
    expect(pick(await s.gql(q, { d: '2024-04-01' }, token))).toMatchObject({ isOverdue: true, daysLate: 1 });
  });
});
