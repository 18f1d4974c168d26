import { asOwner, DONG_NAI, startTestServer, TestServer, unique } from './helpers';

const CREATE = 'mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { id } }';

/** How far the indicator summary is from a full recomputation: rows of facts and national totals that differ. */
const drift = () => asOwner(async (db) => {
  const facts = (await db.query(`
    SELECT count(*)::int AS n FROM (
      SELECT * FROM indicator_compute(ARRAY[$1]::smallint[], ARRAY['members','commissioning','tasks','activities'])
      WHERE numerator <> 0 OR denominator <> 0) c
    FULL JOIN (SELECT * FROM indicator_facts WHERE province_id = $1) f USING (province_id, year, indicator_code)
    WHERE c.numerator IS DISTINCT FROM f.numerator OR c.denominator IS DISTINCT FROM f.denominator`, [DONG_NAI])).rows[0].n as number;
  const national = (await db.query(`
    SELECT count(*)::int AS n FROM (
      SELECT year, indicator_code, sum(numerator) AS num, sum(denominator) AS den FROM indicator_facts GROUP BY 1, 2) f
    FULL JOIN indicator_national n USING (year, indicator_code)
    WHERE coalesce(f.num, 0) <> coalesce(n.numerator, 0) OR coalesce(f.den, 0) <> coalesce(n.denominator, 0)`)).rows[0].n as number;
  return { facts, national };
});

describe('indicator summary under concurrent writes in one province', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(undefined, { poolSize: 12 });
  });
  afterAll(() => s.close());

  it('16 creates at once all succeed, and the facts and national totals equal a full recomputation', async () => {
    const admin = await s.login('admin@dongnai.demo');
    const before = await asOwner(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM member_associations WHERE province_id = $1 AND deleted_at IS NULL`, [DONG_NAI])).rows[0].n as number);
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) =>
      s.gql(CREATE, { i: { name: `Hội đồng thời ${i} ${unique('c')}`, status: 'ACTIVE', foundedOn: '2020-01-01' } }, admin)));
    expect(results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK')).toEqual(Array(16).fill('OK'));
    const after = await asOwner(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM member_associations WHERE province_id = $1 AND deleted_at IS NULL`, [DONG_NAI])).rows[0].n as number);
    expect(after).toBe(before + 16);
    expect(await drift()).toEqual({ facts: 0, national: 0 });
  });
});
