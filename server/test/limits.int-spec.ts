import { gzipSync } from 'node:zlib';
import { buildSchema, getOperationAST, parse } from 'graphql';
import { asOwner, codeOf, DONG_NAI, GqlResponse, makeUser, startTestServer, TestServer, unique } from './helpers';
import { estimateCost } from '../src/security/query-cost';

/** Tight limits, on servers of their own: production (no details) and development (details). */
const TIGHT = {
  maxDepth: 5,
  maxAliases: 3,
  maxTokens: 200,
  maxDirectives: 3,
  maxCost: 300,
  bodyLimitBytes: 4096,
  introspection: false,
};

const DEEP = '{ agencies(first: 1) { edges { node { parent { parent { parent { id } } } } } } }';
const SHALLOW = '{ agencies(first: 1) { edges { node { id } } } }';
const PAGE = 'query($n: Int) { memberAssociations(first: $n) { edges { node { id province { code } } } } }';
const ALIASES = '{ a: me { id } b: me { id } c: me { id } d: me { id } }';
const DIRECTIVES = '{ me { id @skip(if: false) email @skip(if: false) role @skip(if: false) fullName @skip(if: false) } }';
const TOKENS = `{ me { ${Array.from({ length: 250 }, () => 'id').join(' ')} } }`;

async function post(url: string, body: string, token?: string): Promise<{ status: number; json: GqlResponse; text: string; type: string | null }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await res.text();
  let json: GqlResponse = { status: res.status };
  try {
    json = JSON.parse(text) as GqlResponse;
  } catch {
    // left empty: the assertions on the body fail
  }
  return { status: res.status, json, text, type: res.headers.get('content-type') };
}

describe('query limits', () => {
  let prod: TestServer;
  let dev: TestServer;
  let token: string;
  let devToken: string;
  beforeAll(async () => {
    prod = await startTestServer(undefined, { limits: TIGHT, production: true });
    dev = await startTestServer(undefined, { limits: { ...TIGHT, introspection: true }, production: false });
    const email = await makeUser('PROVINCE_EDITOR', DONG_NAI);
    token = await prod.login(email);
    devToken = await dev.login(email);
  });
  afterAll(async () => {
    await prod.close();
    await dev.close();
  });

  function expectTooComplex(r: GqlResponse, limit: string) {
    expect(r.data).toBeUndefined();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
  }

  it('refuses a selection deeper than the limit, without numbers in production', async () => {
    const r = await prod.gql(DEEP, {}, token);
    expect(r.status).toBe(400);
    expectTooComplex(r, 'DEPTH');
    expect(r.errors![0].message).toBe('Query is too complex.');
    const ok = await prod.gql(SHALLOW, {}, token);
    expect(ok.errors).toBeUndefined();

    const d = await dev.gql(DEEP, {}, devToken);
    expectTooComplex(d, 'DEPTH');
    expect(d.errors![0].message).toMatch(/depth limit of 5 exceeded, found 7/);
  });

  it('weighs page sizes in the cost: first: 100 is refused where first: 50 passes', async () => {
    const big = await prod.gql(PAGE, { n: 100 }, token);
    expect(big.status).toBe(400);
    expectTooComplex(big, 'COST');
    expect(big.errors![0].message).toBe('Query is too complex.');
    const small = await prod.gql(PAGE, { n: 50 }, token);
    expect(small.errors).toBeUndefined();
    // Literal arguments count the same as variables; the default page size (20) applies when absent.
    expectTooComplex(await prod.gql('{ memberAssociations(first: 100) { edges { node { id province { code } } } } }', {}, token), 'COST');
    expect((await prod.gql('{ memberAssociations { edges { node { id province { code } } } } }', {}, token)).errors).toBeUndefined();

    const d = await dev.gql(PAGE, { n: 100 }, devToken);
    expectTooComplex(d, 'COST');
    expect(d.errors![0].message).toMatch(/400.*300/);
  });

  it('multiplies nested page sizes', () => {
    const schema = buildSchema(`
      type Query { teams(first: Int): [Team!]! me: Team }
      type Team { id: ID! members(first: Int): [Member!]! lead: Member }
      type Member { id: ID! name: String }`);
    const cost = (q: string, variables?: Record<string, unknown>) => {
      const doc = parse(q);
      return estimateCost(schema, doc, getOperationAST(doc)!, variables);
    };
    expect(cost('{ teams(first: 100) { members(first: 100) { id } } }')).toBe(100 * (1 + 100));
    expect(cost('query($n: Int = 10) { teams(first: $n) { lead { id } } }')).toBe(10 * 2);
    expect(cost('query($n: Int = 10) { teams(first: $n) { lead { id } } }', { n: 30 })).toBe(30 * 2);
    expect(cost('{ teams { ...T } } fragment T on Team { members(first: 5) { name } }')).toBe(20 * (1 + 5));
    expect(cost('{ me { id } }')).toBe(1);
  });

  it('refuses too many aliases', async () => {
    const r = await prod.gql(ALIASES, {}, token);
    expect(r.status).toBe(400);
    expectTooComplex(r, 'ALIASES');
    expect(r.errors![0].message).toBe('Query is too complex.');
    expect((await prod.gql('{ a: me { id } b: me { id } c: me { id } }', {}, token)).errors).toBeUndefined();
  });

  it('refuses too many directives', async () => {
    const r = await prod.gql(DIRECTIVES, {}, token);
    expectTooComplex(r, 'DIRECTIVES');
    expect(r.errors![0].message).toBe('Query is too complex.');
    expect((await prod.gql('{ me { id @skip(if: false) email @skip(if: false) } }', {}, token)).errors).toBeUndefined();
  });

  it('stops parsing a document with too many tokens', async () => {
    const r = await prod.gql(TOKENS, {}, token);
    expect(r.status).toBe(400);
    expectTooComplex(r, 'TOKENS');
    expect(r.errors![0].message).toBe('Query is too complex.');
    expect(r.errors![0].message).not.toMatch(/\d/);
    const d = await dev.gql(TOKENS, {}, devToken);
    expectTooComplex(d, 'TOKENS');
    expect(d.errors![0].message).toMatch(/200 tokens/);
  });

  it('answers an oversized body with HTTP 413 and a coded JSON error', async () => {
    const name = 'x'.repeat(5000);
    const r = await post(prod.url, JSON.stringify({ query: `{ me { id } }\n# ${name}` }), token);
    expect(r.status).toBe(413);
    expect(r.type).toMatch(/application\/json/);
    expect(r.json.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(r.text).not.toContain('4096');
    // Just under the limit is served.
    const fine = await post(prod.url, JSON.stringify({ query: `{ me { id } }\n# ${'x'.repeat(3000)}` }), token);
    expect(fine.status).toBe(200);
    expect(fine.json.errors).toBeUndefined();
  });

  it('refuses a batched (array) body with a code', async () => {
    const r = await post(prod.url, JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { email } }' }]), token);
    expect(r.status).toBe(400);
    expect(r.json.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    expect(r.json.data ?? undefined).toBeUndefined();
  });

  it('answers malformed JSON with a coded error', async () => {
    const r = await post(prod.url, '{"query": ', token);
    expect(r.status).toBe(400);
    expect(r.json.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
  });

  it('reads gzip bodies, counting the limit after decoding, and refuses other charsets with a code', async () => {
    const send = async (body: Buffer, headers: Record<string, string>) => {
      const res = await fetch(`${prod.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers }, body: new Uint8Array(body) });
      return { status: res.status, json: (await res.json()) as GqlResponse };
    };
    const small = await send(gzipSync(JSON.stringify({ query: '{ me { id } }' })), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(small.status).toBe(200);
    expect(small.json.data?.me).toBeTruthy();
    // 5,000 bytes once decoded, far fewer on the wire: still over the 4,096-byte limit.
    const bomb = await send(gzipSync(JSON.stringify({ query: `{ me { id } }\n# ${'x'.repeat(5000)}` })), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(bomb.status).toBe(413);
    expect(bomb.json.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    const latin1 = await send(Buffer.from(JSON.stringify({ query: '{ me { id } }' })), { 'content-type': 'application/json; charset=latin1' });
    expect(latin1.status).toBe(415);
    expect(latin1.json.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    const notJson = await send(Buffer.from('{ me { id } }'), { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect(notJson.json.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
  });

  it('never suggests field names in production; development does', async () => {
    const r = await prod.gql('{ me { emial } }', {}, token);
    expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.errors![0].message).toMatch(/Cannot query field "emial"/);
    expect(JSON.stringify(r.errors)).not.toMatch(/Did you mean|"email"/);
    const anon = await prod.gql('{ provincez { code } }');
    expect(JSON.stringify(anon.errors)).not.toMatch(/Did you mean|provinces/);

    const d = await dev.gql('{ me { emial } }', {}, devToken);
    expect(d.errors![0].message).toMatch(/Did you mean "email"/);
  });

  it('allows introspection only where configured', async () => {
    const q = '{ __schema { queryType { name } } }';
    const off = await prod.gql(q);
    expect(off.data).toBeUndefined();
    expect(codeOf(off)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(off.errors![0].message).toMatch(/introspection is not allowed/i);
    expect((await fetch(`${prod.url}/schema.graphql`)).status).toBe(404);

    const on = await dev.gql(q);
    expect(on.errors).toBeUndefined();
    expect(on.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await fetch(`${dev.url}/schema.graphql`)).status).toBe(200);
  });
});

describe('database timeouts', () => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await startTestServer(undefined, { timeouts: { statementTimeoutMs: 1000 } });
    token = await s.login(await makeUser('PROVINCE_EDITOR', DONG_NAI));
  });
  afterAll(() => s.close());

  it('a statement over the timeout is a retryable SERVICE_UNAVAILABLE, and the transaction is rolled back', async () => {
    const name = `Hội hết giờ ${unique()}`;
    const r = await asOwner(async (db) => {
      // The association's INSERT passes; its audit row then waits on this lock past the statement timeout.
      await db.query('BEGIN');
      await db.query('LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE');
      try {
        return await s.gql('mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { id } }', { i: { name } }, token);
      } finally {
        await db.query('ROLLBACK');
      }
    });
    expect(r.data?.createMemberAssociation ?? null).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(JSON.stringify(r.errors)).not.toMatch(/stack|canceling statement|INTERNAL/i);
    const rows = await asOwner(async (db) => (await db.query('SELECT count(*)::int AS n FROM member_associations WHERE name = $1', [name])).rows[0].n);
    expect(rows).toBe(0);

    // The same request without the lock succeeds: the connection went back to the pool healthy.
    const again = await s.gql('mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { id } }', { i: { name } }, token);
    expect(again.errors).toBeUndefined();
    const after = await asOwner(async (db) => (await db.query('SELECT count(*)::int AS n FROM member_associations WHERE name = $1', [name])).rows[0].n);
    expect(after).toBe(1);
  });

  it('the pool connections carry the configured timeouts', async () => {
    const [row] = await s.dataSource.query(`SELECT current_setting('statement_timeout') AS st, current_setting('idle_in_transaction_session_timeout') AS idle`);
    expect(row).toEqual({ st: '1s', idle: '30s' });
  });
});
