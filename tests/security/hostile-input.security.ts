/**
 * Hostile and malformed input over real HTTP to the shared server (NODE_ENV=production): more than
 * 10,000 generated requests of many kinds. None may get a 5xx, crash the server, or leak a stack
 * trace or a schema hint; every GraphQL error must carry extensions.code.
 */
import { getNamedType, isInputObjectType, isNonNullType, type GraphQLField } from 'graphql';
import { argsFor, documentFor, RecordDirectory, resultType, type GenContext } from './generator';
import { loadSchema, login, ownerClient, pool as runAll, sharedServer } from './support';

interface HostileRequest {
  kind: string;
  method: 'GET' | 'POST';
  /** For GET: the query string (without '?'). */
  query?: string;
  contentType?: string;
  body?: string | Buffer;
  auth: boolean;
}

const IN_FLIGHT = 12;

/** A small deterministic PRNG (mulberry32), so a failure can be reproduced. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STACK = /\n\s+at\s+\S+.*:\d+:\d+|stacktrace|node_modules|\/dist\/|\.ts:\d+:\d+|\.js:\d+:\d+/i;
const HINT = /did you mean/i;

describe('hostile and malformed input', () => {
  const { url, dataDir, pid } = sharedServer();
  let token = '';
  const requests: HostileRequest[] = [];

  beforeAll(async () => {
    token = await login(url, 'viewer@dongnai.demo');
    const schema = loadSchema();
    const owner = await ownerClient(dataDir);
    const dir = await RecordDirectory.load(owner, schema);
    await owner.end();
    const random = rng(20251122);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const json = (kind: string, payload: unknown, auth = random() < 0.5): HostileRequest => ({
      kind, method: 'POST', contentType: 'application/json', body: JSON.stringify(payload), auth,
    });
    const fields: Array<{ kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }> = [
      ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
      ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ kind: 'mutation' as const, field })),
    ];
    const valid = fields.map(({ kind, field }) => {
      const ctx: GenContext = { schema, dir, provinces: [75], ownerType: resultType(field), handles: true, counter: { n: 0 } };
      const variables = argsFor(field, ctx);
      return { kind, field, doc: documentFor(kind, field, variables), variables };
    });
    const wrongValues: unknown[] = [42, -1, 2 ** 60, 1.5, 'x', '', true, null, [], [1, 2], {}, { a: { b: 1 } }, '2025-02-30', 'NaN', '😀'.repeat(50), 'A'.repeat(20_000), '\u0000\u0001\u0002', { __proto__: { x: 1 } }, 'DROP TABLE users;--', "' OR 1=1 --"];
    const corrupt = (s: string) => {
      const chars = s.split('');
      const n = int(1, 4);
      for (let i = 0; i < n; i++) {
        const at = int(0, chars.length);
        const op = int(0, 2);
        if (op === 0) chars.splice(at, 1);
        else if (op === 1) chars.splice(at, 0, pick(['{', '}', '(', ')', '$', '!', '"', '...', '@', '#', ':', '[', ']', '\\', '\u0000']));
        else chars.splice(at, 0, pick(['x', 'ab', 'edges', 'node', 'id']));
      }
      return chars.join('');
    };
    const gens: Array<[number, () => HostileRequest]> = [
      // Deep nesting: through real relations and through nonsense.
      [900, () => {
        const d = int(5, 400);
        return json('deep nesting', { query: `{ provinces { ${'mergedInto { '.repeat(d)}code${' }'.repeat(d)} } }` });
      }],
      [400, () => {
        const d = int(50, 3000);
        return json('deep braces', { query: `{ ${'a { '.repeat(d)}b${' }'.repeat(d)} }` });
      }],
      [300, () => {
        const d = int(5, 60);
        return json('deep connection nesting', { query: `{ agencies(first: 50) { edges { node { ${'children { '.repeat(d)}id${' }'.repeat(d)} } } } }` });
      }],
      // Wide selections and many aliases.
      [700, () => json('wide selection', { query: `{ provinces { ${Array.from({ length: int(100, 5000) }, () => pick(['code', 'name', 'kind', 'status', 'mergedOn'])).join(' ')} } }` })],
      [900, () => json('many aliases', { query: `{ ${Array.from({ length: int(20, 3000) }, (_, i) => `a${i}: ${pick(['provinces { code }', 'me { id }', 'indicators { code }', 'memberAssociations(first: 100) { totalCount }', '__typename'])}`).join(' ')} }` })],
      // Fragments that cycle, directly or through a chain; and fragment bombs.
      [500, () => {
        const n = int(1, 30);
        const frags = Array.from({ length: n }, (_, i) => `fragment F${i} on Query { provinces { code } ...F${(i + 1) % n} }`).join(' ');
        return json('cyclic fragments', { query: `query { ...F0 } ${frags}` });
      }],
      [300, () => {
        const n = int(5, 25);
        const frags = Array.from({ length: n }, (_, i) => `fragment G${i} on Query { ${i === n - 1 ? 'provinces { code }' : `...G${i + 1} ...G${i + 1}`} }`).join(' ');
        return json('fragment bomb', { query: `query { ...G0 } ${frags}` });
      }],
      // Huge strings, in variables and in the document.
      [150, () => json('huge variable string', { query: 'query($s: String) { memberAssociations(filter: { search: $s }) { totalCount } }', variables: { s: 'đ'.repeat(int(10_000, 400_000)) } })],
      [80, () => json('huge document', { query: `{ provinces { code } } # ${'x'.repeat(int(100_000, 3_000_000))}` })],
      [150, () => json('huge literal', { query: `{ memberAssociations(filter: { search: "${'a'.repeat(int(10_000, 500_000))}" }) { totalCount } }` })],
      // Valid operations of the schema with a wrong value in each place.
      [2600, () => {
        const v = pick(valid);
        const variables = JSON.parse(JSON.stringify(v.variables));
        const arg = pick(v.field.args);
        if (arg) {
          const t = getNamedType(arg.type);
          if (isInputObjectType(t) && variables[arg.name] && typeof variables[arg.name] === 'object' && random() < 0.7) {
            const f = pick(Object.values(t.getFields()));
            variables[arg.name][f.name] = pick(wrongValues);
          } else variables[arg.name] = isNonNullType(arg.type) && random() < 0.2 ? null : pick(wrongValues);
        } else variables.unexpected = pick(wrongValues);
        return json(`wrong variable type (${v.kind})`, { query: v.doc, variables });
      }],
      // Valid operations with a corrupted document.
      [1500, () => {
        const v = pick(valid);
        return json('corrupted document', { query: corrupt(v.doc), variables: v.variables });
      }],
      // Unknown fields, types and arguments close to real ones (schema hints must not leak).
      [400, () => json('typo', { query: pick(['{ provinse { code } }', '{ provinces { cod } }', '{ memberAssociation(idd: "1") { id } }', 'query($x: Stirng) { provinces { code } }', '{ activitie { totalCount } }', 'mutation { logn(input: {}) { token } }', '{ provinces { code nam } }', '{ agencies(fist: 1) { totalCount } }']) })],
      // Invalid UTF-8 bytes inside a JSON body.
      [400, () => {
        const bad = pick([[0xff], [0xfe, 0xff], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xc3]]);
        const parts = pick([
          ['{"query":"{ provinces { code } }","variables":{"s":"', '"}}'],
          ['{"query":"{ memberAssociations(filter: { search: \\"', '\\" }) { totalCount } }"}'],
          ['{"query":"', '"}'],
          ['', ''],
        ]);
        return { kind: 'invalid UTF-8', method: 'POST', contentType: 'application/json', body: Buffer.concat([Buffer.from(parts[0]), Buffer.from(bad), Buffer.from(parts[1])]), auth: random() < 0.5 };
      }],
      // Wrong or missing content types.
      [500, () => ({
        kind: 'wrong content type',
        method: 'POST',
        contentType: pick(['text/plain', 'application/xml', 'text/html', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/graphql', 'application/json; charset=latin1', 'image/png', undefined as unknown as string]),
        body: pick(['{"query":"{ provinces { code } }"}', 'query=%7B%20provinces%20%7B%20code%20%7D%20%7D', '<q>{ provinces }</q>', '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--x--']),
        auth: random() < 0.5,
      })],
      // Mutations (and other things) over GET.
      [400, () => {
        const v = pick(valid.filter((x) => x.kind === 'mutation'));
        const q = random() < 0.8 ? v.doc : pick(['{ provinces { code } }', '', '{', 'query { me { id } } mutation { login(input: {email: "a@b.c", password: "x"}) { token } }']);
        return { kind: 'GET mutation', method: 'GET', query: `query=${encodeURIComponent(q)}&variables=${encodeURIComponent(JSON.stringify(v.variables))}`, auth: random() < 0.5 };
      }],
      // Batches.
      [300, () => json('batched array', Array.from({ length: int(1, 200) }, () => ({ query: pick(valid).doc })))],
      // Broken JSON and empty or odd bodies.
      [500, () => ({
        kind: 'broken JSON',
        method: 'POST',
        contentType: 'application/json',
        body: pick(['{"query":', '{"query":"{ provinces { code } }"', '{query: "{ provinces }"}', '{"query":"{ provinces { code } }",}', '[{"query":', '{"query":"\\u12"}', '{"query":"{ me { id } }","variables":"{not json"}', '{"query":"{ me { id } }","variables":[1,2]}', '{"query":1}', '{"query":null}', '{"query":{"a":1}}', '{"operationName":5,"query":"{ me { id } }"}', `{"a":${'['.repeat(5000)}`, '\u0000\u0001']),
        auth: random() < 0.5,
      })],
      [400, () => ({
        kind: 'empty body',
        method: 'POST',
        contentType: pick(['application/json', 'text/plain', undefined as unknown as string]),
        body: pick(['', '{}', 'null', '""', '123', '[]', '{"query":""}', ' ', 'true']),
        auth: random() < 0.5,
      })],
    ];
    for (const [count, make] of gens) for (let i = 0; i < count; i++) requests.push(make());
  }, 60_000);

  it('answers every hostile request without a 5xx, a crash, a stack trace or a schema hint', async () => {
    const problems: string[] = [];
    const byKind = new Map<string, number>();
    let status5xx = 0;
    let withoutCode = 0;
    let stacks = 0;
    let hints = 0;
    let networkErrors = 0;
    const send = async (r: HostileRequest) => {
      byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
      const headers: Record<string, string> = {};
      if (r.contentType) headers['content-type'] = r.contentType;
      if (r.auth) headers.authorization = `Bearer ${token}`;
      let status: number;
      let text: string;
      try {
        const target = new URL('/graphql', url);
        if (r.query !== undefined) target.search = r.query;
        if (r.method === 'GET') headers['apollo-require-preflight'] = 'true';
        const res = await fetch(target, { method: r.method, headers, body: r.method === 'POST' ? (typeof r.body === 'string' || r.body === undefined ? r.body : new Uint8Array(r.body)) : undefined });
        status = res.status;
        text = await res.text();
      } catch (e) {
        // A body too large may be cut off by the server before it is read: that is a refusal, not
        // a crash, when the server still answers afterwards (checked below).
        networkErrors++;
        if (problems.length < 20 && !/huge/.test(r.kind)) problems.push(`${r.kind}: network error ${(e as Error).message}`);
        return;
      }
      if (status >= 500) {
        status5xx++;
        if (problems.length < 20) problems.push(`${r.kind}: HTTP ${status} ${text.slice(0, 300)}`);
      }
      if (STACK.test(text)) {
        stacks++;
        if (problems.length < 20) problems.push(`${r.kind}: stack trace ${text.slice(0, 300)}`);
      }
      if (HINT.test(text)) {
        hints++;
        if (problems.length < 20) problems.push(`${r.kind}: schema hint ${text.slice(0, 300)}`);
      }
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const results = Array.isArray(body) ? body : [body];
      for (const b of results) {
        for (const e of (b?.errors ?? []) as Array<{ extensions?: { code?: unknown } }>) {
          if (typeof e?.extensions?.code !== 'string') {
            withoutCode++;
            if (problems.length < 20) problems.push(`${r.kind}: error without extensions.code ${JSON.stringify(e).slice(0, 300)}`);
          }
        }
      }
    };
    await runAll(IN_FLIGHT, requests.map((r) => () => send(r)));

    // Still alive: the same process answers /healthz and a normal query.
    const alive = (() => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    })();
    const health = await fetch(new URL('/healthz', url)).then((r) => r.status).catch(() => 0);
    const normal = await fetch(new URL('/graphql', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { email } provinces { code } }' }),
    }).then((r) => r.json() as Promise<any>).catch(() => undefined);

    console.log(
      `[security] hostile input: ${requests.length} requests (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}); ` +
        `5xx ${status5xx}, errors without code ${withoutCode}, stack traces ${stacks}, schema hints ${hints}, ` +
        `connections cut ${networkErrors}, crashes ${alive && health === 200 ? 0 : 1} (healthz ${health}, normal query ${normal?.data?.me?.email ? 'ok' : 'failed'})`,
    );
    if (problems.length) console.log(`[security] problems:\n  ${problems.join('\n  ')}`);
    expect(requests.length).toBeGreaterThanOrEqual(10_000);
    expect(status5xx).toBe(0);
    expect(withoutCode).toBe(0);
    expect(stacks).toBe(0);
    expect(hints).toBe(0);
    expect(alive).toBe(true);
    expect(health).toBe(200);
    expect(normal?.data?.me?.email).toBe('viewer@dongnai.demo');
    expect(normal?.data?.provinces.length).toBeGreaterThan(30);
  }, 300_000);
});
