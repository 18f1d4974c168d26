import { Client } from 'pg';
import { migrate } from '../src/db/migrate';
import { generateSynthetic, provinceShare, SCALES } from '../src/db/seeds/synthetic';
import { appUrl, asOwner, inDatabase, ownerUrl } from './helpers';

/** The generator runs in a database of its own, so the other suites keep their small, known data. */
const DB = 'stp_synthetic_test';
const withDb = (url: string) => inDatabase(url, DB);

describe('synthetic data generator', () => {
  let db: Client;
  beforeAll(async () => {
    await asOwner(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${DB}`);
      await c.query(`CREATE DATABASE ${DB}`);
    });
    await migrate(withDb(ownerUrl()), withDb(appUrl()));
    db = new Client({ connectionString: withDb(ownerUrl()) });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await asOwner((c) => c.query(`DROP DATABASE IF EXISTS ${DB}`));
  });

  it('fills all 34 current provinces at scale S, deterministically, with people in two associations counted once', async () => {
    expect(await generateSynthetic(db, 'S')).toBe(true);
    const n = SCALES.S;
    const perProvince = (await db.query(`
      SELECT p.code, (SELECT count(*) FROM members m WHERE m.province_id = p.id)::int AS members,
        (SELECT count(*) FROM member_associations a WHERE a.province_id = p.id)::int AS associations,
        (SELECT count(*) FROM directive_tasks t WHERE t.province_id = p.id)::int AS tasks,
        (SELECT count(*) FROM commissioning_requests r WHERE r.province_id = p.id)::int AS requests
      FROM provinces p WHERE p.status = 'ACTIVE' ORDER BY p.code`)).rows;
    expect(perProvince).toHaveLength(34);
    perProvince.forEach((row, i) => {
      const pn = i + 1; // provinces are numbered by code
      expect(row).toEqual({
        code: row.code, members: provinceShare(n.members, pn), associations: n.associations,
        tasks: provinceShare(n.directives, pn) * n.tasksPerDirective, requests: provinceShare(n.requests, pn),
      });
    });
    // Provinces differ, so comparisons have leaders and laggards.
    expect(new Set(perProvince.map((r) => r.members)).size).toBeGreaterThan(10);
    const doubles = (await db.query(`SELECT count(*)::int AS n FROM (SELECT member_id FROM memberships WHERE left_on IS NULL GROUP BY 1 HAVING count(*) > 1) x`)).rows[0].n;
    expect(doubles).toBeGreaterThan(0);
    const stages = (await db.query(`SELECT count(DISTINCT stage)::int AS n FROM commissioning_requests`)).rows[0].n;
    expect(stages).toBeGreaterThanOrEqual(10);
    const marked = (await db.query(`SELECT bool_and(is_synthetic) AS all FROM members`)).rows[0].all;
    expect(marked).toBe(true);

    // Same scale again: nothing is added; and the data is a pure function of the row numbers.
    const checksum = async () => (await db.query(`SELECT md5(string_agg(full_name || coalesce(degree, '') || field, ',' ORDER BY province_id, email)) AS h FROM members`)).rows[0].h;
    const before = await checksum();
    expect(await generateSynthetic(db, 'S')).toBe(false);
    expect(await checksum()).toBe(before);
    // Rebuilding from scratch gives the very same rows.
    await db.query(`TRUNCATE memberships, members, activities, commissioning_requests, task_progress_reports,
      directive_task_coordinators, directive_tasks, directive_citations, directives, member_associations, agencies CASCADE`);
    await generateSynthetic(db, 'S');
    expect(await checksum()).toBe(before);
  });
});
