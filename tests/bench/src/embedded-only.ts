import path from 'node:path';
import { SERVER_DIST } from './common';

/** Starts only the embedded PostgreSQL on DATA_DIR, the way the server does, then waits for SIGTERM. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEmbeddedPostgres } = require(path.join(SERVER_DIST, 'db', 'embedded.js'));

async function main(): Promise<void> {
  const db = await startEmbeddedPostgres({ dataDir: process.env.DATA_DIR });
  // Before the ready line: a stop sent as soon as it appears must find the handler.
  process.on('SIGTERM', () => void db.stop().then(() => process.exit(0)));
  console.log('ready');
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
