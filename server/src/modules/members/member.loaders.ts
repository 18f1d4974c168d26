import DataLoader from 'dataloader';
import { byIdLoader, childrenLoader, LoaderFactory } from '../../common/loaders';
import { EntityReader } from '../../common/rows';
import { Member, Membership } from './member.entity';

/** Live members by id. */
export const memberById = byIdLoader(Member);
/** Members by id, deleted ones included: a membership always names its member. */
export const memberByIdWithDeleted = byIdLoader(Member, { includeDeleted: true });
/** Every membership of a member, oldest first. */
export const membershipsByMember = childrenLoader(Membership, 'memberId', 'e.joined_on');

const currentMembersFactories = new Map<number, LoaderFactory<string, Member[]>>();
/**
 * The first `first` current members of many associations, longest-standing first, in one statement
 * per batch (a LATERAL join takes each association's own top `first`), so a page of associations
 * with their members costs the same whatever the page size.
 */
export function currentMembersByAssociation(first: number): LoaderFactory<string, Member[]> {
  let factory = currentMembersFactories.get(first);
  if (!factory) {
    factory = (tx) =>
      new DataLoader<string, Member[]>(async (associationIds) => {
        const rows = await currentMembers.read(await tx.manager(), [[...associationIds], first]);
        const groups = new Map<string, Member[]>(associationIds.map((id) => [id, []]));
        for (const { entity, row } of rows) groups.get(row.parent_association_id as string)?.push(entity);
        return associationIds.map((id) => groups.get(id) ?? []);
      });
    currentMembersFactories.set(first, factory);
  }
  return factory;
}

const currentMembers = new EntityReader(Member, (table, columns) =>
  `SELECT ${columns}, pick.association_id AS parent_association_id
   FROM unnest($1::uuid[]) AS a(id)
   CROSS JOIN LATERAL (SELECT ms.association_id, ms.member_id, ms.joined_on FROM memberships ms
     JOIN members mm ON mm.id = ms.member_id AND mm.deleted_at IS NULL
     WHERE ms.association_id = a.id AND ms.joined_on <= app_today() AND (ms.left_on IS NULL OR ms.left_on > app_today())
     ORDER BY ms.joined_on, ms.member_id LIMIT $2) pick
   JOIN ${table} e ON e.id = pick.member_id
   ORDER BY pick.joined_on, e.id`);
