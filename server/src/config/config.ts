import path from 'node:path';
import { DatabaseTimeouts, DEFAULT_DB_TIMEOUTS, DEFAULT_LIMITS, LimitsConfig } from '../security/limits-config';

/** Raised for a bad environment value; main prints its one-line message and exits with code 1. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Whether `e` is a ConfigError, also one thrown by the server bundle's own copy of this module
 * (main.ts loads the server from a bundle, so `instanceof` sees two classes).
 */
export function isConfigError(e: unknown): e is ConfigError {
  return e instanceof Error && e.name === 'ConfigError';
}

export interface Config {
  /** HTTP port for the API, GraphiQL and the built client (PORT, default 4000). */
  port: number;
  /** Interface to listen on (HOST, default 127.0.0.1; containers set 0.0.0.0). */
  host: string;
  /** Where the embedded PostgreSQL keeps its files and generated secrets (DATA_DIR, default .data/). */
  dataDir: string;
  /** External PostgreSQL for the server's own role (DATABASE_URL); unset = embedded PostgreSQL. */
  databaseUrl?: string;
  /** Streaming replicas of DATABASE_URL for GraphQL queries (DATABASE_REPLICA_URLS, comma-separated; none = all on the primary). */
  databaseReplicaUrls: string[];
  /** A replica further behind than this leaves rotation (REPLICA_MAX_LAG_MS, default 5000); polled every REPLICA_POLL_MS (default 1000). */
  replicaMaxLagMs: number;
  replicaPollMs: number;
  /** Server processes sharing the port (WEB_CONCURRENCY, default 1 = no cluster). */
  webConcurrency: number;
  /** Proxies whose X-Forwarded-For is believed, in Express's syntax (TRUST_PROXY, default loopback; behind nginx in Docker: uniquelocal). */
  trustProxy: string;
  /** External PostgreSQL as the schema owner, used for migrations only (DATABASE_OWNER_URL). */
  databaseOwnerUrl?: string;
  /** Secret that signs bearer tokens (JWT_SECRET, at least 32 characters; generated and kept in DATA_DIR when embedded). */
  jwtSecret?: string;
  /** How long a login token is valid, in hours (TOKEN_TTL_HOURS, default 12). */
  tokenTtlHours: number;
  /** Load the demo accounts and demo data (SEED_DEMO; default true with the embedded database, false otherwise). */
  seedDemo: boolean;
  /** Connections in the server's pool (DB_POOL_SIZE, default 10). */
  poolSize: number;
  /** Error details and stack traces are shown only with NODE_ENV=development; any other value hides them. */
  production: boolean;
  /** Folder of the built client served at / (CLIENT_DIST, default ../client/dist next to the server). */
  clientDir: string;
  /** Query shape, cost, rate, login and body limits (README, "Limits"). */
  limits: LimitsConfig;
  /** Statement, idle-transaction and pool connection timeouts. */
  dbTimeouts: DatabaseTimeouts;
  /** Benchmark baseline: no batching or caching in DataLoaders (STP_NAIVE_LOADERS, default false). Never in production. */
  naiveLoaders: boolean;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

function postgresUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a postgres:// URL`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${name} must be a postgres:// URL (got protocol "${url.protocol}")`);
  }
  return raw;
}

/** Reads and validates every setting at once, so a bad value stops the start with a message naming it. */
export function loadConfig(env: Env = process.env): Config {
  const databaseUrl = postgresUrl(env, 'DATABASE_URL');
  const databaseOwnerUrl = postgresUrl(env, 'DATABASE_OWNER_URL');
  if (databaseOwnerUrl && !databaseUrl) {
    throw new ConfigError('DATABASE_OWNER_URL needs DATABASE_URL (the server role) as well');
  }
  const databaseReplicaUrls = (env.DATABASE_REPLICA_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean)
    .map((u, i) => postgresUrl({ [`DATABASE_REPLICA_URLS (entry ${i + 1})`]: u }, `DATABASE_REPLICA_URLS (entry ${i + 1})`) as string);
  if (databaseReplicaUrls.length && !databaseUrl) {
    throw new ConfigError('DATABASE_REPLICA_URLS needs DATABASE_URL (the primary) as well');
  }
  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters long');
  }
  if (databaseUrl && !jwtSecret) {
    throw new ConfigError('JWT_SECRET is required when DATABASE_URL is set');
  }
  const trustProxy = env.TRUST_PROXY || 'loopback';
  if (!/^[\w.:/, -]+$/.test(trustProxy)) throw new ConfigError(`TRUST_PROXY must be addresses, subnets or names like loopback, uniquelocal (got "${trustProxy}")`);
  const host = env.HOST || '127.0.0.1';
  if (!/^[\w.:-]+$/.test(host)) throw new ConfigError(`HOST must be a host name or address (got "${host}")`);
  const nodeEnv = env.NODE_ENV || 'production';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test (got "${nodeEnv}")`);
  }
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host,
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    databaseUrl,
    databaseOwnerUrl,
    databaseReplicaUrls,
    replicaMaxLagMs: integer(env, 'REPLICA_MAX_LAG_MS', 5000, 10, 3_600_000),
    replicaPollMs: integer(env, 'REPLICA_POLL_MS', 1000, 20, 60_000),
    webConcurrency: integer(env, 'WEB_CONCURRENCY', 1, 1, 64),
    trustProxy,
    jwtSecret,
    tokenTtlHours: integer(env, 'TOKEN_TTL_HOURS', 12, 1, 24 * 30),
    seedDemo: bool(env, 'SEED_DEMO', !databaseUrl),
    poolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200),
    production: nodeEnv !== 'development',
    clientDir: path.resolve(env.CLIENT_DIST || path.join(__dirname, '..', '..', '..', 'client', 'dist')),
    limits: loadLimits(env, nodeEnv === 'development' || bool(env, 'SEED_DEMO', !databaseUrl)),
    dbTimeouts: {
      statementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', DEFAULT_DB_TIMEOUTS.statementTimeoutMs, 100, 3_600_000),
      idleInTransactionTimeoutMs: integer(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', DEFAULT_DB_TIMEOUTS.idleInTransactionTimeoutMs, 100, 3_600_000),
      connectionTimeoutMs: integer(env, 'DB_CONNECTION_TIMEOUT_MS', DEFAULT_DB_TIMEOUTS.connectionTimeoutMs, 100, 600_000),
    },
    naiveLoaders: bool(env, 'STP_NAIVE_LOADERS', false),
  };
}

/**
 * Limits of the API. Introspection is on by default in development and for the demo (embedded
 * database or SEED_DEMO), where GraphiQL at /graphiql needs it, and off for a production deployment
 * on its own database unless GRAPHQL_INTROSPECTION=true.
 */
function loadLimits(env: Env, introspectionByDefault: boolean): LimitsConfig {
  const d = DEFAULT_LIMITS;
  const limits: LimitsConfig = {
    maxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', d.maxDepth, 2, 100),
    maxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', d.maxAliases, 0, 1000),
    maxTokens: integer(env, 'GRAPHQL_MAX_TOKENS', d.maxTokens, 50, 1_000_000),
    maxDirectives: integer(env, 'GRAPHQL_MAX_DIRECTIVES', d.maxDirectives, 0, 1000),
    maxCost: integer(env, 'GRAPHQL_MAX_COST', d.maxCost, 10, 10_000_000),
    introspection: bool(env, 'GRAPHQL_INTROSPECTION', introspectionByDefault),
    bodyLimitBytes: integer(env, 'REQUEST_BODY_LIMIT_KB', d.bodyLimitBytes / 1024, 1, 1024 * 1024) * 1024,
    rateCapacity: integer(env, 'RATE_LIMIT_CAPACITY', d.rateCapacity, 10, 1_000_000_000),
    rateRefillPerSecond: integer(env, 'RATE_LIMIT_REFILL_PER_SECOND', d.rateRefillPerSecond, 1, 1_000_000_000),
    loginPerAccount: integer(env, 'LOGIN_MAX_ATTEMPTS_PER_ACCOUNT', d.loginPerAccount, 1, 1_000_000),
    loginPerAddress: integer(env, 'LOGIN_MAX_ATTEMPTS_PER_ADDRESS', d.loginPerAddress, 1, 1_000_000),
    loginWindowSeconds: integer(env, 'LOGIN_THROTTLE_WINDOW_SECONDS', d.loginWindowSeconds, 1, 86_400),
    idempotencyTtlHours: integer(env, 'IDEMPOTENCY_TTL_HOURS', d.idempotencyTtlHours, 1, 24 * 30),
  };
  // A request the cost limit lets through must be able to pass the rate limit when the bucket is full.
  if (limits.rateCapacity < limits.maxCost) {
    throw new ConfigError(`RATE_LIMIT_CAPACITY (${limits.rateCapacity}) must be at least GRAPHQL_MAX_COST (${limits.maxCost})`);
  }
  return limits;
}
