import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { compiledExecution } from './compiled-execution';
import { graphqlHttpHandler, isGraphqlPath } from './graphql-http';
import { ErrorCode } from './common/errors';
import type { DatabaseRouter } from './db/routing/replicas';
import { PostgresKeyValueCache } from './db/routing/shared-cache';
import { makeFormatError } from './common/format-error';
import type { ProvinceDirectory } from './modules/provinces/province-directory';
import { annualReportDownloads } from './modules/annual-reports/annual-report.download';
import { printSortedSchema } from './schema';
import type { AuthTokens } from './tenancy/auth-token';
import { buildContext, RequestContext } from './tenancy/request-context';
import { DEFAULT_LIMITS, LimitsConfig } from './security/limits-config';
import { limitValidationRules, securityPlugin } from './security/query-limits';
import { principalOf, RateLimiter } from './security/rate-limiter';
import { secureFormatError } from './security/secure-format-error';

export interface AppDeps {
  schema: GraphQLSchema;
  dataSource: DataSource;
  provinces: ProvinceDirectory;
  tokens: AuthTokens;
  production: boolean;
  clientDir?: string;
  log?: (message: string) => void;
  /** Query, rate, login and body limits; unset ones take DEFAULT_LIMITS (README, "Limits"). */
  limits?: Partial<LimitsConfig>;
  /** Read replicas: GraphQL queries run there, mutations on `dataSource` (docs/SCALING.md). */
  router?: DatabaseRouter;
  /** Express 'trust proxy' (TRUST_PROXY): whose X-Forwarded-For gives the client address; default loopback. */
  trustProxy?: string;
}

/** How long a persisted query (APQ) stays registered in the shared cache. */
const PERSISTED_QUERY_TTL_SECONDS = 24 * 3600;

/**
 * Tells the request's transaction, before anything runs, what the operation is: a query may be
 * served by a replica, a mutation runs on the primary (and leaves its position for read-your-writes).
 * Synchronous on purpose: plugins' didResolveOperation hooks run side by side.
 */
const routingPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (operation) contextValue.tx.routeFor(operation.operation, principalOf(contextValue));
      },
    };
  },
};

/**
 * Commits the request's transaction when the response has no errors, else rolls it back: a failed
 * mutation changes nothing. A query's answer is final once computed (nothing it may write, such as
 * the daily indicator refresh, changes it), so it is sent while its transaction ends rather than
 * after: one round trip less, and its result is not held in memory across that wait (a garbage
 * collection meanwhile would copy it). A failure to end it is only logged: the answer stands.
 */
const transactionPlugin = (log: (message: string) => void): ApolloServerPlugin<RequestContext> => ({
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response, operation }) {
        const body = response.body;
        const failed = body.kind !== 'single' || (body.singleResult.errors?.length ?? 0) > 0;
        if (operation?.operation === 'query') {
          void contextValue.tx.finish(!failed).catch((e: unknown) => log(`ending a query's transaction failed: ${(e as Error)?.message ?? String(e)}`));
        } else {
          try {
            await contextValue.tx.finish(!failed);
          } catch {
            if (body.kind === 'single') {
              body.singleResult.data = null;
              body.singleResult.errors = [
                { message: 'The change could not be saved; nothing was changed. Retry the request.', extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true } },
              ];
            }
          }
        }
        // The database is away for a moment: one status for every such answer, whichever step failed,
        // so HTTP clients and proxies retry (nothing of the request was kept).
        if (body.kind === 'single' && body.singleResult.errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) {
          response.http.status = 503;
          response.http.headers.set('retry-after', '1');
        }
      },
    };
  },
});

export interface App {
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
}

/** Builds the Express app: /graphql, /healthz, /schema.graphql and the built client. */
export async function createApp(deps: AppDeps): Promise<App> {
  const log = deps.log ?? ((m: string) => console.error(m));
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? 'loopback');
  // Requests are taken once Apollo has started (below): /graphql directly, the rest by Express.
  const httpServer = http.createServer();
  const limits: LimitsConfig = { ...DEFAULT_LIMITS, ...deps.limits };
  const limiter = new RateLimiter(deps.dataSource, limits);
  const contextDeps = { ...deps, limiter };

  const apollo = new ApolloServer<RequestContext>({
    // Operations run compiled by graphql-jit; Apollo still parses, validates and runs the plugins.
    gateway: compiledExecution(deps.schema),
    formatError: secureFormatError(
      makeFormatError(deps.production, (e) => log(`unexpected error: ${(e as Error)?.stack ?? String(e)}`)),
      deps.production,
    ),
    includeStacktraceInErrorResponses: !deps.production,
    introspection: limits.introspection,
    // A JSON array of operations is refused (BAD_REQUEST): one request, one operation, one transaction.
    allowBatchedHttpRequests: false,
    // Apollo's default appends a newline, which turns a large answer into a rope that is copied
    // whole once more before it is sent (a national comparison is some 370 KB).
    stringifyResult: (value) => JSON.stringify(value),
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: limitValidationRules(limits, deps.production),
    // main.ts owns SIGINT/SIGTERM: it drains HTTP, closes the pool, then stops the embedded database.
    stopOnTerminationSignals: false,
    // Automatic persisted queries in PostgreSQL: a hash registered through one process works on all.
    persistedQueries: { cache: new PostgresKeyValueCache(deps.dataSource), ttl: PERSISTED_QUERY_TTL_SECONDS },
    plugins: [
      routingPlugin,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP cache hints are used; the default cache-control plugin would wrap every field resolver (tests/bench profile).
      ApolloServerPluginCacheControlDisabled(),
      securityPlugin({ limits, production: deps.production, limiter }),
      // Once requests are drained, unspent rate-limit leases go back to the shared buckets.
      { async serverWillStart() { return { serverWillStop: () => limiter.release() }; } },
      transactionPlugin(log),
    ],
  });
  await apollo.start();
  const graphql = graphqlHttpHandler({
    apollo,
    // Apollo awaits the context (an API key is looked up first); a refused key becomes a 401 there.
    context: (authorization, ip) => buildContext(contextDeps, authorization, ip),
    trustProxy: app.get('trust proxy fn') as (address: string, hop: number) => boolean,
    bodyLimitBytes: limits.bodyLimitBytes,
    production: deps.production,
  });
  httpServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => (isGraphqlPath(req.url) ? graphql(req, res) : app(req, res)));

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.dataSource.query('SELECT 1');
      res.json(deps.router ? { status: 'ok', ...deps.router.details() } : { status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database does not answer' });
    }
  });

  // The SDL is what introspection would tell: served only where introspection is on, and printed
  // by the first request for it (sorting and printing the schema at start cost the start time).
  let sdl: string | undefined;
  if (limits.introspection) {
    app.get('/schema.graphql', (_req, res) => {
      sdl ??= printSortedSchema(deps.schema);
      res.type('text/plain; charset=utf-8').send(sdl);
    });
  }

  // Annual report downloads (XLSX, printable page): same token and tenant transaction as /graphql.
  app.use(annualReportDownloads(deps));

  if (deps.clientDir && fs.existsSync(path.join(deps.clientDir, 'index.html'))) {
    const index = path.join(deps.clientDir, 'index.html');
    app.use(express.static(deps.clientDir, { index: false, maxAge: '1h' }));
    // Offline GraphiQL (built from client/graphiql.html, all assets local): before the SPA fallback.
    const graphiql = path.join(deps.clientDir, 'graphiql.html');
    if (fs.existsSync(graphiql)) app.get('/graphiql', (_req, res) => res.sendFile(graphiql));
    // Client-side routes (/login, /associations, ...) all load the single-page app.
    app.get(/^\/(?!graphql|healthz|schema\.graphql).*/, (_req, res) => res.sendFile(index));
  }

  return { httpServer, apollo };
}
