import { Client } from 'pg';
import { migrate } from '../src/db/migrate';
import { seedDemo } from '../src/db/seeds/demo';
import { computeIndicatorCells } from '../src/modules/indicators/indicator.service';
import { fillRandomIndicatorData } from './factories/indicators';
import { appUrl, codeOf, countStatements, inDatabase, ownerUrl, asOwner, startTestServer, TestServer } from './helpers';

/**
 * Indicators on random data in a database of their own: every indicator for every province and
 * year against an independent computation in JS over the base rows, in both boundaries; triggers
 * after GraphQL writes; a fixed statement count; who sees which provinces.
 */
const DB = 'stp_indicators_test';
const YEARS = [2023, 2024, 2025, 2026];
const CELLS = `cells { province { code } year indicator { code } value numerator denominator }`;

type Fig = { num: number; den: number };
type Expected = Map<string, Fig>; // `${provinceId}|${year}|${code}`

const key = (p: number, y: number, c: string) => `${p}|${y}|${c}`;
const yearOf = (d: string) => Number(d.slice(0, 4));
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Figures per province as they were, from base rows, written without looking at the SQL. */
async function expectedFigures(db: Client, today: string): Promise<{ figs: Expected; kinds: Map<string, string>; population: Map<number, number> }> {
  const q = async (sql: string) => (await db.query(sql)).rows;
  // One client answers one query at a time: read the tables in turn.
  const assocs = await q(`SELECT id, province_id, status, founded_on::text, deleted_at IS NOT NULL AS deleted FROM member_associations`);
  const members = await q(`SELECT id, province_id, kind, is_young_intellectual, deleted_at IS NOT NULL AS deleted FROM members`);
  const memberships = await q(`SELECT member_id, association_id, joined_on::text, left_on::text FROM memberships`);
  const tasks = await q(`SELECT t.id, t.province_id, t.deadline_kind, t.deadline_date::text, t.deadline_year, t.deadline_quarter, t.deadline_month,
      t.deadline_day, t.status, t.completed_on::text, t.deleted_at IS NOT NULL OR d.deleted_at IS NOT NULL AS deleted,
      coalesce(d.issued_on, t.created_at::date)::text AS start FROM directive_tasks t JOIN directives d ON d.id = t.directive_id`);
  const reports = await q(`SELECT task_id, reported_on::text FROM task_progress_reports`);
  const requests = await q(`SELECT province_id, stage, year, budget_vnd, planned_end::text, actual_end::text, acceptance_rating,
      deleted_at IS NOT NULL AS deleted FROM commissioning_requests`);
  const activities = await q(`SELECT province_id, kind, held_on::text, response, deleted_at IS NOT NULL AS deleted FROM activities`);
  const defs = await q(`SELECT code, kind, fact_code FROM indicator_definitions`);
  const provinces = await q(`SELECT id, population FROM provinces`);
  const figs: Expected = new Map();
  const add = (p: number, y: number, c: string, num: number, den = 0) => {
    if (y < 2000 || y > 2100) return;
    const f = figs.get(key(p, y, c)) ?? { num: 0, den: 0 };
    f.num += num;
    f.den += den;
    figs.set(key(p, y, c), f);
  };
  const thisYear = yearOf(today);
  for (const y of YEARS) {
    const end = `${y}-12-31`;
    for (const a of assocs) if (!a.deleted && a.status === 'ACTIVE' && (!a.founded_on || a.founded_on <= end)) add(a.province_id, y, 'member_associations', 1);
    const liveAssoc = new Set(assocs.filter((a) => !a.deleted).map((a) => a.id));
    const inYear = new Set(memberships.filter((m) => liveAssoc.has(m.association_id) && m.joined_on <= end && (!m.left_on || m.left_on > end)).map((m) => m.member_id));
    for (const m of members) {
      if (m.deleted || !inYear.has(m.id)) continue;
      if (m.kind === 'INDIVIDUAL') {
        add(m.province_id, y, 'individual_members', 1);
        add(m.province_id, y, 'young_intellectual_share', m.is_young_intellectual ? 1 : 0, 1);
      } else add(m.province_id, y, 'collective_members', 1);
    }
    for (const r of requests) {
      if (r.deleted || r.year !== y) continue;
      const accepted = ['ACCEPTED', 'RESULTS_REGISTERED', 'APPLIED'].includes(r.stage);
      add(r.province_id, y, 'commissioning_requests', 1);
      if (!['REJECTED', 'CANCELLED'].includes(r.stage)) add(r.province_id, y, 'commissioning_budget_vnd', Number(r.budget_vnd));
      if (accepted || r.stage === 'REJECTED') add(r.province_id, y, 'acceptance_rate', accepted && r.acceptance_rating !== 'FAIL' ? 1 : 0, 1);
      if (accepted) add(r.province_id, y, 'application_rate', r.stage === 'APPLIED' ? 1 : 0, 1);
      if (accepted && r.planned_end && r.actual_end) {
        add(r.province_id, y, 'avg_acceptance_delay_days', (Date.parse(r.actual_end) - Date.parse(r.planned_end)) / 86_400_000, 1);
      }
    }
    for (const a of activities) {
      if (a.deleted || yearOf(a.held_on) !== y) continue;
      add(a.province_id, y, 'activities', 1);
      if (a.kind === 'CONSULTATION' || a.kind === 'SOCIAL_CRITIQUE') {
        add(a.province_id, y, 'consultations', 1);
        if (a.response && a.response !== 'PENDING') add(a.province_id, y, 'consultation_acceptance_rate', a.response === 'REJECTED' ? 0 : 1, 1);
      }
    }
    // Tasks: due once (date, quarter) or every year since the directive (yearly), as of 31/12 or today.
    const asOf = end < today ? end : today;
    for (const t of tasks) {
      if (t.deleted || t.status === 'CANCELLED') continue;
      if (t.status === 'COMPLETED' && yearOf(t.completed_on) === y) add(t.province_id, y, 'tasks_completed', 1);
      let due: string | null = null;
      let onTime = false;
      if (t.deadline_kind === 'DATE') due = t.deadline_date;
      if (t.deadline_kind === 'QUARTER') due = iso(t.deadline_year, t.deadline_quarter * 3, lastDay(t.deadline_year, t.deadline_quarter * 3));
      if (t.deadline_kind === 'YEARLY') {
        if (y < yearOf(t.start) || y > thisYear) continue;
        due = iso(y, t.deadline_month, Math.min(t.deadline_day, lastDay(y, t.deadline_month)));
        onTime = reports.some((r) => r.task_id === t.id && r.reported_on >= `${y}-01-01` && r.reported_on <= due!);
        add(t.province_id, y, 'tasks_on_time_rate', onTime ? 1 : 0, 1);
        if (due < asOf && !onTime) add(t.province_id, y, 'tasks_overdue', 1);
        continue;
      }
      if (!due) continue;
      if (yearOf(due) === y) add(t.province_id, y, 'tasks_on_time_rate', t.completed_on && t.completed_on <= due ? 1 : 0, 1);
      if (y <= thisYear && due < asOf && (!t.completed_on || t.completed_on > asOf)) add(t.province_id, y, 'tasks_overdue', 1);
    }
  }
  return {
    figs,
    kinds: new Map(defs.map((d) => [d.code, `${d.kind}:${d.fact_code}`])),
    population: new Map(provinces.map((p) => [p.id, Number(p.population)])),
  };
}

describe('indicators', () => {
  let s: TestServer;
  let owner: Client;
  let analyst: string;
  let expected: Awaited<ReturnType<typeof expectedFigures>>;
  let today: string;
  const provinces = new Map<number, { merged_into_id: number | null; merged_on: string | null; status: string }>();

  beforeAll(async () => {
    await asOwner(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${DB}`);
      await c.query(`CREATE DATABASE ${DB}`);
    });
    await migrate(inDatabase(ownerUrl(), DB), inDatabase(appUrl(), DB));
    await seedDemo(inDatabase(ownerUrl(), DB));
    owner = new Client({ connectionString: inDatabase(ownerUrl(), DB) });
    await owner.connect();
    await owner.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    today = (await owner.query(`SELECT app_today()::text AS d`)).rows[0].d;
    await fillRandomIndicatorData(owner, 20240517, today);
    for (const p of (await owner.query(`SELECT id, merged_into_id, merged_on::text, status FROM provinces`)).rows) provinces.set(p.id, p);
    expected = await expectedFigures(owner, today);
    s = await startTestServer(inDatabase(appUrl(), DB));
    analyst = await s.login('analyst@ministry.demo');
  });
  afterAll(async () => {
    await s?.close();
    await owner?.end();
    await asOwner((c) => c.query(`DROP DATABASE IF EXISTS ${DB}`));
  });

  /** The unit a province's figures belong to in a year. */
  const unitOf = (p: number, y: number, boundaries: string) => {
    const row = provinces.get(p)!;
    if (!row.merged_into_id) return p;
    return boundaries === 'CURRENT' || row.merged_on! <= `${y}-01-01` ? row.merged_into_id : p;
  };

  /** Expected cells of every unit, rolled up by summing numerators and denominators. */
  function expectedCells(boundaries: string, codes: string[]) {
    const out = new Map<string, { num: number; den: number }>();
    for (const [p] of provinces) {
      for (const y of YEARS) {
        const unit = unitOf(p, y, boundaries);
        for (const code of codes) {
          const [kind, fact] = expected.kinds.get(code)!.split(':');
          const f = expected.figs.get(key(p, y, fact)) ?? { num: 0, den: 0 };
          const den = kind === 'PER_100K' ? expected.population.get(p)! / 100_000 : f.den;
          const k = key(unit, y, code);
          const acc = out.get(k) ?? { num: 0, den: 0 };
          out.set(k, { num: acc.num + f.num, den: acc.den + den });
        }
      }
    }
    return out;
  }

  async function compare(token: string, input: Record<string, unknown>, fields = CELLS) {
    const r = await s.gql(`query($i: CompareProvincesInput!) { compareProvinces(input: $i) { ${fields} } }`, { i: input }, token);
    expect(r.errors).toBeUndefined();
    return r.data!.compareProvinces;
  }

  it('has a catalogue of at least 15 indicators with names, units and rate labels', async () => {
    const r = await s.gql(`{ indicators { code name nameEn description unit kind numeratorLabel denominatorLabel } }`, {}, analyst);
    expect(r.errors).toBeUndefined();
    const list = r.data!.indicators as Array<Record<string, string | null>>;
    expect(list.length).toBeGreaterThanOrEqual(15);
    for (const code of ['member_associations', 'individual_members', 'collective_members', 'young_intellectual_share', 'commissioning_requests',
      'commissioning_budget_vnd', 'acceptance_rate', 'application_rate', 'avg_acceptance_delay_days', 'tasks_completed', 'tasks_on_time_rate',
      'tasks_overdue', 'consultations', 'consultation_acceptance_rate', 'activities', 'individual_members_per_100k', 'activities_per_100k']) {
      expect(list.map((i) => i.code)).toContain(code);
    }
    for (const i of list) {
      expect(i.name && i.nameEn && i.description && i.unit).toBeTruthy();
      if (['RATE', 'AVERAGE', 'PER_100K'].includes(i.kind!)) expect(i.numeratorLabel && i.denominatorLabel).toBeTruthy();
    }
  });

  it.each(['CURRENT', 'HISTORICAL'])('every indicator for every province and year matches a direct computation (%s)', async (boundaries) => {
    const codes = [...expected.kinds.keys()];
    const result = await compare(analyst, { indicators: codes, years: YEARS, boundaries });
    const want = expectedCells(boundaries, codes);
    const got = new Map<string, any>(result.cells.map((c: any) => [key(Number(c.province.code), c.year, c.indicator.code), c]));
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    const wrong: string[] = [];
    for (const [k, w] of want) {
      const c = got.get(k);
      const code = k.split('|')[2];
      const kind = expected.kinds.get(code)!.split(':')[0];
      const value = kind === 'COUNT' || kind === 'SUM' ? w.num : w.den === 0 ? null : w.num / w.den;
      const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(b)));
      if (!close(c.numerator, w.num) || !close(c.value, value) || (kind !== 'COUNT' && kind !== 'SUM' && !close(c.denominator, w.den))) {
        wrong.push(`${k}: got ${c.numerator}/${c.denominator}=${c.value}, want ${w.num}/${w.den}=${value}`);
      }
    }
    expect(wrong).toEqual([]);
    // The data really exercises the indicators: most have non-zero figures somewhere.
    const nonZero = new Set(result.cells.filter((c: any) => c.numerator > 0).map((c: any) => c.indicator.code));
    expect(nonZero.size).toBe(codes.length);
  });

  it('computeIndicatorCells gives the live figures of exactly the provinces asked, as they were (no roll-up)', async () => {
    const codes = ['individual_members', 'application_rate', 'activities_per_100k'];
    const rows = await s.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('app.province_ids', '75,70', true), set_config('app.role', 'PROVINCE_ADMIN', true)`);
      return computeIndicatorCells(m, { years: [2024, 2025], provinceIds: [75, 70], indicatorCodes: codes });
    });
    expect(rows).toHaveLength(2 * 2 * codes.length);
    for (const r of rows) {
      const [kind, fact] = expected.kinds.get(r.indicatorCode)!.split(':');
      const f = expected.figs.get(key(r.provinceId, r.year, fact)) ?? { num: 0, den: 0 };
      const den = kind === 'PER_100K' ? expected.population.get(r.provinceId)! / 100_000 : f.den;
      expect({ code: r.indicatorCode, numerator: r.numerator, denominator: r.denominator })
        .toEqual({ code: r.indicatorCode, numerator: f.num, denominator: kind === 'COUNT' ? null : den });
      if (den) expect(r.value).toBeCloseTo(f.num / den, 9);
    }
  });

  it('shows the merged provinces under HISTORICAL up to 2025 and all 34 current provinces under CURRENT', async () => {
    const hist = await compare(analyst, { indicators: ['activities'], years: [2024, 2025, 2026], boundaries: 'HISTORICAL' });
    const codesIn = (cells: any[], y: number) => cells.filter((c) => c.year === y).map((c) => c.province.code);
    expect(codesIn(hist.cells, 2024)).toEqual(expect.arrayContaining(['70', '74', '77', '79', '75']));
    expect(codesIn(hist.cells, 2025)).toHaveLength(37);
    expect(codesIn(hist.cells, 2026)).toHaveLength(34);
    expect(codesIn(hist.cells, 2026)).not.toContain('74');
    const cur = await compare(analyst, { indicators: ['activities'], years: [2024] });
    expect(cur.cells).toHaveLength(34);
    expect(codesIn(cur.cells, 2024)).not.toContain('74');
  });

  it('national totals sum every province and ranking follows the values', async () => {
    const codes = ['individual_members', 'application_rate', 'tasks_overdue', 'activities_per_100k'];
    const r = await compare(analyst, { indicators: codes, years: [2024, 2025] },
      `${CELLS} ranking { indicator { code } year rank province { code } value } nationalTotals { indicator { code } year value numerator denominator }`);
    for (const n of r.nationalTotals) {
      const cells = r.cells.filter((c: any) => c.indicator.code === n.indicator.code && c.year === n.year);
      const num = cells.reduce((a: number, c: any) => a + c.numerator, 0);
      expect(n.numerator).toBeCloseTo(num, 6);
      if (n.denominator !== null) expect(n.denominator).toBeCloseTo(cells.reduce((a: number, c: any) => a + c.denominator, 0), 6);
    }
    const overdue = r.ranking.filter((x: any) => x.indicator.code === 'tasks_overdue' && x.year === 2024);
    expect(overdue[0].rank).toBe(1);
    expect(overdue[0].value).toBe(Math.min(...overdue.map((x: any) => x.value)));
    const members = r.ranking.filter((x: any) => x.indicator.code === 'individual_members' && x.year === 2024);
    expect(members[0].value).toBe(Math.max(...members.map((x: any) => x.value)));
    // One run per indicator and year (years ascending within an indicator), best rank first.
    const groups = r.ranking.map((x: any) => `${x.indicator.code}/${x.year}`);
    expect(groups.filter((g: string, i: number) => g !== groups[i - 1])).toHaveLength(new Set(groups).size);
    for (let i = 1; i < r.ranking.length; i++) {
      const [a, b] = [r.ranking[i - 1], r.ranking[i]];
      if (a.indicator.code === b.indicator.code) expect(b.year).toBeGreaterThanOrEqual(a.year);
      if (groups[i] === groups[i - 1]) expect(b.rank).toBeGreaterThanOrEqual(a.rank);
    }
    expect(r.ranking).toHaveLength(r.cells.filter((c: any) => c.value !== null).length);
  });

  it('refuses unknown indicators, years out of range, too many years and unknown provinces, naming the field', async () => {
    const bad = async (input: Record<string, unknown>, field: string) => {
      const r = await s.gql(`query($i: CompareProvincesInput!) { compareProvinces(input: $i) { source } }`, { i: input }, analyst);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe(field);
    };
    await bad({ indicators: ['nope'], years: [2024] }, 'indicators');
    await bad({ indicators: ['activities'], years: [1999] }, 'years');
    await bad({ indicators: ['activities'], years: [2101] }, 'years');
    await bad({ indicators: ['activities'], years: Array.from({ length: 21 }, (_, i) => 2000 + i) }, 'years');
    await bad({ indicators: ['activities'], years: [2024], provinceCodes: ['99'] }, 'provinceCodes');
  });

  it('costs the same number of statements for 1 province × 1 year × 1 indicator as for 34 × 5 × 15', async () => {
    const codes = [...expected.kinds.keys()].slice(0, 15);
    await compare(analyst, { indicators: ['activities'], years: [2024], provinceCodes: ['75'] }); // warm-up (daily refresh)
    const small = await countStatements(() => compare(analyst, { indicators: ['activities'], years: [2024], provinceCodes: ['75'] }));
    let big: any;
    const large = await countStatements(async () => (big = await compare(analyst, { indicators: codes, years: [2022, 2023, 2024, 2025, 2026] })));
    expect(big.cells).toHaveLength(34 * 5 * 15);
    expect(large).toBe(small);
    // BEGIN with settings, the active-user check of the auth checker, 3 set-based statements, COMMIT.
    expect(small).toBeLessThanOrEqual(8);
  });

  it('keeps figures correct after GraphQL writes: applying a request, adding and deleting an activity', async () => {
    const editor = await s.login('editor@dongnai.demo');
    const agency = (await owner.query(`SELECT id FROM agencies WHERE province_id = 75 AND name LIKE 'Sở chỉ tiêu%'`)).rows[0].id;
    const req = (await owner.query(`INSERT INTO commissioning_requests (province_id, title, requesting_agency_id, research_area_id, assignee_kind,
        stage, year, budget_vnd, planned_start, planned_end, actual_start, actual_end, acceptance_rating, registration_number, principal_investigator)
      VALUES (75, 'Đề tài ứng dụng', $1, 1, 'UNION', 'RESULTS_REGISTERED', 2024, 100000000, '2024-01-01', '2024-06-30', '2024-01-15', '2024-07-10', 'GOOD', 'ĐT-2024-1', 'TS. A')
      RETURNING id, version`, [agency])).rows[0];
    const rate = async () => (await compare(editor, { indicators: ['application_rate', 'activities'], years: [2024], provinceCodes: ['75'] })).cells;
    const before = await rate();
    const app0 = before.find((c: any) => c.indicator.code === 'application_rate');
    const moved = await s.gql(`mutation($i: TransitionCommissioningRequestInput!) { transitionCommissioningRequest(input: $i) { stage } }`,
      { i: { id: req.id, version: req.version, toStage: 'APPLIED', reason: 'Sở Nông nghiệp áp dụng', adoptingAgencyId: agency, happenedOn: '2024-09-01' } }, editor);
    expect(moved.errors).toBeUndefined();
    const after = await rate();
    const app1 = after.find((c: any) => c.indicator.code === 'application_rate');
    expect(app1.numerator).toBe(app0.numerator + 1);
    expect(app1.denominator).toBe(app0.denominator);
    expect(app1.value).toBeCloseTo(app1.numerator / app1.denominator, 9);

    const acts0 = after.find((c: any) => c.indicator.code === 'activities').numerator;
    const created = await s.gql(`mutation($i: CreateActivityInput!) { createActivity(input: $i) { id version } }`,
      { i: { kind: 'WORKSHOP', title: 'Hội thảo chỉ tiêu', heldOn: '2024-05-05' } }, editor);
    expect(created.errors).toBeUndefined();
    expect((await rate()).find((c: any) => c.indicator.code === 'activities').numerator).toBe(acts0 + 1);
    const deleted = await s.gql(`mutation($i: DeleteActivityInput!) { deleteActivity(input: $i) { id } }`,
      { i: { id: created.data!.createActivity.id, version: created.data!.createActivity.version } }, editor);
    expect(deleted.errors).toBeUndefined();
    expect((await rate()).find((c: any) => c.indicator.code === 'activities').numerator).toBe(acts0);

    // After all these writes the summary still equals a full recomputation, national totals included.
    const drift = (await owner.query(`
      SELECT count(*)::int AS n FROM (
        SELECT year, indicator_code, sum(numerator) AS num, sum(denominator) AS den FROM indicator_facts GROUP BY 1, 2) f
      FULL JOIN indicator_national n USING (year, indicator_code)
      WHERE coalesce(f.num, 0) <> coalesce(n.numerator, 0) OR coalesce(f.den, 0) <> coalesce(n.denominator, 0)`)).rows[0].n;
    expect(drift).toBe(0);
    const stale = (await owner.query(`
      SELECT count(*)::int AS n FROM (SELECT * FROM indicator_compute(ARRAY(SELECT id FROM provinces), ARRAY['members','commissioning','tasks','activities'])
        WHERE numerator <> 0 OR denominator <> 0) c
      FULL JOIN indicator_facts f USING (province_id, year, indicator_code)
      WHERE c.numerator IS DISTINCT FROM f.numerator OR c.denominator IS DISTINCT FROM f.denominator`)).rows[0].n;
    expect(stale).toBe(0);
  });

  it('a provincial admin sees its own cells and national totals, and another province only once it publishes', async () => {
    const admin = await s.login('admin@dongnai.demo');
    const fields = `${CELLS} ranking { province { code } } nationalTotals { indicator { code } year numerator }`;
    const mine = await compare(admin, { indicators: ['activities', 'application_rate'], years: [2024] }, fields);
    expect(new Set(mine.cells.map((c: any) => c.province.code))).toEqual(new Set(['75']));
    expect(new Set(mine.ranking.map((c: any) => c.province.code))).toEqual(new Set(['75']));
    const national = await compare(analyst, { indicators: ['activities', 'application_rate'], years: [2024] }, fields);
    expect(mine.nationalTotals).toEqual(national.nationalTotals);
    // Historical: its predecessor Bình Phước too.
    const hist = await compare(admin, { indicators: ['activities'], years: [2024], boundaries: 'HISTORICAL' });
    expect(new Set(hist.cells.map((c: any) => c.province.code))).toEqual(new Set(['75', '70']));

    // Hà Nội submits and publishes its 2024 report (written as the owner here).
    const report = (await owner.query(`INSERT INTO annual_reports (province_id, year, status, due_on, submitted_at, submitted_by, published)
      VALUES (1, 2024, 'SUBMITTED', '2024-11-15', now(), (SELECT id FROM users WHERE email = 'admin@dongnai.demo'), false) RETURNING id`)).rows[0].id;
    await owner.query(`INSERT INTO annual_report_values (province_id, report_id, year, indicator_code, numerator, denominator, value, published)
      VALUES (1, $1, 2024, 'activities', 42, NULL, 42, false), (1, $1, 2024, 'application_rate', 3, 4, 0.75, false)`, [report]);
    const hidden = await compare(admin, { indicators: ['activities', 'application_rate'], years: [2024], provinceCodes: ['01', '75'] });
    expect(hidden.cells.map((c: any) => c.province.code)).not.toContain('01');
    await owner.query(`UPDATE annual_reports SET published = true WHERE id = $1`, [report]);
    await owner.query(`UPDATE annual_report_values SET published = true WHERE report_id = $1`, [report]);
    const shown = await compare(admin, { indicators: ['activities', 'application_rate'], years: [2024], provinceCodes: ['01', '75'] });
    const hn = shown.cells.filter((c: any) => c.province.code === '01');
    expect(hn).toEqual(expect.arrayContaining([
      expect.objectContaining({ indicator: { code: 'activities' }, value: 42, numerator: 42, denominator: null }),
      expect.objectContaining({ indicator: { code: 'application_rate' }, value: 0.75, numerator: 3, denominator: 4 }),
    ]));
    // SUBMITTED: only provinces with a submitted report have cells.
    const submitted = await compare(analyst, { indicators: ['activities'], years: [2024], source: 'SUBMITTED' });
    expect(submitted.cells.map((c: any) => c.province.code)).toEqual(['01']);
  });

  it('provinceIndicators gives every indicator of the caller’s province next to the national totals', async () => {
    const admin = await s.login('admin@hcm.demo');
    const r = await s.gql(`{ provinceIndicators(year: 2024) { province { code } year values { indicator { code } value numerator national { value numerator } } } }`, {}, admin);
    expect(r.errors).toBeUndefined();
    const d = r.data!.provinceIndicators;
    expect(d.province.code).toBe('79');
    expect(d.values.length).toBe(expected.kinds.size);
    const cur = expectedCells('CURRENT', ['individual_members']);
    const members = d.values.find((v: any) => v.indicator.code === 'individual_members');
    expect(members.numerator).toBe(cur.get(key(79, 2024, 'individual_members'))!.num);
    expect(members.national.numerator).toBeGreaterThanOrEqual(members.numerator);
    const ministry = await s.gql(`{ provinceIndicators(year: 2024) { year } }`, {}, analyst);
    expect(codeOf(ministry)).toBe('BAD_USER_INPUT');
  });
});
