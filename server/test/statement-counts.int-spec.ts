import { Client } from 'pg';
import { migrate } from '../src/db/migrate';
import { seedDemo } from '../src/db/seeds/demo';
import { generateSynthetic } from '../src/db/seeds/synthetic';
import { appUrl, asOwner, countStatements, inDatabase, ownerUrl, startTestServer, TestServer } from './helpers';

/**
 * Every relation goes through per-request loaders, so a list page costs the same number of SQL
 * statements whether it holds 10 items or 100. Checked on synthetic data for all 34 provinces, as
 * the ministry analyst (who sees every province), with every nested relation of each list.
 */
const DB = 'stp_statement_counts_test';

const LISTS: Record<string, string> = {
  memberAssociations: `memberAssociations(first: $n) { edges { node { id name province { code } } } }`,
  agencies: `agencies(first: $n) { edges { node { id name province { code } parent { id name } children { id } } } }`,
  members: `members(first: $n) { edges { node { id kind fullName memberships { id joinedOn isCurrent association { id name } member { id } } } } }`,
  directives: `directives(first: $n) { edges { node { id numberSymbol issuer { id name } citedDirectives { id } citedReferences { numberSymbol }
    tasks { id seq leadAgency { id } coordinatingAgencies { id } isOverdue daysLate progressReports { percent } } } } }`,
  directiveTasks: `directiveTasks(first: $n) { edges { node { id title dueOn isOverdue daysLate latestPercent directive { id numberSymbol }
    leadAgency { id name } coordinatingAgencies { id name } progressReports { id percent } } } }`,
  commissioningRequests: `commissioningRequests(first: $n) { edges { node { id title stage delayDays requestingAgency { id } researchArea { name }
    assignedAssociation { id name } adoptingAgency { id } history { toStage actor { email } } checks { result } allowedNextStages } } }`,
  // Consultations carry every relation an activity can have (organiser, drafting agency, task).
  activities: `activities(first: $n, filter: {kind: CONSULTATION}) { edges { node { id title organizerAssociation { id name } draftingAgency { id } directiveTask { id title } } } }`,
};

describe('SQL statements per list page', () => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    await asOwner(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${DB}`);
      await c.query(`CREATE DATABASE ${DB}`);
    });
    const owner = inDatabase(ownerUrl(), DB);
    await migrate(owner, inDatabase(appUrl(), DB));
    await seedDemo(owner);
    const db = new Client({ connectionString: owner });
    await db.connect();
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await generateSynthetic(db, 'S');
    await db.end();
    s = await startTestServer(inDatabase(appUrl(), DB));
    token = await s.login('analyst@ministry.demo');
  });
  afterAll(async () => {
    await s.close();
    await asOwner((c) => c.query(`DROP DATABASE IF EXISTS ${DB}`));
  });

  it.each(Object.keys(LISTS))('%s: a page of 100 costs what a page of 10 costs', async (list) => {
    const query = `query($n: Int) { ${LISTS[list]} }`;
    let small: any;
    let large: any;
    // Steady state: reference data cached per process (research areas) is read by the first request only.
    await s.gql(query, { n: 10 }, token);
    const n10 = await countStatements(async () => (small = await s.gql(query, { n: 10 }, token)));
    const n100 = await countStatements(async () => (large = await s.gql(query, { n: 100 }, token)));
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(small.data[list].edges).toHaveLength(10);
    expect(large.data[list].edges).toHaveLength(100);
    expect(n100).toBe(n10);
    // BEGIN and settings, one list statement, one per relation level, COMMIT: a small fixed number.
    expect(n10).toBeLessThanOrEqual(16);
  });
});
