import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two transactions writing the same province at once both recomputed its indicator facts: the
 * second one's DELETE could not see the rows the first had just inserted, so its INSERT hit the
 * primary key (an internal error for the user) or, worse, the national totals were moved twice.
 * Now a recompute takes a transaction-level advisory lock per province first; the statements after
 * it see what the first transaction committed.
 */
export const RECOMPUTE_LOCK = 7_640_300;

/** `indicator_recompute` as the Indicators migration made it, with `preamble` (SQL lines) after its guard. */
export const recomputeFunction = (preamble: string) => `
      CREATE OR REPLACE FUNCTION indicator_recompute(p_provinces smallint[], p_families text[]) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF p_provinces IS NULL OR cardinality(p_provinces) = 0 THEN RETURN; END IF;
${preamble}        WITH old AS (
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
      END $$`;

export const LOCK = `        -- One recompute per province at a time, taken in province order so two never deadlock.
        PERFORM pg_advisory_xact_lock(${RECOMPUTE_LOCK}, p) FROM (SELECT DISTINCT unnest(p_provinces) AS p ORDER BY 1) ps;
`;

export class IndicatorRecomputeLock1764300003000 implements MigrationInterface {
  name = 'IndicatorRecomputeLock1764300003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(recomputeFunction(LOCK));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(recomputeFunction(''));
  }
}
