import { QueryRunner } from 'typeorm';

/**
 * RLS enabled and forced, one policy per command, WITH CHECK on writes: the rule for every
 * province-owned table. Landed migrations call this: change it only by adding a new function.
 */
export async function enableTenantPolicies(q: QueryRunner, table: string): Promise<void> {
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await q.query(`CREATE POLICY ${table}_select ON ${table} FOR SELECT USING (app_can_read(province_id))`);
  await q.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT WITH CHECK (app_can_write(province_id))`);
  await q.query(`CREATE POLICY ${table}_update ON ${table} FOR UPDATE
    USING (app_can_write(province_id)) WITH CHECK (app_can_write(province_id))`);
  await q.query(`CREATE POLICY ${table}_delete ON ${table} FOR DELETE USING (app_can_write(province_id))`);
}
