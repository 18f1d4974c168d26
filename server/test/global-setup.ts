import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded';
import { migrate } from '../src/db/migrate';
import { seedDemo } from '../src/db/seeds/demo';

/** A fresh embedded PostgreSQL for this run: its own folder, its own port, migrated and seeded. */
export default async function globalSetup(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stp-test-'));
  fs.chmodSync(dataDir, 0o755);
  const db = await startEmbeddedPostgres({ dataDir, preferredPort: 0 });
  await migrate(db.ownerUrl, db.appUrl);
  await seedDemo(db.ownerUrl);
  // Statement-count tests read pg_stat_statements (preloaded by the embedded server).
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  await owner.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await owner.end();
  process.env.STP_TEST_OWNER_URL = db.ownerUrl;
  process.env.STP_TEST_APP_URL = db.appUrl;
  process.env.STP_TEST_DATA_DIR = dataDir;
  (globalThis as { __stpDb?: { stop(): Promise<void>; dataDir: string } }).__stpDb = { stop: db.stop, dataDir };
}
