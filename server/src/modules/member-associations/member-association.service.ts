import { SortDirection } from '../../common/sorting';
import { ConnectionShape, entityPage, likeEscape, Page } from '../../common/pagination';
import { PG_CHECK_VIOLATION, PG_UNIQUE_VIOLATION, pgError, returnedRows, rowToEntity } from '../../common/rows';
import { badFieldThrow, clean, isUuid, today, provinceIdOf } from '../../common/input-rules';
import type { RequestContext } from '../../tenancy/request-context';
import { targetProvince } from '../../tenancy/target-province';
import { recordAudit } from '../audit/audit.service';
import {
  CreateMemberAssociationInput,
  DeleteMemberAssociationInput,
  MemberAssociationFilter,
  MemberAssociationSort,
  MemberAssociationSortField,
  UpdateMemberAssociationInput,
} from './dto/member-association.inputs';
import { MemberAssociation, MemberAssociationStatus } from './member-association.entity';
import { loadWithMembers, memberAssociationById, type MembersAhead } from './member-association.loaders';
import { lockForChange } from '../../common/versioned-writes';

const ENTITY = 'MemberAssociation';
const LABEL = 'Member association';

const SORT_SQL: Record<MemberAssociationSortField, string> = {
  // Vietnamese alphabetical order (a ă â b c d đ …) via ICU, which PostgreSQL 15+ builds ship.
  [MemberAssociationSortField.NAME]: 'a.name COLLATE "vi-VN-x-icu"',
  [MemberAssociationSortField.FOUNDED_ON]: 'a.founded_on',
  [MemberAssociationSortField.MEMBER_COUNT]: 'a.individual_member_count',
  [MemberAssociationSortField.UPDATED_AT]: 'a.updated_at',
};

const WRITABLE: Array<keyof UpdateMemberAssociationInput & keyof MemberAssociation> = [
  'name', 'abbreviation', 'field', 'foundedOn', 'status', 'congressTerm', 'individualMemberCount', 'collectiveMemberCount',
];
const COLUMN: Record<string, string> = {
  name: 'name', abbreviation: 'abbreviation', field: 'field', foundedOn: 'founded_on', status: 'status',
  congressTerm: 'congress_term', individualMemberCount: 'individual_member_count', collectiveMemberCount: 'collective_member_count',
};

function checkRules(input: { name?: string; foundedOn?: string | null }): void {
  if (input.name !== undefined && input.name.length < 2) badFieldThrow('name', 'length', 'name must be 2 to 300 characters');
  if (input.foundedOn && input.foundedOn > today()) badFieldThrow('foundedOn', 'notInFuture', 'foundedOn must not be in the future');
}

function translateWriteError(e: unknown): never {
  const err = pgError(e);
  if (err.code === PG_UNIQUE_VIOLATION && err.constraint === 'member_associations_name_key') {
    badFieldThrow('name', 'unique', 'an association with this name already exists in the province');
  }
  if (err.code === PG_CHECK_VIOLATION) {
    badFieldThrow(err.constraint?.replace(/^member_associations_|_check$/g, '') ?? 'input', 'check', 'a value is out of the allowed range');
  }
  throw e;
}

export class MemberAssociationService {
  async list(
    ctx: RequestContext,
    filter: MemberAssociationFilter | undefined,
    sort: MemberAssociationSort | undefined,
    page: Page,
  ): Promise<ConnectionShape<MemberAssociation>> {
    const manager = await ctx.tx.manager();
    const qb = manager.getRepository(MemberAssociation).createQueryBuilder('a').where('a.deleted_at IS NULL');
    if (filter?.search?.trim()) {
      qb.andWhere(`a.search_text LIKE '%' || app_fold(:search) || '%'`, { search: likeEscape(filter.search.trim().replace(/\s+/g, ' ')) });
    }
    if (filter?.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter?.provinceCode) {
      qb.andWhere('a.province_id = :provinceId', { provinceId: provinceIdOf(ctx, filter.provinceCode) });
    }
    const direction = sort?.direction === SortDirection.DESC ? 'DESC' : 'ASC';
    qb.orderBy(SORT_SQL[sort?.field ?? MemberAssociationSortField.NAME], direction, direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST')
      .addOrderBy('a.name', direction)
      .addOrderBy('a.id', 'ASC');
    return entityPage(qb, page);
  }

  /**
   * One live association, through the request's loader (a hand-written statement, not the query
   * builder); with `members`, read with its first members in the same statement.
   */
  async get(ctx: RequestContext, id: string, members?: MembersAhead | null): Promise<MemberAssociation | null> {
    if (!isUuid(id)) return null;
    if (members && ctx.loaders.kept) return loadWithMembers(ctx, id, members);
    return ctx.loaders.get(memberAssociationById).load(id);
  }

  async create(ctx: RequestContext, raw: CreateMemberAssociationInput): Promise<MemberAssociation> {
    const input = clean(raw, ['name']);
    checkRules(input);
    const provinceId = targetProvince(ctx, input.provinceCode);
    const manager = await ctx.tx.manager();
    const [row] = returnedRows(await manager.query(
      `INSERT INTO member_associations (province_id, name, abbreviation, field, founded_on, status, congress_term,
         individual_member_count, collective_member_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [provinceId, input.name, input.abbreviation ?? null, input.field ?? null, input.foundedOn ?? null,
        input.status ?? MemberAssociationStatus.ACTIVE, input.congressTerm ?? null,
        input.individualMemberCount ?? 0, input.collectiveMemberCount ?? 0],
    ).catch(translateWriteError));
    const created = rowToEntity(manager, MemberAssociation, row);
    await recordAudit(manager, ctx, { action: 'CREATE', entityType: ENTITY, entityId: created.id, provinceId, before: null, after: row });
    return created;
  }

  async update(ctx: RequestContext, raw: UpdateMemberAssociationInput): Promise<MemberAssociation> {
    const input = clean(raw, ['name']);
    checkRules(input);
    const manager = await ctx.tx.manager();
    const before = await lockForChange(manager, 'member_associations', input.id, input.version, LABEL);
    const sets: string[] = [];
    const params: unknown[] = [input.id];
    for (const key of WRITABLE) {
      const value = input[key];
      if (value === undefined) continue;
      if (value === null && (key === 'name' || key === 'status')) badFieldThrow(key, 'isDefined', `${key} cannot be empty`);
      params.push(value);
      sets.push(`${COLUMN[key]} = $${params.length}`);
    }
    const [after] = returnedRows(await manager.query(
      `UPDATE member_associations SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE id = $1 RETURNING *`,
      params,
    ).catch(translateWriteError));
    await recordAudit(manager, ctx, { action: 'UPDATE', entityType: ENTITY, entityId: input.id, provinceId: before.province_id as number, before, after });
    return rowToEntity(manager, MemberAssociation, after);
  }

  async softDelete(ctx: RequestContext, input: DeleteMemberAssociationInput): Promise<MemberAssociation> {
    const manager = await ctx.tx.manager();
    const before = await lockForChange(manager, 'member_associations', input.id, input.version, LABEL);
    const [after] = returnedRows(await manager.query(
      `UPDATE member_associations SET deleted_at = now(), version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
      [input.id],
    ));
    await recordAudit(manager, ctx, { action: 'DELETE', entityType: ENTITY, entityId: input.id, provinceId: before.province_id as number, before, after });
    return rowToEntity(manager, MemberAssociation, after);
  }
}
