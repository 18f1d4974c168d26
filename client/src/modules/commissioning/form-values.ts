import type { TFunction } from 'i18next';
import type { FieldProblem } from '../../common/graphql-errors';
import type { CreateCommissioningRequestInput, UpdateCommissioningRequestInput } from '../../generated/schema-types';
import type { CommissioningAssigneeKind, CommissioningRecord } from './commissioning-operations';

/** What the form holds: exactly what was typed, so nothing is lost when a save fails. */
export interface FormValues {
  provinceCode: string;
  title: string;
  code: string;
  year: string;
  requestingAgencyId: string;
  researchAreaId: string;
  objectives: string;
  principalInvestigator: string;
  assigneeKind: CommissioningAssigneeKind | '';
  assignedAssociationId: string;
  budgetVnd: string;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string;
  applicationNote: string;
}

export type FormFieldName = keyof FormValues;

export const FORM_FIELDS: readonly FormFieldName[] = [
  'provinceCode',
  'title',
  'code',
  'year',
  'requestingAgencyId',
  'researchAreaId',
  'objectives',
  'principalInvestigator',
  'assigneeKind',
  'assignedAssociationId',
  'budgetVnd',
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
  'applicationNote',
];

/** The label key of each field, under commissioningBoard.form. */
export const FIELD_LABELS = {
  provinceCode: 'province',
  title: 'title',
  code: 'code',
  year: 'year',
  requestingAgencyId: 'requestingAgency',
  researchAreaId: 'researchArea',
  objectives: 'objectives',
  principalInvestigator: 'principalInvestigator',
  assigneeKind: 'assigneeKind',
  assignedAssociationId: 'assignedAssociation',
  budgetVnd: 'budgetVnd',
  plannedStart: 'plannedStart',
  plannedEnd: 'plannedEnd',
  actualStart: 'actualStart',
  actualEnd: 'actualEnd',
  applicationNote: 'applicationNote',
} as const satisfies Record<FormFieldName, string>;

export function isFormField(name: string): name is FormFieldName {
  return (FORM_FIELDS as readonly string[]).includes(name);
}

export function emptyValues(provinceCode: string, year: number): FormValues {
  return {
    provinceCode,
    title: '',
    code: '',
    year: String(year),
    requestingAgencyId: '',
    researchAreaId: '',
    objectives: '',
    principalInvestigator: '',
    assigneeKind: '',
    assignedAssociationId: '',
    budgetVnd: '0',
    plannedStart: '',
    plannedEnd: '',
    actualStart: '',
    actualEnd: '',
    applicationNote: '',
  };
}

export function valuesOf(r: CommissioningRecord): FormValues {
  return {
    provinceCode: r.province.code,
    title: r.title,
    code: r.code ?? '',
    year: String(r.year),
    requestingAgencyId: r.requestingAgency.id,
    researchAreaId: r.researchArea.id,
    objectives: r.objectives ?? '',
    principalInvestigator: r.principalInvestigator ?? '',
    assigneeKind: r.assigneeKind ?? '',
    assignedAssociationId: r.assignedAssociation?.id ?? '',
    budgetVnd: String(r.budgetVnd),
    plannedStart: r.plannedStart ?? '',
    plannedEnd: r.plannedEnd ?? '',
    actualStart: r.actualStart ?? '',
    actualEnd: r.actualEnd ?? '',
    applicationNote: r.applicationNote ?? '',
  };
}

/** "1.250.000.000", "1 250 000 000" and "1250000000" are all the same budget. */
export function parseMoney(text: string): number | null {
  const digits = text.replace(/[\s.,]/g, '');
  if (digits === '') return 0;
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

/** Checks the browser can make without the server; the server checks everything again. */
export function checkValues(v: FormValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: FormFieldName, constraint: string) => problems.push({ field, constraint, message: `${field} ${constraint}` });
  if (v.title.trim().length < 2) add('title', 'required');
  const year = Number(v.year);
  if (!/^\d{4}$/.test(v.year.trim()) || year < 2000 || year > 2100) add('year', 'range');
  if (!v.requestingAgencyId) add('requestingAgencyId', 'required');
  if (!v.researchAreaId) add('researchAreaId', 'required');
  const budget = parseMoney(v.budgetVnd);
  if (budget === null || !Number.isSafeInteger(budget)) add('budgetVnd', 'isInt');
  if (v.plannedStart && v.plannedEnd && v.plannedEnd < v.plannedStart) add('plannedEnd', 'afterStart');
  if (v.actualStart && v.actualEnd && v.actualEnd < v.actualStart) add('actualEnd', 'afterStart');
  return problems;
}

const optional = (text: string) => (text.trim() === '' ? null : text.trim());

/** The API input of a new task, for values that passed checkValues. */
export function createInputOf(v: FormValues, homeProvince: string | undefined): CreateCommissioningRequestInput {
  return {
    ...(v.provinceCode && v.provinceCode !== homeProvince ? { provinceCode: v.provinceCode } : {}),
    title: v.title.trim(),
    code: optional(v.code),
    year: Number(v.year),
    requestingAgencyId: v.requestingAgencyId,
    researchAreaId: v.researchAreaId,
    objectives: optional(v.objectives),
    principalInvestigator: optional(v.principalInvestigator),
    assigneeKind: v.assigneeKind || null,
    assignedAssociationId: v.assigneeKind === 'ASSOCIATION' ? v.assignedAssociationId || null : null,
    budgetVnd: parseMoney(v.budgetVnd) ?? 0,
    plannedStart: v.plannedStart || null,
    plannedEnd: v.plannedEnd || null,
    applicationNote: optional(v.applicationNote),
  };
}

/**
 * The API changes of an edit: only the fields that differ from what was loaded, so a field the
 * server refuses to clear at the current stage is not sent unless the user changed it.
 */
export function updateInputOf(v: FormValues, before: FormValues, id: string, version: number): UpdateCommissioningRequestInput {
  const input: UpdateCommissioningRequestInput = { id, version };
  const changed = (name: FormFieldName) => v[name] !== before[name];
  if (changed('title')) input.title = v.title.trim();
  if (changed('code')) input.code = optional(v.code);
  if (changed('year')) input.year = Number(v.year);
  if (changed('requestingAgencyId')) input.requestingAgencyId = v.requestingAgencyId;
  if (changed('researchAreaId')) input.researchAreaId = v.researchAreaId;
  if (changed('objectives')) input.objectives = optional(v.objectives);
  if (changed('principalInvestigator')) input.principalInvestigator = optional(v.principalInvestigator);
  if (changed('assigneeKind')) input.assigneeKind = v.assigneeKind || null;
  if (changed('assignedAssociationId') || (changed('assigneeKind') && v.assigneeKind !== 'ASSOCIATION')) {
    input.assignedAssociationId = v.assigneeKind === 'ASSOCIATION' ? v.assignedAssociationId || null : null;
  }
  if (changed('budgetVnd')) input.budgetVnd = parseMoney(v.budgetVnd) ?? 0;
  if (changed('plannedStart')) input.plannedStart = v.plannedStart || null;
  if (changed('plannedEnd')) input.plannedEnd = v.plannedEnd || null;
  if (changed('actualStart')) input.actualStart = v.actualStart || null;
  if (changed('actualEnd')) input.actualEnd = v.actualEnd || null;
  if (changed('applicationNote')) input.applicationNote = optional(v.applicationNote);
  return input;
}

const LENGTH = new Set(['isLength', 'length', 'minLength', 'maxLength']);

/** A field problem in the user's language; the server's own words for unknown cases. */
export function problemText(p: FieldProblem, t: TFunction): string {
  if (p.constraint === 'requiredForStage') return t('commissioningBoard.validation.requiredForStage');
  if (p.constraint === 'afterStart') return t('commissioningBoard.validation.endBeforeStart');
  if (p.constraint === 'notInFuture') return t('commissioningBoard.validation.notInFuture');
  switch (p.field) {
    case 'title':
      return t('commissioningBoard.validation.titleRequired');
    case 'year':
      return t('commissioningBoard.validation.yearInvalid');
    case 'requestingAgencyId':
      if (p.constraint === 'required') return t('commissioningBoard.validation.agencyRequired');
      break;
    case 'researchAreaId':
      if (p.constraint === 'required') return t('commissioningBoard.validation.areaRequired');
      break;
    case 'budgetVnd':
      return t('commissioningBoard.validation.budgetInvalid');
    case 'reason':
      return t('commissioningBoard.validation.reasonRequired');
  }
  if (LENGTH.has(p.constraint)) return t('commissioningBoard.validation.tooLong');
  return p.message;
}
