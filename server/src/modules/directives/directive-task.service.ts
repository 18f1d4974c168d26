import type { EntityManager } from 'typeorm';
import { ConnectionShape, likeEscape, Page, toConnection } from '../../common/pagination';
import { pgError, PG_CHECK_VIOLATION, PG_UNIQUE_VIOLATION, returnedRows, rowToEntity } from '../../common/rows';
import type { RequestContext } from '../../tenancy/request-context';
import { recordAudit } from '../audit/audit.service';
import { SortDirection } from '../../common/sorting';
import {
  AddTaskProgressReportInput,
  CreateDirectiveTaskInput,
  DeleteDirectiveTaskInput,
  DirectiveTaskFilter,
  DirectiveTaskSort,
  DirectiveTaskSortField,
  TaskDeadlineInput,
  UpdateDirectiveTaskInput,
} from './dto/directive-task.inputs';
import { DirectiveTaskStatus, TaskDeadlineKind } from './directive.enums';
import { DirectiveTask, TaskDeadline, TaskProgressReport } from './directive-task.entity';
import { timingOfTask } from './directives.loaders';
import { badFieldThrow, clean, dbToday, distinct, isUuid, provinceIdOf, viDate } from '../../common/input-rules';
import { checkVersion } from '../../common/versioned-writes';

const ENTITY = 'DirectiveTask';
const LABEL = 'Task';
type Row = Record<string, unknown>;

/** The deadline as stored: one column per part, null where the kind has no such part. */
interface DeadlineColumns {
  deadline_kind: TaskDeadlineKind;
  deadline_date: string | null;
  deadline_year: number | null;
  deadline_quarter: number | null;
  deadline_month: number | null;
  deadline_day: number | null;
}

const PARTS = ['date', 'year', 'quarter', 'month', 'day'] as const;
const PARTS_OF: Record<TaskDeadlineKind, ReadonlyArray<(typeof PARTS)[number]>> = {
  [TaskDeadlineKind.NONE]: [],
  [TaskDeadlineKind.DATE]: ['date'],
  [TaskDeadlineKind.QUARTER]: ['year', 'quarter'],
  [TaskDeadlineKind.YEARLY]: ['month', 'day'],
};
/** Days in each month of a leap year: a yearly 29/02 exists (it falls on 28/02 in common years). */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ROMAN = ['I', 'II', 'III', 'IV'];

/** Checks that the deadline gives exactly the parts of its kind, and that a yearly day exists. */
function deadlineColumns(d: TaskDeadlineInput | null | undefined): DeadlineColumns {
  const kind = d?.kind ?? TaskDeadlineKind.NONE;
  const needed = PARTS_OF[kind];
  for (const part of PARTS) {
    const given = d?.[part] !== undefined && d?.[part] !== null;
    if (needed.includes(part) && !given) badFieldThrow(`deadline.${part}`, 'required', `deadline.${part} is required for a ${kind} deadline`);
    if (!needed.includes(part) && given) badFieldThrow(`deadline.${part}`, 'notAllowed', `deadline.${part} does not apply to a ${kind} deadline`);
  }
  if (kind === TaskDeadlineKind.YEARLY && d!.day! > DAYS_IN_MONTH[d!.month! - 1]) {
    badFieldThrow('deadline.day', 'exists', `deadline.day ${d!.day}/${d!.month} does not exist`);
  }
  return {
    deadline_kind: kind,
    deadline_date: d?.date ?? null,
    deadline_year: d?.year ?? null,
    deadline_quarter: d?.quarter ?? null,
    deadline_month: d?.month ?? null,
    deadline_day: d?.day ?? null,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The deadline of a task as GraphQL shows it, with its Vietnamese label. */
export function deadlineOf(t: DirectiveTask): TaskDeadline {
  let label: string | null = null;
  switch (t.deadlineKind) {
    case TaskDeadlineKind.DATE:
      label = viDate(t.deadlineDate!);
      break;
    case TaskDeadlineKind.QUARTER:
      label = `Quý ${ROMAN[t.deadlineQuarter! - 1]}/${t.deadlineYear}`;
      break;
    case TaskDeadlineKind.YEARLY:
      label = `${pad(t.deadlineDay!)}/${pad(t.deadlineMonth!)} hằng năm`;
      break;
    default:
      label = null;
  }
  return {
    kind: t.deadlineKind, date: t.deadlineDate, year: t.deadlineYear, quarter: t.deadlineQuarter,
    month: t.deadlineMonth, day: t.deadlineDay, label,
  };
}

function translateWriteError(e: unknown): never {
  const err = pgError(e);
  if (err.code === PG_UNIQUE_VIOLATION && err.constraint === 'directive_tasks_seq_key') {
    badFieldThrow('seq', 'unique', 'seq is already used by another task of this document');
  }
  if (err.code === PG_CHECK_VIOLATION) {
    const field = {
      directive_tasks_seq_check: 'seq', directive_tasks_title_check: 'title', directive_tasks_check: 'deadline',
      directive_tasks_check1: 'completedOn', task_progress_reports_percent_check: 'percent',
      task_progress_reports_text_check: 'text', task_progress_reports_reporter_check: 'reporter',
    }[err.constraint ?? ''] ?? 'input';
    badFieldThrow(field, 'check', `${field} is not allowed here`);
  }
  throw e;
}

const SORT_SQL: Record<Exclude<DirectiveTaskSortField, DirectiveTaskSortField.URGENCY>, (dir: string) => string> = {
  [DirectiveTaskSortField.DUE_ON]: (dir) => `tt.due_on ${dir} NULLS LAST, d.issued_on DESC NULLS LAST, t.directive_id, t.seq`,
  [DirectiveTaskSortField.SEQ]: (dir) => `d.issued_on DESC NULLS LAST, t.directive_id, t.seq ${dir}`,
  [DirectiveTaskSortField.UPDATED_AT]: (dir) => `t.updated_at ${dir}`,
};
/**
 * Most urgent first: overdue (longest late first), then open tasks due from today on (soonest
 * first), then the rest (completed, cancelled, no deadline, this year's yearly report already in).
 */
const URGENCY_SQL = `CASE WHEN tt.is_overdue THEN 0
    WHEN tt.due_on >= app_today() AND t.status NOT IN ('COMPLETED', 'CANCELLED') THEN 1 ELSE 2 END,
  CASE WHEN tt.is_overdue THEN tt.days_late END DESC NULLS LAST,
  tt.due_on ASC NULLS LAST, d.issued_on DESC NULLS LAST, t.directive_id, t.seq`;

export class DirectiveTaskService {
  /** "As of" a day for the rest of this request: the timing view reads it through app_today(). */
  async setAsOf(ctx: RequestContext, asOf: string | undefined | null): Promise<void> {
    if (!asOf) return;
    const manager = await ctx.tx.manager();
    await manager.query(`SELECT set_config('app.as_of', $1, true)`, [asOf]);
  }

  async list(ctx: RequestContext, filter: DirectiveTaskFilter | undefined, sort: DirectiveTaskSort | undefined, page: Page): Promise<ConnectionShape<DirectiveTask>> {
    const manager = await ctx.tx.manager();
    await this.setAsOf(ctx, filter?.asOf);
    const where = ['t.deleted_at IS NULL'];
    const params: unknown[] = [];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const search = filter?.search?.trim().replace(/\s+/g, ' ');
    if (search) where.push(`t.search_text LIKE '%' || app_fold(${add(likeEscape(search))}) || '%'`);
    if (filter?.directiveId) where.push(`t.directive_id = ${add(filter.directiveId)}::uuid`);
    if (filter?.leadAgencyId) where.push(`t.lead_agency_id = ${add(filter.leadAgencyId)}::uuid`);
    if (filter?.agencyId) {
      const p = add(filter.agencyId);
      where.push(`(t.lead_agency_id = ${p}::uuid OR EXISTS (SELECT 1 FROM directive_task_coordinators c WHERE c.task_id = t.id AND c.agency_id = ${p}::uuid))`);
    }
    if (filter?.status) where.push(`t.status = ${add(filter.status)}`);
    if (filter?.overdue !== undefined && filter.overdue !== null) where.push(`tt.is_overdue = ${add(filter.overdue)}`);
    if (filter?.dueBefore) where.push(`tt.due_on < ${add(filter.dueBefore)}::date`);
    if (filter?.provinceCode) where.push(`t.province_id = ${add(provinceIdOf(ctx, filter.provinceCode))}::smallint`);

    const field = sort?.field ?? DirectiveTaskSortField.URGENCY;
    const dir = sort?.direction
      ? sort.direction
      : field === DirectiveTaskSortField.UPDATED_AT ? SortDirection.DESC : SortDirection.ASC;
    const order = field === DirectiveTaskSortField.URGENCY ? URGENCY_SQL : SORT_SQL[field](dir);
    const from = `FROM directive_tasks t
      JOIN directives d ON d.id = t.directive_id AND d.deleted_at IS NULL
      JOIN directive_task_timing tt ON tt.task_id = t.id
      WHERE ${where.join(' AND ')}`;
    const rows: Row[] = await manager.query(
      `SELECT t.*, tt.due_on AS timing_due_on, tt.is_overdue AS timing_is_overdue, tt.days_late AS timing_days_late,
         count(*) OVER () AS total_count
       ${from} ORDER BY ${order}, t.id LIMIT ${add(page.limit)} OFFSET ${add(page.offset)}`,
      params,
    );
    let total = rows.length > 0 ? Number(rows[0].total_count) : 0;
    if (rows.length === 0 && page.offset > 0) {
      const [c] = await manager.query(`SELECT count(*)::int AS n ${from}`, params.slice(0, -2));
      total = c.n;
    }
    // The page already read the timing: prime the loader so the fields cost no further statement.
    const timing = ctx.loaders.get(timingOfTask);
    for (const r of rows) {
      timing.prime(r.id as string, { dueOn: r.timing_due_on as string | null, isOverdue: r.timing_is_overdue as boolean, daysLate: r.timing_days_late as number });
    }
    return toConnection(rows.map((r) => rowToEntity(manager, DirectiveTask, r)), total, page);
  }

  async get(ctx: RequestContext, id: string, asOf?: string | null): Promise<DirectiveTask | null> {
    if (!isUuid(id)) return null;
    await this.setAsOf(ctx, asOf);
    const manager = await ctx.tx.manager();
    const [row] = (await manager.query(
      `SELECT t.* FROM directive_tasks t JOIN directives d ON d.id = t.directive_id AND d.deleted_at IS NULL
       WHERE t.id = $1 AND t.deleted_at IS NULL`, [id])) as Row[];
    return row ? rowToEntity(manager, DirectiveTask, row) : null;
  }

  async create(ctx: RequestContext, raw: CreateDirectiveTaskInput): Promise<DirectiveTask> {
    const input = clean(raw, ['title']);
    checkText(input);
    const deadline = deadlineColumns(input.deadline);
    const manager = await ctx.tx.manager();
    // The task belongs to its document's province. Locking the document serialises numbering.
    const [directive] = (await manager.query(
      `SELECT id, province_id FROM directives WHERE id = $1 AND deleted_at IS NULL AND app_can_write(province_id) FOR UPDATE`,
      [input.directiveId])) as Row[];
    if (!directive) badFieldThrow('directiveId', 'exists', 'directiveId does not name a document you can change');
    const provinceId = directive.province_id as number;
    const coordinators = distinct(input.coordinatingAgencyIds ?? []);
    await this.checkAgencies(manager, provinceId, input.leadAgencyId, coordinators);
    const status = input.status ?? DirectiveTaskStatus.NOT_STARTED;
    const completedOn = await this.completedOn(manager, status, input.completedOn, null);
    let seq = input.seq;
    if (seq === undefined || seq === null) {
      const [next] = await manager.query(
        `SELECT coalesce(max(seq), 0) + 1 AS n FROM directive_tasks WHERE directive_id = $1 AND deleted_at IS NULL`, [input.directiveId]);
      seq = next.n as number;
    } else {
      await this.checkSeq(manager, input.directiveId, seq, null);
    }
    const [row] = returnedRows(await manager.query(
      `INSERT INTO directive_tasks (province_id, directive_id, seq, title, content, lead_agency_id, deadline_kind, deadline_date,
         deadline_year, deadline_quarter, deadline_month, deadline_day, status, completed_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *`,
      [provinceId, input.directiveId, seq, input.title, input.content ?? null, input.leadAgencyId, deadline.deadline_kind,
        deadline.deadline_date, deadline.deadline_year, deadline.deadline_quarter, deadline.deadline_month, deadline.deadline_day,
        status, completedOn],
    ).catch(translateWriteError));
    await this.writeCoordinators(manager, provinceId, row.id as string, coordinators);
    await recordAudit(manager, ctx, {
      action: 'CREATE', entityType: ENTITY, entityId: row.id as string, provinceId, before: null,
      after: { ...row, coordinating_agency_ids: coordinators },
    });
    return rowToEntity(manager, DirectiveTask, row);
  }

  async update(ctx: RequestContext, raw: UpdateDirectiveTaskInput): Promise<DirectiveTask> {
    const input = clean(raw, ['title']);
    checkText(input);
    for (const key of ['title', 'leadAgencyId', 'seq', 'status'] as const) {
      if (input[key] === null) badFieldThrow(key, 'isDefined', `${key} cannot be empty`);
    }
    const deadline = input.deadline === undefined ? undefined : deadlineColumns(input.deadline);
    const manager = await ctx.tx.manager();
    const before = await this.lockCurrent(manager, input.id, input.version);
    const provinceId = before.province_id as number;
    const coordinatorsBefore = await this.coordinatorsOf(manager, input.id);
    const lead = input.leadAgencyId ?? (before.lead_agency_id as string);
    const coordinators = input.coordinatingAgencyIds == null ? coordinatorsBefore : distinct(input.coordinatingAgencyIds);
    await this.checkAgencies(manager, provinceId, input.leadAgencyId === undefined || input.leadAgencyId === before.lead_agency_id ? null : lead,
      input.coordinatingAgencyIds == null ? [] : coordinators);
    if (coordinators.includes(lead)) {
      badFieldThrow('coordinatingAgencyIds', 'notLead', 'the lead unit cannot also be a coordinating unit');
    }
    if (input.seq !== undefined && input.seq !== before.seq) await this.checkSeq(manager, before.directive_id as string, input.seq, input.id);
    const status = input.status ?? (before.status as DirectiveTaskStatus);

    const values: Row = {};
    if (input.title !== undefined) values.title = input.title;
    if (input.content !== undefined) values.content = input.content;
    if (input.seq !== undefined) values.seq = input.seq;
    if (input.leadAgencyId !== undefined) values.lead_agency_id = input.leadAgencyId;
    if (deadline) Object.assign(values, deadline);
    if (input.status !== undefined || input.completedOn !== undefined) {
      values.status = status;
      values.completed_on = await this.completedOn(manager, status, input.completedOn, before);
    }
    const params: unknown[] = [input.id];
    const sets = Object.entries(values).map(([column, value]) => {
      params.push(value);
      return `${column} = $${params.length}`;
    });
    const [after] = returnedRows(await manager.query(
      `UPDATE directive_tasks SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING *`,
      params,
    ).catch(translateWriteError));
    if (input.coordinatingAgencyIds != null) {
      await manager.query(`DELETE FROM directive_task_coordinators WHERE task_id = $1`, [input.id]);
      await this.writeCoordinators(manager, provinceId, input.id, coordinators);
    }
    await recordAudit(manager, ctx, {
      action: 'UPDATE', entityType: ENTITY, entityId: input.id, provinceId,
      before: { ...before, coordinating_agency_ids: coordinatorsBefore },
      after: { ...after, coordinating_agency_ids: coordinators },
    });
    return rowToEntity(manager, DirectiveTask, after);
  }

  async softDelete(ctx: RequestContext, input: DeleteDirectiveTaskInput): Promise<DirectiveTask> {
    const manager = await ctx.tx.manager();
    const before = await this.lockCurrent(manager, input.id, input.version);
    const [after] = returnedRows(await manager.query(
      `UPDATE directive_tasks SET deleted_at = now(), version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
      [input.id],
    ));
    await recordAudit(manager, ctx, { action: 'DELETE', entityType: ENTITY, entityId: input.id, provinceId: before.province_id as number, before, after });
    return rowToEntity(manager, DirectiveTask, after);
  }

  async addReport(ctx: RequestContext, raw: AddTaskProgressReportInput): Promise<TaskProgressReport> {
    const input = clean(raw, ['reporter']);
    if (typeof input.text === 'string') input.text = input.text.trim();
    if (!input.text || input.text.length < 2) badFieldThrow('text', 'length', 'text must be 2 to 20000 characters');
    if (!input.reporter || input.reporter.length < 2) badFieldThrow('reporter', 'length', 'reporter must be 2 to 200 characters');
    const attachments = (input.attachmentNames ?? []).map((a) => a.trim()).filter((a) => a !== '');
    const manager = await ctx.tx.manager();
    const [task] = (await manager.query(
      `SELECT t.id, t.province_id, app_today()::text AS today FROM directive_tasks t
       JOIN directives d ON d.id = t.directive_id AND d.deleted_at IS NULL
       WHERE t.id = $1 AND t.deleted_at IS NULL AND app_can_write(t.province_id)`, [input.taskId])) as Row[];
    if (!task) badFieldThrow('taskId', 'exists', 'taskId does not name a task you can report on');
    if (input.reportedOn > (task.today as string)) badFieldThrow('reportedOn', 'notInFuture', 'reportedOn must not be in the future');
    const provinceId = task.province_id as number;
    const [row] = returnedRows(await manager.query(
      `INSERT INTO task_progress_reports (province_id, task_id, reported_on, percent, text, reporter, attachment_names)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [provinceId, input.taskId, input.reportedOn, input.percent, input.text, input.reporter, attachments],
    ).catch(translateWriteError));
    await recordAudit(manager, ctx, {
      action: 'CREATE', entityType: 'TaskProgressReport', entityId: row.id as string, provinceId, before: null, after: row,
    });
    return rowToEntity(manager, TaskProgressReport, row);
  }

  /**
   * Completion date for the status the task will have: COMPLETED keeps the date given, or the one
   * it had, or today; any other status clears it. Never in the future.
   */
  private async completedOn(manager: EntityManager, status: DirectiveTaskStatus, given: string | null | undefined, before: Row | null): Promise<string | null> {
    if (status !== DirectiveTaskStatus.COMPLETED) {
      if (given) badFieldThrow('completedOn', 'onlyWhenCompleted', 'completedOn is only for a COMPLETED task');
      return null;
    }
    const today = await dbToday(manager);
    if (given) {
      if (given > today) badFieldThrow('completedOn', 'notInFuture', 'completedOn must not be in the future');
      return given;
    }
    if (before?.status === DirectiveTaskStatus.COMPLETED && before.completed_on) return before.completed_on as string;
    return today;
  }

  /** Lead and coordinating units must be live agencies of the task's province (checked under RLS). */
  private async checkAgencies(manager: EntityManager, provinceId: number, lead: string | null, coordinators: string[]): Promise<void> {
    if (lead && coordinators.includes(lead)) {
      badFieldThrow('coordinatingAgencyIds', 'notLead', 'the lead unit cannot also be a coordinating unit');
    }
    const ids = distinct([...(lead ? [lead] : []), ...coordinators]);
    if (ids.length === 0) return;
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT id FROM agencies WHERE id = ANY($1::uuid[]) AND province_id = $2 AND deleted_at IS NULL`, [ids, provinceId]);
    const found = new Set(rows.map((r) => r.id));
    if (lead && !found.has(lead)) badFieldThrow('leadAgencyId', 'exists', 'leadAgencyId does not name an agency of this province');
    const missing = coordinators.find((id) => !found.has(id));
    if (missing) badFieldThrow('coordinatingAgencyIds', 'exists', `coordinatingAgencyIds: ${missing} is not an agency of this province`);
  }

  private async checkSeq(manager: EntityManager, directiveId: string, seq: number, selfId: string | null): Promise<void> {
    const rows: Row[] = await manager.query(
      `SELECT 1 FROM directive_tasks WHERE directive_id = $1 AND seq = $2 AND deleted_at IS NULL AND id IS DISTINCT FROM $3::uuid`,
      [directiveId, seq, selfId]);
    if (rows.length > 0) badFieldThrow('seq', 'unique', `seq ${seq} is already used by another task of this document`);
  }

  private async lockCurrent(manager: EntityManager, id: string, version: number): Promise<Row> {
    const rows: Row[] = await manager.query(
      `SELECT t.* FROM directive_tasks t WHERE t.id = $1 AND t.deleted_at IS NULL AND app_can_write(t.province_id)
         AND EXISTS (SELECT 1 FROM directives d WHERE d.id = t.directive_id AND d.deleted_at IS NULL)
       FOR UPDATE OF t`,
      [id],
    );
    return checkVersion(rows, version, LABEL);
  }

  private async coordinatorsOf(manager: EntityManager, taskId: string): Promise<string[]> {
    const rows: Array<{ agency_id: string }> = await manager.query(
      `SELECT agency_id FROM directive_task_coordinators WHERE task_id = $1 ORDER BY agency_id`, [taskId]);
    return rows.map((r) => r.agency_id);
  }

  private async writeCoordinators(manager: EntityManager, provinceId: number, taskId: string, agencyIds: string[]): Promise<void> {
    if (agencyIds.length === 0) return;
    await manager.query(
      `INSERT INTO directive_task_coordinators (province_id, task_id, agency_id) SELECT $1, $2, unnest($3::uuid[])`,
      [provinceId, taskId, agencyIds]);
  }
}

/** class-validator saw the text before trimming: "   " must not pass as a title. */
function checkText(input: { title?: string }): void {
  if (typeof input.title === 'string' && input.title.length < 2) badFieldThrow('title', 'length', 'title must be 2 to 500 characters');
}
