import 'reflect-metadata';
import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import { Config, ConfigError, isConfigError, loadConfig } from './config/config';
import { EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded';
import { loadWithCodeCache } from './load-bundle';
import type { PreparedDatabase } from './serve';

// Everything else (Apollo, TypeORM, the schema, the migrations) is loaded once the embedded
// PostgreSQL has been spawned: loading it takes about as long as PostgreSQL takes to start.
type ServerModules = typeof import('./server-modules');

const log = (message: string) => console.log(cluster.isWorker ? `[stp ${process.pid}] ${message}` : `[stp] ${message}`);

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

/**
 * Starts the embedded PostgreSQL when no DATABASE_URL is given, then migrates it and loads the demo
 * when the owner's URL is known. Shared by the single process and the cluster's primary.
 */
async function prepareDatabase(config: Config, modules: Promise<ServerModules>, onSpawned?: () => void): Promise<PreparedDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let ownerUrl = config.databaseOwnerUrl;
  let appUrl = config.databaseUrl;
  let jwtSecret = config.jwtSecret;
  if (!appUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log, onSpawned });
    ownerUrl = embedded.ownerUrl;
    appUrl = embedded.appUrl;
    jwtSecret ??= embedded.credentials.jwtSecret;
    log(`embedded PostgreSQL on 127.0.0.1:${embedded.credentials.port}, data in ${config.dataDir}`);
  }
  if (!appUrl || !jwtSecret) throw new Error('unreachable: config guarantees a database and a secret');
  const stop = async () => {
    if (embedded) await embedded.stop().catch((e) => log(`stopping PostgreSQL: ${String(e)}`));
  };
  try {
    if (ownerUrl) {
      const { migrate, demo } = await modules;
      const applied = await migrate(ownerUrl, appUrl);
      if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
      if (config.seedDemo) await demo.seedDemo(ownerUrl, log);
    } else if (!cluster.isWorker) {
      log('DATABASE_OWNER_URL not set: migrations are expected to have run already');
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { appUrl, jwtSecret, stop };
}

/**
 * WEB_CONCURRENCY > 1: this process owns the database side (embedded PostgreSQL, migrations, demo
 * seed) and forks that many workers, which share the port (Node cluster, round robin) and connect
 * to the database with the server's role. Every piece of state the workers share (rate limits,
 * login throttling, idempotency keys, persisted queries, read-your-writes positions) is in
 * PostgreSQL. A worker that dies is replaced; SIGTERM/SIGINT drain the workers, then stop the database.
 */
async function runClusterPrimary(config: Config): Promise<void> {
  const modules = Promise.resolve().then(loadServerModules);
  const { appUrl, jwtSecret, stop: stopDatabase } = await prepareDatabase(config, modules.then((m) => m.modules));
  const demo = config.seedDemo ? (await modules).modules.demo : undefined;

  // Workers get the database as an external one; migrations have run, so no owner URL.
  const workerEnv = {
    DATABASE_URL: appUrl,
    DATABASE_OWNER_URL: '',
    JWT_SECRET: jwtSecret,
    SEED_DEMO: String(config.seedDemo),
    PORT: String(config.port),
  };
  let stopping = false;
  let port: number | undefined;
  const listening = new Set<number>();
  const fork = () => cluster.fork(workerEnv);
  cluster.on('listening', (worker, address) => {
    listening.add(worker.id);
    port ??= address.port;
    if (listening.size === config.webConcurrency && port !== undefined) {
      const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
      if (demo) {
        log(`demo accounts (demo only), password "${demo.DEMO_PASSWORD}":`);
        for (const u of demo.DEMO_USERS) log(`  ${u.email.padEnd(24)} ${u.role}${u.province ? ` (${u.province})` : ''}`);
      }
      log(`${config.webConcurrency} server processes on one port`);
      // Printed last: scripts wait for this line.
      log(`ready: ${url}  (GraphQL ${url}/graphql, health ${url}/healthz)`);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    const wasListening = listening.delete(worker.id);
    if (stopping) return;
    if (!wasListening && port === undefined) {
      // A worker that cannot even start (bad configuration, port in use): stop everything.
      log(`a server process exited before it was ready (code ${code}, signal ${signal}); stopping`);
      void shutdown('startup failure', 1);
      return;
    }
    log(`server process ${worker.process.pid} exited (code ${code}, signal ${signal}); starting another`);
    fork();
  });
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the server processes, then the database`);
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => {
      if (w.isDead()) return resolve();
      const timer = setTimeout(() => w.process.kill('SIGKILL'), 30_000);
      w.once('exit', () => { clearTimeout(timer); resolve(); });
      w.process.kill('SIGTERM');
    })));
    await stopDatabase();
    log('stopped');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  for (let i = 0; i < config.webConcurrency; i++) fork();
}

/** Bootstrap only: config → database → schema → http. */
async function main(): Promise<void> {
  const config = readConfig();
  if (config.webConcurrency > 1 && cluster.isPrimary) return runClusterPrimary(config);
  // PostgreSQL starts, migrates and seeds while the server's modules load and its schema builds; the
  // loading waits until the postmaster is spawned (it blocks the event loop that gets it there).
  let spawned = () => {};
  const postgresSpawned = new Promise<void>((resolve) => (spawned = resolve));
  const loading = postgresSpawned.then(() => loadServerModules());
  const modules = loading.then((l) => l.modules);
  const preparing = prepareDatabase(config, modules, spawned).finally(spawned);
  if (config.databaseUrl) spawned();
  // A stop asked for while starting is held until the server's own handlers are in place.
  const held = holdStopSignals();
  const [database, server] = await Promise.allSettled([preparing, modules.then((m) => buildServer(config, m))]);
  if (database.status === 'rejected') throw database.reason;
  const db = database.value;
  let started = false;
  try {
    if (server.status === 'rejected') throw server.reason;
    await server.value.serve(config, db, server.value.schema, log);
    started = true;
  } catch (e) {
    await db.stop();
    throw e;
  } finally {
    held.release(started);
  }
  const problem = (await loading).saveCodeCache();
  if (problem) log(problem);
}

/**
 * SIGINT/SIGTERM during the start: noted instead of killing the process (which would leave the
 * embedded PostgreSQL running), then sent again once `serve` has installed its draining handlers.
 */
function holdStopSignals(): { release(resend: boolean): void } {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  let received: NodeJS.Signals | undefined;
  const hold = (signal: NodeJS.Signals) => {
    received ??= signal;
    log(`${signal} while starting: stopping once started`);
  };
  for (const s of signals) process.on(s, hold);
  return {
    release(resend) {
      for (const s of signals) process.removeListener(s, hold);
      if (received && resend) process.kill(process.pid, received);
    },
  };
}

/**
 * The server's modules: the bundle the build makes (dist/server-modules.bundle.js), loaded with a
 * V8 code cache, or the compiled modules one by one when there is no bundle or it is older than them
 * (after a bare `tsc`).
 */
function loadServerModules(): { modules: ServerModules; saveCodeCache(): string | undefined } {
  const bundle = path.join(__dirname, 'server-modules.bundle.js');
  const stale = (file: string) => fs.statSync(file).mtimeMs > fs.statSync(bundle).mtimeMs;
  if (!fs.existsSync(bundle) || stale(path.join(__dirname, 'server-modules.js'))) {
    log('no up-to-date server bundle (dist/server-modules.bundle.js): loading the compiled modules one by one');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { modules: require('./server-modules.js') as ServerModules, saveCodeCache: () => undefined };
  }
  const loaded = loadWithCodeCache<ServerModules>(bundle);
  return { modules: loaded.exports, saveCodeCache: () => loaded.saveCache() };
}

async function buildServer(config: Config, modules: ServerModules) {
  if (config.naiveLoaders) {
    modules.server.setNaiveLoaders(true);
    log('STP_NAIVE_LOADERS: loaders neither batch nor cache (benchmark baseline)');
  }
  return { serve: modules.server.serve, schema: await modules.server.createSchema() };
}

main().catch((e) => {
  console.error(isConfigError(e) ? `Configuration error: ${e.message}` : e);
  process.exit(1);
});
