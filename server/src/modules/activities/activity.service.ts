import type { EntityManager } from 'typeorm';
import { badInput, FieldProblem } from '../../common/errors';
import { ConnectionShape, entityPage, likeEscape, Page } from '../../common/pagination';
import { PG_CHECK_VIOLATION, pgError, returnedRows, rowToEntity } from '../../common/rows';
import { badFieldThrow, clean, provinceIdOf } from '../../common/input-rules';
import type { RequestContext } from '../../tenancy/request-context';
import { targetProvince } from '../../tenancy/target-province';
import { recordAudit } from '../audit/audit.service';
import { Activity, ActivityKind, ActivityResponse } from './activity.entity';
import {
  ActivityFilter, ActivitySort, ActivitySortField, CreateActivityInput, DeleteActivityInput, SortDirection, UpdateActivityInput,
} from './dto/activity.inputs';
import { lockForChange } from '../../common/versioned-writes';

const ENTITY = 'Activity';
const LABEL = 'Activity';

type Row = Record<string, unknown>;

/** Only consultation and social critique (QĐ 14/2014/QĐ-TTg) concern a draft and get a response. */
export const DRAFT_KINDS: readonly ActivityKind[] = [ActivityKind.CONSULTATION, ActivityKind.SOCIAL_CRITIQUE];
const DRAFT_FIELDS = ['draftTitle', 'draftingAgencyId', 'response'] as const;

const SORT_SQL: Record<ActivitySortField, string> = {
  [ActivitySortField.HELD_ON]: 'a.held_on',
  [ActivitySortField.TITLE]: 'a.title COLLATE "vi-VN-x-icu"',
  [ActivitySortField.PARTICIPANTS]: 'a.participants',
  [ActivitySortField.UPDATED_AT]: 'a.updated_at',
};

const COLUMN: Record<string, string> = {
  kind: 'kind', title: 'title', heldOn: 'held_on', organizerAssociationId: 'organizer_association_id',
  directiveTaskId: 'directive_task_id', participants: 'participants', draftTitle: 'draft_title',
  draftingAgencyId: 'drafting_agency_id', response: 'response', note: 'note',
};
const REQUIRED = new Set(['kind', 'title', 'heldOn']);

interface ActivityState {
  kind: ActivityKind;
  draftTitle: string | null;
  draftingAgencyId: string | null;
  response: ActivityResponse | null;
}

/**
 * Draft fields belong to consultations and critiques only; a consultation without a response is
 * PENDING. Returns the problems, and fills in PENDING on `state`.
 */
function draftRules(state: ActivityState, given: Set<string>): FieldProblem[] {
  if (!DRAFT_KINDS.includes(state.kind)) {
    const carried = DRAFT_FIELDS.filter((f) => state[f] !== null);
    return carried.map((f) => given.has(f)
      ? { field: f, constraint: 'draftKindOnly', message: `${f} can be given only for CONSULTATION and SOCIAL_CRITIQUE activities` }
      : { field: 'kind', constraint: 'draftKindOnly', message: `a ${state.kind} activity cannot keep ${f}; clear it in the same change` });
  }
  if (state.response === null) state.response = ActivityResponse.PENDING;
  return [];
}

/** Validation ran before trimming: "  A " passes a length check but is one character. */
function checkTitle(title: string | undefined): void {
  if (title !== undefined && title !== null && title.length < 2) badFieldThrow('title', 'length', 'title must be 2 to 500 characters');
}

function translateWriteError(e: unknown): never {
  const err = pgError(e);
  if (err.code === PG_CHECK_VIOLATION) {
    const field = err.constraint === 'activities_title_check' ? 'title'
      : err.constraint === 'activities_participants_check' ? 'participants'
        : err.constraint === 'activities_check' ? 'kind' : 'input';
    badFieldThrow(field, 'check', 'a value is out of the allowed range');
  }
  throw e;
}

export class ActivityService {
  async list(ctx: RequestContext, filter: ActivityFilter | undefined, sort: ActivitySort | undefined, page: Page): Promise<ConnectionShape<Activity>> {
    const manager = await ctx.tx.manager();
    const qb = manager.getRepository(Activity).createQueryBuilder('a').where('a.deleted_at IS NULL');
    if (filter?.search?.trim()) {
      qb.andWhere(`a.search_text LIKE '%' || app_fold(:search) || '%'`, { search: likeEscape(filter.search.trim().replace(/\s+/g, ' ')) });
    }
    if (filter?.kind) qb.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter?.year !== undefined && filter.year !== null) {
      qb.andWhere('a.held_on >= :yearStart AND a.held_on < :yearEnd', { yearStart: `${filter.year}-01-01`, yearEnd: `${filter.year + 1}-01-01` });
    }
    if (filter?.associationId) qb.andWhere('a.organizer_association_id = :associationId', { associationId: filter.associationId });
    if (filter?.directiveTaskId) qb.andWhere('a.directive_task_id = :directiveTaskId', { directiveTaskId: filter.directiveTaskId });
    if (filter?.provinceCode) {
      qb.andWhere('a.province_id = :provinceId', { provinceId: provinceIdOf(ctx, filter.provinceCode) });
    }
    // Without a sort: the most recent first.
    const field = sort?.field ?? ActivitySortField.HELD_ON;
    const direction = (sort ? sort.direction : SortDirection.DESC) === SortDirection.DESC ? 'DESC' : 'ASC';
    qb.orderBy(SORT_SQL[field], direction, 'NULLS LAST')
      .addOrderBy('a.title', 'ASC')
      .addOrderBy('a.id', 'ASC');
    return entityPage(qb, page);
  }

  async get(ctx: RequestContext, id: string): Promise<Activity | null> {
    const manager = await ctx.tx.manager();
    return manager.getRepository(Activity).createQueryBuilder('a').where('a.id = :id AND a.deleted_at IS NULL', { id }).getOne();
  }

  async create(ctx: RequestContext, raw: CreateActivityInput): Promise<Activity> {
    const input = clean(raw, ['title']);
    checkTitle(input.title);
    const given = new Set(Object.entries(input).filter(([, v]) => v !== undefined).map(([k]) => k));
    const state: ActivityState = {
      kind: input.kind, draftTitle: input.draftTitle ?? null, draftingAgencyId: input.draftingAgencyId ?? null, response: input.response ?? null,
    };
    const problems = draftRules(state, given);
    if (problems.length > 0) throw badInput(problems);
    const provinceId = targetProvince(ctx, input.provinceCode);
    const manager = await ctx.tx.manager();
    await this.checkReferences(manager, provinceId, input);
    const [row] = returnedRows(await manager.query(
      `INSERT INTO activities (province_id, kind, title, held_on, organizer_association_id, directive_task_id, participants,
         draft_title, drafting_agency_id, response, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [provinceId, state.kind, input.title, input.heldOn, input.organizerAssociationId ?? null, input.directiveTaskId ?? null,
        input.participants ?? null, state.draftTitle, state.draftingAgencyId, state.response, input.note ?? null],
    ).catch(translateWriteError));
    const created = rowToEntity(manager, Activity, row);
    await recordAudit(manager, ctx, { action: 'CREATE', entityType: ENTITY, entityId: created.id, provinceId, before: null, after: row });
    return created;
  }

  async update(ctx: RequestContext, raw: UpdateActivityInput): Promise<Activity> {
    const input = clean(raw, ['title']) as UpdateActivityInput & Record<string, unknown>;
    checkTitle(input.title);
    const manager = await ctx.tx.manager();
    const before = await lockForChange(manager, 'activities', input.id, input.version, LABEL);
    const current = rowToEntity(manager, Activity, before) as Activity & Record<string, unknown>;
    const given = new Set<string>();
    for (const key of Object.keys(COLUMN)) {
      const value = input[key];
      if (value === undefined) continue;
      if (value === null && REQUIRED.has(key)) badFieldThrow(key, 'isDefined', `${key} cannot be empty`);
      given.add(key);
      current[key] = value;
    }
    const state: ActivityState = { kind: current.kind, draftTitle: current.draftTitle, draftingAgencyId: current.draftingAgencyId, response: current.response };
    const problems = draftRules(state, given);
    if (problems.length > 0) throw badInput(problems);
    if (state.response !== current.response) {
      current.response = state.response;
      given.add('response');
    }
    const provinceId = before.province_id as number;
    await this.checkReferences(manager, provinceId, {
      organizerAssociationId: given.has('organizerAssociationId') ? current.organizerAssociationId : null,
      directiveTaskId: given.has('directiveTaskId') ? current.directiveTaskId : null,
      draftingAgencyId: given.has('draftingAgencyId') ? current.draftingAgencyId : null,
    });
    const sets: string[] = [];
    const params: unknown[] = [input.id];
    for (const key of given) {
      params.push(current[key]);
      sets.push(`${COLUMN[key]} = $${params.length}`);
    }
    const [after] = returnedRows(await manager.query(
      `UPDATE activities SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING *`,
      params,
    ).catch(translateWriteError));
    await recordAudit(manager, ctx, { action: 'UPDATE', entityType: ENTITY, entityId: input.id, provinceId, before, after });
    return rowToEntity(manager, Activity, after);
  }

  async softDelete(ctx: RequestContext, input: DeleteActivityInput): Promise<Activity> {
    const manager = await ctx.tx.manager();
    const before = await lockForChange(manager, 'activities', input.id, input.version, LABEL);
    const [after] = returnedRows(await manager.query(
      `UPDATE activities SET deleted_at = now(), version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
      [input.id],
    ));
    await recordAudit(manager, ctx, { action: 'DELETE', entityType: ENTITY, entityId: input.id, provinceId: before.province_id as number, before, after });
    return rowToEntity(manager, Activity, after);
  }

  /** Foreign ids must name live rows of the record's province (checked under RLS, so others' rows never answer). */
  private async checkReferences(
    manager: EntityManager,
    provinceId: number,
    refs: { organizerAssociationId?: string | null; directiveTaskId?: string | null; draftingAgencyId?: string | null },
  ): Promise<void> {
    const checks: Array<[string | null | undefined, string, string, string]> = [
      [refs.organizerAssociationId, 'member_associations', 'organizerAssociationId', 'a member association'],
      [refs.directiveTaskId, 'directive_tasks', 'directiveTaskId', 'a directive task'],
      [refs.draftingAgencyId, 'agencies', 'draftingAgencyId', 'an agency'],
    ];
    for (const [id, table, field, what] of checks) {
      if (!id) continue;
      const rows: Row[] = await manager.query(
        `SELECT 1 FROM ${table} WHERE id = $1 AND province_id = $2 AND deleted_at IS NULL`, [id, provinceId]);
      if (rows.length === 0) badFieldThrow(field, 'exists', `${field} does not name ${what} of this province`);
    }
  }
}
