import type { EntityManager } from 'typeorm';
import { ConnectionShape, entityPage, likeEscape, Page } from '../../common/pagination';
import { PG_CHECK_VIOLATION, PG_UNIQUE_VIOLATION, pgError, returnedRows, rowToEntity } from '../../common/rows';
import type { RequestContext } from '../../tenancy/request-context';
import { recordAudit } from '../audit/audit.service';
import { SortDirection } from '../../common/sorting';
import { Agency } from './agency.entity';
import {
  AgencyFilter,
  AgencySort,
  AgencySortField,
  CreateAgencyInput,
  DeleteAgencyInput,
  UpdateAgencyInput,
} from './dto/agency.inputs';
import { badFieldThrow, clean, isUuid, provinceIdOf } from '../../common/input-rules';
import { targetProvince } from '../../tenancy/target-province';
import { lockForChange } from '../../common/versioned-writes';

const ENTITY = 'Agency';
const LABEL = 'Agency';
const NAMES = ['name'];

// Vietnamese alphabetical order (a ă â b c d đ …) via ICU, which PostgreSQL 15+ builds ship.
const BY_NAME = 'a.name COLLATE "vi-VN-x-icu"';
const SORT_SQL: Record<AgencySortField, string> = {
  [AgencySortField.NAME]: BY_NAME,
  [AgencySortField.KIND]: 'a.kind',
  [AgencySortField.CREATED_AT]: 'a.created_at',
  [AgencySortField.UPDATED_AT]: 'a.updated_at',
};

const COLUMN: Record<'name' | 'shortName' | 'kind' | 'parentId', string> = {
  name: 'name', shortName: 'short_name', kind: 'kind', parentId: 'parent_id',
};

/*
 * Live records elsewhere that cite an agency. Deleting a cited agency would leave them pointing at a
 * row the loaders no longer return (agencyById skips deleted rows), so deletion is refused instead.
 */
const CITED_BY = `
  SELECT 'directives' AS what FROM directives WHERE issuer_agency_id = $1 AND deleted_at IS NULL
  UNION ALL SELECT 'directive tasks' FROM directive_tasks WHERE lead_agency_id = $1 AND deleted_at IS NULL
  UNION ALL SELECT 'directive tasks' FROM directive_task_coordinators c JOIN directive_tasks t ON t.id = c.task_id
    WHERE c.agency_id = $1 AND t.deleted_at IS NULL
  UNION ALL SELECT 'commissioning requests' FROM commissioning_requests
    WHERE (requesting_agency_id = $1 OR adopting_agency_id = $1) AND deleted_at IS NULL
  UNION ALL SELECT 'activities' FROM activities WHERE drafting_agency_id = $1 AND deleted_at IS NULL`;

/** Serialises changes of parents (per database), so two concurrent moves cannot build a cycle together. */
const TREE_LOCK = `SELECT pg_advisory_xact_lock(hashtext('agencies.parent_id'))`;

function translateWriteError(e: unknown): never {
  const err = pgError(e);
  if (err.code === PG_UNIQUE_VIOLATION && err.constraint === 'agencies_name_key') {
    badFieldThrow('name', 'unique', 'an agency with this name already exists in the province');
  }
  if (err.code === PG_CHECK_VIOLATION) {
    const field = { agencies_name_check: 'name', agencies_short_name_check: 'shortName', agencies_kind_check: 'kind', agencies_check: 'parentId' }[
      err.constraint ?? ''
    ];
    badFieldThrow(field ?? 'input', 'check', `${field ?? 'a value'} is out of the allowed range`);
  }
  throw e;
}

export class AgencyService {
  async list(ctx: RequestContext, filter: AgencyFilter | undefined, sort: AgencySort | undefined, page: Page): Promise<ConnectionShape<Agency>> {
    const manager = await ctx.tx.manager();
    const qb = manager.getRepository(Agency).createQueryBuilder('a').where('a.deleted_at IS NULL');
    const search = filter?.search?.trim().replace(/\s+/g, ' ');
    if (search) qb.andWhere(`a.search_text LIKE '%' || app_fold(:search) || '%'`, { search: likeEscape(search) });
    if (filter?.kind) qb.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter?.parentId && filter.rootsOnly) {
      badFieldThrow('rootsOnly', 'conflictsWithParentId', 'rootsOnly cannot be combined with parentId');
    }
    if (filter?.parentId) qb.andWhere('a.parent_id = :parentId', { parentId: filter.parentId });
    if (filter?.rootsOnly) qb.andWhere('a.parent_id IS NULL');
    if (filter?.provinceCode) qb.andWhere('a.province_id = :provinceId', { provinceId: provinceIdOf(ctx, filter.provinceCode) });
    const direction = sort?.direction === SortDirection.DESC ? 'DESC' : 'ASC';
    qb.orderBy(SORT_SQL[sort?.field ?? AgencySortField.NAME], direction)
      .addOrderBy(BY_NAME, direction)
      .addOrderBy('a.id', 'ASC');
    return entityPage(qb, page);
  }

  async get(ctx: RequestContext, id: string): Promise<Agency | null> {
    if (!isUuid(id)) return null;
    const manager = await ctx.tx.manager();
    return manager.getRepository(Agency).createQueryBuilder('a').where('a.id = :id AND a.deleted_at IS NULL', { id }).getOne();
  }

  async create(ctx: RequestContext, raw: CreateAgencyInput): Promise<Agency> {
    const input = clean(raw, NAMES);
    if (input.name.length < 2) badFieldThrow('name', 'length', 'name must be 2 to 300 characters');
    const provinceId = targetProvince(ctx, input.provinceCode);
    const manager = await ctx.tx.manager();
    if (input.parentId) await this.checkParent(manager, input.parentId, provinceId);
    const [row] = returnedRows(await manager.query(
      `INSERT INTO agencies (province_id, parent_id, kind, name, short_name) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [provinceId, input.parentId ?? null, input.kind, input.name, input.shortName ?? null],
    ).catch(translateWriteError));
    await recordAudit(manager, ctx, { action: 'CREATE', entityType: ENTITY, entityId: row.id as string, provinceId, before: null, after: row });
    return rowToEntity(manager, Agency, row);
  }

  async update(ctx: RequestContext, raw: UpdateAgencyInput): Promise<Agency> {
    const input = clean(raw, NAMES);
    if (input.name === null) badFieldThrow('name', 'isDefined', 'name cannot be empty');
    if (input.name !== undefined && input.name.length < 2) badFieldThrow('name', 'length', 'name must be 2 to 300 characters');
    if (input.kind === null) badFieldThrow('kind', 'isDefined', 'kind cannot be empty');
    if (input.parentId && input.parentId === input.id) badFieldThrow('parentId', 'noCycle', 'an agency cannot be its own parent');
    const manager = await ctx.tx.manager();
    // Taken before the row lock so every mover waits in the same order (no deadlock with the parent lock).
    if (input.parentId) await manager.query(TREE_LOCK);
    const before = await lockForChange(manager, 'agencies', input.id, input.version, LABEL);
    if (input.parentId && input.parentId !== before.parent_id) {
      await this.checkParent(manager, input.parentId, before.province_id as number);
      const cycle: unknown[] = await manager.query(
        `WITH RECURSIVE up(id, parent_id) AS (
           SELECT id, parent_id FROM agencies WHERE id = $1
           UNION SELECT a.id, a.parent_id FROM agencies a JOIN up ON a.id = up.parent_id)
         SELECT 1 FROM up WHERE id = $2 LIMIT 1`,
        [input.parentId, input.id],
      );
      if (cycle.length > 0) badFieldThrow('parentId', 'noCycle', 'parentId must not be the agency itself or one of its sub-units');
    }
    const sets: string[] = [];
    const params: unknown[] = [input.id];
    for (const key of Object.keys(COLUMN) as Array<keyof typeof COLUMN>) {
      const value = input[key];
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${COLUMN[key]} = $${params.length}`);
    }
    const [after] = returnedRows(await manager.query(
      `UPDATE agencies SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING *`,
      params,
    ).catch(translateWriteError));
    await recordAudit(manager, ctx, { action: 'UPDATE', entityType: ENTITY, entityId: input.id, provinceId: before.province_id as number, before, after });
    return rowToEntity(manager, Agency, after);
  }

  async softDelete(ctx: RequestContext, input: DeleteAgencyInput): Promise<Agency> {
    const manager = await ctx.tx.manager();
    const before = await lockForChange(manager, 'agencies', input.id, input.version, LABEL);
    const [{ n }] = await manager.query(
      `SELECT count(*)::int AS n FROM agencies WHERE parent_id = $1 AND deleted_at IS NULL`, [input.id]) as Array<{ n: number }>;
    if (n > 0) badFieldThrow('id', 'hasSubUnits', `this agency still has ${n} sub-unit(s); move or delete them first`);
    const cited: Array<{ what: string }> = await manager.query(CITED_BY, [input.id]);
    if (cited.length > 0) {
      const what = [...new Set(cited.map((c) => c.what))].join(', ');
      badFieldThrow('id', 'inUse', `this agency is still named by live ${what}; change those records first`);
    }
    const [after] = returnedRows(await manager.query(
      `UPDATE agencies SET deleted_at = now(), version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
      [input.id],
    ));
    await recordAudit(manager, ctx, { action: 'DELETE', entityType: ENTITY, entityId: input.id, provinceId: before.province_id as number, before, after });
    return rowToEntity(manager, Agency, after);
  }

  /**
   * The parent must be a live agency the caller can write, in the record's province. FOR KEY SHARE
   * holds it until commit, so a concurrent delete of the parent waits and then sees the new sub-unit.
   */
  private async checkParent(manager: EntityManager, parentId: string, provinceId: number): Promise<void> {
    const rows: Array<{ province_id: number }> = await manager.query(
      `SELECT province_id FROM agencies WHERE id = $1 AND deleted_at IS NULL AND app_can_read(province_id) FOR KEY SHARE`,
      [parentId],
    );
    if (rows.length === 0) badFieldThrow('parentId', 'exists', 'parentId does not name an agency of your province');
    if (rows[0].province_id !== provinceId) badFieldThrow('parentId', 'sameProvince', 'parentId must be an agency of the same province');
  }
}
