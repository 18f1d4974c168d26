import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantPolicies } from '../tenant-policies';

/**
 * Spreadsheet imports (nhập dữ liệu từ bảng tính): a staging area where a file's rows wait, with
 * their validation messages, until the user confirms the import.
 *
 * - `import_batches`: one uploaded file of one kind (member associations, members, agencies, tasks),
 *   its expected row count and its state (OPEN while rows arrive and are checked, COMMITTED once
 *   written, DISCARDED when dropped). Province-owned: RLS forced (enableTenantPolicies).
 * - `import_rows`: the file's rows as sent (values keyed by template column), the messages of the
 *   last check, and after the import the id of the record the row created. Province-owned too; the
 *   province is the batch's (a composite foreign key keeps them equal).
 * - Staging rows are working data, not records: they are not audited; the records an import creates
 *   are, through the same services as the create mutations.
 * - Indicators: the statement-level insert trigger recomputes a province's figures after every
 *   statement. An import writes thousands of rows one statement each in one transaction, and each
 *   recompute would walk the dead versions all the earlier ones left (quadratic). While the
 *   transaction-local setting `app.import_defer_indicators` is on, the insert trigger skips the
 *   recompute; the import then calls `import_flush_indicators(province)` once, which checks that the
 *   caller may write that province, clears the setting and recomputes every family of it.
 */
export class Imports1764300000000 implements MigrationInterface {
  name = 'Imports1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        kind text NOT NULL CHECK (kind IN ('MEMBER_ASSOCIATIONS', 'MEMBERS', 'AGENCIES', 'TASKS')),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        total_rows integer NOT NULL CHECK (total_rows BETWEEN 1 AND 20000),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'COMMITTED', 'DISCARDED')),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        committed_at timestamptz,
        UNIQUE (province_id, id)
      )`);
    await q.query(`CREATE INDEX import_batches_province_idx ON import_batches (province_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE import_rows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL,
        batch_id uuid NOT NULL,
        row_number integer NOT NULL CHECK (row_number >= 1),
        "values" jsonb NOT NULL,
        errors jsonb NOT NULL DEFAULT '[]',
        dedupe_key text,
        created_id uuid,
        FOREIGN KEY (province_id, batch_id) REFERENCES import_batches (province_id, id) ON DELETE CASCADE,
        UNIQUE (batch_id, row_number)
      )`);
    await q.query(`CREATE INDEX import_rows_dedupe_idx ON import_rows (batch_id, dedupe_key) WHERE dedupe_key IS NOT NULL`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON import_batches, import_rows TO stp_app`);
    await enableTenantPolicies(q, 'import_batches');
    await enableTenantPolicies(q, 'import_rows');

    await q.query(`
      CREATE OR REPLACE FUNCTION indicator_after_insert() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF app_setting('app.import_defer_indicators') = 'on' THEN RETURN NULL; END IF;
        PERFORM indicator_recompute(ARRAY(SELECT DISTINCT province_id FROM new_rows), indicator_families_of(TG_TABLE_NAME));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION import_flush_indicators(p_province smallint) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF NOT app_can_write(p_province) THEN
          RAISE EXCEPTION 'import_flush_indicators: province % is not writable here', p_province USING ERRCODE = '42501';
        END IF;
        PERFORM set_config('app.import_defer_indicators', '', true);
        PERFORM indicator_recompute(ARRAY[p_province], ARRAY(SELECT DISTINCT d.family FROM indicator_definitions d));
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION import_flush_indicators(smallint) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION import_flush_indicators(smallint) TO stp_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS import_flush_indicators(smallint)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION indicator_after_insert() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        PERFORM indicator_recompute(ARRAY(SELECT DISTINCT province_id FROM new_rows), indicator_families_of(TG_TABLE_NAME));
        RETURN NULL;
      END $$`);
    await q.query(`DROP TABLE IF EXISTS import_rows`);
    await q.query(`DROP TABLE IF EXISTS import_batches`);
  }
}
