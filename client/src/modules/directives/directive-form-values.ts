import type { TFunction } from 'i18next';
import type { FieldProblem } from '../../common/graphql-errors';
import type { CreateDirectiveInput } from '../../generated/schema-types';
import type { Directive, DirectiveDocType, DirectiveSystem } from './directive-operations';

/** What the document form holds: exactly what was typed, so nothing is lost when a save fails. */
export interface DirectiveValues {
  provinceCode: string;
  system: DirectiveSystem;
  docType: DirectiveDocType;
  number: string;
  symbol: string;
  partyTerm: string;
  issuerAgencyId: string;
  issuedOn: string;
  subject: string;
  signer: string;
  recipients: string;
  summary: string;
  citedDirectiveIds: string[];
  citedReferenceIds: string[];
}

export type DirectiveFieldName = keyof DirectiveValues;

export const DIRECTIVE_FIELDS: readonly DirectiveFieldName[] = [
  'provinceCode',
  'system',
  'docType',
  'number',
  'symbol',
  'partyTerm',
  'issuerAgencyId',
  'issuedOn',
  'subject',
  'signer',
  'recipients',
  'summary',
  'citedDirectiveIds',
  'citedReferenceIds',
];

export function isDirectiveField(name: string): name is DirectiveFieldName {
  return (DIRECTIVE_FIELDS as readonly string[]).includes(name);
}

export function emptyDirectiveValues(provinceCode = ''): DirectiveValues {
  return {
    provinceCode,
    system: 'STATE',
    docType: 'PLAN',
    number: '',
    symbol: '',
    partyTerm: '',
    issuerAgencyId: '',
    issuedOn: '',
    subject: '',
    signer: '',
    recipients: '',
    summary: '',
    citedDirectiveIds: [],
    citedReferenceIds: [],
  };
}

export function directiveValuesOf(d: Directive): DirectiveValues {
  return {
    provinceCode: d.province.code,
    system: d.system,
    docType: d.docType,
    number: d.number === null ? '' : String(d.number),
    symbol: d.symbol,
    partyTerm: d.partyTerm ?? '',
    issuerAgencyId: d.issuer.id,
    issuedOn: d.issuedOn ?? '',
    subject: d.subject,
    signer: d.signer ?? '',
    recipients: d.recipients.join('\n'),
    summary: d.summary ?? '',
    citedDirectiveIds: d.citedDirectives.map((c) => c.id),
    citedReferenceIds: d.citedReferences.map((c) => c.id),
  };
}

/** Checks the browser can make alone (a choice the API cannot be sent without); the server checks the rest. */
export function checkDirectiveValues(v: DirectiveValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!v.issuerAgencyId) problems.push({ field: 'issuerAgencyId', constraint: 'required', message: 'issuerAgencyId is required' });
  if (v.number.trim() && !/^\d+$/.test(v.number.trim())) problems.push({ field: 'number', constraint: 'isInt', message: 'number must be a whole number' });
  return problems;
}

const optional = (text: string) => (text.trim() === '' ? null : text.trim());

/** The API fields for the values (blank optional fields are null, i.e. cleared on update). */
export function directiveInputOf(v: DirectiveValues): Omit<CreateDirectiveInput, 'provinceCode'> {
  return {
    system: v.system,
    docType: v.docType,
    number: v.number.trim() === '' ? null : Number(v.number.trim()),
    symbol: v.symbol.trim(),
    partyTerm: optional(v.partyTerm),
    issuerAgencyId: v.issuerAgencyId,
    issuedOn: optional(v.issuedOn),
    subject: v.subject.trim(),
    signer: optional(v.signer),
    recipients: v.recipients
      .split('\n')
      .map((r) => r.trim())
      .filter(Boolean),
    summary: optional(v.summary),
    citedDirectiveIds: v.citedDirectiveIds,
    citedReferenceIds: v.citedReferenceIds,
  };
}

const LENGTH = new Set(['isLength', 'length', 'minLength', 'maxLength', 'check']);
const EMPTY = new Set(['isDefined', 'isNotEmpty', 'required']);

/** A field problem of a document in the user's language; the server's message for unknown cases. */
export function directiveProblemText(p: FieldProblem, t: TFunction): string {
  switch (p.field) {
    case 'issuerAgencyId':
      if (EMPTY.has(p.constraint)) return t('directives.validation.chooseAgency');
      break;
    case 'subject':
      if (LENGTH.has(p.constraint) || EMPTY.has(p.constraint)) return t('directives.validation.subjectLength');
      break;
    case 'symbol':
      if (LENGTH.has(p.constraint) || EMPTY.has(p.constraint)) return t('directives.validation.symbolLength');
      break;
    case 'number':
      if (p.constraint === 'unique') return t('directives.validation.numberUnique');
      return t('directives.validation.numberInvalid');
    case 'issuedOn':
      if (p.constraint === 'requiredWithNumber') return t('directives.validation.issuedOnRequired');
      if (p.constraint === 'notInFuture') return t('directives.validation.dateInFuture');
      return t('directives.validation.dateInvalid');
    case 'partyTerm':
      if (p.constraint === 'requiredForParty') return t('directives.validation.partyTermRequired');
      if (p.constraint === 'partyOnly') return t('directives.validation.partyTermNotAllowed');
      return t('directives.validation.partyTermFormat');
  }
  if (EMPTY.has(p.constraint)) return t('directives.validation.required');
  return p.message;
}
