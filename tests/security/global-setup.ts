/**
 * Starts one built server for the security suites on a fresh data directory seeded at scale S,
 * with a small pool (DB_POOL_SIZE=3) so pooled connections are reused constantly, and
 * NODE_ENV=production (startServer sets it). Its address goes to STATE_FILE for the suites.
 */
import fs from 'node:fs';
import { makeDataDir, seed, SERVER_MAIN, SEED_SCRIPT, startServer, type RunningServer } from '../e2e/support';
import { STATE_FILE, type SharedState } from './support';

export const POOL_SIZE = 3;

/**
 * A small pool; rate and login limits raised so thousands of test requests from one address are
 * not throttled (the limits are another suite's subject, and throttled requests would test nothing
 * here). Settings the server does not know are ignored by it.
 */
const SERVER_ENV: Record<string, string> = {
  DB_POOL_SIZE: String(POOL_SIZE),
  RATE_LIMIT_CAPACITY: '1000000000',
  RATE_LIMIT_REFILL_PER_SECOND: '1000000000',
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '1000000',
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '1000000',
};

export default async function globalSetup(): Promise<void> {
  for (const file of [SERVER_MAIN, SEED_SCRIPT]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: build the server first`);
  }
  const dataDir = makeDataDir('stp-security-');
  seed(dataDir, 'S');
  const previous = { ...process.env };
  Object.assign(process.env, SERVER_ENV);
  let server: RunningServer;
  try {
    server = await startServer(dataDir);
  } finally {
    for (const k of Object.keys(SERVER_ENV)) {
      if (previous[k] === undefined) delete process.env[k];
      else process.env[k] = previous[k];
    }
  }
  (globalThis as any).__STP_SECURITY_SERVER__ = server;
  const state: SharedState = { url: server.url, dataDir, pid: server.child.pid ?? 0, poolSize: POOL_SIZE };
  fs.writeFileSync(STATE_FILE, JSON.stringify(state));
}
