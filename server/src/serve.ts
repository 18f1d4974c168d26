import cluster from 'node:cluster';
import type { GraphQLSchema } from 'graphql';
import { createApp } from './app';
import { setNaiveLoaders } from './common/loaders';
import { ConfigError, type Config } from './config/config';
import { createDataSource } from './db/data-source';
import { DatabaseRouter } from './db/routing/replicas';
import { DEMO_PASSWORD, DEMO_USERS } from './db/seeds/demo';
import { ProvinceDirectory } from './modules/provinces/province-directory';
import { createSchema } from './schema';
import { AuthTokens } from './tenancy/auth-token';

export { createSchema, setNaiveLoaders };

/** The database `serve` talks to, started and migrated by main.ts; `stop` stops an embedded one. */
export interface PreparedDatabase {
  appUrl: string;
  jwtSecret: string;
  stop(): Promise<void>;
}

/**
 * One server process on a prepared database: pool, replicas, HTTP, and a drain on SIGINT/SIGTERM.
 * main.ts loads this module (bundled, see server-modules.ts) while the embedded PostgreSQL starts.
 */
export async function serve(config: Config, db: PreparedDatabase, schema: GraphQLSchema, log: (message: string) => void): Promise<void> {
  const dataSource = createDataSource({ url: db.appUrl, poolSize: config.poolSize, timeouts: config.dbTimeouts });
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
    schema,
    dataSource,
    provinces,
    tokens: new AuthTokens(db.jwtSecret, config.tokenTtlHours),
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

  // Installed before the ready line: a stop sent as soon as it appears must find them (without a
  // handler, SIGTERM kills the process and leaves the embedded PostgreSQL running).
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing requests in flight, then stopping`);
    await apollo.stop(); // drains the HTTP server: in-flight requests complete
    await router?.stop();
    await dataSource.destroy();
    await db.stop();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

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

}
