import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An association's current members, longest-standing first (`MemberAssociation.members(first)`):
 * the only index on memberships by association led with province_id, which a ministry user's read
 * (every province, RLS filters by function) cannot use, so each association scanned all memberships.
 * At scale L (a million members) a page of 20 associations with their members took about a second
 * (tests/bench Q1, Q2); with this index each association reads its first rows in order.
 */
export class MembershipOrderIndex1764300007000 implements MigrationInterface {
  name = 'MembershipOrderIndex1764300007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX memberships_association_joined_idx ON memberships (association_id, joined_on, member_id) INCLUDE (left_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX memberships_association_joined_idx`);
  }
}
