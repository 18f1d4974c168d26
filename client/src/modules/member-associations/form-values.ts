import type { TFunction } from 'i18next';
import type { FieldProblem } from '../../common/graphql-errors';
import type { MemberAssociation, MemberAssociationFieldsInput, MemberAssociationStatus } from './member-association-operations';

/** What the form holds: exactly what the user typed, as text, so nothing is lost when a save fails. */
export interface FormValues {
  name: string;
  abbreviation: string;
  field: string;
  foundedOn: string;
  status: MemberAssociationStatus;
  congressTerm: string;
  individualMemberCount: string;
  collectiveMemberCount: string;
  provinceCode: string;
}

export type FormFieldName = keyof FormValues;

export const FORM_FIELDS: readonly FormFieldName[] = [
  'provinceCode',
  'name',
  'abbreviation',
  'field',
  'foundedOn',
  'status',
  'congressTerm',
  'individualMemberCount',
  'collectiveMemberCount',
];

export function isFormField(name: string): name is FormFieldName {
  return (FORM_FIELDS as readonly string[]).includes(name);
}

export function emptyValues(provinceCode = ''): FormValues {
  return {
    name: '',
    abbreviation: '',
    field: '',
    foundedOn: '',
    status: 'ACTIVE',
    congressTerm: '',
    individualMemberCount: '0',
    collectiveMemberCount: '0',
    provinceCode,
  };
}

export function valuesOf(a: MemberAssociation): FormValues {
  return {
    name: a.name,
    abbreviation: a.abbreviation ?? '',
    field: a.field ?? '',
    foundedOn: a.foundedOn ?? '',
    status: a.status,
    congressTerm: a.congressTerm ?? '',
    individualMemberCount: String(a.individualMemberCount),
    collectiveMemberCount: String(a.collectiveMemberCount),
    provinceCode: a.province.code,
  };
}

const WHOLE_NUMBER = /^\d+$/;

/** Checks the browser can make without asking the server; the server checks everything again. */
export function checkValues(v: FormValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!v.name.trim()) problems.push({ field: 'name', constraint: 'required', message: 'name is required' });
  for (const field of ['individualMemberCount', 'collectiveMemberCount'] as const) {
    const text = v[field].trim();
    if (text !== '' && !WHOLE_NUMBER.test(text)) problems.push({ field, constraint: 'isInt', message: `${field} must be a whole number` });
  }
  return problems;
}

const optional = (text: string) => (text.trim() === '' ? null : text.trim());

/** "2025-2030" and "2025 – 2030" become "2025–2030", the form the records use. */
function normaliseTerm(text: string): string | null {
  const m = /^\s*(\d{4})\s*[-–—]\s*(\d{4})\s*$/.exec(text);
  return m ? `${m[1]}–${m[2]}` : optional(text);
}

/** The API input for values that passed checkValues; blank optional fields are sent as null (cleared). */
export function inputOf(v: FormValues): MemberAssociationFieldsInput {
  return {
    name: v.name.trim(),
    abbreviation: optional(v.abbreviation),
    field: optional(v.field),
    foundedOn: optional(v.foundedOn),
    status: v.status,
    congressTerm: normaliseTerm(v.congressTerm),
    individualMemberCount: v.individualMemberCount.trim() === '' ? 0 : Number(v.individualMemberCount),
    collectiveMemberCount: v.collectiveMemberCount.trim() === '' ? 0 : Number(v.collectiveMemberCount),
  };
}

const LENGTH_CONSTRAINTS = new Set(['isLength', 'length', 'minLength', 'maxLength']);
const EMPTY_CONSTRAINTS = new Set(['isDefined', 'isNotEmpty']);

/** A field problem in the user's language; falls back to the server's own message for unknown cases. */
export function problemText(p: FieldProblem, t: TFunction): string {
  switch (p.field) {
    case 'name':
      if (p.constraint === 'required') return t('validation.nameRequired');
      if (p.constraint === 'unique') return t('validation.nameUnique');
      if (LENGTH_CONSTRAINTS.has(p.constraint)) return t('validation.nameLength');
      break;
    case 'abbreviation':
      if (LENGTH_CONSTRAINTS.has(p.constraint)) return t('validation.abbreviationLength');
      break;
    case 'field':
      if (LENGTH_CONSTRAINTS.has(p.constraint)) return t('validation.fieldLength');
      break;
    case 'foundedOn':
      if (p.constraint === 'notInFuture') return t('validation.dateInFuture');
      if (p.constraint === 'isIso8601' || p.constraint === 'invalid') return t('validation.dateInvalid');
      break;
    case 'congressTerm':
      if (p.constraint === 'matches') return t('validation.termFormat');
      break;
    case 'individualMemberCount':
    case 'collectiveMemberCount':
      if (p.constraint === 'min') return t('validation.countNegative');
      if (p.constraint === 'max') return t('validation.countTooLarge');
      if (p.constraint === 'isInt') return t('validation.countInteger');
      break;
    case 'provinceCode':
      return t('validation.provinceInvalid');
  }
  if (EMPTY_CONSTRAINTS.has(p.constraint)) return t('validation.notEmpty');
  if (p.constraint === 'check') return t('validation.outOfRange');
  return p.message;
}
