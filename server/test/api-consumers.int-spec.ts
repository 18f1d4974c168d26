import { createHash } from 'node:crypto';
import { startTestServer, TestServer } from './helpers';

/** What API consumers rely on besides the schema itself: persisted queries and the SDL URL. */
describe('API consumers', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  const post = (body: object) =>
    fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

  it('automatic persisted queries: an unknown hash asks for the query, after which the hash alone runs it', async () => {
    const query = `{ provinces { code } } # apq ${Date.now()}`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };

    const unknown = await post({ extensions });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post({ query, extensions });
    expect(registered.body.data.provinces.length).toBeGreaterThanOrEqual(34);
    const byHash = await post({ extensions });
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data).toEqual(registered.body.data);

    // A query whose text does not match its hash is refused.
    const forged = await post({ query: '{ provinces { name } }', extensions });
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0]).toMatchObject({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
  });

  it('the SDL is downloadable at a stable URL', async () => {
    const r = await fetch(`${s.url}/schema.graphql`);
    expect(r.status).toBe(200);
    const sdl = await r.text();
    expect(sdl).toContain('type Query');
    expect(sdl).toContain('compareProvinces(input: CompareProvincesInput!): ProvinceComparison!');
  });
});
