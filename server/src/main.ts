import 'reflect-metadata';
import cluster from 'node:cluster';
import { createApp } from './app';
import { setNaiveLoaders } from './common/loaders';
import { Config, ConfigError, loadConfig } from './config/config';
import { createDataSource } from './db/data-source';
import { EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded';
import { migrate } from './db/migrate';
import { DatabaseRouter } from './db/routing/replicas';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './db/seeds/demo';
import { ProvinceDirectory } from './modules/provinces/province-directory';
import { createSchema } from './schema';
import { AuthTokens } from './tenancy/auth-token';

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

/** The database the server talks to, started and migrated; `stop` stops an embedded one. */
interface PreparedDatabase {
  appUrl: string;
  jwtSecret: string;
  stop(): Promise<void>;
}

/**
 * Starts the embedded PostgreSQL when no DATABASE_URL is given, then migrates it and loads the demo
 * when the owner's URL is known. Shared by the single process and the cluster's primary.
 */
async function prepareDatabase(config: Config): Promise<PreparedDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let ownerUrl = config.databaseOwnerUrl;
  let appUrl = config.databaseUrl;
  let jwtSecret = config.jwtSecret;
  if (!appUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
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
      const applied = await migrate(ownerUrl, appUrl);
      if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
      if (config.seedDemo) await seedDemo(ownerUrl, log);
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
  const { appUrl, jwtSecret, stop: stopDatabase } = await prepareDatabase(config);

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
      if (config.seedDemo) {
        log(`demo accounts (demo only), password "${DEMO_PASSWORD}":`);
        for (const u of DEMO_USERS) log(`  ${u.email.padEnd(24)} ${u.role}${u.province ? ` (${u.province})` : ''}`);
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
  if (config.naiveLoaders) {
    setNaiveLoaders(true);
    log('STP_NAIVE_LOADERS: loaders neither batch nor cache (benchmark baseline)');
  }
  const { appUrl, jwtSecret, stop: stopDatabase } = await prepareDatabase(config);

  try {
    const dataSource = createDataSource({ url: appUrl, poolSize: config.poolSize, timeouts: config.dbTimeouts });
    await dataSource.initialize();
    let router: DatabaseRouter | undefined;
    if (config.databaseReplicaUrls.length) {
      router = new DatabaseRouter(
        dataSource,
        config.databaseReplicaUrls.map((url) => ({
          url,
          dataSource: createDataSource({ url, poolSize: config.poolSize, timeouts: config.dbTimeouts, applicationName: 'stp-server-read' }),
        })),
        { maxLagMs: config.replicaMaxLagMs, pollMs: config.replicaPollMs },
        log,
      );
      await router.start();
      log(`read replicas: ${router.replicas.map((r) => `${r.label} ${r.state}`).join(', ')}`);
    }
    const provinces = await ProvinceDirectory.load(dataSource);
    const { httpServer, apollo } = await createApp({
      schema: await createSchema(),
      dataSource,
      provinces,
      tokens: new AuthTokens(jwtSecret, config.tokenTtlHours),
      production: config.production,
      clientDir: config.clientDir,
      log,
      limits: config.limits,
      router,
      trustProxy: config.trustProxy,
    });

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') throw new ConfigError(`PORT ${config.port} is already in use on ${config.host}`);
      throw e;
    });

    const address = httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    if (cluster.isWorker) {
      log(`listening on ${url}`);
    } else {
      if (config.seedDemo) {
        log(`demo accounts (demo only), password "${DEMO_PASSWORD}":`);
        for (const u of DEMO_USERS) log(`  ${u.email.padEnd(24)} ${u.role}${u.province ? ` (${u.province})` : ''}`);
      }
      // Printed last: scripts wait for this line.
      log(`ready: ${url}  (GraphQL ${url}/graphql, health ${url}/healthz)`);
    }

    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: finishing requests in flight, then stopping`);
      await apollo.stop(); // drains the HTTP server: in-flight requests complete
      await router?.stop();
      await dataSource.destroy();
      await stopDatabase();
      log('stopped');
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
  } catch (e) {
    await stopDatabase();
    throw e;
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? `Configuration error: ${e.message}` : e);
  process.exit(1);
});
