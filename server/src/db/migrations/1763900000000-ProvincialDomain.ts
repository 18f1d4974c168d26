import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantPolicies } from '../tenant-policies';

/**
 * The provincial domain: agencies, members and memberships, directives with their numbered tasks
 * and progress reports, research commissioning with its stage history, and activities; plus the
 * shared reference data they cite (national documents, research areas).
 * Every province-owned table: province_id, forced RLS with a policy per command (CONVENTIONS.md).
 */
export class ProvincialDomain1763900000000 implements MigrationInterface {
  name = 'ProvincialDomain1763900000000';

  async up(q: QueryRunner): Promise<void> {
    // "Today" for deadlines: the date in Vietnam (whatever the server's time zone), unless the
    // request asks "as of" another day.
    await q.query(`
      CREATE FUNCTION app_today() RETURNS date LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT COALESCE(app_setting('app.as_of')::date, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_today() TO stp_app`);

    // ---- Reference data shared by every province -------------------------------------------
    await q.query(`
      CREATE TABLE research_areas (
        id smallint PRIMARY KEY,
        code text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('FIELD', 'PRIORITY')),
        name text NOT NULL,
        name_en text NOT NULL,
        parent_id smallint REFERENCES research_areas(id)
      )`);
    await q.query(`GRANT SELECT ON research_areas TO stp_app`);
    const areas: Array<[number, string, 'FIELD' | 'PRIORITY', string, string]> = [
      // National classification of S&T fields (Quyết định 12/2008/QĐ-BKHCN, level 1).
      [1, '1', 'FIELD', 'Khoa học tự nhiên', 'Natural sciences'],
      [2, '2', 'FIELD', 'Khoa học kỹ thuật và công nghệ', 'Engineering and technology'],
      [3, '3', 'FIELD', 'Khoa học y, dược', 'Medical and health sciences'],
      [4, '4', 'FIELD', 'Khoa học nông nghiệp', 'Agricultural sciences'],
      [5, '5', 'FIELD', 'Khoa học xã hội', 'Social sciences'],
      [6, '6', 'FIELD', 'Khoa học nhân văn', 'Humanities'],
      // Priority research needs named in Kết luận 463-KL/TU and the 2025 documents.
      [101, 'P-WASTE', 'PRIORITY', 'Xử lý chất thải', 'Waste treatment'],
      [102, 'P-RIVER', 'PRIORITY', 'Bảo vệ sông và nguồn nước', 'River protection'],
      [103, 'P-GREEN', 'PRIORITY', 'Cây xanh đô thị', 'Urban greening'],
      [104, 'P-HUMAN', 'PRIORITY', 'Phát triển con người', 'Human development'],
      [105, 'P-GREENECO', 'PRIORITY', 'Kinh tế xanh', 'Green economy'],
      [106, 'P-DIGITAL', 'PRIORITY', 'Kinh tế số, chuyển đổi số', 'Digital economy and transformation'],
      [107, 'P-CIRCULAR', 'PRIORITY', 'Kinh tế tuần hoàn', 'Circular economy'],
    ];
    for (const a of areas) await q.query(`INSERT INTO research_areas (id, code, kind, name, name_en) VALUES ($1, $2, $3, $4, $5)`, a);

    await q.query(`
      CREATE TABLE reference_documents (
        id smallint PRIMARY KEY,
        number_symbol text NOT NULL UNIQUE,
        doc_type text NOT NULL,
        issuer text NOT NULL,
        issued_on date NOT NULL,
        subject text NOT NULL
      )`);
    await q.query(`GRANT SELECT ON reference_documents TO stp_app`);
    const refs: Array<[number, string, string, string, string, string]> = [
      [1, '57-NQ/TW', 'RESOLUTION', 'Bộ Chính trị', '2024-12-22', 'Đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia'],
      [2, '03/NQ-CP', 'RESOLUTION', 'Chính phủ', '2025-01-09', 'Chương trình hành động thực hiện Nghị quyết 57-NQ/TW'],
      [3, '45-NQ/TW', 'RESOLUTION', 'Ban Chấp hành Trung ương', '2023-11-24', 'Tiếp tục xây dựng và phát huy vai trò của đội ngũ trí thức đáp ứng yêu cầu phát triển đất nước nhanh và bền vững'],
      [4, '20-KH/TW', 'PLAN', 'Bộ Chính trị', '2023-11-28', 'Kế hoạch thực hiện Nghị quyết 45-NQ/TW'],
      [5, '9958-CV/BTGTW', 'OFFICIAL_LETTER', 'Ban Tuyên giáo Trung ương', '2024-11-08', 'Hướng dẫn về hoạt động của Liên hiệp các Hội Khoa học và Kỹ thuật'],
      [6, '42-CT/TW', 'DIRECTIVE', 'Bộ Chính trị', '2010-04-16', 'Nâng cao chất lượng toàn diện hoạt động của Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam'],
      [7, '93-KL/TW', 'CONCLUSION', 'Bộ Chính trị', '2020-11-20', 'Tiếp tục thực hiện Chỉ thị 42-CT/TW'],
      [8, '14/2014/QĐ-TTg', 'DECISION', 'Thủ tướng Chính phủ', '2014-02-14', 'Hoạt động tư vấn, phản biện và giám định xã hội của Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam'],
    ];
    for (const r of refs) await q.query(`INSERT INTO reference_documents (id, number_symbol, doc_type, issuer, issued_on, subject) VALUES ($1, $2, $3, $4, $5, $6)`, r);

    // ---- Agencies --------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE agencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        parent_id uuid REFERENCES agencies(id),
        kind text NOT NULL CHECK (kind IN ('PARTY_COMMITTEE', 'PARTY_BOARD', 'PEOPLES_COMMITTEE', 'DEPARTMENT',
          'DIVISION', 'CENTRE', 'LOCAL_COMMITTEE', 'UNION', 'FATHERLAND_FRONT', 'PRESS', 'UNIVERSITY', 'ENTERPRISE', 'OTHER')),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 300),
        short_name text CHECK (length(short_name) <= 60),
        search_text text GENERATED ALWAYS AS (app_fold(name || ' ' || coalesce(short_name, ''))) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CHECK (parent_id IS DISTINCT FROM id)
      )`);
    await q.query(`CREATE UNIQUE INDEX agencies_name_key ON agencies (province_id, lower(name)) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX agencies_parent_idx ON agencies (province_id, parent_id)`);
    await q.query(`CREATE INDEX agencies_search_idx ON agencies USING gin (search_text gin_trgm_ops)`);

    // ---- Members and memberships -----------------------------------------------------------
    await q.query(`
      CREATE TABLE members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        kind text NOT NULL CHECK (kind IN ('INDIVIDUAL', 'COLLECTIVE')),
        full_name text NOT NULL CHECK (length(btrim(full_name)) BETWEEN 2 AND 300),
        academic_title text CHECK (academic_title IN ('GS', 'PGS')),
        degree text CHECK (degree IN ('TSKH', 'TS', 'THS', 'CKII', 'CKI', 'DH', 'CD', 'OTHER')),
        field text CHECK (length(field) <= 200),
        workplace text CHECK (length(workplace) <= 300),
        birth_year smallint CHECK (birth_year BETWEEN 1900 AND 2100),
        is_young_intellectual boolean NOT NULL DEFAULT false,
        in_enterprise boolean NOT NULL DEFAULT false,
        email text CHECK (length(email) <= 200),
        phone text CHECK (length(phone) <= 40),
        is_synthetic boolean NOT NULL DEFAULT false,
        search_text text GENERATED ALWAYS AS (app_fold(full_name || ' ' || coalesce(field, '') || ' ' || coalesce(workplace, ''))) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CHECK (kind = 'INDIVIDUAL' OR (academic_title IS NULL AND degree IS NULL AND NOT is_young_intellectual))
      )`);
    await q.query(`CREATE INDEX members_province_idx ON members (province_id, kind) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX members_search_idx ON members USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        member_id uuid NOT NULL REFERENCES members(id),
        association_id uuid NOT NULL REFERENCES member_associations(id),
        joined_on date NOT NULL,
        left_on date,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (left_on IS NULL OR left_on >= joined_on)
      )`);
    // One open membership per member and association at a time.
    await q.query(`CREATE UNIQUE INDEX memberships_open_key ON memberships (member_id, association_id) WHERE left_on IS NULL`);
    await q.query(`CREATE INDEX memberships_association_idx ON memberships (province_id, association_id, member_id)`);
    await q.query(`CREATE INDEX memberships_member_idx ON memberships (member_id)`);

    // ---- Directives (văn bản chỉ đạo) and their tasks --------------------------------------
    await q.query(`
      CREATE TABLE directives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        system text NOT NULL CHECK (system IN ('STATE', 'PARTY')),
        doc_type text NOT NULL CHECK (doc_type IN ('CONCLUSION', 'OFFICIAL_LETTER', 'PLAN', 'RESOLUTION', 'DIRECTIVE', 'DECISION', 'REPORT', 'PROPOSAL')),
        number integer CHECK (number > 0),
        symbol text NOT NULL CHECK (length(symbol) BETWEEN 1 AND 60),
        number_symbol text GENERATED ALWAYS AS (
          CASE WHEN number IS NULL THEN '/' || symbol
               WHEN system = 'PARTY' THEN number::text || '-' || symbol
               ELSE number::text || '/' || symbol END) STORED,
        issuer_agency_id uuid NOT NULL REFERENCES agencies(id),
        issued_on date,
        party_term text CHECK (party_term ~ '^[0-9]{4}[–-][0-9]{4}$'),
        subject text NOT NULL CHECK (length(btrim(subject)) BETWEEN 2 AND 1000),
        signer text CHECK (length(signer) <= 200),
        recipients text[] NOT NULL DEFAULT '{}',
        summary text,
        search_text text GENERATED ALWAYS AS (app_fold(
          coalesce(number::text, '') || '-' || symbol || ' ' || coalesce(number::text, '') || '/' || symbol || ' ' || subject)) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        -- A cited document may be known only by its number, without a date: issued_on stays optional.
        CHECK (system = 'STATE' OR number IS NULL OR party_term IS NOT NULL)
      )`);
    // State documents: numbers restart each calendar year per issuer (Nghị định 30/2020/NĐ-CP).
    await q.query(`CREATE UNIQUE INDEX directives_state_number_key ON directives
      (province_id, issuer_agency_id, (extract(year FROM issued_on)), number)
      WHERE system = 'STATE' AND number IS NOT NULL AND deleted_at IS NULL`);
    // Party documents: numbers run over a committee term, per type (Hướng dẫn 36-HD/VPTW).
    await q.query(`CREATE UNIQUE INDEX directives_party_number_key ON directives
      (province_id, issuer_agency_id, party_term, doc_type, number)
      WHERE system = 'PARTY' AND number IS NOT NULL AND deleted_at IS NULL`);
    await q.query(`CREATE INDEX directives_province_idx ON directives (province_id, issued_on DESC)`);
    await q.query(`CREATE INDEX directives_search_idx ON directives USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE directive_citations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        directive_id uuid NOT NULL REFERENCES directives(id) ON DELETE CASCADE,
        cited_directive_id uuid REFERENCES directives(id),
        cited_reference_id smallint REFERENCES reference_documents(id),
        CHECK ((cited_directive_id IS NULL) <> (cited_reference_id IS NULL)),
        CHECK (cited_directive_id IS DISTINCT FROM directive_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX directive_citations_key ON directive_citations
      (directive_id, coalesce(cited_directive_id::text, ''), coalesce(cited_reference_id, 0))`);

    await q.query(`
      CREATE TABLE directive_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        directive_id uuid NOT NULL REFERENCES directives(id),
        seq smallint NOT NULL CHECK (seq > 0),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 2 AND 500),
        content text,
        lead_agency_id uuid NOT NULL REFERENCES agencies(id),
        deadline_kind text NOT NULL DEFAULT 'NONE' CHECK (deadline_kind IN ('NONE', 'DATE', 'QUARTER', 'YEARLY')),
        deadline_date date,
        deadline_year smallint,
        deadline_quarter smallint CHECK (deadline_quarter BETWEEN 1 AND 4),
        deadline_month smallint CHECK (deadline_month BETWEEN 1 AND 12),
        deadline_day smallint CHECK (deadline_day BETWEEN 1 AND 31),
        status text NOT NULL DEFAULT 'NOT_STARTED' CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
        completed_on date,
        search_text text GENERATED ALWAYS AS (app_fold(title || ' ' || coalesce(content, ''))) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CHECK (CASE deadline_kind
          WHEN 'NONE' THEN deadline_date IS NULL AND deadline_quarter IS NULL AND deadline_month IS NULL
          WHEN 'DATE' THEN deadline_date IS NOT NULL AND deadline_quarter IS NULL AND deadline_month IS NULL
          WHEN 'QUARTER' THEN deadline_year IS NOT NULL AND deadline_quarter IS NOT NULL AND deadline_date IS NULL AND deadline_month IS NULL
          WHEN 'YEARLY' THEN deadline_month IS NOT NULL AND deadline_day IS NOT NULL AND deadline_date IS NULL AND deadline_quarter IS NULL
        END),
        CHECK ((status = 'COMPLETED') = (completed_on IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX directive_tasks_seq_key ON directive_tasks (directive_id, seq) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX directive_tasks_lead_idx ON directive_tasks (province_id, lead_agency_id)`);
    await q.query(`CREATE INDEX directive_tasks_directive_idx ON directive_tasks (directive_id, seq)`);
    await q.query(`CREATE INDEX directive_tasks_search_idx ON directive_tasks USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE directive_task_coordinators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        task_id uuid NOT NULL REFERENCES directive_tasks(id) ON DELETE CASCADE,
        agency_id uuid NOT NULL REFERENCES agencies(id),
        UNIQUE (task_id, agency_id)
      )`);
    await q.query(`CREATE INDEX directive_task_coordinators_agency_idx ON directive_task_coordinators (province_id, agency_id)`);

    await q.query(`
      CREATE TABLE task_progress_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        task_id uuid NOT NULL REFERENCES directive_tasks(id),
        reported_on date NOT NULL,
        percent smallint NOT NULL CHECK (percent BETWEEN 0 AND 100),
        text text NOT NULL CHECK (length(btrim(text)) >= 2),
        reporter text NOT NULL CHECK (length(btrim(reporter)) >= 2),
        attachment_names text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX task_progress_reports_task_idx ON task_progress_reports (task_id, reported_on DESC)`);

    // The deadline a task must meet as of a day: a date, the last day of a quarter, or this year's
    // occurrence of a yearly day (15/11 every year). Computed here so every client agrees.
    await q.query(`
      CREATE FUNCTION task_due_on(kind text, d date, y smallint, qtr smallint, m smallint, dd smallint, as_of date)
        RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE kind
          WHEN 'DATE' THEN d
          WHEN 'QUARTER' THEN (make_date(y, qtr * 3, 1) + interval '1 month' - interval '1 day')::date
          WHEN 'YEARLY' THEN make_date(extract(year FROM as_of)::int, m, least(dd::int,
            extract(day FROM make_date(extract(year FROM as_of)::int, m, 1) + interval '1 month' - interval '1 day')::int))
        END $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION task_due_on(text, date, smallint, smallint, smallint, smallint, date) TO stp_app`);
    // Timing of every task as of app_today(): due date, overdue, days late. security_invoker keeps
    // the caller's RLS on the tables underneath.
    await q.query(`
      CREATE VIEW directive_task_timing WITH (security_invoker = true) AS
      SELECT t.id AS task_id, t.province_id, due.due_on,
        CASE
          WHEN due.due_on IS NULL OR t.status = 'CANCELLED' THEN false
          WHEN t.deadline_kind = 'YEARLY' THEN due.due_on < app_today() AND NOT EXISTS (
            SELECT 1 FROM task_progress_reports r WHERE r.task_id = t.id
              AND r.reported_on BETWEEN make_date(extract(year FROM due.due_on)::int, 1, 1) AND due.due_on)
          WHEN t.status = 'COMPLETED' THEN false
          ELSE due.due_on < app_today()
        END AS is_overdue,
        CASE
          WHEN due.due_on IS NULL OR t.status = 'CANCELLED' THEN 0
          WHEN t.deadline_kind = 'YEARLY' AND EXISTS (
            SELECT 1 FROM task_progress_reports r WHERE r.task_id = t.id
              AND r.reported_on BETWEEN make_date(extract(year FROM due.due_on)::int, 1, 1) AND due.due_on) THEN 0
          WHEN t.status = 'COMPLETED' AND t.deadline_kind <> 'YEARLY' THEN greatest(t.completed_on - due.due_on, 0)
          ELSE greatest(app_today() - due.due_on, 0)
        END AS days_late
      FROM directive_tasks t
      CROSS JOIN LATERAL (SELECT task_due_on(t.deadline_kind, t.deadline_date, t.deadline_year, t.deadline_quarter,
        t.deadline_month, t.deadline_day, app_today()) AS due_on) due`);
    await q.query(`GRANT SELECT ON directive_task_timing TO stp_app`);

    // ---- Research commissioning (đặt hàng) -------------------------------------------------
    await q.query(`
      CREATE TABLE commissioning_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        code text CHECK (length(code) <= 60),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 2 AND 500),
        objectives text,
        requesting_agency_id uuid NOT NULL REFERENCES agencies(id),
        research_area_id smallint NOT NULL REFERENCES research_areas(id),
        assignee_kind text CHECK (assignee_kind IN ('UNION', 'ASSOCIATION')),
        assigned_association_id uuid REFERENCES member_associations(id),
        principal_investigator text CHECK (length(principal_investigator) <= 200),
        budget_vnd bigint NOT NULL DEFAULT 0 CHECK (budget_vnd >= 0),
        stage text NOT NULL DEFAULT 'PROPOSED' CHECK (stage IN ('PROPOSED', 'DETERMINED', 'SELECTED', 'DIRECTLY_ASSIGNED',
          'APPRAISED', 'CONTRACTED', 'IN_PROGRESS', 'ACCEPTED', 'RESULTS_REGISTERED', 'APPLIED', 'REJECTED', 'CANCELLED', 'SUSPENDED')),
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        planned_start date,
        planned_end date,
        actual_start date,
        actual_end date,
        acceptance_rating text CHECK (acceptance_rating IN ('EXCELLENT', 'GOOD', 'PASS', 'FAIL')),
        registration_number text CHECK (length(registration_number) <= 60),
        adopting_agency_id uuid REFERENCES agencies(id),
        application_note text,
        is_synthetic boolean NOT NULL DEFAULT false,
        search_text text GENERATED ALWAYS AS (app_fold(coalesce(code, '') || ' ' || title)) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CHECK (assignee_kind = 'ASSOCIATION' OR assigned_association_id IS NULL),
        CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
        CHECK (actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start)
      )`);
    await q.query(`CREATE INDEX commissioning_requests_stage_idx ON commissioning_requests (province_id, stage, year)`);
    await q.query(`CREATE INDEX commissioning_requests_association_idx ON commissioning_requests (assigned_association_id)`);
    await q.query(`CREATE INDEX commissioning_requests_search_idx ON commissioning_requests USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE commissioning_transitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        request_id uuid NOT NULL REFERENCES commissioning_requests(id),
        from_stage text NOT NULL,
        to_stage text NOT NULL,
        happened_on date NOT NULL,
        reason text NOT NULL CHECK (length(btrim(reason)) >= 2),
        actor_id uuid REFERENCES users(id),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX commissioning_transitions_request_idx ON commissioning_transitions (request_id, at)`);

    await q.query(`
      CREATE TABLE commissioning_checks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        request_id uuid NOT NULL REFERENCES commissioning_requests(id),
        checked_on date NOT NULL,
        result text NOT NULL CHECK (result IN ('ON_TRACK', 'DELAYED', 'ADJUSTED', 'AT_RISK')),
        note text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX commissioning_checks_request_idx ON commissioning_checks (request_id, checked_on)`);

    // ---- Activities ------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        kind text NOT NULL CHECK (kind IN ('WORKSHOP', 'CONTEST', 'TRAINING', 'RECOGNITION', 'CONSULTATION', 'SOCIAL_CRITIQUE', 'DISSEMINATION')),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 2 AND 500),
        held_on date NOT NULL,
        organizer_association_id uuid REFERENCES member_associations(id),
        directive_task_id uuid REFERENCES directive_tasks(id),
        participants integer CHECK (participants >= 0),
        draft_title text,
        drafting_agency_id uuid REFERENCES agencies(id),
        response text CHECK (response IN ('PENDING', 'ACCEPTED', 'PARTLY_ACCEPTED', 'REJECTED')),
        note text,
        search_text text GENERATED ALWAYS AS (app_fold(title || ' ' || coalesce(draft_title, ''))) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CHECK (kind IN ('CONSULTATION', 'SOCIAL_CRITIQUE') OR (draft_title IS NULL AND drafting_agency_id IS NULL AND response IS NULL))
      )`);
    await q.query(`CREATE INDEX activities_province_idx ON activities (province_id, held_on DESC)`);
    await q.query(`CREATE INDEX activities_task_idx ON activities (directive_task_id)`);
    await q.query(`CREATE INDEX activities_search_idx ON activities USING gin (search_text gin_trgm_ops)`);

    const tables = ['agencies', 'members', 'memberships', 'directives', 'directive_citations', 'directive_tasks',
      'directive_task_coordinators', 'task_progress_reports', 'commissioning_requests', 'commissioning_transitions',
      'commissioning_checks', 'activities'];
    for (const t of tables) {
      await enableTenantPolicies(q, t);
    }
    // Soft-deleted tables get no DELETE right; link tables that are rewritten as a whole do.
    await q.query(`GRANT SELECT, INSERT, UPDATE ON agencies, members, memberships, directives, directive_tasks,
      task_progress_reports, commissioning_requests, commissioning_checks, activities TO stp_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON directive_citations, directive_task_coordinators TO stp_app`);
    await q.query(`GRANT SELECT, INSERT ON commissioning_transitions TO stp_app`);
    await q.query(`CREATE INDEX audit_log_province_at_idx ON audit_log (province_id, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS audit_log_province_at_idx`);
    await q.query(`DROP VIEW IF EXISTS directive_task_timing`);
    await q.query(`DROP TABLE IF EXISTS activities, commissioning_checks, commissioning_transitions, commissioning_requests,
      task_progress_reports, directive_task_coordinators, directive_tasks, directive_citations, directives,
      memberships, members, agencies, reference_documents, research_areas`);
    await q.query(`DROP FUNCTION IF EXISTS task_due_on(text, date, smallint, smallint, smallint, smallint, date), app_today()`);
  }
}
