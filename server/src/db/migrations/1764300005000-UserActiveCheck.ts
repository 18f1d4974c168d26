import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a logged-in user is still enabled, for the statement that opens every request (BEGIN and
 * the tenant settings): the check rides in that round trip instead of costing a statement of its
 * own. SECURITY DEFINER because it runs in the same SELECT that sets `app.user_id`, before the users
 * policy could know who is asking; it answers one boolean about one id and nothing else.
 */
export class UserActiveCheck1764300005000 implements MigrationInterface {
  name = 'UserActiveCheck1764300005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app_user_active(p_user uuid) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ SELECT EXISTS (SELECT 1 FROM users WHERE id = p_user AND disabled_at IS NULL) $$`);
    await q.query(`REVOKE ALL ON FUNCTION app_user_active(uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_user_active(uuid) TO stp_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_user_active(uuid)`);
  }
}
