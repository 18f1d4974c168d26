import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantPolicies } from '../tenant-policies';

/**
 * Indicators: catalogue, province population, and summary data kept correct on every write.
 *
 * - `indicator_definitions` (reference data) is the catalogue: code, names, unit, how the value is
 *   formed from numerator and denominator (`kind`), and which summary figure feeds it (`fact_code`).
 * - `indicator_facts(province_id, year, indicator_code, numerator, denominator)` holds each
 *   province's figures per year. Statement-level triggers on the base tables collect the provinces a
 *   statement touched (transition tables) and recompute those provinces' facts in one set-based
 *   statement per indicator family. Province-owned, so RLS like every other province table.
 * - `indicator_national(year, indicator_code, numerator, denominator)` has no province_id: it is
 *   reference-like and readable by every logged-in user, so a provincial user gets national totals
 *   without reading other provinces' rows. The same triggers keep it current by applying the delta
 *   (new facts − old facts) of the recomputed provinces, never by re-reading other provinces.
 * - "Overdue at year end, or today for the current year" depends on the date, not only on writes:
 *   `indicator_refresh()` recomputes the date-dependent family for every province once a day (and
 *   every family once a year, when the horizon of stock figures moves), called by the read path.
 *
 * The trigger and refresh functions are SECURITY DEFINER so they may write the summary tables, which
 * the server role may only read. Facts writes stay under RLS with the writer's tenant settings (the
 * rows are those of provinces the writer just changed); the daily refresh widens the settings for
 * itself and restores them.
 */
export class Indicators1764000000000 implements MigrationInterface {
  name = 'Indicators1764000000000';

  async up(q: QueryRunner): Promise<void> {
    // ---- Population: reference data for "per 100,000 inhabitants" --------------------------
    // APPROXIMATE 2024 figures (rounded, within the boundaries in force after 01/07/2025 for the
    // units not modelled as merged) to be replaced with official GSO (Tổng cục Thống kê) statistics.
    // Đồng Nai (75) and TP. Hồ Chí Minh (79) carry their pre-merger figures, because their modelled
    // predecessors (70, 74, 77) carry their own and roll up into them.
    await q.query(`ALTER TABLE provinces ADD COLUMN population integer CHECK (population > 0)`);
    await q.query(`ALTER TABLE provinces ADD COLUMN population_year smallint`);
    await q.query(`COMMENT ON COLUMN provinces.population IS
      'Approximate 2024 population (reference data for per-100,000 indicators); replace with official GSO statistics'`);
    const population: Array<[number, number]> = [
      [1, 8_700_000], [4, 570_000], [8, 1_870_000], [11, 640_000], [12, 480_000], [14, 1_300_000],
      [15, 1_780_000], [19, 1_800_000], [20, 810_000], [22, 1_390_000], [24, 3_620_000], [25, 4_020_000],
      [31, 4_660_000], [33, 3_570_000], [37, 4_410_000], [38, 4_330_000], [40, 3_830_000], [42, 1_620_000],
      [44, 1_870_000], [46, 1_430_000], [48, 3_070_000], [51, 2_160_000], [52, 3_580_000], [56, 2_240_000],
      [66, 3_350_000], [68, 3_870_000], [75, 3_310_000], [79, 9_520_000], [80, 3_250_000], [82, 4_370_000],
      [86, 4_260_000], [91, 4_950_000], [92, 4_200_000], [96, 2_610_000],
      [74, 2_820_000], [77, 1_210_000], [70, 1_050_000],
    ];
    for (const [id, n] of population) {
      await q.query(`UPDATE provinces SET population = $2, population_year = 2024 WHERE id = $1`, [id, n]);
    }

    // ---- Catalogue -------------------------------------------------------------------------
    // kind: COUNT / SUM = the numerator itself; RATE = numerator ÷ denominator (0..1); AVERAGE =
    // numerator ÷ denominator in the unit; PER_100K = numerator ÷ (population ÷ 100,000).
    await q.query(`
      CREATE TABLE indicator_definitions (
        code text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]+$'),
        family text NOT NULL CHECK (family IN ('members', 'commissioning', 'tasks', 'activities')),
        kind text NOT NULL CHECK (kind IN ('COUNT', 'SUM', 'RATE', 'AVERAGE', 'PER_100K')),
        fact_code text NOT NULL,
        name text NOT NULL,
        name_en text NOT NULL,
        description text NOT NULL,
        unit text NOT NULL,
        numerator_label text,
        denominator_label text,
        higher_is_better boolean NOT NULL DEFAULT true,
        sort_order smallint NOT NULL UNIQUE
      )`);
    await q.query(`GRANT SELECT ON indicator_definitions TO stp_app`);
    type Def = [string, string, string, string, string, string, string, string, string | null, string | null, boolean];
    const defs: Def[] = [
      ['member_associations', 'members', 'COUNT', 'member_associations', 'Số hội thành viên đang hoạt động', 'Active member associations',
        'Member associations (hội thành viên) with status ACTIVE, founded by the end of the year.', 'associations', null, null, true],
      ['individual_members', 'members', 'COUNT', 'individual_members', 'Số hội viên cá nhân', 'Individual members',
        'Distinct people with an open membership at the end of the year (31/12); a person in two associations counts once.', 'people', null, null, true],
      ['collective_members', 'members', 'COUNT', 'collective_members', 'Số hội viên tập thể', 'Collective members',
        'Distinct organisations with an open membership at the end of the year.', 'organisations', null, null, true],
      ['young_intellectual_share', 'members', 'RATE', 'young_intellectual_share', 'Tỷ lệ trí thức trẻ', 'Share of young intellectuals',
        'Young intellectuals among individual members at the end of the year.', 'ratio (0–1)', 'young intellectuals (trí thức trẻ)', 'individual members (hội viên cá nhân)', true],
      ['individual_members_per_100k', 'members', 'PER_100K', 'individual_members', 'Hội viên cá nhân trên 100.000 dân', 'Individual members per 100,000 inhabitants',
        'Individual members at year end per 100,000 inhabitants (approximate 2024 population).', 'people per 100,000 inhabitants', 'individual members (hội viên cá nhân)', 'population ÷ 100,000 (dân số)', true],
      ['commissioning_requests', 'commissioning', 'COUNT', 'commissioning_requests', 'Số nhiệm vụ đặt hàng', 'Commissioning requests',
        'Research commissioning requests (đặt hàng nhiệm vụ KH&CN) of the year, in any stage.', 'requests', null, null, true],
      ['commissioning_budget_vnd', 'commissioning', 'SUM', 'commissioning_budget_vnd', 'Kinh phí đặt hàng', 'Commissioning budget',
        'Budget of the year\'s commissioning requests, except rejected and cancelled ones.', 'VND', null, null, true],
      ['acceptance_rate', 'commissioning', 'RATE', 'acceptance_rate', 'Tỷ lệ nghiệm thu đạt', 'Acceptance rate',
        'Requests accepted (nghiệm thu) with a passing rating, or later, among the year\'s requests that reached a decision (acceptance with any rating, or rejection).',
        'ratio (0–1)', 'accepted or later, not rated FAIL', 'accepted or later, or rejected', true],
      ['application_rate', 'commissioning', 'RATE', 'application_rate', 'Tỷ lệ ứng dụng kết quả', 'Application rate',
        'Requests whose results were applied to practice (ứng dụng vào thực tiễn) among the year\'s requests that reached acceptance or later.',
        'ratio (0–1)', 'applied (APPLIED)', 'accepted or later (ACCEPTED, RESULTS_REGISTERED, APPLIED)', true],
      ['avg_acceptance_delay_days', 'commissioning', 'AVERAGE', 'avg_acceptance_delay_days', 'Độ trễ nghiệm thu bình quân', 'Average acceptance delay',
        'Average of actual end − planned end of the year\'s accepted requests (negative = early).', 'days', 'sum of delays in days', 'accepted requests with both dates', false],
      ['tasks_completed', 'tasks', 'COUNT', 'tasks_completed', 'Số nhiệm vụ hoàn thành', 'Tasks completed',
        'Directive tasks (nhiệm vụ) completed in the year.', 'tasks', null, null, true],
      ['tasks_on_time_rate', 'tasks', 'RATE', 'tasks_on_time_rate', 'Tỷ lệ hoàn thành đúng hạn', 'On-time completion rate',
        'Tasks due in the year met by their due date: one-off deadlines (date, quarter) completed on or before it; yearly deadlines with a progress report between 1 January and the due day.',
        'ratio (0–1)', 'tasks met on or before the due date', 'tasks due in the year (not cancelled)', true],
      ['tasks_overdue', 'tasks', 'COUNT', 'tasks_overdue', 'Số nhiệm vụ quá hạn', 'Overdue tasks',
        'Open tasks past their due date at the end of the year, or today for the current year.', 'tasks', null, null, false],
      ['consultations', 'activities', 'COUNT', 'consultations', 'Số hoạt động tư vấn, phản biện', 'Consultations and social critiques',
        'Consultation (tư vấn) and social critique (phản biện xã hội) activities held in the year.', 'activities', null, null, true],
      ['consultation_acceptance_rate', 'activities', 'RATE', 'consultation_acceptance_rate', 'Tỷ lệ ý kiến tư vấn được tiếp thu', 'Consultation acceptance rate',
        'Consultations and critiques of the year whose advice was accepted or partly accepted, among those with a response (pending ones excluded).',
        'ratio (0–1)', 'accepted or partly accepted', 'with a response (accepted, partly accepted, rejected)', true],
      ['activities', 'activities', 'COUNT', 'activities', 'Số hoạt động', 'Activities',
        'All activities held in the year: workshops, contests, training, recognition, consultation, critique, dissemination.', 'activities', null, null, true],
      ['activities_per_100k', 'activities', 'PER_100K', 'activities', 'Hoạt động trên 100.000 dân', 'Activities per 100,000 inhabitants',
        'Activities of the year per 100,000 inhabitants (approximate 2024 population).', 'activities per 100,000 inhabitants', 'activities (hoạt động)', 'population ÷ 100,000 (dân số)', true],
      ['consultations_per_100k', 'activities', 'PER_100K', 'consultations', 'Tư vấn, phản biện trên 100.000 dân', 'Consultations per 100,000 inhabitants',
        'Consultations and critiques of the year per 100,000 inhabitants (approximate 2024 population).', 'activities per 100,000 inhabitants', 'consultations (tư vấn, phản biện)', 'population ÷ 100,000 (dân số)', true],
    ];
    let order = 0;
    for (const d of defs) {
      await q.query(`INSERT INTO indicator_definitions (code, family, kind, fact_code, name, name_en, description, unit,
        numerator_label, denominator_label, higher_is_better, sort_order) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [...d, ++order]);
    }

    // ---- Summary tables --------------------------------------------------------------------
    // Only non-zero figures are stored: a missing row reads as 0 ÷ 0.
    await q.query(`
      CREATE TABLE indicator_facts (
        province_id smallint NOT NULL REFERENCES provinces(id),
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        indicator_code text NOT NULL,
        numerator numeric NOT NULL DEFAULT 0,
        denominator numeric NOT NULL DEFAULT 0,
        PRIMARY KEY (province_id, year, indicator_code)
      )`);
    await q.query(`CREATE INDEX indicator_facts_year_idx ON indicator_facts (year, indicator_code)`);
    await q.query(`GRANT SELECT ON indicator_facts TO stp_app`);
    await enableTenantPolicies(q, 'indicator_facts');

    await q.query(`
      CREATE TABLE indicator_national (
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        indicator_code text NOT NULL,
        numerator numeric NOT NULL DEFAULT 0,
        denominator numeric NOT NULL DEFAULT 0,
        PRIMARY KEY (year, indicator_code)
      )`);
    await q.query(`GRANT SELECT ON indicator_national TO stp_app`);

    // The day (and so the year) the date-dependent figures were last computed for.
    await q.query(`CREATE TABLE indicator_refresh_state (id boolean PRIMARY KEY DEFAULT true CHECK (id), refreshed_on date NOT NULL)`);
    await q.query(`GRANT SELECT ON indicator_refresh_state TO stp_app`);

    // ---- Computation -----------------------------------------------------------------------
    // Figures of the given provinces for the given families, every year from 2000 to next year
    // (stock figures such as members need a horizon; the yearly refresh moves it).
    await q.query(`
      CREATE FUNCTION indicator_compute(p_provinces smallint[], p_families text[])
        RETURNS TABLE (province_id smallint, year smallint, indicator_code text, numerator numeric, denominator numeric)
        LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
      #variable_conflict use_column
      DECLARE
        today date := app_today();
        horizon int := extract(year FROM app_today())::int + 1;
      BEGIN
        IF 'members' = ANY(p_families) THEN
          RETURN QUERY
          SELECT a.province_id, y::smallint, 'member_associations'::text, count(*)::numeric, 0::numeric
          FROM member_associations a
          CROSS JOIN generate_series(greatest(2000, extract(year FROM coalesce(a.founded_on, DATE '2000-01-01'))::int), horizon) y
          WHERE a.province_id = ANY(p_provinces) AND a.deleted_at IS NULL AND a.status = 'ACTIVE'
          GROUP BY 1, 2;
          -- A person is a member at the end of year Y when a membership joined by 31/12 is still open
          -- after it: years year(joined_on) .. year(left_on) - 1. DISTINCT counts people, not memberships.
          RETURN QUERY
          WITH covered AS (
            SELECT DISTINCT m.province_id, m.id, m.kind, m.is_young_intellectual, y
            FROM members m
            JOIN memberships ms ON ms.member_id = m.id
            JOIN member_associations a ON a.id = ms.association_id AND a.deleted_at IS NULL
            CROSS JOIN generate_series(greatest(2000, extract(year FROM ms.joined_on)::int),
              least(horizon, coalesce(extract(year FROM ms.left_on)::int - 1, horizon))) y
            WHERE m.province_id = ANY(p_provinces) AND m.deleted_at IS NULL),
          agg AS (
            SELECT c.province_id, c.y, count(*) FILTER (WHERE c.kind = 'INDIVIDUAL') AS ind,
              count(*) FILTER (WHERE c.kind = 'COLLECTIVE') AS col,
              count(*) FILTER (WHERE c.kind = 'INDIVIDUAL' AND c.is_young_intellectual) AS young
            FROM covered c GROUP BY 1, 2)
          SELECT agg.province_id, agg.y::smallint, v.code, v.num, v.den
          FROM agg CROSS JOIN LATERAL (VALUES
            ('individual_members', agg.ind::numeric, 0::numeric),
            ('collective_members', agg.col::numeric, 0::numeric),
            ('young_intellectual_share', agg.young::numeric, agg.ind::numeric)) v(code, num, den);
        END IF;

        IF 'commissioning' = ANY(p_families) THEN
          RETURN QUERY
          WITH agg AS (
            SELECT r.province_id, r.year,
              count(*) AS requests,
              coalesce(sum(r.budget_vnd) FILTER (WHERE r.stage NOT IN ('REJECTED', 'CANCELLED')), 0) AS budget,
              count(*) FILTER (WHERE r.stage IN ('ACCEPTED', 'RESULTS_REGISTERED', 'APPLIED') AND r.acceptance_rating IS DISTINCT FROM 'FAIL') AS passed,
              count(*) FILTER (WHERE r.stage IN ('ACCEPTED', 'RESULTS_REGISTERED', 'APPLIED', 'REJECTED')) AS decided,
              count(*) FILTER (WHERE r.stage IN ('ACCEPTED', 'RESULTS_REGISTERED', 'APPLIED')) AS accepted,
              count(*) FILTER (WHERE r.stage = 'APPLIED') AS applied,
              coalesce(sum(r.actual_end - r.planned_end) FILTER (WHERE r.stage IN ('ACCEPTED', 'RESULTS_REGISTERED', 'APPLIED')
                AND r.actual_end IS NOT NULL AND r.planned_end IS NOT NULL), 0) AS delay_sum,
              count(*) FILTER (WHERE r.stage IN ('ACCEPTED', 'RESULTS_REGISTERED', 'APPLIED')
                AND r.actual_end IS NOT NULL AND r.planned_end IS NOT NULL) AS delay_n
            FROM commissioning_requests r
            WHERE r.province_id = ANY(p_provinces) AND r.deleted_at IS NULL
            GROUP BY 1, 2)
          SELECT agg.province_id, agg.year, v.code, v.num, v.den
          FROM agg CROSS JOIN LATERAL (VALUES
            ('commissioning_requests', agg.requests::numeric, 0::numeric),
            ('commissioning_budget_vnd', agg.budget::numeric, 0::numeric),
            ('acceptance_rate', agg.passed::numeric, agg.decided::numeric),
            ('application_rate', agg.applied::numeric, agg.accepted::numeric),
            ('avg_acceptance_delay_days', agg.delay_sum::numeric, agg.delay_n::numeric)) v(code, num, den);
        END IF;

        IF 'tasks' = ANY(p_families) THEN
          -- One row per time a task is due: one-off deadlines once, yearly ones every year from the
          -- directive's year to this year. Cancelled and deleted tasks are not due.
          RETURN QUERY
          WITH t AS (
            SELECT t.*, extract(year FROM coalesce(d.issued_on, t.created_at::date))::int AS start_year
            FROM directive_tasks t JOIN directives d ON d.id = t.directive_id
            WHERE t.province_id = ANY(p_provinces) AND t.deleted_at IS NULL AND d.deleted_at IS NULL AND t.status <> 'CANCELLED'),
          due AS (
            SELECT t.id, t.province_id, t.deadline_kind, t.completed_on,
              task_due_on(t.deadline_kind, t.deadline_date, t.deadline_year, t.deadline_quarter, t.deadline_month, t.deadline_day, NULL) AS due_on
            FROM t WHERE t.deadline_kind IN ('DATE', 'QUARTER')
            UNION ALL
            SELECT t.id, t.province_id, t.deadline_kind, t.completed_on,
              task_due_on(t.deadline_kind, t.deadline_date, t.deadline_year, t.deadline_quarter, t.deadline_month, t.deadline_day, make_date(y, 1, 1))
            FROM t CROSS JOIN generate_series(greatest(2000, t.start_year), extract(year FROM today)::int) y
            WHERE t.deadline_kind = 'YEARLY'),
          met AS (
            SELECT due.*, CASE WHEN due.deadline_kind = 'YEARLY' THEN EXISTS (
                SELECT 1 FROM task_progress_reports r WHERE r.task_id = due.id
                  AND r.reported_on BETWEEN make_date(extract(year FROM due.due_on)::int, 1, 1) AND due.due_on)
              ELSE due.completed_on IS NOT NULL AND due.completed_on <= due.due_on END AS on_time
            FROM due WHERE extract(year FROM due.due_on) BETWEEN 2000 AND 2100),
          -- Overdue as of 31/12 of year Y, or today for the current year: a one-off task from its due
          -- year until completed; a yearly task in the year of an occurrence not met.
          overdue AS (
            SELECT met.province_id, y AS year, count(*) AS n
            FROM met CROSS JOIN generate_series(extract(year FROM met.due_on)::int,
              CASE WHEN met.deadline_kind = 'YEARLY' THEN extract(year FROM met.due_on)::int ELSE extract(year FROM today)::int END) y
            CROSS JOIN LATERAL (SELECT least(make_date(y, 12, 31), today) AS as_of) a
            WHERE met.due_on < a.as_of AND (CASE WHEN met.deadline_kind = 'YEARLY' THEN NOT met.on_time
              ELSE met.completed_on IS NULL OR met.completed_on > a.as_of END)
            GROUP BY 1, 2),
          rates AS (
            SELECT met.province_id, extract(year FROM met.due_on)::int AS year, count(*) FILTER (WHERE met.on_time) AS on_time, count(*) AS due
            FROM met GROUP BY 1, 2),
          completed AS (
            SELECT t.province_id, extract(year FROM t.completed_on)::int AS year, count(*) AS n
            FROM t WHERE t.status = 'COMPLETED' AND extract(year FROM t.completed_on) BETWEEN 2000 AND 2100 GROUP BY 1, 2)
          SELECT rates.province_id, rates.year::smallint, 'tasks_on_time_rate'::text, rates.on_time::numeric, rates.due::numeric FROM rates
          UNION ALL SELECT overdue.province_id, overdue.year::smallint, 'tasks_overdue', overdue.n::numeric, 0::numeric FROM overdue
          UNION ALL SELECT completed.province_id, completed.year::smallint, 'tasks_completed', completed.n::numeric, 0::numeric FROM completed;
        END IF;

        IF 'activities' = ANY(p_families) THEN
          RETURN QUERY
          WITH agg AS (
            SELECT a.province_id, extract(year FROM a.held_on)::int AS year, count(*) AS n,
              count(*) FILTER (WHERE a.kind IN ('CONSULTATION', 'SOCIAL_CRITIQUE')) AS consultations,
              count(*) FILTER (WHERE a.kind IN ('CONSULTATION', 'SOCIAL_CRITIQUE') AND a.response IN ('ACCEPTED', 'PARTLY_ACCEPTED')) AS taken,
              count(*) FILTER (WHERE a.kind IN ('CONSULTATION', 'SOCIAL_CRITIQUE') AND a.response IN ('ACCEPTED', 'PARTLY_ACCEPTED', 'REJECTED')) AS answered
            FROM activities a
            WHERE a.province_id = ANY(p_provinces) AND a.deleted_at IS NULL AND extract(year FROM a.held_on) BETWEEN 2000 AND 2100
            GROUP BY 1, 2)
          SELECT agg.province_id, agg.year::smallint, v.code, v.num, v.den
          FROM agg CROSS JOIN LATERAL (VALUES
            ('activities', agg.n::numeric, 0::numeric),
            ('consultations', agg.consultations::numeric, 0::numeric),
            ('consultation_acceptance_rate', agg.taken::numeric, agg.answered::numeric)) v(code, num, den);
        END IF;
      END $$`);

    // Replaces the facts of the given provinces and families, moving the national totals by the
    // difference (old rows subtracted, new rows added): other provinces are never read.
    await q.query(`
      CREATE FUNCTION indicator_recompute(p_provinces smallint[], p_families text[]) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF p_provinces IS NULL OR cardinality(p_provinces) = 0 THEN RETURN; END IF;
        WITH old AS (
          DELETE FROM indicator_facts f
          WHERE f.province_id = ANY(p_provinces)
            AND f.indicator_code IN (SELECT d.fact_code FROM indicator_definitions d WHERE d.family = ANY(p_families))
          RETURNING f.year, f.indicator_code, f.numerator, f.denominator)
        INSERT INTO indicator_national AS n (year, indicator_code, numerator, denominator)
        SELECT old.year, old.indicator_code, -sum(old.numerator), -sum(old.denominator) FROM old
        GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (year, indicator_code) DO UPDATE
          SET numerator = n.numerator + excluded.numerator, denominator = n.denominator + excluded.denominator;
        WITH fresh AS (
          INSERT INTO indicator_facts (province_id, year, indicator_code, numerator, denominator)
          SELECT c.province_id, c.year, c.indicator_code, c.numerator, c.denominator
          FROM indicator_compute(p_provinces, p_families) c
          WHERE c.numerator <> 0 OR c.denominator <> 0
          RETURNING year, indicator_code, numerator, denominator)
        INSERT INTO indicator_national AS n (year, indicator_code, numerator, denominator)
        SELECT fresh.year, fresh.indicator_code, sum(fresh.numerator), sum(fresh.denominator) FROM fresh
        GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (year, indicator_code) DO UPDATE
          SET numerator = n.numerator + excluded.numerator, denominator = n.denominator + excluded.denominator;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION indicator_recompute(smallint[], text[]) FROM PUBLIC`);

    // Statement-level triggers: one recompute per statement for the provinces it touched.
    await q.query(`
      CREATE FUNCTION indicator_families_of(t name) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE t
          WHEN 'member_associations' THEN ARRAY['members']
          WHEN 'members' THEN ARRAY['members']
          WHEN 'memberships' THEN ARRAY['members']
          WHEN 'commissioning_requests' THEN ARRAY['commissioning']
          WHEN 'directives' THEN ARRAY['tasks']
          WHEN 'directive_tasks' THEN ARRAY['tasks']
          WHEN 'task_progress_reports' THEN ARRAY['tasks']
          WHEN 'activities' THEN ARRAY['activities']
        END $$`);
    await q.query(`
      CREATE FUNCTION indicator_after_insert() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        PERFORM indicator_recompute(ARRAY(SELECT DISTINCT province_id FROM new_rows), indicator_families_of(TG_TABLE_NAME));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION indicator_after_update() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        PERFORM indicator_recompute(ARRAY(SELECT province_id FROM new_rows UNION SELECT province_id FROM old_rows),
          indicator_families_of(TG_TABLE_NAME));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION indicator_after_delete() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        PERFORM indicator_recompute(ARRAY(SELECT DISTINCT province_id FROM old_rows), indicator_families_of(TG_TABLE_NAME));
        RETURN NULL;
      END $$`);
    for (const t of INDICATOR_SOURCE_TABLES) {
      await q.query(`CREATE TRIGGER ${t}_indicators_ins AFTER INSERT ON ${t}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_after_insert()`);
      await q.query(`CREATE TRIGGER ${t}_indicators_upd AFTER UPDATE ON ${t}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_after_update()`);
      await q.query(`CREATE TRIGGER ${t}_indicators_del AFTER DELETE ON ${t}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_after_delete()`);
    }

    // Once a day the "today" figures move (overdue tasks); once a year the horizon moves too.
    // Every province is recomputed, so the settings are widened to every province for the call
    // (a no-op for a superuser owner, needed where the owner is subject to the forced RLS).
    await q.query(`
      CREATE FUNCTION indicator_refresh() RETURNS boolean
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        last date;
        saved text[];
        everyone smallint[];
      BEGIN
        SELECT refreshed_on INTO last FROM indicator_refresh_state;
        IF last = app_today() THEN RETURN false; END IF;
        SELECT refreshed_on INTO last FROM indicator_refresh_state FOR UPDATE;
        IF last = app_today() THEN RETURN false; END IF;
        saved := ARRAY[current_setting('app.province_ids', true), current_setting('app.can_write', true), current_setting('app.read_all', true)];
        everyone := ARRAY(SELECT id FROM provinces ORDER BY id);
        PERFORM set_config('app.province_ids', array_to_string(everyone, ','), true);
        PERFORM set_config('app.can_write', 'on', true);
        PERFORM set_config('app.read_all', 'on', true);
        PERFORM indicator_recompute(everyone, CASE WHEN last IS NULL OR extract(year FROM last) <> extract(year FROM app_today())
          THEN ARRAY['members', 'commissioning', 'tasks', 'activities'] ELSE ARRAY['tasks'] END);
        UPDATE indicator_refresh_state SET refreshed_on = app_today();
        PERFORM set_config('app.province_ids', coalesce(saved[1], ''), true);
        PERFORM set_config('app.can_write', coalesce(saved[2], ''), true);
        PERFORM set_config('app.read_all', coalesce(saved[3], ''), true);
        RETURN true;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION indicator_refresh() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION indicator_refresh() TO stp_app`);

    // Facts for the data already present (the migration runs as the owner).
    await q.query(`INSERT INTO indicator_refresh_state (refreshed_on) VALUES (DATE '2000-01-01')`);
    await q.query(`SELECT indicator_refresh()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of INDICATOR_SOURCE_TABLES) {
      for (const s of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER IF EXISTS ${t}_indicators_${s} ON ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS indicator_refresh(), indicator_after_insert(), indicator_after_update(),
      indicator_after_delete(), indicator_families_of(name), indicator_recompute(smallint[], text[]), indicator_compute(smallint[], text[])`);
    await q.query(`DROP TABLE IF EXISTS indicator_refresh_state, indicator_national, indicator_facts, indicator_definitions`);
    await q.query(`ALTER TABLE provinces DROP COLUMN IF EXISTS population_year, DROP COLUMN IF EXISTS population`);
  }
}

/** Base tables whose writes change indicator figures. */
const INDICATOR_SOURCE_TABLES = ['member_associations', 'members', 'memberships', 'commissioning_requests', 'directives',
  'directive_tasks', 'task_progress_reports', 'activities'];
