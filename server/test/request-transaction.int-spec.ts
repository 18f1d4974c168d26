import { asOwner, startTestServer, TestServer, unique } from './helpers';

/**
 * When a request's transaction ends: a query's answer is sent while its transaction ends (its
 * snapshot is already read), a mutation's only after it committed. Either way the connection goes
 * back to the pool.
 */
const CREATE = `mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { id } }`;
const LIST = `{ memberAssociations(first: 5) { totalCount edges { node { id name } } } }`;

describe('the request transaction', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    // Two connections: a connection that did not come back would stall the third request.
    s = await startTestServer(undefined, { poolSize: 2 });
    admin = await s.login('admin@dongnai.demo');
  });
  afterAll(() => s.close());

  it('with two connections, queries one after another and ten at once never wait for a connection', async () => {
    for (let i = 0; i < 12; i++) expect((await s.gql(LIST, {}, admin)).errors).toBeUndefined();
    const together = await Promise.all(Array.from({ length: 10 }, () => s.gql(LIST, {}, admin)));
    expect(together.every((r) => r.errors === undefined && r.data!.memberAssociations.totalCount > 0)).toBe(true);
  });

  it("a query's writes still commit after its answer went out: the daily indicator refresh", async () => {
    const refreshedOn = () => asOwner(async (db) =>
      (await db.query(`SELECT refreshed_on = app_today() AS today FROM indicator_refresh_state`)).rows[0].today as boolean);
    const analyst = await s.login('analyst@ministry.demo');
    const compare = () => s.gql(`{ compareProvinces(input: { indicators: ["activities"], years: [2024] }) { cells { value } } }`, {}, analyst);
    // A first comparison reads the catalogue, which is then served from memory: the refresh must still run.
    expect((await compare()).errors).toBeUndefined();
    await asOwner((db) => db.query(`UPDATE indicator_refresh_state SET refreshed_on = app_today() - 1`));
    expect(await refreshedOn()).toBe(false);
    expect((await compare()).errors).toBeUndefined();
    // The COMMIT goes out with the answer (a rollback, as when the client goes away, would lose the refresh).
    let done = await refreshedOn();
    for (let i = 0; i < 100 && !done; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      done = await refreshedOn();
    }
    expect(done).toBe(true);
  });

  it('a mutation answers only after its commit: another session sees the row at once', async () => {
    const r = await s.gql(CREATE, { i: { name: `Hội giao dịch ${unique()}`, field: 'Thử nghiệm' } }, admin);
    expect(r.errors).toBeUndefined();
    const id = r.data!.createMemberAssociation.id as string;
    const seen = await asOwner(async (db) => (await db.query('SELECT count(*)::int AS n FROM member_associations WHERE id = $1', [id])).rows[0].n);
    expect(seen).toBe(1);
  });
});
