import { asOwner } from './helpers';

/**
 * Reads the catalogue after migration: every table with province_id must have RLS enabled and
 * forced and a policy for each command, and the server's role must not be able to bypass RLS.
 * New tables are caught without editing this test.
 */
describe('database catalogue', () => {
  it('every province-owned table has RLS enabled, forced, and a policy per command with WITH CHECK on writes', async () => {
    const tables = await asOwner(async (db) => (await db.query(`
      SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
             coalesce(array_agg(p.polcmd::text ORDER BY p.polcmd) FILTER (WHERE p.polcmd IS NOT NULL), '{}') AS commands,
             bool_and(p.polwithcheck IS NOT NULL) FILTER (WHERE p.polcmd IN ('a', 'w')) AS writes_checked
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'province_id' AND NOT a.attisdropped
      LEFT JOIN pg_policy p ON p.polrelid = c.oid
      WHERE c.relkind IN ('r', 'p')
      GROUP BY c.relname, c.relrowsecurity, c.relforcerowsecurity
      ORDER BY c.relname`)).rows);

    expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(['member_associations', 'users', 'audit_log']));
    const problems = tables.flatMap((t) => {
      const out: string[] = [];
      if (!t.rls) out.push(`${t.table}: RLS not enabled`);
      if (!t.forced) out.push(`${t.table}: RLS not forced`);
      for (const cmd of ['a', 'd', 'r', 'w']) if (!t.commands.includes(cmd)) out.push(`${t.table}: no policy for command ${cmd}`);
      if (t.writes_checked !== true) out.push(`${t.table}: a write policy lacks WITH CHECK`);
      return out;
    });
    expect(problems).toEqual([]);
  });

  it('the server role is no superuser, cannot bypass RLS, owns nothing, and neither can the roles it inherits', async () => {
    const roles = await asOwner(async (db) => (await db.query(`
      WITH RECURSIVE chain(oid) AS (
        SELECT oid FROM pg_roles WHERE rolname = 'stp_server'
        UNION SELECT m.roleid FROM pg_auth_members m JOIN chain ON m.member = chain.oid)
      SELECT r.rolname, r.rolsuper, r.rolbypassrls,
        (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
      FROM pg_roles r JOIN chain ON chain.oid = r.oid`)).rows);
    expect(roles.map((r) => r.rolname).sort()).toEqual(['stp_app', 'stp_server']);
    for (const r of roles) {
      expect({ role: r.rolname, superuser: r.rolsuper, bypassrls: r.rolbypassrls, owned: r.owned })
        .toEqual({ role: r.rolname, superuser: false, bypassrls: false, owned: 0 });
    }
  });
});
