import { Client } from 'pg';
import { createDataSource, MIGRATIONS } from './data-source';

/**
 * Runs pending migrations as the owner, then makes sure the server's login role holds stp_app
 * (the role every grant goes to). Returns the names of the migrations it applied.
 */
export async function migrate(ownerUrl: string, appUrl: string): Promise<string[]> {
  if (await upToDate(ownerUrl, appUrl)) return [];
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

/**
 * Whether every migration has run and the server's role already holds stp_app: the case of every
 * start but the first on a data directory, answered by one statement instead of TypeORM's migration
 * run (which costs the start a connection pool and several statements). Any doubt (no migrations
 * table yet, no stp_app role) answers false, and `migrate` does the full run.
 */
async function upToDate(ownerUrl: string, appUrl: string): Promise<boolean> {
  const db = new Client({ connectionString: ownerUrl, application_name: 'stp-migrate' });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT ARRAY(SELECT name FROM schema_migrations) AS applied, pg_has_role($1, 'stp_app', 'MEMBER') AS member`,
      [decodeURIComponent(new URL(appUrl).username)],
    );
    const applied = new Set(rows[0].applied as string[]);
    return rows[0].member === true && MIGRATIONS.every((m) => applied.has(new m().name ?? m.name));
  } catch {
    return false;
  } finally {
    await db.end();
  }
}
