import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf, fieldProblemsOf, type FieldProblem } from '../../common/graphql-errors';
import { todayLocalDate } from '../../common/formatters';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { FormField } from '../../common/ui/form-field';
import { FormActions } from '../../common/ui/form-actions';
import { useFormFailure, useReloading } from '../../common/use-form-failure';
import { FieldLink } from '../../common/ui/field-link';
import { ProvinceField } from '../../common/ui/province-field';
import type { Province } from '../member-associations/member-association-operations';
import { ASSIGNEE_KINDS, type CommissioningAssigneeKind } from './commissioning-operations';
import { checkValues, FIELD_LABELS, FORM_FIELDS, isFormField, problemText, type FormFieldName, type FormValues } from './form-values';
import { useParties, useResearchAreas } from './use-references';

interface CommissioningFormProps {
  mode: 'create' | 'edit';
  initialValues: FormValues;
  /** Provinces a new task may go to (home and merged ones); null to use the home province. */
  provinceChoices: Province[] | null;
  /** Saves; rejects with the API error when the server refuses. */
  save(values: FormValues): Promise<void>;
  /** Loads the latest version after a CONFLICT (edit only). */
  onReload?(): Promise<void>;
}

type Failure = { kind: 'fields'; problems: FieldProblem[] } | { kind: 'conflict' } | { kind: 'other'; error: unknown };

const fieldId = (name: FormFieldName) => `commissioning-${name}`;



/**
 * Create and edit form of a task. What was typed stays when a save fails; each invalid field
 * shows its message next to it and a summary at the top links to them.
 */
export function CommissioningForm({ mode, initialValues, provinceChoices, save, onReload }: CommissioningFormProps) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [values, setValues] = useState<FormValues>(initialValues);
  const { failure, setFailure, fail, summaryRef } = useFormFailure<Failure>();
  const [saving, setSaving] = useState(false);
  const { reloading, reload } = useReloading(onReload);
  const parties = useParties(values.provinceCode, !values.provinceCode);
  const areas = useResearchAreas();

  const set = (name: FormFieldName) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value }));
  const problems = failure?.kind === 'fields' ? failure.problems : [];
  const errorOf = (name: FormFieldName) => {
    const p = problems.find((x) => x.field === name);
    return p ? problemText(p, t) : undefined;
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const local = checkValues(values);
    if (local.length) {
      fail({ kind: 'fields', problems: local });
      return;
    }
    setSaving(true);
    try {
      await save(values);
      setFailure(null);
    } catch (err) {
      const code = errorCodeOf(err);
      const fields = fieldProblemsOf(err);
      if (code === 'BAD_USER_INPUT' && fields.length) fail({ kind: 'fields', problems: fields });
      else if (code === 'CONFLICT') fail({ kind: 'conflict' });
      else fail({ kind: 'other', error: err });
    } finally {
      setSaving(false);
    }
  }

  const ordered = [...problems].sort(
    (a, b) => (isFormField(a.field) ? FORM_FIELDS.indexOf(a.field) : 99) - (isFormField(b.field) ? FORM_FIELDS.indexOf(b.field) : 99),
  );
  const label = (name: FormFieldName): string => t(`commissioningBoard.form.${FIELD_LABELS[name]}`);
  const areaName = (a: { name: string; nameEn: string }) => (i18n.language === 'en' ? a.nameEn : a.name);

  return (
    <form className="form commissioning-form" onSubmit={onSubmit} noValidate data-testid="commissioning-form">
      <div ref={summaryRef} tabIndex={-1} className="form-summary-anchor">
        {failure?.kind === 'fields' ? (
          <Alert tone="error" title={t('commissioningBoard.form.errorSummary')} testId="form-error-summary">
            <ul className="error-list">
              {ordered.map((p, i) => (
                <li key={`${p.field}-${p.constraint}-${i}`}>
                  {isFormField(p.field) ? (
                    <FieldLink inputId={fieldId(p.field)}>{label(p.field)}: {problemText(p, t)}</FieldLink>
                  ) : (
                    `${p.field}: ${problemText(p, t)}`
                  )}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {failure?.kind === 'conflict' ? (
          <Alert
            tone="warning"
            title={t('commissioningBoard.form.conflict')}
            testId="form-conflict"
            actions={
              onReload ? (
                <button type="button" className="button button-primary" onClick={() => void reload()} disabled={reloading} data-testid="reload-latest">
                  {reloading ? t('commissioningBoard.form.reloading') : t('commissioningBoard.form.reload')}
                </button>
              ) : null
            }
          >
            {t('commissioningBoard.form.conflictHint')}
          </Alert>
        ) : null}
        {failure?.kind === 'other' ? (
          <Alert tone="error" title={t('commissioningBoard.form.saveFailed')} testId="form-error">
            {errorText(failure.error)}
          </Alert>
        ) : null}
      </div>

      {mode === 'create' && provinceChoices && provinceChoices.length > 1 ? (
        <ProvinceField
          id={fieldId('provinceCode')}
          label={t('commissioningBoard.form.province')}
          error={errorOf('provinceCode')}
          provinces={provinceChoices}
          value={values.provinceCode}
          onChange={(code) => setValues((v) => ({ ...v, provinceCode: code, requestingAgencyId: '', assignedAssociationId: '' }))}
        />
      ) : null}

      <FormField id={fieldId('title')} label={t('commissioningBoard.form.title')} requiredLabel={t('commissioningBoard.form.required')} error={errorOf('title')} className="form-field-wide">
        {(a11y) => <input {...a11y} type="text" value={values.title} onChange={set('title')} maxLength={500} autoComplete="off" />}
      </FormField>

      <div className="form-grid">
        <FormField id={fieldId('code')} label={t('commissioningBoard.form.code')} error={errorOf('code')}>
          {(a11y) => <input {...a11y} type="text" value={values.code} onChange={set('code')} maxLength={60} autoComplete="off" />}
        </FormField>
        <FormField id={fieldId('year')} label={t('commissioningBoard.form.year')} requiredLabel={t('commissioningBoard.form.required')} error={errorOf('year')}>
          {(a11y) => <input {...a11y} type="number" inputMode="numeric" min={2000} max={2100} value={values.year} onChange={set('year')} />}
        </FormField>
        <FormField id={fieldId('requestingAgencyId')} label={t('commissioningBoard.form.requestingAgency')} requiredLabel={t('commissioningBoard.form.required')} error={errorOf('requestingAgencyId')}>
          {(a11y) => (
            <select {...a11y} value={values.requestingAgencyId} onChange={set('requestingAgencyId')}>
              <option value="">{t('commissioningBoard.form.chooseAgency')}</option>
              {parties.agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={fieldId('researchAreaId')} label={t('commissioningBoard.form.researchArea')} requiredLabel={t('commissioningBoard.form.required')} error={errorOf('researchAreaId')}>
          {(a11y) => (
            <select {...a11y} value={values.researchAreaId} onChange={set('researchAreaId')}>
              <option value="">{t('commissioningBoard.form.chooseArea')}</option>
              <optgroup label={t('commissioningBoard.areaFields')}>
                {areas
                  .filter((a) => a.kind === 'FIELD')
                  .map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.code} {areaName(a)}
                    </option>
                  ))}
              </optgroup>
              <optgroup label={t('commissioningBoard.areaPriorities')}>
                {areas
                  .filter((a) => a.kind !== 'FIELD')
                  .map((a) => (
                    <option key={a.id} value={a.id}>
                      {areaName(a)}
                    </option>
                  ))}
              </optgroup>
            </select>
          )}
        </FormField>
      </div>

      <FormField id={fieldId('objectives')} label={t('commissioningBoard.form.objectives')} error={errorOf('objectives')} className="form-field-wide">
        {(a11y) => <textarea {...a11y} rows={4} value={values.objectives} onChange={set('objectives')} maxLength={10000} />}
      </FormField>

      <div className="form-grid">
        <FormField id={fieldId('principalInvestigator')} label={t('commissioningBoard.form.principalInvestigator')} error={errorOf('principalInvestigator')}>
          {(a11y) => <input {...a11y} type="text" value={values.principalInvestigator} onChange={set('principalInvestigator')} maxLength={200} autoComplete="off" />}
        </FormField>
        <FormField id={fieldId('budgetVnd')} label={t('commissioningBoard.form.budgetVnd')} hint={t('commissioningBoard.form.budgetHint')} error={errorOf('budgetVnd')}>
          {(a11y) => <input {...a11y} type="text" inputMode="numeric" value={values.budgetVnd} onChange={set('budgetVnd')} maxLength={25} autoComplete="off" />}
        </FormField>
        <FormField id={fieldId('assigneeKind')} label={t('commissioningBoard.form.assigneeKind')} error={errorOf('assigneeKind')}>
          {(a11y) => (
            <select {...a11y} value={values.assigneeKind} onChange={(e) => setValues((v) => ({ ...v, assigneeKind: e.target.value as CommissioningAssigneeKind | '' }))}>
              <option value="">{t('commissioningBoard.form.noAssignee')}</option>
              {ASSIGNEE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`commissioningBoard.assigneeKinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {values.assigneeKind === 'ASSOCIATION' ? (
          <FormField id={fieldId('assignedAssociationId')} label={t('commissioningBoard.form.assignedAssociation')} error={errorOf('assignedAssociationId')}>
            {(a11y) => (
              <select {...a11y} value={values.assignedAssociationId} onChange={set('assignedAssociationId')}>
                <option value="">{t('commissioningBoard.form.chooseAssociation')}</option>
                {parties.associations.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        ) : (
          <div className="form-grid-spacer" aria-hidden="true" />
        )}
        <FormField id={fieldId('plannedStart')} label={t('commissioningBoard.form.plannedStart')} error={errorOf('plannedStart')}>
          {(a11y) => <input {...a11y} type="date" value={values.plannedStart} onChange={set('plannedStart')} />}
        </FormField>
        <FormField id={fieldId('plannedEnd')} label={t('commissioningBoard.form.plannedEnd')} error={errorOf('plannedEnd')}>
          {(a11y) => <input {...a11y} type="date" value={values.plannedEnd} onChange={set('plannedEnd')} />}
        </FormField>
        {mode === 'edit' ? (
          <>
            <FormField id={fieldId('actualStart')} label={t('commissioningBoard.form.actualStart')} error={errorOf('actualStart')}>
              {(a11y) => <input {...a11y} type="date" value={values.actualStart} max={todayLocalDate()} onChange={set('actualStart')} />}
            </FormField>
            <FormField id={fieldId('actualEnd')} label={t('commissioningBoard.form.actualEnd')} error={errorOf('actualEnd')}>
              {(a11y) => <input {...a11y} type="date" value={values.actualEnd} max={todayLocalDate()} onChange={set('actualEnd')} />}
            </FormField>
          </>
        ) : null}
      </div>

      <FormField id={fieldId('applicationNote')} label={t('commissioningBoard.form.applicationNote')} error={errorOf('applicationNote')} className="form-field-wide">
        {(a11y) => <textarea {...a11y} rows={3} value={values.applicationNote} onChange={set('applicationNote')} maxLength={10000} />}
      </FormField>

      <FormActions
        saving={saving}
        saveLabel={t('commissioningBoard.form.save')}
        savingLabel={t('commissioningBoard.form.saving')}
        saveTestId="save-commissioning"
        cancelTo="/commissioning"
        cancelLabel={t('commissioningBoard.form.cancel')}
      />
    </form>
  );
}
