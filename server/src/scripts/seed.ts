import 'reflect-metadata';
import { Client } from 'pg';
import { loadConfig } from '../config/config';
import { startEmbeddedPostgres } from '../db/embedded';
import { migrate } from '../db/migrate';
import { seedDemo } from '../db/seeds/demo';
import { generateSynthetic, Scale, SCALES } from '../db/seeds/synthetic';

/**
 * `seed --scale S|M|L`: fills all 34 provinces with deterministic synthetic data (plus the demo
 * accounts and source documents when absent) in DATA_DIR's embedded database, or in the database
 * of DATABASE_OWNER_URL.
 */
async function main(): Promise<void> {
  const i = process.argv.indexOf('--scale');
  const scale = (i >= 0 ? process.argv[i + 1] : 'S')?.toUpperCase() as Scale;
  if (!(scale in SCALES)) {
    console.error(`usage: seed --scale S|M|L (got "${scale}")`);
    process.exit(1);
  }
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, log: console.log });
  const ownerUrl = embedded?.ownerUrl ?? config.databaseOwnerUrl;
  const appUrl = embedded?.appUrl ?? config.databaseUrl;
  if (!ownerUrl || !appUrl) throw new Error('DATABASE_OWNER_URL is needed to seed an external database');
  try {
    await migrate(ownerUrl, appUrl);
    await seedDemo(ownerUrl, console.log);
    const db = new Client({ connectionString: ownerUrl });
    await db.connect();
    const started = Date.now();
    console.log(`generating synthetic data at scale ${scale}`);
    try {
      await generateSynthetic(db, scale, console.log);
    } finally {
      await db.end();
    }
    console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await embedded?.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
