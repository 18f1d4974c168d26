import { MigrationInterface, QueryRunner } from 'typeorm';
import { RECOMPUTE_LOCK } from './1764300003000-IndicatorRecomputeLock';

/**
 * A change of memberships moves the member figures of the people it concerns only: the trigger
 * now counts those people's years before and after the statement and adds the difference to the
 * facts and national totals, instead of recounting the whole province (at scale L about 0.6 s for
 * Đồng Nai on every membership added or ended, and the province's writes waited in line).
 *
 * - A person counts once a year however many memberships cover it (the same DISTINCT as
 *   `indicator_compute`), so the difference is taken per person, over all their memberships.
 * - Before = their memberships now, without the statement's new rows, with its old rows back.
 * - The recompute lock of the person's province is taken first: a concurrent change of the same
 *   person waits, and then sees this one (READ COMMITTED takes a new snapshot per statement).
 * - Facts keep holding only non-zero figures: a figure that drops to 0 ÷ 0 is deleted.
 * - Spreadsheet imports still defer to one recompute per province (`app.import_defer_indicators`).
 */
const DELTA = 'indicator_membership_delta';
const MEMBERSHIP_ROW = 'id uuid, member_id uuid, association_id uuid, joined_on date, left_on date';

export class MembershipIndicatorDelta1764300009000 implements MigrationInterface {
  name = 'MembershipIndicatorDelta1764300009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ${DELTA}(p_old jsonb, p_new jsonb) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        horizon int := extract(year FROM app_today())::int + 1;
        people uuid[] := ARRAY(SELECT DISTINCT x.member_id FROM jsonb_to_recordset(p_old || p_new) AS x(${MEMBERSHIP_ROW}));
        provinces smallint[] := ARRAY(SELECT DISTINCT m.province_id FROM members m WHERE m.id = ANY(people) ORDER BY 1);
      BEGIN
        PERFORM pg_advisory_xact_lock(${RECOMPUTE_LOCK}, p) FROM unnest(provinces) p;
        WITH old_ms AS (SELECT * FROM jsonb_to_recordset(p_old) AS x(${MEMBERSHIP_ROW})),
        new_ms AS (SELECT * FROM jsonb_to_recordset(p_new) AS x(${MEMBERSHIP_ROW})),
        after_ms AS (
          SELECT ms.id, ms.member_id, ms.association_id, ms.joined_on, ms.left_on FROM memberships ms
          WHERE ms.member_id = ANY(people)),
        before_ms AS (
          SELECT * FROM after_ms WHERE id NOT IN (SELECT id FROM new_ms)
          UNION ALL SELECT * FROM old_ms),
        covered AS (
          SELECT DISTINCT s.side, m.province_id, m.id, m.kind, m.is_young_intellectual, y
          FROM (SELECT 1 AS side, * FROM after_ms UNION ALL SELECT -1, * FROM before_ms) s
          JOIN members m ON m.id = s.member_id AND m.deleted_at IS NULL
          JOIN member_associations a ON a.id = s.association_id AND a.deleted_at IS NULL
          CROSS JOIN generate_series(greatest(2000, extract(year FROM s.joined_on)::int),
            least(horizon, coalesce(extract(year FROM s.left_on)::int - 1, horizon))) y),
        agg AS (
          SELECT c.province_id, c.y,
            sum(c.side) FILTER (WHERE c.kind = 'INDIVIDUAL') AS ind,
            sum(c.side) FILTER (WHERE c.kind = 'COLLECTIVE') AS col,
            sum(c.side) FILTER (WHERE c.kind = 'INDIVIDUAL' AND c.is_young_intellectual) AS young
          FROM covered c GROUP BY 1, 2),
        delta AS (
          SELECT agg.province_id, agg.y::smallint AS year, v.code, v.num, v.den
          FROM agg CROSS JOIN LATERAL (VALUES
            ('individual_members', coalesce(agg.ind, 0)::numeric, 0::numeric),
            ('collective_members', coalesce(agg.col, 0)::numeric, 0::numeric),
            ('young_intellectual_share', coalesce(agg.young, 0)::numeric, coalesce(agg.ind, 0)::numeric)) v(code, num, den)
          WHERE v.num <> 0 OR v.den <> 0),
        facts AS (
          INSERT INTO indicator_facts AS f (province_id, year, indicator_code, numerator, denominator)
          SELECT province_id, year, code, num, den FROM delta ORDER BY 1, 2, 3
          ON CONFLICT (province_id, year, indicator_code) DO UPDATE
            SET numerator = f.numerator + excluded.numerator, denominator = f.denominator + excluded.denominator
          RETURNING 1)
        INSERT INTO indicator_national AS n (year, indicator_code, numerator, denominator)
        SELECT year, code, sum(num), sum(den) FROM delta GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (year, indicator_code) DO UPDATE
          SET numerator = n.numerator + excluded.numerator, denominator = n.denominator + excluded.denominator;
        DELETE FROM indicator_facts f
        WHERE f.numerator = 0 AND f.denominator = 0
          AND f.indicator_code IN ('individual_members', 'collective_members', 'young_intellectual_share')
          AND f.province_id = ANY(provinces);
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION ${DELTA}(jsonb, jsonb) FROM PUBLIC`);

    // One trigger function per operation: a statement-level trigger only has the transition tables of its own.
    const rows = (table: string) => `coalesce((SELECT jsonb_agg(to_jsonb(r)) FROM ${table} r), '[]')`;
    const triggers: Array<[string, string, string, string]> = [
      ['ins', 'INSERT', 'NEW TABLE AS new_rows', `IF app_setting('app.import_defer_indicators') = 'on' THEN RETURN NULL; END IF;
        PERFORM ${DELTA}('[]', ${rows('new_rows')});`],
      ['upd', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', `PERFORM ${DELTA}(${rows('old_rows')}, ${rows('new_rows')});`],
      ['del', 'DELETE', 'OLD TABLE AS old_rows', `PERFORM ${DELTA}(${rows('old_rows')}, '[]');`],
    ];
    for (const [suffix, event, transition, body] of triggers) {
      await q.query(`
        CREATE FUNCTION ${DELTA}_${suffix}() RETURNS trigger
          LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        BEGIN
          ${body}
          RETURN NULL;
        END $$`);
      await q.query(`DROP TRIGGER memberships_indicators_${suffix} ON memberships`);
      await q.query(`CREATE TRIGGER memberships_indicators_${suffix} AFTER ${event} ON memberships
        REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION ${DELTA}_${suffix}()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const generic: Array<[string, string, string, string]> = [
      ['ins', 'INSERT', 'NEW TABLE AS new_rows', 'indicator_after_insert'],
      ['upd', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', 'indicator_after_update'],
      ['del', 'DELETE', 'OLD TABLE AS old_rows', 'indicator_after_delete'],
    ];
    for (const [suffix, event, transition, fn] of generic) {
      await q.query(`DROP TRIGGER memberships_indicators_${suffix} ON memberships`);
      await q.query(`CREATE TRIGGER memberships_indicators_${suffix} AFTER ${event} ON memberships
        REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      await q.query(`DROP FUNCTION ${DELTA}_${suffix}()`);
    }
    await q.query(`DROP FUNCTION ${DELTA}(jsonb, jsonb)`);
  }
}
