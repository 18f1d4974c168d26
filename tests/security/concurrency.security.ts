/**
 * Optimistic concurrency: 50 concurrent updates of one record with the same version give exactly
 * one success and 49 CONFLICT, and the record's version in the database went up by one.
 */
import { gql, login, ownerClient, sharedServer } from './support';

const WRITERS = 50;

describe('concurrent updates of one record', () => {
  const { url, dataDir } = sharedServer();

  it('lets exactly one of 50 same-version updates through', async () => {
    const [admin, editor] = await Promise.all([login(url, 'admin@dongnai.demo'), login(url, 'editor@dongnai.demo')]);
    const owner = await ownerClient(dataDir);
    try {
      const record = (await owner.query(`SELECT id::text, version FROM members WHERE province_id = 75 AND deleted_at IS NULL ORDER BY id LIMIT 1`)).rows[0];
      const mutation = 'mutation($input: UpdateMemberInput!) { updateMember(input: $input) { id version field } }';
      const results = await Promise.all(
        Array.from({ length: WRITERS }, (_, i) =>
          gql(url, i % 2 ? admin : editor, mutation, { input: { id: record.id, version: record.version, field: `Chuyên ngành ${i}` } }),
        ),
      );
      const successes = results.filter((r) => r.body?.data?.updateMember && !r.body.errors);
      const conflicts = results.filter((r) => r.body?.errors?.[0]?.extensions?.code === 'CONFLICT');
      const other = results.filter((r) => !successes.includes(r) && !conflicts.includes(r));
      const after = (await owner.query('SELECT version, field FROM members WHERE id = $1', [record.id])).rows[0];
      console.log(
        `[security] concurrency: ${WRITERS} concurrent updates at version ${record.version}: ${successes.length} success, ` +
          `${conflicts.length} CONFLICT, ${other.length} other; version in the database ${record.version} -> ${after.version}`,
      );
      if (other.length) console.log(other.slice(0, 3).map((r) => r.text.slice(0, 300)).join('\n'));
      expect(successes).toHaveLength(1);
      expect(conflicts).toHaveLength(WRITERS - 1);
      expect(after.version).toBe(record.version + 1);
      expect(successes[0].body.data.updateMember.version).toBe(record.version + 1);
      expect(after.field).toBe(successes[0].body.data.updateMember.field);
    } finally {
      await owner.end();
    }
  }, 60_000);
});
