import { asOwner, makeAssociation, unique } from '../helpers';

/** Factories for commissioning and activities tests: rows written as the owner (RLS bypassed). */

export interface AgencyRow { id: string; name: string; province_id: number }

/** An agency (e.g. a department) in the given province. */
export async function makeAgency(provinceId: number, overrides: Partial<{ name: string; kind: string }> = {}): Promise<AgencyRow> {
  return asOwner(async (db) => (await db.query(
    `INSERT INTO agencies (province_id, kind, name) VALUES ($1, $2, $3) RETURNING id, name, province_id`,
    [provinceId, overrides.kind ?? 'DEPARTMENT', overrides.name ?? `Sở thử nghiệm ${unique()}`],
  )).rows[0]);
}

export async function softDeleteAgency(id: string): Promise<void> {
  await asOwner((db) => db.query(`UPDATE agencies SET deleted_at = now() WHERE id = $1`, [id]));
}

export interface RequestOverrides {
  title: string;
  code: string | null;
  stage: string;
  year: number;
  requestingAgencyId: string;
  researchAreaId: number;
  assigneeKind: string | null;
  assignedAssociationId: string | null;
  budgetVnd: number;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  acceptanceRating: string | null;
  registrationNumber: string | null;
  adoptingAgencyId: string | null;
}

export interface RequestRow { id: string; title: string; version: number; stage: string; province_id: number; requesting_agency_id: string }

/** A commissioned task at any stage (no history rows), building its requesting agency when none is given. */
export async function makeRequest(provinceId: number, o: Partial<RequestOverrides> = {}): Promise<RequestRow> {
  const agencyId = o.requestingAgencyId ?? (await makeAgency(provinceId)).id;
  return asOwner(async (db) => (await db.query(
    `INSERT INTO commissioning_requests (province_id, code, title, requesting_agency_id, research_area_id, stage, year,
       assignee_kind, assigned_association_id, budget_vnd, planned_start, planned_end, actual_start, actual_end,
       acceptance_rating, registration_number, adopting_agency_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     RETURNING id, title, version, stage, province_id, requesting_agency_id`,
    [provinceId, o.code ?? null, o.title ?? `Nhiệm vụ thử nghiệm ${unique()}`, agencyId, o.researchAreaId ?? 101,
      o.stage ?? 'PROPOSED', o.year ?? 2025, o.assigneeKind ?? null, o.assignedAssociationId ?? null, o.budgetVnd ?? 0,
      o.plannedStart ?? null, o.plannedEnd ?? null, o.actualStart ?? null, o.actualEnd ?? null,
      o.acceptanceRating ?? null, o.registrationNumber ?? null, o.adoptingAgencyId ?? null],
  )).rows[0]);
}

/** A task under way: assigned to the Union, contracted with a budget and plan, started. */
export async function makeRunningRequest(provinceId: number, o: Partial<RequestOverrides> = {}): Promise<RequestRow> {
  return makeRequest(provinceId, {
    stage: 'IN_PROGRESS', assigneeKind: 'UNION', budgetVnd: 500_000_000, plannedStart: '2024-01-01', plannedEnd: '2024-12-31',
    actualStart: '2024-01-15', ...o,
  });
}

/** A directive with one numbered task, both in the given province; returns the task. */
export async function makeDirectiveTask(provinceId: number): Promise<{ id: string; directiveId: string; title: string }> {
  const agency = await makeAgency(provinceId);
  return asOwner(async (db) => {
    const d = await db.query(
      `INSERT INTO directives (province_id, system, doc_type, symbol, issuer_agency_id, subject)
       VALUES ($1, 'STATE', 'PLAN', 'KH-UBND', $2, $3) RETURNING id`,
      [provinceId, agency.id, `Kế hoạch thử nghiệm ${unique()}`],
    );
    const title = `Nhiệm vụ được giao ${unique()}`;
    const t = await db.query(
      `INSERT INTO directive_tasks (province_id, directive_id, seq, title, lead_agency_id) VALUES ($1, $2, 1, $3, $4) RETURNING id`,
      [provinceId, d.rows[0].id, title, agency.id],
    );
    return { id: t.rows[0].id, directiveId: d.rows[0].id, title };
  });
}

export interface ActivityOverrides {
  kind: string;
  title: string;
  heldOn: string;
  organizerAssociationId: string | null;
  directiveTaskId: string | null;
  participants: number | null;
  draftTitle: string | null;
  draftingAgencyId: string | null;
  response: string | null;
}

export interface ActivityRow { id: string; title: string; version: number; kind: string; province_id: number }

export async function makeActivity(provinceId: number, o: Partial<ActivityOverrides> = {}): Promise<ActivityRow> {
  const kind = o.kind ?? 'WORKSHOP';
  const draft = kind === 'CONSULTATION' || kind === 'SOCIAL_CRITIQUE';
  return asOwner(async (db) => (await db.query(
    `INSERT INTO activities (province_id, kind, title, held_on, organizer_association_id, directive_task_id, participants,
       draft_title, drafting_agency_id, response)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id, title, version, kind, province_id`,
    [provinceId, kind, o.title ?? `Hội thảo thử nghiệm ${unique()}`, o.heldOn ?? '2025-03-15', o.organizerAssociationId ?? null,
      o.directiveTaskId ?? null, o.participants ?? null, o.draftTitle ?? null, o.draftingAgencyId ?? null,
      o.response ?? (draft ? 'PENDING' : null)],
  )).rows[0]);
}

export { makeAssociation };

/** Audit rows of one entity, oldest first. */
export async function auditRows(entityId: string): Promise<Array<{ action: string; entity_type: string; province_id: number; actor_id: string | null; before: any; after: any }>> {
  return asOwner(async (db) => (await db.query(
    'SELECT action, entity_type, province_id, actor_id, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id', [entityId])).rows);
}

