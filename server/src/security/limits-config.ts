/**
 * Every limit of the API in one place, read from the environment by `loadConfig` (README, "Limits").
 * The defaults are generous enough for the client, the demo and the test suite; tests that check a
 * limit start their own server with tight values.
 */
export interface LimitsConfig {
  /** Largest selection depth of an operation (GRAPHQL_MAX_DEPTH). */
  maxDepth: number;
  /** Most aliases in one document (GRAPHQL_MAX_ALIASES). */
  maxAliases: number;
  /** Most lexical tokens in one document; parsing stops beyond (GRAPHQL_MAX_TOKENS). */
  maxTokens: number;
  /** Most directives in one document (GRAPHQL_MAX_DIRECTIVES). */
  maxDirectives: number;
  /** Largest estimated cost of one operation, page sizes included (GRAPHQL_MAX_COST). */
  maxCost: number;
  /** Introspection (`__schema`, `__type`) allowed (GRAPHQL_INTROSPECTION). */
  introspection: boolean;
  /** Largest request body in bytes (REQUEST_BODY_LIMIT_KB × 1024). */
  bodyLimitBytes: number;
  /** Cost points a user or API key may spend in a burst (RATE_LIMIT_CAPACITY). */
  rateCapacity: number;
  /** Cost points given back per second, up to the capacity (RATE_LIMIT_REFILL_PER_SECOND). */
  rateRefillPerSecond: number;
  /** Failed login attempts per account before throttling (LOGIN_MAX_ATTEMPTS_PER_ACCOUNT). */
  loginPerAccount: number;
  /** Failed login attempts per client address before throttling (LOGIN_MAX_ATTEMPTS_PER_ADDRESS). */
  loginPerAddress: number;
  /** Seconds over which the login allowances refill completely (LOGIN_THROTTLE_WINDOW_SECONDS). */
  loginWindowSeconds: number;
  /** How long a stored idempotent response is replayed, in hours (IDEMPOTENCY_TTL_HOURS). */
  idempotencyTtlHours: number;
}

export const DEFAULT_LIMITS: LimitsConfig = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 5000,
  maxDirectives: 50,
  maxCost: 20_000,
  introspection: true,
  bodyLimitBytes: 1024 * 1024,
  rateCapacity: 100_000,
  rateRefillPerSecond: 1_000,
  loginPerAccount: 10,
  loginPerAddress: 100,
  loginWindowSeconds: 900,
  idempotencyTtlHours: 24,
};

/** Timeouts of the server's database connections (milliseconds). */
export interface DatabaseTimeouts {
  /** A single statement is cancelled after this long (DB_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
  /** A transaction left idle this long is ended by PostgreSQL (DB_IDLE_IN_TRANSACTION_TIMEOUT_MS). */
  idleInTransactionTimeoutMs: number;
  /** Waiting this long for a pool connection fails the request (DB_CONNECTION_TIMEOUT_MS). */
  connectionTimeoutMs: number;
}

export const DEFAULT_DB_TIMEOUTS: DatabaseTimeouts = {
  statementTimeoutMs: 15_000,
  idleInTransactionTimeoutMs: 30_000,
  connectionTimeoutMs: 10_000,
};
