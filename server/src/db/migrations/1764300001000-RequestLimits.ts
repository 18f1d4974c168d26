import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Request limits that several server processes must share, so they live in PostgreSQL.
 *
 * - `rate_limit_buckets`: one token bucket per principal (`user:<id>`, `key:<id>`) measured in
 *   query cost, and per login account / client address. The server's role has no right on the table
 *   itself: it calls `app_take_tokens` and `app_give_tokens`, SECURITY DEFINER functions that update
 *   one bucket with a single atomic INSERT … ON CONFLICT DO UPDATE … RETURNING. They run in their own
 *   autocommit statement, outside the request's tenant transaction, so a request that fails later
 *   has still been counted. Bucket names carry ids and e-mails, not province data; nobody reads them.
 * - `idempotency_keys`: the first successful response to a mutation sent with an `Idempotency-Key`
 *   header, stored in the request's own transaction (so the write and its key commit together) and
 *   replayed to retries. Scoped per principal; the caller's user id (`app_user_id()`, the key's
 *   creator for API keys) is on every row and RLS, forced, lets a request see and write only its own
 *   rows, one policy per command.
 */
export class RequestLimits1764300001000 implements MigrationInterface {
  name = 'RequestLimits1764300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limit_buckets (
        bucket text PRIMARY KEY CHECK (length(bucket) BETWEEN 1 AND 400),
        tokens double precision NOT NULL,
        allowed boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX rate_limit_buckets_updated_idx ON rate_limit_buckets (updated_at)`);
    await q.query(`REVOKE ALL ON rate_limit_buckets FROM PUBLIC`);

    // Refills the bucket for the time elapsed (up to capacity), then takes `cost` if that many are
    // there; a refused request takes nothing. `retry_after` is the seconds until `cost` is back.
    await q.query(`
      CREATE FUNCTION app_take_tokens(p_bucket text, p_cost double precision, p_capacity double precision, p_per_second double precision)
        RETURNS TABLE (allowed boolean, tokens double precision, retry_after double precision)
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
          INSERT INTO rate_limit_buckets AS b (bucket, tokens, allowed, updated_at)
          VALUES (p_bucket, CASE WHEN p_cost <= p_capacity THEN p_capacity - p_cost ELSE p_capacity END,
                  p_cost <= p_capacity, clock_timestamp())
          ON CONFLICT (bucket) DO UPDATE SET
            allowed = least(p_capacity, b.tokens + greatest(0, extract(epoch FROM clock_timestamp() - b.updated_at)) * p_per_second) >= p_cost,
            tokens = least(p_capacity, b.tokens + greatest(0, extract(epoch FROM clock_timestamp() - b.updated_at)) * p_per_second)
                     - CASE WHEN least(p_capacity, b.tokens + greatest(0, extract(epoch FROM clock_timestamp() - b.updated_at)) * p_per_second) >= p_cost
                            THEN p_cost ELSE 0 END,
            updated_at = greatest(b.updated_at, clock_timestamp())
          RETURNING b.allowed, b.tokens,
            CASE WHEN b.allowed THEN 0::double precision ELSE (p_cost - b.tokens) / p_per_second END
        $$`);
    // Gives tokens back (a successful login returns what its attempt took), never above capacity.
    await q.query(`
      CREATE FUNCTION app_give_tokens(p_bucket text, p_amount double precision, p_capacity double precision)
        RETURNS void
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ UPDATE rate_limit_buckets SET tokens = least(p_capacity, tokens + p_amount) WHERE bucket = p_bucket $$`);
    await q.query(`REVOKE ALL ON FUNCTION app_take_tokens(text, double precision, double precision, double precision), app_give_tokens(text, double precision, double precision) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_take_tokens(text, double precision, double precision, double precision), app_give_tokens(text, double precision, double precision) TO stp_app`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        principal text NOT NULL CHECK (principal ~ '^(user|key):'),
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        user_id uuid NOT NULL REFERENCES users(id),
        request_hash text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (principal, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO stp_app`);
    await q.query(`ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY idempotency_keys_select ON idempotency_keys FOR SELECT USING (user_id = app_user_id())`);
    await q.query(`CREATE POLICY idempotency_keys_insert ON idempotency_keys FOR INSERT WITH CHECK (user_id = app_user_id())`);
    await q.query(`CREATE POLICY idempotency_keys_update ON idempotency_keys FOR UPDATE
      USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id())`);
    await q.query(`CREATE POLICY idempotency_keys_delete ON idempotency_keys FOR DELETE USING (user_id = app_user_id())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP FUNCTION app_give_tokens(text, double precision, double precision)`);
    await q.query(`DROP FUNCTION app_take_tokens(text, double precision, double precision, double precision)`);
    await q.query(`DROP TABLE rate_limit_buckets`);
  }
}
