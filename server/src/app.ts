import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { ErrorCode } from './common/errors';
import { makeFormatError } from './common/format-error';
import type { ProvinceDirectory } from './modules/provinces/province-directory';
import { annualReportDownloads } from './modules/annual-reports/annual-report.download';
import { printSortedSchema } from './schema';
import type { AuthTokens } from './tenancy/auth-token';
import { buildContext, RequestContext } from './tenancy/request-context';

export interface AppDeps {
  schema: GraphQLSchema;
  dataSource: DataSource;
  provinces: ProvinceDirectory;
  tokens: AuthTokens;
  production: boolean;
  clientDir?: string;
  log?: (message: string) => void;
}

/** Commits the request's transaction when the response has no errors, else rolls it back: a failed mutation changes nothing. */
const transactionPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        const body = response.body;
        const failed = body.kind !== 'single' || (body.singleResult.errors?.length ?? 0) > 0;
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
      },
    };
  },
};

export interface App {
  httpServer: http.Server;
  apollo: ApolloServer<RequestContext>;
}

/** Builds the Express app: /graphql, /healthz, /schema.graphql and the built client. */
export async function createApp(deps: AppDeps): Promise<App> {
  const log = deps.log ?? ((m: string) => console.error(m));
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const httpServer = http.createServer(app);

  const apollo = new ApolloServer<RequestContext>({
    schema: deps.schema,
    formatError: makeFormatError(deps.production, (e) => log(`unexpected error: ${(e as Error)?.stack ?? String(e)}`)),
    includeStacktraceInErrorResponses: !deps.production,
    introspection: true,
    // main.ts owns SIGINT/SIGTERM: it drains HTTP, closes the pool, then stops the embedded database.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), transactionPlugin],
  });
  await apollo.start();

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.dataSource.query('SELECT 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database does not answer' });
    }
  });

  const sdl = printSortedSchema(deps.schema);
  app.get('/schema.graphql', (_req, res) => {
    res.type('text/plain; charset=utf-8').send(sdl);
  });

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    (req, res, next) => {
      // Apollo awaits the context (an API key is looked up first); a refused key becomes a 401 there.
      const pending = buildContext(deps, req.headers.authorization, req.ip ?? '');
      res.locals.ctx = pending;
      // Safety net: whatever happens to the request, its connection goes back to the pool.
      res.on('close', () => void pending.then((ctx) => ctx.tx.finish(false)).catch(() => undefined));
      next();
    },
    expressMiddleware(apollo, { context: ({ res }) => res.locals.ctx as Promise<RequestContext> }),
  );

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
