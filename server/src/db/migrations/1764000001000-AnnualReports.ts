import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables whose rows belong to a year, with the columns that say which: a row is locked when any of
 * them falls in a submitted year (before or after the change). directive_tasks.deadline_date is set
 * only for DATE deadlines (a CHECK of that table), so naming the column is enough.
 */
const LOCKED_TABLES: Array<[string, string[]]> = [
  ['commissioning_requests', ['year']],
  ['commissioning_transitions', ['happened_on']],
  ['commissioning_checks', ['checked_on']],
  ['activities', ['held_on']],
  ['directive_tasks', ['completed_on', 'deadline_date']],
  ['task_progress_reports', ['reported_on']],
  ['memberships', ['joined_on', 'left_on']],
  ['directives', ['issued_on']],
];

/**
 * Annual reports ("báo cáo trước 15/11 hằng năm"): a province prepares its yearly report from the
 * live figures, reviews and submits it; the submitted figures are kept as a snapshot, and a
 * submitted year is locked until the admin reopens it (audited).
 */
export class AnnualReports1764000001000 implements MigrationInterface {
  name = 'AnnualReports1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE annual_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SUBMITTED', 'REOPENED')),
        due_on date NOT NULL,
        notes text,
        prepared_at timestamptz,
        prepared_by uuid REFERENCES users(id),
        submitted_at timestamptz,
        submitted_by uuid REFERENCES users(id),
        -- Timeliness counts the first submission: a later correction does not make a report late.
        first_submitted_at timestamptz,
        reopened_at timestamptz,
        reopened_by uuid REFERENCES users(id),
        reopen_reason text,
        -- Other provinces may read the figures of a report its province has published.
        published boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (province_id, year),
        CHECK ((status = 'SUBMITTED') = (submitted_at IS NOT NULL AND submitted_by IS NOT NULL) OR status = 'REOPENED')
      )`);
    await q.query(`
      CREATE TABLE annual_report_values (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        report_id uuid NOT NULL REFERENCES annual_reports(id) ON DELETE CASCADE,
        year smallint NOT NULL,
        indicator_code text NOT NULL,
        numerator numeric,
        denominator numeric,
        value numeric,
        published boolean NOT NULL DEFAULT false,
        UNIQUE (report_id, indicator_code)
      )`);
    await q.query(`CREATE INDEX annual_report_values_year_idx ON annual_report_values (year, indicator_code, province_id)`);
    for (const t of ['annual_reports', 'annual_report_values']) {
      await q.query(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${t}_select ON ${t} FOR SELECT USING (app_can_read(province_id) OR (published AND app_setting('app.role') IS NOT NULL))`);
      await q.query(`CREATE POLICY ${t}_insert ON ${t} FOR INSERT WITH CHECK (app_can_write(province_id))`);
      await q.query(`CREATE POLICY ${t}_update ON ${t} FOR UPDATE USING (app_can_write(province_id)) WITH CHECK (app_can_write(province_id))`);
      await q.query(`CREATE POLICY ${t}_delete ON ${t} FOR DELETE USING (app_can_write(province_id))`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE ON annual_reports TO stp_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON annual_report_values TO stp_app`);

    // The lock of a submitted year, enforced by the database so no path (GraphQL, a script as the
    // server role, a future endpoint) can change figures already reported. TG_ARGV names the
    // columns whose year places a row in a year: a smallint year or a date (its first 4 characters).
    // The lookup runs as the writer, under RLS: a writer can read its own province's report.
    // FOR KEY SHARE makes a write wait for a submit in progress (which holds FOR UPDATE on the
    // report) and then see its outcome, so no change slips in between snapshot and commit.
    await q.query(`
      CREATE FUNCTION annual_report_year_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        rec jsonb;
        col text;
        y int;
        st text;
      BEGIN
        FOREACH rec IN ARRAY (CASE TG_OP
            WHEN 'INSERT' THEN ARRAY[to_jsonb(NEW)]
            WHEN 'DELETE' THEN ARRAY[to_jsonb(OLD)]
            ELSE ARRAY[to_jsonb(OLD), to_jsonb(NEW)] END) LOOP
          FOREACH col IN ARRAY TG_ARGV LOOP
            CONTINUE WHEN rec->>col IS NULL;
            y := left(rec->>col, 4)::int;
            SELECT r.status INTO st FROM annual_reports r
              WHERE r.province_id = (rec->>'province_id')::smallint AND r.year = y
              FOR KEY SHARE;
            IF st = 'SUBMITTED' THEN
              RAISE EXCEPTION USING
                ERRCODE = 'P0001',
                CONSTRAINT = 'annual_report_year_lock',
                MESSAGE = format('year %s of province %s is locked: its annual report was submitted', y, lpad(rec->>'province_id', 2, '0')),
                DETAIL = format('%s.%s = %s', TG_TABLE_NAME, col, rec->>col),
                HINT = 'The province administrator must reopen the annual report of that year first.';
            END IF;
          END LOOP;
        END LOOP;
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    for (const [table, columns] of LOCKED_TABLES) {
      await q.query(`CREATE TRIGGER ${table}_year_lock BEFORE INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION annual_report_year_lock(${columns.map((c) => `'${c}'`).join(', ')})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of LOCKED_TABLES) await q.query(`DROP TRIGGER IF EXISTS ${table}_year_lock ON ${table}`);
    await q.query(`DROP FUNCTION IF EXISTS annual_report_year_lock()`);
    await q.query(`DROP TABLE IF EXISTS annual_report_values, annual_reports`);
  }
}
