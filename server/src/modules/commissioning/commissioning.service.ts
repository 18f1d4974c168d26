import type { EntityManager } from 'typeorm';
import { badInput, FieldProblem, notFound } from '../../common/errors';
import { ConnectionShape, likeEscape, Page, toConnection } from '../../common/pagination';
import {
  pgError, PG_CHECK_VIOLATION, returnedRows, rowToEntity,
} from '../../common/rows';
import { badFieldThrow, clean, provinceIdOf } from '../../common/input-rules';
import type { RequestContext } from '../../tenancy/request-context';
import { targetProvince } from '../../tenancy/target-province';
import { recordAudit } from '../audit/audit.service';
import { CommissioningCheck } from './commissioning-check.entity';
import {
  AcceptanceRating, CommissioningAssigneeKind, CommissioningRequest, CommissioningStage,
} from './commissioning-request.entity';
import { delayDaysSql, requestColumnsFor, requestColumnsSql, storedRow, toRequest } from './commissioning-request.rows';
import {
  AddCommissioningCheckInput,
  CommissioningRequestFilter,
  CommissioningRequestSort,
  CommissioningRequestSortField,
  CreateCommissioningRequestInput,
  SortDirection,
  TransitionCommissioningRequestInput,
  UpdateCommissioningRequestInput,
} from './dto/commissioning.inputs';
import { ResearchArea, ResearchAreaKind } from './research-area.entity';
import { checkVersion } from '../../common/versioned-writes';

const ENTITY = 'CommissioningRequest';
const CHECK_ENTITY = 'CommissioningCheck';
const LABEL = 'Commissioning request';

type Row = Record<string, unknown>;
const S = CommissioningStage;

/**
 * The stage workflow (quy trình đặt hàng, Nghị định 08/2014/NĐ-CP; Thông tư 07/2014, 08/2017,
 * 11/2014/TT-BKHCN): from each stage, the stages a task may move to. REJECTED, CANCELLED and
 * APPLIED are final.
 */
export const STAGE_GRAPH: Readonly<Record<CommissioningStage, readonly CommissioningStage[]>> = {
  [S.PROPOSED]: [S.DETERMINED, S.REJECTED, S.CANCELLED],
  [S.DETERMINED]: [S.SELECTED, S.DIRECTLY_ASSIGNED, S.REJECTED, S.CANCELLED],
  [S.SELECTED]: [S.APPRAISED, S.CANCELLED],
  [S.DIRECTLY_ASSIGNED]: [S.APPRAISED, S.CANCELLED],
  [S.APPRAISED]: [S.CONTRACTED, S.REJECTED, S.CANCELLED],
  [S.CONTRACTED]: [S.IN_PROGRESS, S.CANCELLED],
  [S.IN_PROGRESS]: [S.ACCEPTED, S.SUSPENDED, S.CANCELLED],
  [S.SUSPENDED]: [S.IN_PROGRESS, S.CANCELLED],
  [S.ACCEPTED]: [S.RESULTS_REGISTERED],
  [S.RESULTS_REGISTERED]: [S.APPLIED],
  [S.APPLIED]: [],
  [S.REJECTED]: [],
  [S.CANCELLED]: [],
};

/** Stages a task may move to next. A task that failed acceptance has no results to register. */
export function allowedNextStages(stage: CommissioningStage, rating: AcceptanceRating | null): CommissioningStage[] {
  return STAGE_GRAPH[stage].filter((to) => !(to === S.RESULTS_REGISTERED && rating === AcceptanceRating.FAIL));
}

/**
 * What a task must carry once it has reached a stage: checked on the move into the stage and kept
 * true by later edits. Final stages reached by rejection or cancellation need nothing.
 */
type Requirement = 'assignee' | 'contract' | 'started' | 'accepted' | 'registered' | 'applied';
const ASSIGNED: Requirement[] = ['assignee'];
const CONTRACTED: Requirement[] = [...ASSIGNED, 'contract'];
const STARTED: Requirement[] = [...CONTRACTED, 'started'];
const ACCEPTED: Requirement[] = [...STARTED, 'accepted'];
const STAGE_REQUIRES: Readonly<Record<CommissioningStage, readonly Requirement[]>> = {
  [S.PROPOSED]: [], [S.DETERMINED]: [], [S.REJECTED]: [], [S.CANCELLED]: [],
  [S.SELECTED]: ASSIGNED, [S.DIRECTLY_ASSIGNED]: ASSIGNED, [S.APPRAISED]: ASSIGNED,
  [S.CONTRACTED]: CONTRACTED,
  [S.IN_PROGRESS]: STARTED, [S.SUSPENDED]: STARTED,
  [S.ACCEPTED]: ACCEPTED,
  [S.RESULTS_REGISTERED]: [...ACCEPTED, 'registered'],
  [S.APPLIED]: [...ACCEPTED, 'registered', 'applied'],
};

/** The details the requirements and date rules look at. */
interface Details {
  assigneeKind: CommissioningAssigneeKind | null;
  assignedAssociationId: string | null;
  budgetVnd: number;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  acceptanceRating: AcceptanceRating | null;
  registrationNumber: string | null;
  adoptingAgencyId: string | null;
}

/** Problems with the requirements of `stage`; `when` completes the message ("to move to X", "while the task is X"). */
function requirementProblems(d: Details, stage: CommissioningStage, when: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const need = (ok: boolean, field: string, message = `${field} is required ${when}`) => {
    if (!ok) problems.push({ field, constraint: 'requiredForStage', message });
  };
  for (const r of STAGE_REQUIRES[stage]) {
    switch (r) {
      case 'assignee':
        need(d.assigneeKind !== null, 'assigneeKind');
        if (d.assigneeKind === CommissioningAssigneeKind.ASSOCIATION) need(d.assignedAssociationId !== null, 'assignedAssociationId');
        break;
      case 'contract':
        need(d.budgetVnd > 0, 'budgetVnd', `budgetVnd must be greater than 0 ${when}`);
        need(d.plannedStart !== null, 'plannedStart');
        need(d.plannedEnd !== null, 'plannedEnd');
        break;
      case 'started':
        need(d.actualStart !== null, 'actualStart');
        break;
      case 'accepted':
        need(d.acceptanceRating !== null, 'acceptanceRating');
        need(d.actualEnd !== null, 'actualEnd');
        break;
      case 'registered':
        need(d.registrationNumber !== null, 'registrationNumber');
        break;
      case 'applied':
        need(d.adoptingAgencyId !== null, 'adoptingAgencyId', `adoptingAgencyId (the agency applying the results) is required ${when}`);
        break;
    }
  }
  return problems;
}

/** Rules on dates and the assignee that hold at every stage. `given` names the fields the caller sent. */
function detailProblems(d: Details, today: string | null, given: Set<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, constraint: string, message: string) => problems.push({ field, constraint, message });
  if (d.plannedStart && d.plannedEnd && d.plannedEnd < d.plannedStart) {
    add('plannedEnd', 'afterStart', 'plannedEnd must not be before plannedStart');
  }
  if (d.actualStart && d.actualEnd && d.actualEnd < d.actualStart) {
    add(given.has('actualEnd') || !given.has('actualStart') ? 'actualEnd' : 'actualStart', 'afterStart', 'actualEnd must not be before actualStart');
  }
  if (today !== null) {
    if (d.actualStart && d.actualStart > today && given.has('actualStart')) add('actualStart', 'notInFuture', 'actualStart must not be in the future');
    if (d.actualEnd && d.actualEnd > today && given.has('actualEnd')) add('actualEnd', 'notInFuture', 'actualEnd must not be in the future');
  }
  if (d.assigneeKind !== CommissioningAssigneeKind.ASSOCIATION && d.assignedAssociationId !== null) {
    add(given.has('assignedAssociationId') ? 'assignedAssociationId' : 'assigneeKind', 'assigneeKind',
      'assignedAssociationId can be set only when assigneeKind is ASSOCIATION');
  }
  return problems;
}

/** Validation ran before trimming: "  A " passes a length check but is one character. */
function checkTitle(title: string | undefined): void {
  if (title !== undefined && title !== null && title.length < 2) badFieldThrow('title', 'length', 'title must be 2 to 500 characters');
}

function throwIf(problems: FieldProblem[]): void {
  if (problems.length > 0) throw badInput(problems);
}

const CHECK_FIELDS: Record<string, string> = {
  commissioning_requests_code_check: 'code',
  commissioning_requests_title_check: 'title',
  commissioning_requests_principal_investigator_check: 'principalInvestigator',
  commissioning_requests_budget_vnd_check: 'budgetVnd',
  commissioning_requests_year_check: 'year',
  commissioning_requests_registration_number_check: 'registrationNumber',
  commissioning_requests_check: 'assignedAssociationId',
  commissioning_requests_check1: 'plannedEnd',
  commissioning_requests_check2: 'actualEnd',
  commissioning_transitions_reason_check: 'reason',
};

/** Database refusals that are the caller's input, as BAD_USER_INPUT naming the field. */
function translateWriteError(e: unknown): never {
  const err = pgError(e);
  if (err.code === PG_CHECK_VIOLATION) {
    badFieldThrow(CHECK_FIELDS[err.constraint ?? ''] ?? 'input', 'check', 'a value is out of the allowed range');
  }
  throw e;
}

/** Input keys → columns for the detail edits of updateCommissioningRequest. */
const COLUMN: Record<string, string> = {
  code: 'code', title: 'title', objectives: 'objectives', requestingAgencyId: 'requesting_agency_id',
  researchAreaId: 'research_area_id', assigneeKind: 'assignee_kind', assignedAssociationId: 'assigned_association_id',
  principalInvestigator: 'principal_investigator', budgetVnd: 'budget_vnd', year: 'year', plannedStart: 'planned_start',
  plannedEnd: 'planned_end', actualStart: 'actual_start', actualEnd: 'actual_end', applicationNote: 'application_note',
};
const REQUIRED = new Set(['title', 'requestingAgencyId', 'researchAreaId', 'year', 'budgetVnd']);

const SORT_SQL: Record<CommissioningRequestSortField, string> = {
  [CommissioningRequestSortField.YEAR]: 'r.year',
  [CommissioningRequestSortField.TITLE]: 'r.title COLLATE "vi-VN-x-icu"',
  [CommissioningRequestSortField.CODE]: 'r.code',
  [CommissioningRequestSortField.PLANNED_END]: 'r.planned_end',
  [CommissioningRequestSortField.DELAY_DAYS]: delayDaysSql('r'),
  [CommissioningRequestSortField.BUDGET]: 'r.budget_vnd',
  [CommissioningRequestSortField.UPDATED_AT]: 'r.updated_at',
};

function detailsOf(e: CommissioningRequest): Details {
  return {
    assigneeKind: e.assigneeKind, assignedAssociationId: e.assignedAssociationId, budgetVnd: Number(e.budgetVnd),
    plannedStart: e.plannedStart, plannedEnd: e.plannedEnd, actualStart: e.actualStart, actualEnd: e.actualEnd,
    acceptanceRating: e.acceptanceRating, registrationNumber: e.registrationNumber, adoptingAgencyId: e.adoptingAgencyId,
  };
}

export class CommissioningService {
  async researchAreas(ctx: RequestContext, kind: ResearchAreaKind | undefined): Promise<ResearchArea[]> {
    const manager = await ctx.tx.manager();
    return manager.getRepository(ResearchArea).find({ where: kind ? { kind } : {}, order: { id: 'ASC' } });
  }

  async list(
    ctx: RequestContext,
    filter: CommissioningRequestFilter | undefined,
    sort: CommissioningRequestSort | undefined,
    page: Page,
    /** Only these properties are read (propertiesFor COMMISSIONING_REQUEST_PROJECTION); all without. */
    properties?: readonly string[],
  ): Promise<ConnectionShape<CommissioningRequest>> {
    const where: string[] = ['r.deleted_at IS NULL'];
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter?.search?.trim()) {
      // Every word must appear, in any order ("xu ly chat thai bien hoa" finds "xử lý chất thải rắn … Biên Hòa").
      for (const word of filter.search.trim().split(/\s+/).slice(0, 8)) {
        where.push(`r.search_text LIKE '%' || app_fold(${param(likeEscape(word))}) || '%'`);
      }
    }
    if (filter?.stage) where.push(`r.stage = ${param(filter.stage)}`);
    if (filter?.stages?.length) where.push(`r.stage = ANY(${param(filter.stages)}::text[])`);
    if (filter?.year !== undefined && filter.year !== null) where.push(`r.year = ${param(filter.year)}`);
    if (filter?.researchAreaId) where.push(`r.research_area_id = ${param(Number(filter.researchAreaId))}`);
    if (filter?.requestingAgencyId) where.push(`r.requesting_agency_id = ${param(filter.requestingAgencyId)}`);
    if (filter?.assignedAssociationId) where.push(`r.assigned_association_id = ${param(filter.assignedAssociationId)}`);
    if (filter?.delayed === true) where.push(`${delayDaysSql('r')} > 0`);
    if (filter?.delayed === false) where.push(`coalesce(${delayDaysSql('r')}, 0) <= 0`);
    if (filter?.provinceCode) {
      where.push(`r.province_id = ${param(provinceIdOf(ctx, filter.provinceCode))}`);
    }
    // Without a sort: the newest plan year first.
    const field = sort?.field ?? CommissioningRequestSortField.YEAR;
    const direction = (sort ? sort.direction : SortDirection.DESC) === SortDirection.DESC ? 'DESC' : 'ASC';
    const whereSql = where.join(' AND ');
    const manager = await ctx.tx.manager();
    // The count and the page apart in one statement: a window count over the page's query would make
    // PostgreSQL sort every visible task instead of reading the first ones in index order (at scale L,
    // 100 ms against 20 ms). An empty page still answers its one row with the count.
    const rows: Row[] = await manager.query(
      `SELECT c.total_count, p.*
       FROM (SELECT count(*) AS total_count FROM commissioning_requests r WHERE ${whereSql}) c
       LEFT JOIN LATERAL (
         SELECT ${requestColumnsFor(manager, 'r', properties)} FROM commissioning_requests r
         WHERE ${whereSql}
         ORDER BY ${SORT_SQL[field]} ${direction} NULLS LAST, r.title COLLATE "vi-VN-x-icu", r.id
         LIMIT ${param(page.limit)} OFFSET ${param(page.offset)}) p ON true`,
      params,
    );
    const total = Number(rows[0].total_count);
    const found = rows.filter((row) => row.id !== null);
    return toConnection(found.map((row) => toRequest(manager, row)), total, page);
  }

  async get(ctx: RequestContext, id: string): Promise<CommissioningRequest | null> {
    const manager = await ctx.tx.manager();
    const [row] = await manager.query(
      `SELECT ${requestColumnsSql('r')} FROM commissioning_requests r WHERE r.id = $1 AND r.deleted_at IS NULL`, [id]);
    return row ? toRequest(manager, row) : null;
  }

  async create(ctx: RequestContext, raw: CreateCommissioningRequestInput): Promise<CommissioningRequest> {
    const input = clean(raw, ['title']);
    checkTitle(input.title);
    const given = new Set(Object.entries(input).filter(([, v]) => v !== undefined).map(([k]) => k));
    const details: Details = {
      assigneeKind: input.assigneeKind ?? null, assignedAssociationId: input.assignedAssociationId ?? null,
      budgetVnd: input.budgetVnd ?? 0, plannedStart: input.plannedStart ?? null, plannedEnd: input.plannedEnd ?? null,
      actualStart: null, actualEnd: null, acceptanceRating: null, registrationNumber: null, adoptingAgencyId: null,
    };
    throwIf(detailProblems(details, null, given));
    const provinceId = targetProvince(ctx, input.provinceCode);
    const manager = await ctx.tx.manager();
    await this.checkAgency(manager, 'requestingAgencyId', input.requestingAgencyId, provinceId);
    await this.checkResearchArea(manager, input.researchAreaId);
    if (details.assignedAssociationId) await this.checkAssociation(manager, details.assignedAssociationId, provinceId);
    const [row] = returnedRows(await manager.query(
      `INSERT INTO commissioning_requests AS r (province_id, code, title, objectives, requesting_agency_id, research_area_id,
         assignee_kind, assigned_association_id, principal_investigator, budget_vnd, year, planned_start, planned_end, application_note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${requestColumnsSql('r')}`,
      [provinceId, input.code ?? null, input.title, input.objectives ?? null, input.requestingAgencyId, Number(input.researchAreaId),
        details.assigneeKind, details.assignedAssociationId, input.principalInvestigator ?? null, details.budgetVnd, input.year,
        details.plannedStart, details.plannedEnd, input.applicationNote ?? null],
    ).catch(translateWriteError));
    const created = toRequest(manager, row);
    await recordAudit(manager, ctx, { action: 'CREATE', entityType: ENTITY, entityId: created.id, provinceId, before: null, after: storedRow(row) });
    return created;
  }

  async update(ctx: RequestContext, raw: UpdateCommissioningRequestInput): Promise<CommissioningRequest> {
    const input = clean(raw, ['title']) as UpdateCommissioningRequestInput & Record<string, unknown>;
    checkTitle(input.title);
    const manager = await ctx.tx.manager();
    const before = await this.lockCurrent(manager, input.id, input.version);
    const current = rowToEntity(manager, CommissioningRequest, before) as CommissioningRequest & Record<string, unknown>;
    const given = new Set<string>();
    const sets: string[] = [];
    const params: unknown[] = [input.id];
    for (const key of Object.keys(COLUMN)) {
      let value = input[key];
      if (value === undefined) continue;
      if (value === null && REQUIRED.has(key)) badFieldThrow(key, 'isDefined', `${key} cannot be empty`);
      if (key === 'researchAreaId') value = Number(value);
      given.add(key);
      current[key] = value;
      params.push(value);
      sets.push(`${COLUMN[key]} = $${params.length}`);
    }
    const details = detailsOf(current);
    const stage = current.stage;
    throwIf([
      ...detailProblems(details, before.today as string, given),
      // Edits may not take away what the current stage needs; problems with untouched fields are not the caller's.
      ...requirementProblems(details, stage, `while the task is ${stage}`).filter((p) => given.has(p.field)
        || (p.field === 'assignedAssociationId' && given.has('assigneeKind'))),
    ]);
    const provinceId = before.province_id as number;
    if (given.has('requestingAgencyId')) await this.checkAgency(manager, 'requestingAgencyId', current.requestingAgencyId, provinceId);
    if (given.has('researchAreaId')) await this.checkResearchArea(manager, String(current.researchAreaId));
    if (given.has('assignedAssociationId') && current.assignedAssociationId) {
      await this.checkAssociation(manager, current.assignedAssociationId, provinceId);
    }
    const [after] = returnedRows(await manager.query(
      `UPDATE commissioning_requests r SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE r.id = $1 RETURNING ${requestColumnsSql('r')}`,
      params,
    ).catch(translateWriteError));
    await recordAudit(manager, ctx, { action: 'UPDATE', entityType: ENTITY, entityId: input.id, provinceId, before: storedRow(before), after: storedRow(after) });
    return toRequest(manager, after);
  }

  async transition(ctx: RequestContext, raw: TransitionCommissioningRequestInput): Promise<CommissioningRequest> {
    const input = clean(raw, ['title']);
    if (!input.reason || input.reason.length < 2) badFieldThrow('reason', 'length', 'reason must be 2 to 2000 characters');
    const manager = await ctx.tx.manager();
    const before = await this.lockCurrent(manager, input.id, input.version);
    const current = rowToEntity(manager, CommissioningRequest, before);
    const from = current.stage;
    const to = input.toStage;
    const allowed = allowedNextStages(from, current.acceptanceRating);
    if (!allowed.includes(to)) {
      const why = to === S.RESULTS_REGISTERED && current.acceptanceRating === AcceptanceRating.FAIL ? ' (the task failed acceptance)' : '';
      badFieldThrow('toStage', 'allowedStage', `cannot move from ${from} to ${to}; allowed: ${allowed.join(', ') || 'none'}${why}`);
    }

    // Evidence is taken only with the move it documents, so nothing is silently ignored.
    const evidence: Array<[keyof TransitionCommissioningRequestInput, CommissioningStage[]]> = [
      ['assigneeKind', [S.SELECTED, S.DIRECTLY_ASSIGNED]],
      ['assignedAssociationId', [S.SELECTED, S.DIRECTLY_ASSIGNED]],
      ['acceptanceRating', [S.ACCEPTED]],
      ['registrationNumber', [S.RESULTS_REGISTERED]],
      ['adoptingAgencyId', [S.APPLIED]],
    ];
    for (const [field, stages] of evidence) {
      if (input[field] !== undefined && input[field] !== null && !stages.includes(to)) {
        badFieldThrow(field, 'notForStage', `${field} can be given only when moving to ${stages.join(' or ')}`);
      }
    }

    const today = before.today as string;
    const happenedOn = input.happenedOn ?? today;
    if (happenedOn > today) badFieldThrow('happenedOn', 'notInFuture', 'happenedOn must not be in the future');
    const lastMovedOn = before.last_moved_on as string | null;
    if (lastMovedOn && happenedOn < lastMovedOn) {
      badFieldThrow('happenedOn', 'afterPreviousMove', `happenedOn must not be before the previous move (${lastMovedOn})`);
    }

    const details = detailsOf(current);
    if (input.assigneeKind) {
      details.assigneeKind = input.assigneeKind;
      if (input.assigneeKind === CommissioningAssigneeKind.UNION && !input.assignedAssociationId) details.assignedAssociationId = null;
    }
    if (input.assignedAssociationId) details.assignedAssociationId = input.assignedAssociationId;
    if (input.acceptanceRating) details.acceptanceRating = input.acceptanceRating;
    if (input.registrationNumber) details.registrationNumber = input.registrationNumber;
    if (input.adoptingAgencyId) details.adoptingAgencyId = input.adoptingAgencyId;
    if (to === S.IN_PROGRESS && details.actualStart === null) details.actualStart = happenedOn;
    if (to === S.ACCEPTED && details.actualEnd === null) {
      if (details.actualStart && happenedOn < details.actualStart) {
        badFieldThrow('happenedOn', 'afterStart', `happenedOn must not be before the actual start (${details.actualStart})`);
      }
      details.actualEnd = happenedOn;
    }
    const given = new Set(['assigneeKind', 'assignedAssociationId'].filter((k) => input[k as keyof typeof input]));
    throwIf([...detailProblems(details, null, given), ...requirementProblems(details, to, `to move to ${to}`)]);

    const provinceId = before.province_id as number;
    if (input.assignedAssociationId) await this.checkAssociation(manager, input.assignedAssociationId, provinceId);
    if (input.adoptingAgencyId) await this.checkAgency(manager, 'adoptingAgencyId', input.adoptingAgencyId, provinceId);

    const [after] = returnedRows(await manager.query(
      `UPDATE commissioning_requests r SET stage = $2, assignee_kind = $3, assigned_association_id = $4, acceptance_rating = $5,
         registration_number = $6, adopting_agency_id = $7, actual_start = $8, actual_end = $9,
         version = version + 1, updated_at = now()
       WHERE r.id = $1 RETURNING ${requestColumnsSql('r')}`,
      [input.id, to, details.assigneeKind, details.assignedAssociationId, details.acceptanceRating, details.registrationNumber,
        details.adoptingAgencyId, details.actualStart, details.actualEnd],
    ).catch(translateWriteError));
    await manager.query(
      `INSERT INTO commissioning_transitions (province_id, request_id, from_stage, to_stage, happened_on, reason, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [provinceId, input.id, from, to, happenedOn, input.reason, ctx.user?.id ?? null],
    ).catch(translateWriteError);
    await recordAudit(manager, ctx, {
      action: 'TRANSITION', entityType: ENTITY, entityId: input.id, provinceId, before: storedRow(before),
      after: { ...storedRow(after), transition: { from, to, happenedOn, reason: input.reason } },
    });
    return toRequest(manager, after);
  }

  async addCheck(ctx: RequestContext, raw: AddCommissioningCheckInput): Promise<CommissioningCheck> {
    const input = clean(raw, ['title']);
    const manager = await ctx.tx.manager();
    // FOR SHARE: a concurrent move out of IN_PROGRESS waits for this check (and then sees it).
    const [request]: Row[] = await manager.query(
      `SELECT r.id, r.province_id, r.stage, r.actual_start, to_char(app_today(), 'YYYY-MM-DD') AS today
       FROM commissioning_requests r
       WHERE r.id = $1 AND r.deleted_at IS NULL AND app_can_write(r.province_id) FOR SHARE`,
      [input.requestId],
    );
    if (!request) throw notFound(LABEL);
    if (request.stage !== S.IN_PROGRESS) {
      badFieldThrow('requestId', 'inProgress', `checks can be added only while the task is IN_PROGRESS (it is ${String(request.stage)})`);
    }
    if (input.checkedOn > (request.today as string)) badFieldThrow('checkedOn', 'notInFuture', 'checkedOn must not be in the future');
    if (request.actual_start && input.checkedOn < (request.actual_start as string)) {
      badFieldThrow('checkedOn', 'afterStart', `checkedOn must not be before the actual start (${String(request.actual_start)})`);
    }
    const provinceId = request.province_id as number;
    const [row] = returnedRows(await manager.query(
      `INSERT INTO commissioning_checks (province_id, request_id, checked_on, result, note) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [provinceId, input.requestId, input.checkedOn, input.result, input.note ?? null],
    ).catch(translateWriteError));
    const check = rowToEntity(manager, CommissioningCheck, row);
    await recordAudit(manager, ctx, { action: 'CREATE', entityType: CHECK_ENTITY, entityId: check.id, provinceId, before: null, after: row });
    return check;
  }

  /**
   * Locks the row the caller wants to change and checks the version they read. Rows of provinces
   * the caller may not write are invisible here (RLS), so they are NOT_FOUND, never CONFLICT. Also
   * reads the database's today and the day of the last move, for the date rules.
   */
  private async lockCurrent(manager: EntityManager, id: string, version: number): Promise<Row> {
    const rows: Row[] = await manager.query(
      `SELECT r.*, to_char(app_today(), 'YYYY-MM-DD') AS today,
         (SELECT max(t.happened_on) FROM commissioning_transitions t WHERE t.request_id = r.id) AS last_moved_on
       FROM commissioning_requests r
       WHERE r.id = $1 AND r.deleted_at IS NULL AND app_can_write(r.province_id) FOR UPDATE OF r`,
      [id],
    );
    return checkVersion(rows, version, LABEL);
  }

  /** An agency the record may cite: exists, not deleted, visible, in the record's province. */
  private async checkAgency(manager: EntityManager, field: string, id: string, provinceId: number): Promise<void> {
    const rows: Row[] = await manager.query(
      `SELECT 1 FROM agencies WHERE id = $1 AND province_id = $2 AND deleted_at IS NULL`, [id, provinceId]);
    if (rows.length === 0) badFieldThrow(field, 'exists', `${field} does not name an agency of this province`);
  }

  private async checkAssociation(manager: EntityManager, id: string, provinceId: number): Promise<void> {
    const rows: Row[] = await manager.query(
      `SELECT 1 FROM member_associations WHERE id = $1 AND province_id = $2 AND deleted_at IS NULL`, [id, provinceId]);
    if (rows.length === 0) badFieldThrow('assignedAssociationId', 'exists', 'assignedAssociationId does not name a member association of this province');
  }

  private async checkResearchArea(manager: EntityManager, id: string): Promise<void> {
    const rows: Row[] = await manager.query(`SELECT 1 FROM research_areas WHERE id = $1`, [Number(id)]);
    if (rows.length === 0) badFieldThrow('researchAreaId', 'exists', 'researchAreaId does not name a research area');
  }
}
