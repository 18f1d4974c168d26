import 'reflect-metadata';
import { createApp } from './app';
import { setNaiveLoaders } from './common/loaders';
import { Config, ConfigError, loadConfig } from './config/config';
import { createDataSource } from './db/data-source';
import { EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded';
import { migrate } from './db/migrate';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './db/seeds/demo';
import { ProvinceDirectory } from './modules/provinces/province-directory';
import { createSchema } from './schema';
import { AuthTokens } from './tenancy/auth-token';

const log = (message: string) => console.log(`[stp] ${message}`);

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

/** Bootstrap only: config → database → schema → http. */
async function main(): Promise<void> {
  const config = readConfig();
  if (config.naiveLoaders) {
    setNaiveLoaders(true);
    log('STP_NAIVE_LOADERS: loaders neither batch nor cache (benchmark baseline)');
  }
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

  const stopDatabase = async () => {
    if (embedded) await embedded.stop().catch((e) => log(`stopping PostgreSQL: ${String(e)}`));
  };

  try {
    if (ownerUrl) {
      const applied = await migrate(ownerUrl, appUrl);
      if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
      if (config.seedDemo) await seedDemo(ownerUrl, log);
    } else {
      log('DATABASE_OWNER_URL not set: migrations are expected to have run already');
    }

    const dataSource = createDataSource({ url: appUrl, poolSize: config.poolSize, timeouts: config.dbTimeouts });
    await dataSource.initialize();
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
    if (config.seedDemo) {
      log(`demo accounts (demo only), password "${DEMO_PASSWORD}":`);
      for (const u of DEMO_USERS) log(`  ${u.email.padEnd(24)} ${u.role}${u.province ? ` (${u.province})` : ''}`);
    }

    // Printed last: scripts wait for this line.
    log(`ready: ${url}  (GraphQL ${url}/graphql, health ${url}/healthz)`);

    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: finishing requests in flight, then stopping`);
      await apollo.stop(); // drains the HTTP server: in-flight requests complete
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
