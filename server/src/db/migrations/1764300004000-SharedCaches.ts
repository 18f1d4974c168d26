import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * State that several server processes must share so that one of them behaves like the others
 * (docs/SCALING.md). Neither table holds province data and the server's role has no right on
 * either: it goes through SECURITY DEFINER functions, like `app_take_tokens`.
 *
 * - `shared_cache`: Apollo's key-value cache (automatic persisted queries: `apq:<sha256>` → query
 *   text) with an expiry, so a query registered through one process is found by every other.
 * - `principal_write_lsns`: for read-your-writes with streaming replicas, the primary's WAL
 *   position just after the last committed mutation of each principal (`user:<id>`, `key:<id>`).
 *   A read of that principal goes to a replica only once the replica has replayed past it.
 *   Both are read and written on the primary only.
 */
export class SharedCaches1764300004000 implements MigrationInterface {
  name = 'SharedCaches1764300004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shared_cache (
        key text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 400),
        value text NOT NULL,
        expires_at timestamptz
      )`);
    await q.query(`CREATE INDEX shared_cache_expires_idx ON shared_cache (expires_at)`);
    await q.query(`REVOKE ALL ON shared_cache FROM PUBLIC`);
    await q.query(`
      CREATE FUNCTION app_cache_get(p_key text) RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ SELECT value FROM shared_cache WHERE key = p_key AND (expires_at IS NULL OR expires_at > now()) $$`);
    // A NULL ttl keeps the entry until it is deleted; a set now and then also sweeps expired entries.
    await q.query(`
      CREATE FUNCTION app_cache_set(p_key text, p_value text, p_ttl_seconds double precision) RETURNS void
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
        BEGIN
          INSERT INTO shared_cache (key, value, expires_at)
          VALUES (p_key, p_value, CASE WHEN p_ttl_seconds IS NULL THEN NULL ELSE now() + make_interval(secs => p_ttl_seconds) END)
          ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at;
          IF random() < 0.01 THEN
            DELETE FROM shared_cache WHERE expires_at <= now();
          END IF;
        END $$`);
    await q.query(`
      CREATE FUNCTION app_cache_delete(p_key text) RETURNS boolean
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ WITH d AS (DELETE FROM shared_cache WHERE key = p_key RETURNING 1) SELECT count(*) > 0 FROM d $$`);

    await q.query(`
      CREATE TABLE principal_write_lsns (
        principal text PRIMARY KEY CHECK (principal ~ '^(user|key):'),
        lsn pg_lsn NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`REVOKE ALL ON principal_write_lsns FROM PUBLIC`);
    // Called after COMMIT on the same connection: the insert position is past the commit record.
    await q.query(`
      CREATE FUNCTION app_note_write(p_principal text) RETURNS pg_lsn
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
          INSERT INTO principal_write_lsns AS w (principal, lsn) VALUES (p_principal, pg_current_wal_insert_lsn())
          ON CONFLICT (principal) DO UPDATE SET lsn = greatest(w.lsn, EXCLUDED.lsn), updated_at = now()
          RETURNING w.lsn
        $$`);
    await q.query(`
      CREATE FUNCTION app_last_write(p_principal text) RETURNS pg_lsn
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ SELECT lsn FROM principal_write_lsns WHERE principal = p_principal $$`);

    const fns = 'app_cache_get(text), app_cache_set(text, text, double precision), app_cache_delete(text), app_note_write(text), app_last_write(text)';
    await q.query(`REVOKE ALL ON FUNCTION ${fns} FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION ${fns} TO stp_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_last_write(text)`);
    await q.query(`DROP FUNCTION app_note_write(text)`);
    await q.query(`DROP TABLE principal_write_lsns`);
    await q.query(`DROP FUNCTION app_cache_delete(text)`);
    await q.query(`DROP FUNCTION app_cache_set(text, text, double precision)`);
    await q.query(`DROP FUNCTION app_cache_get(text)`);
    await q.query(`DROP TABLE shared_cache`);
  }
}
