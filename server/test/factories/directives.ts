import { asOwner, unique } from '../helpers';

/** Factories for directives and task tests: rows written as the owner (RLS bypassed). */

export interface AgencyRow { id: string; name: string; province_id: number }

/** An agency (e.g. a department, a party board) in the given province. */
export async function makeAgency(provinceId: number, overrides: Partial<{ name: string; kind: string }> = {}): Promise<AgencyRow> {
  return asOwner(async (db) => (await db.query(
    `INSERT INTO agencies (province_id, kind, name) VALUES ($1, $2, $3) RETURNING id, name, province_id`,
    [provinceId, overrides.kind ?? 'DEPARTMENT', overrides.name ?? `Cơ quan thử nghiệm ${unique()}`],
  )).rows[0]);
}

export interface DirectiveRow {
  id: string;
  province_id: number;
  number: number | null;
  symbol: string;
  number_symbol: string;
  issuer_agency_id: string;
  subject: string;
  version: number;
}

export interface DirectiveOverrides {
  system: 'STATE' | 'PARTY';
  docType: string;
  number: number | null;
  symbol: string;
  issuerAgencyId: string;
  issuedOn: string | null;
  partyTerm: string | null;
  subject: string;
}

/** A directive; a state official letter with a fresh issuer and a unique subject unless told otherwise. */
export async function makeDirective(provinceId: number, overrides: Partial<DirectiveOverrides> = {}): Promise<DirectiveRow> {
  const issuerAgencyId = overrides.issuerAgencyId ?? (await makeAgency(provinceId, { kind: 'PEOPLES_COMMITTEE' })).id;
  const system = overrides.system ?? 'STATE';
  const number = overrides.number === undefined ? null : overrides.number;
  return asOwner(async (db) => (await db.query(
    `INSERT INTO directives (province_id, system, doc_type, number, symbol, issuer_agency_id, issued_on, party_term, subject)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     RETURNING id, province_id, number, symbol, number_symbol, issuer_agency_id, subject, version`,
    [provinceId, system, overrides.docType ?? 'OFFICIAL_LETTER', number, overrides.symbol ?? 'UBND-KGVX', issuerAgencyId,
      overrides.issuedOn === undefined ? (number === null ? null : '2024-02-05') : overrides.issuedOn,
      overrides.partyTerm === undefined ? (system === 'PARTY' && number !== null ? '2020–2025' : null) : overrides.partyTerm,
      overrides.subject ?? `V/v thử nghiệm ${unique()}`],
  )).rows[0]);
}

export interface TaskRow {
  id: string;
  province_id: number;
  directive_id: string;
  seq: number;
  title: string;
  lead_agency_id: string;
  version: number;
}

export interface TaskOverrides {
  seq: number;
  title: string;
  leadAgencyId: string;
  deadlineKind: 'NONE' | 'DATE' | 'QUARTER' | 'YEARLY';
  deadlineDate: string | null;
  deadlineYear: number | null;
  deadlineQuarter: number | null;
  deadlineMonth: number | null;
  deadlineDay: number | null;
  status: string;
  completedOn: string | null;
  coordinatorIds: string[];
}

/** A task of the directive (numbered next), with a fresh lead agency unless told otherwise. */
export async function makeTask(directive: { id: string; province_id: number }, overrides: Partial<TaskOverrides> = {}): Promise<TaskRow> {
  const lead = overrides.leadAgencyId ?? (await makeAgency(directive.province_id)).id;
  return asOwner(async (db) => {
    const task = (await db.query(
      `INSERT INTO directive_tasks (province_id, directive_id, seq, title, lead_agency_id, deadline_kind, deadline_date,
         deadline_year, deadline_quarter, deadline_month, deadline_day, status, completed_on)
       VALUES ($1, $2, coalesce($3, (SELECT coalesce(max(seq), 0) + 1 FROM directive_tasks WHERE directive_id = $2)),
         $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       RETURNING id, province_id, directive_id, seq, title, lead_agency_id, version`,
      [directive.province_id, directive.id, overrides.seq ?? null, overrides.title ?? `Nhiệm vụ thử nghiệm ${unique()}`, lead,
        overrides.deadlineKind ?? 'NONE', overrides.deadlineDate ?? null, overrides.deadlineYear ?? null, overrides.deadlineQuarter ?? null,
        overrides.deadlineMonth ?? null, overrides.deadlineDay ?? null, overrides.status ?? 'NOT_STARTED', overrides.completedOn ?? null],
    )).rows[0] as TaskRow;
    for (const agencyId of overrides.coordinatorIds ?? []) {
      await db.query(`INSERT INTO directive_task_coordinators (province_id, task_id, agency_id) VALUES ($1, $2, $3)`,
        [directive.province_id, task.id, agencyId]);
    }
    return task;
  });
}

/** A progress report on a task. */
export async function makeReport(task: { id: string; province_id: number }, reportedOn: string, percent = 50): Promise<{ id: string }> {
  return asOwner(async (db) => (await db.query(
    `INSERT INTO task_progress_reports (province_id, task_id, reported_on, percent, text, reporter)
     VALUES ($1, $2, $3, $4, 'Đã triển khai', 'Phòng Quản lý Khoa học') RETURNING id`,
    [task.province_id, task.id, reportedOn, percent],
  )).rows[0]);
}

/** The audit rows of one entity, oldest first. */
export async function auditRows(entityId: string): Promise<Array<Record<string, any>>> {
  return asOwner(async (db) => (await db.query(
    'SELECT action, entity_type, province_id, actor_id, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id', [entityId])).rows);
}

/** Counts rows of a table as the owner (to prove a failed mutation wrote nothing). */
export async function countRows(table: 'directives' | 'directive_tasks' | 'directive_citations' | 'directive_task_coordinators' | 'task_progress_reports' | 'audit_log'): Promise<number> {
  return asOwner(async (db) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
}

