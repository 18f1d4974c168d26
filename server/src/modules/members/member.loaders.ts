import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { byIdLoader, childrenLoader, LoaderFactory } from '../../common/loaders';
import { EntityReader } from '../../common/rows';
import type { Projection } from '../../common/selection';
import { Member, Membership } from './member.entity';

/** Live members by id. */
export const memberById = byIdLoader(Member);
/** Members by id, deleted ones included: a membership always names its member. */
export const memberByIdWithDeleted = byIdLoader(Member, { includeDeleted: true });
/** Every membership of a member, oldest first. */
export const membershipsByMember = childrenLoader(Membership, 'memberId', 'e.joined_on');

/**
 * What a selection of Member reads (`propertiesFor`): always the key, the province (tenancy) and
 * the kind (personal data is hidden for individuals only). Q1 of the benchmark (20 associations ×
 * 20 members) spent most of its time turning the 26 columns of 400 members into values for 4 fields.
 */
export const MEMBER_PROJECTION: Projection = {
  always: ['id', 'provinceId', 'kind'],
  reads: { province: ['provinceId'], memberships: ['id'] },
};

// Selections vary with the client's queries: bounded (an evicted factory only batches apart).
const currentMembersFactories = new LRUCache<string, LoaderFactory<string, Member[]>>({ max: 200 });
/**
 * The first `first` current members of many associations, longest-standing first, in one statement
 * per batch (a LATERAL join takes each association's own top `first`), so a page of associations
 * with their members costs the same whatever the page size. `properties` (propertiesFor MEMBER_PROJECTION) are
 * the ones read; the members go nowhere but to the field that asked.
 */
export function currentMembersByAssociation(first: number, properties: readonly string[]): LoaderFactory<string, Member[]> {
  const key = `${first}:${properties.join(',')}`;
  let factory = currentMembersFactories.get(key);
  if (!factory) {
    factory = (tx) =>
      new DataLoader<string, Member[]>(async (associationIds) => {
        // One association (a record page): its own statement, which PostgreSQL plans for one.
        const reader = associationIds.length === 1 ? currentMembersOfOne : currentMembers;
        const params = [associationIds.length === 1 ? associationIds[0] : [...associationIds], first];
        const rows = await reader.read(await tx.manager(), params, properties);
        const groups = new Map<string, Member[]>(associationIds.map((id) => [id, []]));
        for (const { entity, row } of rows) groups.get(row.parent_association_id as string)?.push(entity);
        return associationIds.map((id) => groups.get(id) ?? []);
      });
    currentMembersFactories.set(key, factory);
  }
  return factory;
}

/**
 * The first $2 current members of an association `a`, longest-standing first, from the membership
 * index in order: a LATERAL subquery (`pick`), members as `e`, ordered by `CURRENT_MEMBERS_ORDER`.
 */
export const currentMembersPick = (table: string, columns: string) =>
  `SELECT ${columns}, ms.association_id AS parent_association_id, ms.joined_on AS parent_joined_on
     FROM memberships ms JOIN ${table} e ON e.id = ms.member_id AND e.deleted_at IS NULL
     WHERE ms.association_id = a.id AND ms.joined_on <= app_today() AND (ms.left_on IS NULL OR ms.left_on > app_today())
     ORDER BY ms.joined_on, ms.member_id LIMIT $2`;
export const CURRENT_MEMBERS_ORDER = 'pick.parent_joined_on, pick.id';

const currentMembersOf = (associations: string) => (table: string, columns: string) =>
  `SELECT pick.* FROM ${associations} CROSS JOIN LATERAL (${currentMembersPick(table, columns)}) pick ORDER BY ${CURRENT_MEMBERS_ORDER}`;
const currentMembers = new EntityReader(Member, currentMembersOf('unnest($1::uuid[]) AS a(id)'));
const currentMembersOfOne = new EntityReader(Member, currentMembersOf('(SELECT $1::uuid AS id) a'));
