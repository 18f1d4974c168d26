import DataLoader from 'dataloader';
import { byIdLoader, childrenLoader, LoaderFactory } from '../../common/loaders';
import { rowToEntity } from '../../common/rows';
import { Agency } from '../agencies/agency.entity';
import { Directive } from './directive.entity';
import { DirectiveTask, TaskProgressReport, TaskTiming } from './directive-task.entity';
import { ReferenceDocument } from './reference-document.entity';

/**
 * Directives by id, deleted ones included: a task always shows its document. Lists of citations
 * drop deleted directives themselves.
 */
export const directiveById = byIdLoader(Directive, { includeDeleted: true });
/** Live tasks by id (for other areas that point at a task, e.g. activities). */
export const directiveTaskById = byIdLoader(DirectiveTask);
/** Tasks by id, deleted ones included: a progress report always shows its task. */
export const taskByIdWithDeleted = byIdLoader(DirectiveTask, { includeDeleted: true });
export const referenceDocumentById = byIdLoader<ReferenceDocument, number>(ReferenceDocument);
/**
 * Agencies by id including deleted ones: the issuer and the units named on a document stay readable
 * after an agency is removed from the directory.
 */
export const agencyByIdWithDeleted = byIdLoader(Agency, { includeDeleted: true });

/** The live tasks of each directive, by number. */
export const tasksOfDirective = childrenLoader(DirectiveTask, 'directiveId', 'e.seq');

export interface DirectiveCitationIds {
  directiveIds: string[];
  referenceIds: number[];
}

/** What each directive cites (ids only; the documents come from directiveById / referenceDocumentById). */
export const citationsOfDirective: LoaderFactory<string, DirectiveCitationIds> = (tx) =>
  new DataLoader<string, DirectiveCitationIds>(async (ids) => {
    const manager = await tx.manager();
    const rows: Array<{ directive_id: string; cited_directive_id: string | null; cited_reference_id: number | null }> = await manager.query(
      `SELECT directive_id, cited_directive_id, cited_reference_id FROM directive_citations WHERE directive_id = ANY($1::uuid[])`,
      [[...ids]],
    );
    const byDirective = new Map<string, DirectiveCitationIds>(ids.map((id) => [id, { directiveIds: [], referenceIds: [] }]));
    for (const r of rows) {
      const entry = byDirective.get(r.directive_id)!;
      if (r.cited_directive_id) entry.directiveIds.push(r.cited_directive_id);
      if (r.cited_reference_id !== null) entry.referenceIds.push(r.cited_reference_id);
    }
    return ids.map((id) => byDirective.get(id)!);
  });

/** Ids of the coordinating units (đơn vị phối hợp) of each task. */
export const coordinatorIdsOfTask: LoaderFactory<string, string[]> = (tx) =>
  new DataLoader<string, string[]>(async (ids) => {
    const manager = await tx.manager();
    const rows: Array<{ task_id: string; agency_id: string }> = await manager.query(
      `SELECT task_id, agency_id FROM directive_task_coordinators WHERE task_id = ANY($1::uuid[])`,
      [[...ids]],
    );
    const byTask = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (const r of rows) byTask.get(r.task_id)!.push(r.agency_id);
    return ids.map((id) => byTask.get(id)!);
  });

/** Progress reports of each task, newest first. */
export const reportsOfTask: LoaderFactory<string, TaskProgressReport[]> = (tx) =>
  new DataLoader<string, TaskProgressReport[]>(async (ids) => {
    const manager = await tx.manager();
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT * FROM task_progress_reports WHERE task_id = ANY($1::uuid[]) ORDER BY reported_on DESC, created_at DESC, id`,
      [[...ids]],
    );
    const byTask = new Map<string, TaskProgressReport[]>(ids.map((id) => [id, []]));
    for (const r of rows) byTask.get(r.task_id as string)!.push(rowToEntity(manager, TaskProgressReport, r));
    return ids.map((id) => byTask.get(id)!);
  });

/**
 * Due date, overdue flag and days late of each task as of app_today(), from the directive_task_timing
 * view (the database is the one place this is computed). Lists prime it from their own query.
 */
export const timingOfTask: LoaderFactory<string, TaskTiming | null> = (tx) =>
  new DataLoader<string, TaskTiming | null>(async (ids) => {
    const manager = await tx.manager();
    const rows: Array<{ task_id: string; due_on: string | null; is_overdue: boolean; days_late: number }> = await manager.query(
      `SELECT task_id, due_on, is_overdue, days_late FROM directive_task_timing WHERE task_id = ANY($1::uuid[])`,
      [[...ids]],
    );
    const byTask = new Map(rows.map((r) => [r.task_id, { dueOn: r.due_on, isOverdue: r.is_overdue, daysLate: r.days_late }]));
    return ids.map((id) => byTask.get(id) ?? null);
  });
