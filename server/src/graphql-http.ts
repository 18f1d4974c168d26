import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { ApolloServer, HeaderMap } from '@apollo/server';
import proxyaddr from 'proxy-addr';
import { ErrorCode } from './common/errors';
import type { RequestContext } from './tenancy/request-context';

/** Where /graphql is served: the path itself or below it, as Express's `app.use('/graphql')` matched (any case). */
export function isGraphqlPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?', 1)[0].toLowerCase();
  return path === '/graphql' || path.startsWith('/graphql/');
}

/** A request answered without reaching Apollo: its status, code and message. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface GraphqlHttpOptions {
  apollo: ApolloServer<RequestContext>;
  /** The request's context, from its Authorization header and the caller's address. */
  context: (authorization: string | undefined, ip: string) => Promise<RequestContext>;
  /** Which proxies' X-Forwarded-For to believe (Express's compiled 'trust proxy' setting). */
  trustProxy: (address: string, hop: number) => boolean;
  bodyLimitBytes: number;
  production: boolean;
}

/**
 * Serves /graphql on Node's HTTP server directly: reads the JSON body, builds the context and hands
 * the request to Apollo, without Express's router, body-parser and response helpers, which were a
 * fifth of a small query's time (tests/bench profile of `{ __typename }`). The body rules are
 * express.json's: JSON content types only (others reach Apollo without a body, which refuses them),
 * UTF-8, gzip/deflate/br decoded, an object or array at the top, and at most `bodyLimitBytes` once
 * decoded (HTTP 413 PAYLOAD_TOO_LARGE); a malformed body is HTTP 400 BAD_REQUEST.
 */
export function graphqlHttpHandler(options: GraphqlHttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { apollo, bodyLimitBytes, production } = options;
  const refuse = (res: ServerResponse, e: Refusal) => {
    const body = JSON.stringify({ errors: [{ message: e.message, extensions: { code: e.code } }] });
    // The rest of a refused body is not worth reading on this connection: it closes after the answer.
    res.writeHead(e.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
    res.end(body);
  };
  return (req, res) => {
    void (async () => {
      let body: unknown;
      try {
        body = await readJsonBody(req, bodyLimitBytes, production);
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        // Whatever of the body is left is read and dropped, so the connection stays usable.
        req.resume();
        refuse(res, e);
        return;
      }
      const pending = options.context(req.headers.authorization, proxyaddr(req, options.trustProxy));
      // Safety net: whatever happens to the request, its connection goes back to the pool.
      res.on('close', () => void pending.then((ctx) => ctx.tx.finish(false)).catch(() => undefined));
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const url = req.url ?? '';
      const query = url.indexOf('?');
      const answer = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: query >= 0 ? url.slice(query) : '', body },
        context: () => pending,
      });
      for (const [key, value] of answer.headers) res.setHeader(key, value);
      res.statusCode = answer.status ?? 200;
      if (answer.body.kind === 'complete') {
        // Encoded once: measuring a string's length in bytes walks it as far as encoding it does.
        const bytes = Buffer.from(answer.body.string, 'utf8');
        res.setHeader('content-length', bytes.length);
        res.end(bytes);
        return;
      }
      for await (const chunk of answer.body.asyncIterator) res.write(chunk);
      res.end();
    })().catch((e: unknown) => {
      // Apollo answers its own failures; this is a bug of ours: a bare 500, never a stack trace.
      console.error(`/graphql: ${(e as Error)?.stack ?? String(e)}`);
      if (!res.headersSent) refuse(res, new Refusal(500, ErrorCode.INTERNAL_SERVER_ERROR, 'Unexpected error.'));
      else res.destroy();
    });
  };
}

/** Content types express.json parses: application/json and the +json ones. */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json$/;

/** The parsed JSON body, or undefined when the request has none or is not JSON (Apollo then says why it refuses). */
async function readJsonBody(req: IncomingMessage, limit: number, production: boolean): Promise<unknown> {
  const [type, ...params] = (req.headers['content-type'] ?? '').split(';');
  if (!JSON_TYPE.test(type.trim().toLowerCase())) return undefined;
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";]*)"?\s*$/i.exec(p)?.[1]).find((c) => c !== undefined)?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new Refusal(415, ErrorCode.BAD_REQUEST, `The request body must be UTF-8, not "${charset}".`);
  const tooLarge = () => new Refusal(413, ErrorCode.PAYLOAD_TOO_LARGE, production ? 'The request body is too large.' : `The request body is larger than ${limit} bytes.`);
  if (Number(req.headers['content-length']) > limit) throw tooLarge();

  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  let source: Readable = req;
  if (encoding === 'gzip' || encoding === 'x-gzip') source = req.pipe(zlib.createGunzip());
  else if (encoding === 'deflate') source = req.pipe(zlib.createInflate());
  else if (encoding === 'br') source = req.pipe(zlib.createBrotliDecompress());
  else if (encoding !== 'identity') throw new Refusal(415, ErrorCode.BAD_REQUEST, `The request body's encoding "${encoding}" is not supported.`);

  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // Stopping early must not destroy the request: the refusal is still to be sent on its socket.
    for await (const chunk of source.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge();
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof Refusal) throw e;
    throw new Refusal(400, ErrorCode.BAD_REQUEST, 'The request body could not be read.');
  } finally {
    if (source !== req) source.destroy();
  }
  const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
  // express.json's strict mode: an empty body is {}, anything else must be an object or an array.
  const first = /^[\s\uFEFF]*(.)/.exec(text)?.[1];
  if (first === undefined) return {};
  if (first !== '{' && first !== '[') throw new Refusal(400, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.');
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new Refusal(400, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.');
  }
}
