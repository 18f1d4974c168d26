import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit leases (security/rate-limiter.ts): a server process takes a batch of tokens from a
 * principal's bucket in one statement and spends them locally, so most requests cost no round trip.
 * `app_lease_tokens` first gives back what the process still holds of its previous lease, refills
 * for the time elapsed (up to capacity), then grants `p_max` tokens if the bucket has them, else
 * `p_min` if it has that many, else nothing (a refused lease takes nothing). One row lock, one
 * statement: processes never take the same tokens twice. `retry_after` is the seconds until `p_min`
 * is back, as in `app_take_tokens`. Leftovers of an expired lease go back through `app_give_tokens`.
 */
export class RateLimitLeases1764300006000 implements MigrationInterface {
  name = 'RateLimitLeases1764300006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app_lease_tokens(p_bucket text, p_return double precision, p_min double precision, p_max double precision,
                                       p_capacity double precision, p_per_second double precision)
        RETURNS TABLE (granted double precision, tokens double precision, retry_after double precision)
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
        DECLARE
          v_tokens double precision;
          v_updated timestamptz;
          v_now timestamptz;
          v_avail double precision;
          v_grant double precision;
        BEGIN
          INSERT INTO rate_limit_buckets AS b (bucket, tokens, allowed, updated_at)
            VALUES (p_bucket, p_capacity, true, clock_timestamp())
            ON CONFLICT (bucket) DO NOTHING;
          SELECT b.tokens, b.updated_at INTO v_tokens, v_updated FROM rate_limit_buckets b WHERE b.bucket = p_bucket FOR UPDATE;
          -- Read the clock once the row is locked, so elapsed time is never counted twice.
          v_now := clock_timestamp();
          v_avail := least(p_capacity, v_tokens + greatest(0, extract(epoch FROM v_now - v_updated)) * p_per_second + greatest(0, p_return));
          v_grant := CASE WHEN v_avail >= p_max THEN p_max WHEN v_avail >= p_min THEN p_min ELSE 0 END;
          UPDATE rate_limit_buckets b SET tokens = v_avail - v_grant, allowed = v_avail >= p_min, updated_at = greatest(v_updated, v_now)
            WHERE b.bucket = p_bucket;
          RETURN QUERY SELECT v_grant, v_avail - v_grant,
            CASE WHEN v_avail >= p_min THEN 0::double precision ELSE (p_min - v_avail) / p_per_second END;
        END
        $$`);
    await q.query(`REVOKE ALL ON FUNCTION app_lease_tokens(text, double precision, double precision, double precision, double precision, double precision) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_lease_tokens(text, double precision, double precision, double precision, double precision, double precision) TO stp_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_lease_tokens(text, double precision, double precision, double precision, double precision, double precision)`);
  }
}
