import { useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { formatLocalDate, todayLocalDate } from '../../common/formatters';
import { FormField } from '../../common/ui/form-field';
import { FormActions } from '../../common/ui/form-actions';
import { useFormFailure, useReloading } from '../../common/use-form-failure';
import { ProvinceField } from '../../common/ui/province-field';
import type { Province } from '../member-associations/member-association-operations';
import { DIRECTIVE_CHOICES, DOC_TYPES, REFERENCE_DOCUMENTS, SYSTEMS, type DirectiveDocType, type DirectiveSystem } from './directive-operations';
import {
  checkDirectiveValues,
  DIRECTIVE_FIELDS,
  directiveProblemText,
  isDirectiveField,
  type DirectiveFieldName,
  type DirectiveValues,
} from './directive-form-values';
import { FailureAlerts, failureOf, selectedValues, type Failure } from './form-failure';
import { agencyLabel, useAgencies } from './use-agencies';

interface DirectiveFormProps {
  mode: 'create' | 'edit';
  initialValues: DirectiveValues;
  /** The document being edited (left out of the documents it may cite). */
  selfId?: string;
  /** Provinces a new document may go to (home and merged ones); null when there is no choice. */
  provinceChoices: Province[] | null;
  /** Saves; rejects with the API error when the server refuses. */
  save(values: DirectiveValues): Promise<void>;
  onReload?(): Promise<void>;
  extraActions?: ReactNode;
}

const fieldId = (name: DirectiveFieldName) => `directive-${name}`;

/** Create and edit form of a directing document. Everything typed stays when a save fails; errors show beside their fields. */
export function DirectiveForm({ mode, initialValues, selfId, provinceChoices, save, onReload, extraActions }: DirectiveFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<DirectiveValues>(initialValues);
  const { failure, setFailure, fail, summaryRef } = useFormFailure<Failure>();
  const [saving, setSaving] = useState(false);
  const { reloading, reload } = useReloading(onReload);

  const { agencies } = useAgencies(values.provinceCode || null);
  const choices = useQuery(DIRECTIVE_CHOICES, {
    variables: { first: 100, filter: values.provinceCode ? { provinceCode: values.provinceCode } : {} },
    fetchPolicy: 'cache-and-network',
  });
  const citable = (choices.data?.directives.edges ?? []).map((e) => e.node).filter((d) => d.id !== selfId);
  const references = useQuery(REFERENCE_DOCUMENTS, { fetchPolicy: 'cache-first' }).data?.referenceDocuments ?? [];

  const set = (name: Exclude<DirectiveFieldName, 'citedDirectiveIds' | 'citedReferenceIds'>) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));

  const problems = failure?.kind === 'fields' ? failure.problems : [];
  const errorOf = (name: DirectiveFieldName): string | undefined => {
    const p = problems.find((x) => x.field === name);
    return p ? directiveProblemText(p, t) : undefined;
  };

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (saving) return;
    const local = checkDirectiveValues(values);
    if (local.length > 0) {
      fail({ kind: 'fields', problems: local });
      return;
    }
    setSaving(true);
    try {
      await save(values);
      setFailure(null);
    } catch (err) {
      fail(failureOf(err));
    } finally {
      setSaving(false);
    }
  }

  const ordered = [...problems]
    .sort((a, b) => (isDirectiveField(a.field) ? DIRECTIVE_FIELDS.indexOf(a.field) : 99) - (isDirectiveField(b.field) ? DIRECTIVE_FIELDS.indexOf(b.field) : 99))
    .map((p) => ({ problem: p, text: directiveProblemText(p, t), inputId: isDirectiveField(p.field) ? fieldId(p.field) : null }));

  return (
    <form className="form directive-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="directive-form">
      <FailureAlerts
        failure={failure}
        problems={ordered}
        summaryRef={summaryRef}
        conflictTitle={t('directives.form.conflict')}
        conflictHint={t('directives.form.conflictHint')}
        goneText={t('directives.form.gone')}
        onReload={onReload ? () => void reload() : undefined}
        reloading={reloading}
        testIdPrefix="directive-form"
      />

      {mode === 'create' && provinceChoices && provinceChoices.length > 1 ? (
        <ProvinceField
          id={fieldId('provinceCode')}
          label={t('directives.form.province')}
          hint={t('directives.form.provinceHint')}
          error={errorOf('provinceCode')}
          provinces={provinceChoices}
          value={values.provinceCode}
          onChange={(code) => setValues((v) => ({ ...v, provinceCode: code, issuerAgencyId: '', citedDirectiveIds: [] }))}
        />
      ) : null}

      <div className="form-grid">
        <FormField id={fieldId('system')} label={t('directives.form.system')} requiredLabel={t('directives.form.required')} error={errorOf('system')}>
          {(a11y) => (
            <select {...a11y} value={values.system} onChange={(e) => setValues((v) => ({ ...v, system: e.target.value as DirectiveSystem }))}>
              {SYSTEMS.map((s) => (
                <option key={s} value={s}>
                  {t(`directives.system.${s}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={fieldId('docType')} label={t('directives.form.docType')} requiredLabel={t('directives.form.required')} error={errorOf('docType')}>
          {(a11y) => (
            <select {...a11y} value={values.docType} onChange={(e) => setValues((v) => ({ ...v, docType: e.target.value as DirectiveDocType }))}>
              {DOC_TYPES.map((d) => (
                <option key={d} value={d}>
                  {t(`directives.docType.${d}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={fieldId('number')} label={t('directives.form.number')} hint={t('directives.form.numberHint')} error={errorOf('number')}>
          {(a11y) => <input {...a11y} type="number" inputMode="numeric" min={1} step={1} value={values.number} onChange={set('number')} />}
        </FormField>
        <FormField id={fieldId('symbol')} label={t('directives.form.symbol')} requiredLabel={t('directives.form.required')} hint={t('directives.form.symbolHint')} error={errorOf('symbol')}>
          {(a11y) => <input {...a11y} type="text" value={values.symbol} onChange={set('symbol')} maxLength={60} autoComplete="off" />}
        </FormField>
        <FormField id={fieldId('issuedOn')} label={t('directives.form.issuedOn')} error={errorOf('issuedOn')}>
          {(a11y) => <input {...a11y} type="date" value={values.issuedOn} onChange={set('issuedOn')} max={todayLocalDate()} />}
        </FormField>
        {values.system === 'PARTY' || values.partyTerm ? (
          <FormField id={fieldId('partyTerm')} label={t('directives.form.partyTerm')} hint={t('directives.form.partyTermHint')} error={errorOf('partyTerm')}>
            {(a11y) => <input {...a11y} type="text" value={values.partyTerm} onChange={set('partyTerm')} placeholder="2020–2025" maxLength={20} autoComplete="off" />}
          </FormField>
        ) : null}
      </div>

      <FormField id={fieldId('issuerAgencyId')} label={t('directives.form.issuer')} requiredLabel={t('directives.form.required')} error={errorOf('issuerAgencyId')} className="form-field-wide">
        {(a11y) => (
          <select {...a11y} value={values.issuerAgencyId} onChange={set('issuerAgencyId')}>
            <option value="">{t('directives.form.chooseAgency')}</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {agencyLabel(a)}
              </option>
            ))}
          </select>
        )}
      </FormField>

      <FormField
        id={fieldId('subject')}
        label={t('directives.form.subject')}
        requiredLabel={t('directives.form.required')}
        hint={t('directives.form.subjectHint')}
        error={errorOf('subject')}
        className="form-field-wide"
      >
        {(a11y) => <textarea {...a11y} rows={2} value={values.subject} onChange={set('subject')} maxLength={1000} />}
      </FormField>

      <div className="form-grid">
        <FormField id={fieldId('signer')} label={t('directives.form.signer')} error={errorOf('signer')}>
          {(a11y) => <input {...a11y} type="text" value={values.signer} onChange={set('signer')} maxLength={200} autoComplete="off" />}
        </FormField>
        <FormField id={fieldId('recipients')} label={t('directives.form.recipients')} hint={t('directives.form.recipientsHint')} error={errorOf('recipients')}>
          {(a11y) => <textarea {...a11y} rows={3} value={values.recipients} onChange={set('recipients')} />}
        </FormField>
      </div>

      <FormField id={fieldId('summary')} label={t('directives.form.summary')} error={errorOf('summary')} className="form-field-wide">
        {(a11y) => <textarea {...a11y} rows={4} value={values.summary} onChange={set('summary')} maxLength={20000} />}
      </FormField>

      <div className="form-grid">
        <FormField
          id={fieldId('citedDirectiveIds')}
          label={t('directives.form.citedDirectives')}
          hint={citable.length ? `${t('directives.form.citedDirectivesHint')} ${t('directives.form.multiSelectHint')}` : t('directives.form.noChoices')}
          error={errorOf('citedDirectiveIds')}
        >
          {(a11y) => (
            <select
              {...a11y}
              multiple
              size={Math.min(8, Math.max(3, citable.length))}
              value={values.citedDirectiveIds}
              onChange={(e) => {
                const ids = selectedValues(e.target);
                setValues((v) => ({ ...v, citedDirectiveIds: ids }));
              }}
            >
              {citable.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.numberSymbol}
                  {d.issuedOn ? ` (${formatLocalDate(d.issuedOn)})` : ''} – {d.subject}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={fieldId('citedReferenceIds')} label={t('directives.form.citedReferences')} hint={t('directives.form.multiSelectHint')} error={errorOf('citedReferenceIds')}>
          {(a11y) => (
            <select
              {...a11y}
              multiple
              size={Math.min(8, Math.max(3, references.length))}
              value={values.citedReferenceIds}
              onChange={(e) => {
                const ids = selectedValues(e.target);
                setValues((v) => ({ ...v, citedReferenceIds: ids }));
              }}
            >
              {references.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.numberSymbol} – {r.subject}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>

      <FormActions
        saving={saving}
        saveLabel={t('directives.form.save')}
        savingLabel={t('directives.form.saving')}
        saveTestId="save-directive"
        cancelTo="/directives"
        cancelLabel={t('directives.form.cancel')}
        extraActions={extraActions}
      />
    </form>
  );
}
