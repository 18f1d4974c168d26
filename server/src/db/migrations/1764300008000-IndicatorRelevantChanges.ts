import { MigrationInterface, QueryRunner } from 'typeorm';
import { LOCK, recomputeFunction } from './1764300003000-IndicatorRecomputeLock';

/**
 * Writes recompute only the indicator figures they can change. Counting a province's members
 * (people × years, DISTINCT over their memberships) is the expensive part: at scale L (a million
 * members) about 0.6 s for Đồng Nai, and every write of the province waits for the one before.
 * Until now every statement on member_associations or members recomputed it:
 *
 * - A new association has no memberships yet: it changes the association count only. That count
 *   is now a family of its own, `associations`; asking for `members` still computes it too.
 * - An association's update changes the member counts only when it is deleted or restored
 *   (memberships of a deleted association do not count), the association count only when its
 *   status, founding date, province or deletion changes; a new name changes nothing.
 * - A member's update changes the counts only through its province, kind, young-intellectual flag
 *   or deletion. A member is inserted before any membership and can only be deleted without
 *   memberships (they reference it): neither changes a count, so those triggers go. Changes of
 *   memberships move the counts (see MembershipIndicatorDelta for how).
 */
const ASSOCIATION_COUNT_FAMILY = 'associations';

const TRIGGER = 'indicator_after_relevant_update';

/** The families a statement on a table recomputes (generic triggers), with the association count's family. */
const familiesOfFunction = (associationFamily: string) => `
      CREATE OR REPLACE FUNCTION indicator_families_of(t name) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE t
          WHEN 'member_associations' THEN ARRAY['${associationFamily}']
          WHEN 'members' THEN ARRAY['members']
          WHEN 'memberships' THEN ARRAY['members']
          WHEN 'commissioning_requests' THEN ARRAY['commissioning']
          WHEN 'directives' THEN ARRAY['tasks']
          WHEN 'directive_tasks' THEN ARRAY['tasks']
          WHEN 'task_progress_reports' THEN ARRAY['tasks']
          WHEN 'activities' THEN ARRAY['activities']
        END $$`;

export class IndicatorRelevantChanges1764300008000 implements MigrationInterface {
  name = 'IndicatorRelevantChanges1764300008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE indicator_definitions DROP CONSTRAINT indicator_definitions_family_check,
      ADD CONSTRAINT indicator_definitions_family_check CHECK (family IN ('${ASSOCIATION_COUNT_FAMILY}', 'members', 'commissioning', 'tasks', 'activities'))`);
    await q.query(`UPDATE indicator_definitions SET family = '${ASSOCIATION_COUNT_FAMILY}' WHERE fact_code = 'member_associations'`);

    // The association count alone for `associations`; everything else as before (the members
    // family keeps computing the association count as well).
    await q.query(`ALTER FUNCTION indicator_compute(smallint[], text[]) RENAME TO indicator_compute_families`);
    await q.query(`
      CREATE FUNCTION indicator_compute(p_provinces smallint[], p_families text[])
        RETURNS TABLE (province_id smallint, year smallint, indicator_code text, numerator numeric, denominator numeric)
        LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
        SELECT a.province_id, y::smallint, 'member_associations'::text, count(*)::numeric, 0::numeric
        FROM member_associations a
        CROSS JOIN generate_series(greatest(2000, extract(year FROM coalesce(a.founded_on, DATE '2000-01-01'))::int),
          extract(year FROM app_today())::int + 1) y
        WHERE '${ASSOCIATION_COUNT_FAMILY}' = ANY(p_families) AND NOT 'members' = ANY(p_families)
          AND a.province_id = ANY(p_provinces) AND a.deleted_at IS NULL AND a.status = 'ACTIVE'
        GROUP BY 1, 2
        UNION ALL
        SELECT * FROM indicator_compute_families(p_provinces, p_families)
      $$`);
    // Recomputing `members` replaces the association count too, as it always did.
    await q.query(recomputeFunction(`        IF 'members' = ANY(p_families) THEN p_families := p_families || '${ASSOCIATION_COUNT_FAMILY}'::text; END IF;
${LOCK}`));

    await q.query(familiesOfFunction(ASSOCIATION_COUNT_FAMILY));

    // TG_ARGV: pairs of a family and the comma-separated columns it depends on. Rows whose listed
    // columns changed recompute that family for their old and new province.
    await q.query(`
      CREATE FUNCTION ${TRIGGER}() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        i int := 0;
        columns text[];
        same_ids boolean;
      BEGIN
        -- An id changed (never done by the server): compare nothing, recompute every family listed.
        same_ids := (SELECT count(*) FROM old_rows o JOIN new_rows n ON n.id = o.id) = (SELECT count(*) FROM new_rows);
        WHILE i < TG_NARGS LOOP
          columns := string_to_array(TG_ARGV[i + 1], ',');
          PERFORM indicator_recompute(ARRAY(
            SELECT p FROM old_rows o JOIN new_rows n ON n.id = o.id
              CROSS JOIN LATERAL (VALUES (o.province_id), (n.province_id)) v(p)
            WHERE EXISTS (SELECT 1 FROM unnest(columns) c WHERE to_jsonb(o) -> c IS DISTINCT FROM to_jsonb(n) -> c)
            UNION SELECT province_id FROM old_rows WHERE NOT same_ids
            UNION SELECT province_id FROM new_rows WHERE NOT same_ids), ARRAY[TG_ARGV[i]]);
          i := i + 2;
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER member_associations_indicators_upd ON member_associations`);
    await q.query(`CREATE TRIGGER member_associations_indicators_upd AFTER UPDATE ON member_associations
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
      EXECUTE FUNCTION ${TRIGGER}('members', 'deleted_at', '${ASSOCIATION_COUNT_FAMILY}', 'status,founded_on,deleted_at,province_id')`);
    await q.query(`DROP TRIGGER members_indicators_upd ON members`);
    await q.query(`CREATE TRIGGER members_indicators_upd AFTER UPDATE ON members
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
      EXECUTE FUNCTION ${TRIGGER}('members', 'province_id,kind,is_young_intellectual,deleted_at')`);
    await q.query(`DROP TRIGGER members_indicators_ins ON members`);
    await q.query(`DROP TRIGGER members_indicators_del ON members`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TRIGGER members_indicators_ins AFTER INSERT ON members
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_after_insert()`);
    await q.query(`CREATE TRIGGER members_indicators_del AFTER DELETE ON members
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_after_delete()`);
    for (const t of ['members', 'member_associations']) {
      await q.query(`DROP TRIGGER ${t}_indicators_upd ON ${t}`);
      await q.query(`CREATE TRIGGER ${t}_indicators_upd AFTER UPDATE ON ${t}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_after_update()`);
    }
    await q.query(`DROP FUNCTION ${TRIGGER}()`);
    await q.query(familiesOfFunction('members'));
    await q.query(recomputeFunction(LOCK));
    await q.query(`DROP FUNCTION indicator_compute(smallint[], text[])`);
    await q.query(`ALTER FUNCTION indicator_compute_families(smallint[], text[]) RENAME TO indicator_compute`);
    await q.query(`UPDATE indicator_definitions SET family = 'members' WHERE fact_code = 'member_associations'`);
    await q.query(`ALTER TABLE indicator_definitions DROP CONSTRAINT indicator_definitions_family_check,
      ADD CONSTRAINT indicator_definitions_family_check CHECK (family IN ('members', 'commissioning', 'tasks', 'activities'))`);
  }
}
