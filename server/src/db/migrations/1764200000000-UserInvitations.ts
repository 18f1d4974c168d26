import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantPolicies } from '../tenant-policies';

/**
 * Invitations for new users (user management by the province's admin).
 *
 * - `inviteUser` creates the user (with an unusable password hash) and one invitation. The token
 *   carries 32 random bytes and is shown once; only its SHA-256 (hex) is stored, with an expiry.
 * - Province-owned: RLS forced, one policy per command (enableTenantPolicies). Accepting happens
 *   before any tenant is known, so one extra permissive SELECT policy lets a transaction that set
 *   `app.invitation_hash` (transaction-local) read exactly the row with that hash, as
 *   `app.login_email` does for users at login. The accept itself then runs in a second transaction
 *   scoped to the invitation's province (see UserAdminService.acceptInvitation), so no write policy
 *   is widened.
 */
export class UserInvitations1764200000000 implements MigrationInterface {
  name = 'UserInvitations1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id smallint NOT NULL REFERENCES provinces(id),
        user_id uuid NOT NULL REFERENCES users(id),
        token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Random tokens: a global unique hash reveals nothing about any province.
    await q.query(`CREATE UNIQUE INDEX user_invitations_token_hash_key ON user_invitations (token_hash)`);
    await q.query(`CREATE INDEX user_invitations_user_idx ON user_invitations (province_id, user_id)`);
    await q.query(`GRANT SELECT, INSERT ON user_invitations TO stp_app`);
    // Invitations are never deleted; only their use is recorded.
    await q.query(`GRANT UPDATE (used_at) ON user_invitations TO stp_app`);
    await enableTenantPolicies(q, 'user_invitations');
    await q.query(`CREATE POLICY user_invitations_select_by_hash ON user_invitations FOR SELECT
      USING (token_hash = app_setting('app.invitation_hash'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS user_invitations`);
  }
}
