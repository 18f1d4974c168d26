import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys for scripts and integrations: `Authorization: Bearer stpk_…`.
 *
 * - Only the SHA-256 (hex) of the full key is stored, with its first 12 characters as a visible
 *   prefix. Keys carry 32 random bytes, so a fast hash is right (unlike passwords).
 * - Province keys (`province_id` set) are managed by that province's admins; ministry-wide keys
 *   (`province_id` NULL, read-only only) by ministry analysts. RLS forced, one policy per command.
 * - At request time no tenant is known yet: a lookup transaction sets `app.key_hash`, which lets
 *   SELECT (and the `last_used_at` UPDATE) see exactly the row with that hash, as `app.login_email`
 *   does for users at login.
 */
export class ApiKeys1764100000000 implements MigrationInterface {
  name = 'ApiKeys1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint REFERENCES provinces(id),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        scope text NOT NULL CHECK (scope IN ('READ_ONLY', 'READ_WRITE')),
        prefix text NOT NULL CHECK (prefix ~ '^stpk_'),
        key_hash text NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users(id),
        -- The ministry writes no province data, so ministry-wide keys are read-only.
        CHECK (province_id IS NOT NULL OR scope = 'READ_ONLY'),
        CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      )`);
    // Random keys: a global unique hash reveals nothing about any province.
    await q.query(`CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash)`);
    await q.query(`CREATE INDEX api_keys_province_idx ON api_keys (province_id, created_at)`);
    await q.query(`GRANT SELECT, INSERT ON api_keys TO stp_app`);
    // Keys are never deleted (revoked instead) and only these columns ever change.
    await q.query(`GRANT UPDATE (last_used_at, revoked_at, revoked_by) ON api_keys TO stp_app`);

    // Who manages a key: the admins of its province, or the ministry for ministry-wide keys.
    await q.query(`
      CREATE FUNCTION app_can_manage_api_key(p smallint) RETURNS boolean
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT CASE WHEN p IS NULL THEN COALESCE(app_setting('app.role') = 'MINISTRY_ANALYST', false)
                          ELSE COALESCE(app_setting('app.role') = 'PROVINCE_ADMIN', false) AND app_can_write(p) END $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_can_manage_api_key(smallint) TO stp_app`);

    await q.query(`ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE api_keys FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY api_keys_select ON api_keys FOR SELECT
      USING (app_can_manage_api_key(province_id) OR key_hash = app_setting('app.key_hash'))`);
    await q.query(`CREATE POLICY api_keys_insert ON api_keys FOR INSERT
      WITH CHECK (app_can_manage_api_key(province_id) AND created_by = app_user_id())`);
    await q.query(`CREATE POLICY api_keys_update ON api_keys FOR UPDATE
      USING (app_can_manage_api_key(province_id) OR key_hash = app_setting('app.key_hash'))
      WITH CHECK (app_can_manage_api_key(province_id) OR key_hash = app_setting('app.key_hash'))`);
    await q.query(`CREATE POLICY api_keys_delete ON api_keys FOR DELETE USING (app_can_manage_api_key(province_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS api_keys`);
    await q.query(`DROP FUNCTION IF EXISTS app_can_manage_api_key(smallint)`);
  }
}
