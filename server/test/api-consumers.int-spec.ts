import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestServer, TestServer } from './helpers';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'api-consumer.mjs');

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

  it("README's Node example lists every association of its key's province, page after page, through persisted queries", async () => {
    const admin = await s.login('admin@dongnai.demo');
    const created = await s.gql(
      'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }',
      { i: { name: `Example script ${Date.now()}`, scope: 'READ_ONLY', provinceCode: '75' } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const total = (await s.gql('{ memberAssociations(first: 1) { totalCount } }', {}, admin)).data!.memberAssociations.totalCount as number;
    // Pages of two, so the script has to follow cursors.
    expect(total).toBeGreaterThan(2);

    const { stdout, stderr } = await promisify(execFile)(process.execPath, [EXAMPLE], {
      env: { ...process.env, STP_URL: s.url, STP_API_KEY: created.data!.createApiKey.key, STP_PAGE_SIZE: '2' },
    });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(total);
    expect(lines.every((line) => line.startsWith('75\t'))).toBe(true);
    expect(stderr).toContain(`${total} of ${total} member associations`);
  });

  it("README's Node example refuses to run without a key and says how to get one", async () => {
    const run = promisify(execFile)(process.execPath, [EXAMPLE], { env: { ...process.env, STP_URL: s.url, STP_API_KEY: '' } });
    await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('STP_API_KEY') });
  });
});
