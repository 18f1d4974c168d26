import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Only a province's admin may change its users and invitations, in the database as well as in the
 * resolvers: an editor's transaction may write province data (app_can_write) but not accounts. The
 * one exception is a user changing its own row, which accepting an invitation does (the accept
 * transaction carries the invited user's id and no role).
 */
const ADMIN = `app_setting('app.role') = 'PROVINCE_ADMIN'`;

export class UserAdminWrites1764300002000 implements MigrationInterface {
  name = 'UserAdminWrites1764300002000';

  async up(q: QueryRunner): Promise<void> {
    await replaceWritePolicies(q, 'users', `(${ADMIN} OR id = app_user_id())`, ADMIN);
    await replaceWritePolicies(q, 'user_invitations', `(${ADMIN} OR user_id = app_user_id())`, ADMIN);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['users', 'user_invitations']) {
      await replaceWritePolicies(q, table, 'true', 'true');
    }
  }
}

/** Write policies: the tenant rule AND `update` for updates, AND `insertDelete` for inserts and deletes. */
async function replaceWritePolicies(q: QueryRunner, table: string, update: string, insertDelete: string): Promise<void> {
  await q.query(`DROP POLICY ${table}_insert ON ${table}`);
  await q.query(`DROP POLICY ${table}_update ON ${table}`);
  await q.query(`DROP POLICY ${table}_delete ON ${table}`);
  await q.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT WITH CHECK (app_can_write(province_id) AND ${insertDelete})`);
  await q.query(`CREATE POLICY ${table}_update ON ${table} FOR UPDATE
    USING (app_can_write(province_id) AND ${update}) WITH CHECK (app_can_write(province_id) AND ${update})`);
  await q.query(`CREATE POLICY ${table}_delete ON ${table} FOR DELETE USING (app_can_write(province_id) AND ${insertDelete})`);
}
