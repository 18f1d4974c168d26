import { LRUCache } from 'lru-cache';
import { byIdLoader, byIdLoaderReading } from '../../common/loaders';
import { entityFromRow, selectedColumns } from '../../common/rows';
import type { Projection } from '../../common/selection';
import type { RequestContext } from '../../tenancy/request-context';
import { Member } from '../members/member.entity';
import { CURRENT_MEMBERS_ORDER, currentMembersByAssociation, currentMembersPick } from '../members/member.loaders';
import { MemberAssociation } from './member-association.entity';

export const memberAssociationById = byIdLoader(MemberAssociation);

/** What a selection of MemberAssociation reads (`propertiesFor`). */
export const MEMBER_ASSOCIATION_PROJECTION: Projection = {
  always: ['id', 'provinceId'],
  reads: { members: ['id'], province: ['provinceId'] },
};
/** Live associations by id, reading only the properties of MEMBER_ASSOCIATION_PROJECTION asked for. */
export const memberAssociationReading = byIdLoaderReading(MemberAssociation);

/** `members` of one association as its selection asks for them: how many, and the properties read (MEMBER_PROJECTION). */
export interface MembersAhead {
  first: number;
  properties: readonly string[];
}

/** Prefix of the association's columns in `loadWithMembers` (members' columns keep their names). */
const PREFIX = 'association:';
// One statement per set of member properties read; selections vary with the client's queries: bounded.
const withMembersSql = new LRUCache<string, string>({ max: 200 });

/**
 * One live association (every column) and its first members, in one statement instead of two
 * (`memberAssociation(id) { members }`, the benchmark's Q2): a row per member, or a single row
 * without one; the association's columns come prefixed, in the first row. Both loaders are primed
 * with what was read, so the `members` field resolver finds its answer without a statement of its
 * own. Null, and nothing primed but the association's absence, when it is not there or not yours to see.
 */
export async function loadWithMembers(ctx: RequestContext, id: string, ahead: MembersAhead): Promise<MemberAssociation | null> {
  const manager = await ctx.tx.manager();
  const association = manager.connection.getMetadata(MemberAssociation);
  const member = manager.connection.getMetadata(Member);
  const key = ahead.properties.join(',');
  let sql = withMembersSql.get(key);
  if (sql === undefined) {
    // The association's columns in the first row only: pg would parse them again in every row.
    sql = `SELECT ${selectedColumns(association, 'a', undefined, { prefix: PREFIX, when: 'row_number() OVER w = 1' }).join(', ')}, pick.*
      FROM "${association.tablePath}" a
      LEFT JOIN LATERAL (${currentMembersPick(`"${member.tablePath}"`, selectedColumns(member, 'e', ahead.properties).join(', '))}) pick ON true
      WHERE a.id = $1 AND a.deleted_at IS NULL
      WINDOW w AS (ORDER BY ${CURRENT_MEMBERS_ORDER})
      ORDER BY ${CURRENT_MEMBERS_ORDER}`;
    withMembersSql.set(key, sql);
  }
  const rows = (await manager.query(sql, [id, ahead.first])) as Array<Record<string, unknown>>;
  const found = rows.length > 0 ? entityFromRow<MemberAssociation>(association, rows[0], PREFIX) : null;
  ctx.loaders.get(memberAssociationById).prime(id, found);
  if (found) {
    const members = rows.filter((r) => r.parent_association_id !== null).map((r) => entityFromRow<Member>(member, r));
    ctx.loaders.get(currentMembersByAssociation(ahead.first, ahead.properties)).prime(id, members);
  }
  return found;
}
