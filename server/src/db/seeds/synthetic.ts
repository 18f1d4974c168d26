import type { Client } from 'pg';

/**
 * Deterministic synthetic data for all 34 current provinces, for demos and benchmarks. Every value
 * is derived from row numbers (no randomness), so two runs at the same scale give the same data.
 * Rows are marked: `is_synthetic` where the table has it, "(tổng hợp)" in names otherwise.
 * Set-based INSERT … SELECT generate_series statements keep scale L (about a million members) to
 * minutes.
 */
export const SCALES = {
  S: { associations: 10, members: 300, directives: 15, tasksPerDirective: 4, requests: 30, activities: 40 },
  M: { associations: 30, members: 3_000, directives: 60, tasksPerDirective: 10, requests: 300, activities: 300 },
  L: { associations: 60, members: 30_000, directives: 300, tasksPerDirective: 10, requests: 1_500, activities: 1_500 },
} as const;
export type Scale = keyof typeof SCALES;

export const SYNTHETIC_MARK = '(tổng hợp)';

/**
 * Provinces differ in size so that comparisons show leaders and laggards: province number `pn`
 * (1..34 by code) gets 60 % to 140 % of the scale's volume, a fixed function of its number.
 */
export function provinceShare(volume: number, pn: number): number {
  return Math.floor((volume * (60 + ((pn * 37) % 81))) / 100);
}
const PROVINCE_SHARE = (volume: string, pn: string) => `((${volume}::int * (60 + (${pn} * 37) % 81)) / 100)`;

export async function generateSynthetic(db: Client, scale: Scale, log: (m: string) => void = () => undefined): Promise<boolean> {
  const existing = await db.query('SELECT 1 FROM members WHERE is_synthetic LIMIT 1');
  if (existing.rowCount) {
    log('synthetic data already present; nothing generated');
    return false;
  }
  const n = SCALES[scale];
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = Date.now();
    const r = await db.query(sql, params);
    log(`  ${label}: ${r.rowCount ?? 0} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  await db.query('BEGIN');
  try {
    await db.query(`CREATE TEMP TABLE syn_provinces ON COMMIT DROP AS
      SELECT id AS province_id, row_number() OVER (ORDER BY id)::int AS pn FROM provinces WHERE status = 'ACTIVE'`);

    // Agencies: a People's Committee, the Union, a DOST with divisions, departments, a university.
    await step('agencies', `
      INSERT INTO agencies (province_id, kind, name, short_name)
      SELECT p.province_id, k.kind, k.name || ' ' || pr.name || ' ${SYNTHETIC_MARK}', k.short
      FROM syn_provinces p JOIN provinces pr ON pr.id = p.province_id
      CROSS JOIN (VALUES
        ('PEOPLES_COMMITTEE', 'Ủy ban nhân dân', 'UBND'), ('UNION', 'Liên hiệp các Hội KH&KT', 'LHH'),
        ('DEPARTMENT', 'Sở Khoa học và Công nghệ', 'Sở KH&CN'), ('DEPARTMENT', 'Sở Tài nguyên và Môi trường', 'Sở TN&MT'),
        ('DEPARTMENT', 'Sở Nông nghiệp và Môi trường', 'Sở NN&MT'), ('DEPARTMENT', 'Sở Y tế', 'Sở Y tế'),
        ('DEPARTMENT', 'Sở Xây dựng', 'Sở XD'), ('DIVISION', 'Phòng Quản lý Khoa học', 'Phòng QLKH'),
        ('CENTRE', 'Trung tâm Khoa học và Công nghệ', 'TT KH&CN'), ('UNIVERSITY', 'Trường Đại học', 'ĐH'),
        ('FATHERLAND_FRONT', 'Ủy ban MTTQ Việt Nam', 'UB MTTQ'), ('PRESS', 'Báo', 'Báo')
      ) AS k(kind, name, short)`);
    await db.query(`CREATE TEMP TABLE syn_agencies ON COMMIT DROP AS
      SELECT province_id, id, row_number() OVER (PARTITION BY province_id ORDER BY kind, name)::int AS an
      FROM agencies WHERE name LIKE '%${SYNTHETIC_MARK}'`);

    await step('member associations', `
      INSERT INTO member_associations (province_id, name, abbreviation, field, founded_on, status, congress_term,
        individual_member_count, collective_member_count)
      SELECT p.province_id,
        'Hội ' || f.field || ' số ' || g || ' ' || pr.name || ' ${SYNTHETIC_MARK}', 'H' || g, f.field,
        make_date(1985 + (g * 7 + p.pn) % 38, 1 + g % 12, 1 + g % 28),
        (ARRAY['ACTIVE','ACTIVE','ACTIVE','ACTIVE','CONSOLIDATING','SUSPENDED','DISSOLVED'])[1 + (g + p.pn) % 7],
        (2020 + g % 6)::text || '–' || (2025 + g % 6)::text, 0, 0
      FROM syn_provinces p JOIN provinces pr ON pr.id = p.province_id
      CROSS JOIN generate_series(1, $1::int) g
      CROSS JOIN LATERAL (SELECT (ARRAY['Y học','Tin học','Kinh tế','Môi trường','Cơ khí','Nông nghiệp','Xây dựng',
        'Hóa học','Vật lý','Giáo dục','Luật học','Kiến trúc'])[1 + g % 12] AS field) f`, [n.associations]);
    await db.query(`CREATE TEMP TABLE syn_associations ON COMMIT DROP AS
      SELECT province_id, id, row_number() OVER (PARTITION BY province_id ORDER BY name)::int AS sn
      FROM member_associations WHERE name LIKE '%${SYNTHETIC_MARK}'`);

    await step('members', `
      INSERT INTO members (province_id, kind, full_name, academic_title, degree, field, workplace, birth_year,
        is_young_intellectual, in_enterprise, email, is_synthetic)
      SELECT p.province_id,
        CASE WHEN g % 20 = 0 THEN 'COLLECTIVE' ELSE 'INDIVIDUAL' END,
        CASE WHEN g % 20 = 0 THEN 'Công ty TNHH Công nghệ ' || g || ' ${SYNTHETIC_MARK}'
          ELSE (ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ','Hồ','Ngô','Dương','Lý'])[1 + g % 16]
            || ' ' || (ARRAY['Văn','Thị','Minh','Thanh','Quốc','Ngọc','Hữu','Thu'])[1 + (g / 16) % 8]
            || ' ' || (ARRAY['An','Bình','Cường','Dũng','Giang','Hà','Hải','Hùng','Khoa','Lan','Linh','Long','Mai','Nam','Phúc','Quang','Sơn','Tâm','Thảo','Trung','Tuấn','Vy'])[1 + (g / 128) % 22]
            || ' ${SYNTHETIC_MARK}' END,
        CASE WHEN g % 20 <> 0 AND g % 97 = 0 THEN 'GS' WHEN g % 20 <> 0 AND g % 41 = 0 THEN 'PGS' END,
        CASE WHEN g % 20 = 0 THEN NULL ELSE (ARRAY['TS','THS','THS','DH','DH','DH','CKI','TSKH'])[1 + g % 8] END,
        (ARRAY['Y học','Tin học','Kinh tế','Môi trường','Cơ khí','Nông nghiệp','Xây dựng','Hóa học'])[1 + g % 8],
        'Đơn vị ' || (1 + g % 50),
        CASE WHEN g % 20 = 0 THEN NULL ELSE 1950 + g % 50 END,
        g % 20 <> 0 AND 1950 + g % 50 >= 1990,
        g % 3 = 0, 'hoivien' || g || '.' || p.province_id || '@example.invalid', true
      FROM syn_provinces p CROSS JOIN generate_series(1, ${PROVINCE_SHARE('$1', 'p.pn')}) g`, [n.members]);

    // One membership each; every seventh individual also belongs to a second association, so counts
    // across associations must de-duplicate people.
    await step('memberships', `
      WITH m AS (SELECT id, province_id, kind, (row_number() OVER (PARTITION BY province_id ORDER BY id))::int AS rn
                 FROM members WHERE is_synthetic)
      INSERT INTO memberships (province_id, member_id, association_id, joined_on, left_on)
      SELECT m.province_id, m.id, a.id, make_date(2005 + m.rn % 20, 1 + m.rn % 12, 1 + m.rn % 28),
        CASE WHEN m.rn % 23 = 0 THEN make_date(2025, 1 + m.rn % 12, 1 + m.rn % 28) END
      FROM m JOIN syn_associations a ON a.province_id = m.province_id AND a.sn = 1 + m.rn % $1::int
      UNION ALL
      SELECT m.province_id, m.id, a.id, make_date(2015 + m.rn % 10, 1 + m.rn % 12, 1 + m.rn % 28), NULL
      FROM m JOIN syn_associations a ON a.province_id = m.province_id AND a.sn = 1 + (m.rn + 1) % $1::int
      WHERE m.kind = 'INDIVIDUAL' AND m.rn % 7 = 0 AND $1::int > 1`, [n.associations]);
    await step('association member counts', `
      UPDATE member_associations a SET individual_member_count = c.ind, collective_member_count = c.col
      FROM (SELECT ms.association_id, count(*) FILTER (WHERE m.kind = 'INDIVIDUAL') AS ind, count(*) FILTER (WHERE m.kind = 'COLLECTIVE') AS col
            FROM memberships ms JOIN members m ON m.id = ms.member_id WHERE m.is_synthetic AND ms.left_on IS NULL GROUP BY 1) c
      WHERE a.id = c.association_id`);

    await step('directives', `
      INSERT INTO directives (province_id, system, doc_type, number, symbol, issuer_agency_id, issued_on, party_term, subject, signer, summary)
      SELECT p.province_id, CASE WHEN g % 3 = 0 THEN 'PARTY' ELSE 'STATE' END,
        (ARRAY['PLAN','OFFICIAL_LETTER','CONCLUSION','DECISION','DIRECTIVE','REPORT'])[1 + g % 6],
        1000 + g, CASE WHEN g % 3 = 0 THEN 'KH/TU' ELSE 'UBND-KGVX' END,
        ag.id, make_date(2021 + g % 5, 1 + g % 12, 1 + g % 28), CASE WHEN g % 3 = 0 THEN '2020–2025' END,
        'Triển khai nhiệm vụ khoa học và công nghệ số ' || g || ' ${SYNTHETIC_MARK}', 'Người ký ' || g,
        'Dữ liệu tổng hợp (synthetic), không phải văn bản thật.'
      FROM syn_provinces p CROSS JOIN generate_series(1, ${PROVINCE_SHARE('$1', 'p.pn')}) g
      JOIN syn_agencies ag ON ag.province_id = p.province_id AND ag.an = 1 + g % 3`, [n.directives]);

    // Every synthetic document cites a national one, and each but the first of a province cites the
    // one before it, the way real documents build on earlier ones.
    await step('directive citations', `
      WITH d AS (SELECT id, province_id, number, (row_number() OVER (PARTITION BY province_id ORDER BY number))::int AS dn
                 FROM directives WHERE summary LIKE 'Dữ liệu tổng hợp%')
      INSERT INTO directive_citations (province_id, directive_id, cited_reference_id, cited_directive_id)
      SELECT d.province_id, d.id, r.id, NULL FROM d JOIN reference_documents r ON r.id = 1 + d.dn % 8
      UNION ALL
      SELECT d.province_id, d.id, NULL, prev.id FROM d JOIN d prev ON prev.province_id = d.province_id AND prev.dn = d.dn - 1`);
    await step('directive tasks', `
      INSERT INTO directive_tasks (province_id, directive_id, seq, title, lead_agency_id, deadline_kind, deadline_date,
        deadline_year, deadline_quarter, deadline_month, deadline_day, status, completed_on)
      SELECT d.province_id, d.id, s, 'Nhiệm vụ ' || s || ' của văn bản ' || d.number || ' ${SYNTHETIC_MARK}', ag.id,
        k.kind,
        CASE WHEN k.kind = 'DATE' THEN d.issued_on + (30 * s) END,
        CASE WHEN k.kind = 'QUARTER' THEN extract(year FROM d.issued_on)::int + 1 END,
        CASE WHEN k.kind = 'QUARTER' THEN 1 + s % 4 END,
        CASE WHEN k.kind = 'YEARLY' THEN 11 END, CASE WHEN k.kind = 'YEARLY' THEN 15 END,
        st.status, CASE WHEN st.status = 'COMPLETED' THEN d.issued_on + (25 * s + (d.number + s) % 40) END
      FROM (SELECT id, province_id, number, issued_on, row_number() OVER (PARTITION BY province_id ORDER BY number)::int AS dn
            FROM directives WHERE summary LIKE 'Dữ liệu tổng hợp%') d
      CROSS JOIN generate_series(1, $1::int) s
      CROSS JOIN LATERAL (SELECT (ARRAY['DATE','DATE','QUARTER','YEARLY','NONE'])[1 + (d.dn + s) % 5] AS kind) k
      CROSS JOIN LATERAL (SELECT (ARRAY['COMPLETED','COMPLETED','IN_PROGRESS','NOT_STARTED','COMPLETED','CANCELLED'])[1 + (d.dn * 3 + s) % 6] AS status) st
      JOIN syn_agencies ag ON ag.province_id = d.province_id AND ag.an = 1 + (d.dn + s) % 12`, [n.tasksPerDirective]);
    await step('task coordinators', `
      INSERT INTO directive_task_coordinators (province_id, task_id, agency_id)
      SELECT t.province_id, t.id, ag.id FROM directive_tasks t
      JOIN syn_agencies ag ON ag.province_id = t.province_id AND ag.an = 1 + (t.seq + 5) % 12 AND ag.id <> t.lead_agency_id
      WHERE t.title LIKE '%${SYNTHETIC_MARK}' AND t.seq % 2 = 0`);
    await step('progress reports', `
      INSERT INTO task_progress_reports (province_id, task_id, reported_on, percent, text, reporter)
      SELECT t.province_id, t.id, least(coalesce(t.completed_on, d.issued_on + 60), app_today()), CASE WHEN t.status = 'COMPLETED' THEN 100 ELSE 20 + t.seq * 7 % 60 END,
        'Báo cáo tiến độ ${SYNTHETIC_MARK}', 'Cán bộ theo dõi'
      FROM directive_tasks t JOIN directives d ON d.id = t.directive_id
      WHERE t.title LIKE '%${SYNTHETIC_MARK}' AND t.status IN ('COMPLETED', 'IN_PROGRESS')`);

    // Commissioning requests spread over every stage, with planned and actual dates so delays show.
    await step('commissioning requests', `
      INSERT INTO commissioning_requests (province_id, code, title, requesting_agency_id, research_area_id, assignee_kind,
        assigned_association_id, principal_investigator, budget_vnd, stage, year, planned_start, planned_end, actual_start,
        actual_end, acceptance_rating, registration_number, adopting_agency_id, is_synthetic)
      SELECT p.province_id, 'ĐH-' || p.province_id || '-' || g, 'Đề tài nghiên cứu số ' || g || ' ${SYNTHETIC_MARK}',
        ag.id, ra.id,
        CASE WHEN st.rank >= 3 THEN CASE WHEN g % 4 = 0 THEN 'UNION' ELSE 'ASSOCIATION' END END,
        CASE WHEN st.rank >= 3 AND g % 4 <> 0 THEN sa.id END,
        'Chủ nhiệm ' || g, (100 + g % 40 * 25) * 1000000::bigint, st.stage, 2021 + g % 5,
        make_date(2021 + g % 5, 1 + g % 12, 1), make_date(2022 + g % 5, 1 + g % 12, 1) ,
        CASE WHEN st.rank >= 6 THEN make_date(2021 + g % 5, 1 + g % 12, 1) + (g % 60) END,
        CASE WHEN st.rank >= 7 THEN make_date(2022 + g % 5, 1 + g % 12, 1) + (g % 200) - 30 END,
        CASE WHEN st.rank >= 7 THEN (ARRAY['EXCELLENT','GOOD','GOOD','PASS'])[1 + g % 4] END,
        CASE WHEN st.rank >= 8 THEN 'ĐT-' || (2022 + g % 5) || '-' || p.province_id || g END,
        CASE WHEN st.rank >= 9 THEN ag2.id END, true
      FROM syn_provinces p CROSS JOIN generate_series(1, ${PROVINCE_SHARE('$1', 'p.pn')}) g
      CROSS JOIN LATERAL (SELECT s.stage, s.rank FROM (VALUES
        (0, 'PROPOSED', 0), (1, 'DETERMINED', 1), (2, 'DIRECTLY_ASSIGNED', 3), (3, 'APPRAISED', 4), (4, 'CONTRACTED', 5),
        (5, 'IN_PROGRESS', 6), (6, 'IN_PROGRESS', 6), (7, 'ACCEPTED', 7), (8, 'ACCEPTED', 7), (9, 'RESULTS_REGISTERED', 8),
        (10, 'APPLIED', 9), (11, 'REJECTED', 0), (12, 'CANCELLED', 0), (13, 'SUSPENDED', 6)) s(k, stage, rank)
        WHERE s.k = (g * 7 + p.pn) % 14) st
      JOIN syn_agencies ag ON ag.province_id = p.province_id AND ag.an = 1 + g % 12
      JOIN syn_agencies ag2 ON ag2.province_id = p.province_id AND ag2.an = 1 + (g + 3) % 12
      JOIN syn_associations sa ON sa.province_id = p.province_id AND sa.sn = 1 + g % $2::int
      JOIN research_areas ra ON ra.id = (ARRAY[1,2,3,4,5,6,101,102,103,104,105,106,107])[1 + g % 13]`, [n.requests, n.associations]);

    // Three activities in four fulfil a directive task of their province (the modulo stays within the
    // smallest province's tasks: provinceShare(…, 0) is the 60 % floor).
    await db.query(`CREATE TEMP TABLE syn_tasks ON COMMIT DROP AS
      SELECT province_id, id, (row_number() OVER (PARTITION BY province_id ORDER BY id))::int AS tn
      FROM directive_tasks WHERE title LIKE '%${SYNTHETIC_MARK}'`);
    await step('activities', `
      INSERT INTO activities (province_id, kind, title, held_on, organizer_association_id, directive_task_id, participants, draft_title,
        drafting_agency_id, response)
      SELECT p.province_id, k.kind, 'Hoạt động số ' || g || ' ${SYNTHETIC_MARK}', make_date(2021 + g % 5, 1 + g % 12, 1 + g % 28),
        sa.id, st.id, 20 + g % 300,
        CASE WHEN k.kind IN ('CONSULTATION', 'SOCIAL_CRITIQUE') THEN 'Dự thảo số ' || g END,
        CASE WHEN k.kind IN ('CONSULTATION', 'SOCIAL_CRITIQUE') THEN ag.id END,
        CASE WHEN k.kind IN ('CONSULTATION', 'SOCIAL_CRITIQUE') THEN (ARRAY['ACCEPTED','PARTLY_ACCEPTED','REJECTED','PENDING'])[1 + g % 4] END
      FROM syn_provinces p CROSS JOIN generate_series(1, ${PROVINCE_SHARE('$1', 'p.pn')}) g
      CROSS JOIN LATERAL (SELECT (ARRAY['WORKSHOP','CONTEST','TRAINING','RECOGNITION','CONSULTATION','SOCIAL_CRITIQUE','DISSEMINATION'])[1 + g % 7] AS kind) k
      JOIN syn_associations sa ON sa.province_id = p.province_id AND sa.sn = 1 + g % $2::int
      JOIN syn_agencies ag ON ag.province_id = p.province_id AND ag.an = 1 + g % 12
      LEFT JOIN syn_tasks st ON st.province_id = p.province_id AND st.tn = 1 + g % $3::int AND g % 4 <> 3`,
    [n.activities, n.associations, provinceShare(n.directives, 0) * n.tasksPerDirective]);
    await db.query('COMMIT');
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  for (const t of ['members', 'memberships', 'directive_tasks', 'commissioning_requests', 'activities']) await db.query(`ANALYZE ${t}`);
  return true;
}
