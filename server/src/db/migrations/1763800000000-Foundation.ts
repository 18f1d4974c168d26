import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantPolicies } from '../tenant-policies';

/**
 * Foundation: the application role, tenant helpers read by every policy, provinces (reference data,
 * with the 2025 mergers), users, member associations and the append-only audit log.
 * See src/db/CONVENTIONS.md for the rules every later migration follows.
 */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stp_app') THEN
          CREATE ROLE stp_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO stp_app`);

    // Tenant settings are transaction-local (set_config(..., true)); after a transaction they read
    // back as '' rather than NULL, hence NULLIF. An unset tenant reads and writes nothing.
    await q.query(`
      CREATE FUNCTION app_setting(name text) RETURNS text
        LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT NULLIF(current_setting(name, true), '') $$`);
    await q.query(`
      CREATE FUNCTION app_province_ids() RETURNS smallint[]
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT COALESCE(string_to_array(app_setting('app.province_ids'), ',')::smallint[], '{}'::smallint[]) $$`);
    await q.query(`
      CREATE FUNCTION app_user_id() RETURNS uuid
        LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT app_setting('app.user_id')::uuid $$`);
    await q.query(`
      CREATE FUNCTION app_can_read(p smallint) RETURNS boolean
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT COALESCE(p = ANY(app_province_ids()), false) OR COALESCE(app_setting('app.read_all') = 'on', false) $$`);
    await q.query(`
      CREATE FUNCTION app_can_write(p smallint) RETURNS boolean
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT COALESCE(app_setting('app.can_write') = 'on' AND p = ANY(app_province_ids()), false) $$`);
    // unaccent() is only STABLE; this wrapper pins the dictionary so it can feed indexes and generated columns.
    await q.query(`
      CREATE FUNCTION app_fold(t text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, t)) $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_setting(text), app_province_ids(), app_user_id(),
      app_can_read(smallint), app_can_write(smallint), app_fold(text) TO stp_app`);

    // Provinces: reference data shared by every tenant, keyed by the official numeric code.
    await q.query(`
      CREATE TABLE provinces (
        id smallint PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{2}$'),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('CITY', 'PROVINCE')),
        status text NOT NULL CHECK (status IN ('ACTIVE', 'MERGED')),
        merged_into_id smallint REFERENCES provinces(id),
        merged_on date,
        CHECK ((status = 'MERGED') = (merged_into_id IS NOT NULL AND merged_on IS NOT NULL))
      )`);
    await q.query(`GRANT SELECT ON provinces TO stp_app`);
    const current: Array<[string, string, 'CITY' | 'PROVINCE']> = [
      ['01', 'Hà Nội', 'CITY'], ['04', 'Cao Bằng', 'PROVINCE'], ['08', 'Tuyên Quang', 'PROVINCE'],
      ['11', 'Điện Biên', 'PROVINCE'], ['12', 'Lai Châu', 'PROVINCE'], ['14', 'Sơn La', 'PROVINCE'],
      ['15', 'Lào Cai', 'PROVINCE'], ['19', 'Thái Nguyên', 'PROVINCE'], ['20', 'Lạng Sơn', 'PROVINCE'],
      ['22', 'Quảng Ninh', 'PROVINCE'], ['24', 'Bắc Ninh', 'PROVINCE'], ['25', 'Phú Thọ', 'PROVINCE'],
      ['31', 'Hải Phòng', 'CITY'], ['33', 'Hưng Yên', 'PROVINCE'], ['37', 'Ninh Bình', 'PROVINCE'],
      ['38', 'Thanh Hóa', 'PROVINCE'], ['40', 'Nghệ An', 'PROVINCE'], ['42', 'Hà Tĩnh', 'PROVINCE'],
      ['44', 'Quảng Trị', 'PROVINCE'], ['46', 'Huế', 'CITY'], ['48', 'Đà Nẵng', 'CITY'],
      ['51', 'Quảng Ngãi', 'PROVINCE'], ['52', 'Gia Lai', 'PROVINCE'], ['56', 'Khánh Hòa', 'PROVINCE'],
      ['66', 'Đắk Lắk', 'PROVINCE'], ['68', 'Lâm Đồng', 'PROVINCE'], ['75', 'Đồng Nai', 'PROVINCE'],
      ['79', 'TP. Hồ Chí Minh', 'CITY'], ['80', 'Tây Ninh', 'PROVINCE'], ['82', 'Đồng Tháp', 'PROVINCE'],
      ['86', 'Vĩnh Long', 'PROVINCE'], ['91', 'An Giang', 'PROVINCE'], ['92', 'Cần Thơ', 'CITY'],
      ['96', 'Cà Mau', 'PROVINCE'],
    ];
    for (const [code, name, kind] of current) {
      await q.query(`INSERT INTO provinces (id, code, name, kind, status) VALUES ($1, $2, $3, $4, 'ACTIVE')`, [
        Number(code), code, name, kind,
      ]);
    }
    // Predecessors named in the source documents (Nghị quyết 202/2025/QH15, from 01/07/2025).
    const merged: Array<[string, string, string]> = [
      ['74', 'Bình Dương', '79'], ['77', 'Bà Rịa – Vũng Tàu', '79'], ['70', 'Bình Phước', '75'],
    ];
    for (const [code, name, into] of merged) {
      await q.query(
        `INSERT INTO provinces (id, code, name, kind, status, merged_into_id, merged_on)
         VALUES ($1, $2, $3, 'PROVINCE', 'MERGED', $4, DATE '2025-07-01')`,
        [Number(code), code, name, Number(into)],
      );
    }

    // Users: one province each, except ministry users (province_id NULL).
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint REFERENCES provinces(id),
        email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        full_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('PROVINCE_ADMIN', 'PROVINCE_EDITOR', 'PROVINCE_VIEWER', 'MINISTRY_ANALYST')),
        password_hash text NOT NULL,
        disabled_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'MINISTRY_ANALYST') = (province_id IS NULL))
      )`);
    // Login is by e-mail alone, so e-mails are unique across the platform.
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await q.query(`CREATE INDEX users_province_idx ON users (province_id)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON users TO stp_app`);
    await q.query(`ALTER TABLE users ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE users FORCE ROW LEVEL SECURITY`);
    // A login transaction names the one e-mail it may look up (app.login_email); a user always sees itself.
    await q.query(`CREATE POLICY users_select ON users FOR SELECT
      USING (app_can_read(province_id) OR id = app_user_id() OR email = app_setting('app.login_email'))`);
    await q.query(`CREATE POLICY users_insert ON users FOR INSERT WITH CHECK (app_can_write(province_id))`);
    await q.query(`CREATE POLICY users_update ON users FOR UPDATE
      USING (app_can_write(province_id)) WITH CHECK (app_can_write(province_id))`);
    await q.query(`CREATE POLICY users_delete ON users FOR DELETE USING (app_can_write(province_id))`);

    // Member associations (Hội thành viên) of each province's Union.
    await q.query(`
      CREATE TABLE member_associations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 300),
        abbreviation text CHECK (length(abbreviation) <= 50),
        field text CHECK (length(field) <= 200),
        founded_on date,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'CONSOLIDATING', 'SUSPENDED', 'DISSOLVED')),
        congress_term text CHECK (congress_term ~ '^[0-9]{4}[–-][0-9]{4}$'),
        individual_member_count integer NOT NULL DEFAULT 0 CHECK (individual_member_count >= 0),
        collective_member_count integer NOT NULL DEFAULT 0 CHECK (collective_member_count >= 0),
        search_text text GENERATED ALWAYS AS
          (app_fold(name || ' ' || coalesce(abbreviation, '') || ' ' || coalesce(field, ''))) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    // Unique per province only, so a clash never reveals another province's rows. Case-insensitive
    // but diacritic-sensitive: "Hội Dược" and "Hội Đức" are different names.
    await q.query(`CREATE UNIQUE INDEX member_associations_name_key
      ON member_associations (province_id, lower(name)) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX member_associations_province_idx ON member_associations (province_id, name COLLATE "vi-VN-x-icu")`);
    await q.query(`CREATE INDEX member_associations_search_idx ON member_associations USING gin (search_text gin_trgm_ops)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON member_associations TO stp_app`);
    await enableTenantPolicies(q, 'member_associations');

    // Audit log: one row per mutation; the server role may add and read rows, never change them.
    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        province_id smallint NOT NULL REFERENCES provinces(id),
        actor_id uuid REFERENCES users(id),
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (province_id, entity_type, entity_id, at)`);
    await q.query(`GRANT SELECT, INSERT ON audit_log TO stp_app`);
    await q.query(`ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE audit_log FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY audit_log_select ON audit_log FOR SELECT USING (app_can_read(province_id))`);
    await q.query(`CREATE POLICY audit_log_insert ON audit_log FOR INSERT WITH CHECK (app_can_write(province_id))`);
    await q.query(`CREATE POLICY audit_log_update ON audit_log FOR UPDATE USING (false) WITH CHECK (false)`);
    await q.query(`CREATE POLICY audit_log_delete ON audit_log FOR DELETE USING (false)`);
    await q.query(`
      CREATE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log rows cannot be changed or deleted'; END $$`);
    await q.query(`CREATE TRIGGER audit_log_immutable BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_log, member_associations, users, provinces`);
    await q.query(`DROP FUNCTION IF EXISTS audit_log_immutable(), app_fold(text), app_can_write(smallint),
      app_can_read(smallint), app_user_id(), app_province_ids(), app_setting(text)`);
  }
}
