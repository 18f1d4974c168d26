import DataLoader from 'dataloader';
import { byIdLoader, childrenLoader, LoaderFactory } from '../../common/loaders';
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
        const manager = await tx.manager();
        const { entities, raw } = await manager.getRepository(Member).createQueryBuilder('m')
          .innerJoin(
            `(SELECT pick.association_id, pick.member_id, pick.joined_on FROM unnest(:ids::uuid[]) AS a(id)
              CROSS JOIN LATERAL (SELECT ms.association_id, ms.member_id, ms.joined_on FROM memberships ms
                JOIN members mm ON mm.id = ms.member_id AND mm.deleted_at IS NULL
                WHERE ms.association_id = a.id AND ms.joined_on <= app_today() AND (ms.left_on IS NULL OR ms.left_on > app_today())
                ORDER BY ms.joined_on, ms.member_id LIMIT :first) pick)`,
            'p', 'p.member_id = m.id', { ids: [...associationIds], first },
          )
          .addSelect('p.association_id', 'parent_id')
          .orderBy('p.joined_on').addOrderBy('m.id')
          .getRawAndEntities<{ parent_id: string; m_id: string }>();
        const byId = new Map(entities.map((m) => [m.id, m]));
        const groups = new Map<string, Member[]>(associationIds.map((id) => [id, []]));
        for (const r of raw) {
          const m = byId.get(r.m_id);
          if (m) groups.get(r.parent_id)?.push(m);
        }
        return associationIds.map((id) => groups.get(id) ?? []);
      });
    currentMembersFactories.set(first, factory);
  }
  return factory;
}
