import { createDataSource } from './data-source';

/**
 * Runs pending migrations as the owner, then makes sure the server's login role holds stp_app
 * (the role every grant goes to). Returns the names of the migrations it applied.
 */
export async function migrate(ownerUrl: string, appUrl: string): Promise<string[]> {
  const owner = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'stp-migrate', migrationsOnly: true });
  await owner.initialize();
  try {
    const applied = await owner.runMigrations({ transaction: 'each' });
    const appRole = decodeURIComponent(new URL(appUrl).username);
    const member = await owner.query(
      `SELECT pg_has_role($1, 'stp_app', 'MEMBER') AS member`,
      [appRole],
    );
    if (!member[0].member) await owner.query(`GRANT stp_app TO "${appRole.replace(/"/g, '""')}"`);
    return applied.map((m) => m.name);
  } finally {
    await owner.destroy();
  }
}
