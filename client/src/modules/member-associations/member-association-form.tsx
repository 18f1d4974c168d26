import { useState, type FormEvent, type ReactNode } from 'react';
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
import { checkValues, FORM_FIELDS, isFormField, problemText, type FormFieldName, type FormValues } from './form-values';
import { STATUSES, type MemberAssociationStatus, type Province } from './member-association-operations';

interface MemberAssociationFormProps {
  mode: 'create' | 'edit';
  initialValues: FormValues;
  /** Provinces a new record may go to (home and merged ones); null to use the home province without asking. */
  provinceChoices: Province[] | null;
  /** Saves the values; rejects with the API error when the server refuses. */
  save(values: FormValues): Promise<void>;
  /** Loads the latest version after a CONFLICT (edit only). */
  onReload?(): Promise<void>;
  /** More buttons for the action row (delete). */
  extraActions?: ReactNode;
}

type Failure =
  | { kind: 'fields'; problems: FieldProblem[] }
  | { kind: 'conflict' }
  | { kind: 'gone' }
  | { kind: 'other'; error: unknown };

const fieldId = (name: FormFieldName) => `association-${name}`;

/**
 * Create and edit form. Everything typed stays in the form when a save fails; each invalid field
 * shows its message next to it, and a summary at the top links to them.
 */
export function MemberAssociationForm({ mode, initialValues, provinceChoices, save, onReload, extraActions }: MemberAssociationFormProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [values, setValues] = useState<FormValues>(initialValues);
  const { failure, fail, summaryRef } = useFormFailure<Failure>();
  const [saving, setSaving] = useState(false);
  const { reloading, reload } = useReloading(onReload);

  const set = (name: FormFieldName) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value }));

  const problems = failure?.kind === 'fields' ? failure.problems : [];
  const errorOf = (name: FormFieldName): string | undefined => {
    const p = problems.find((x) => x.field === name);
    return p ? problemText(p, t) : undefined;
  };

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (saving) return;
    const local = checkValues(values);
    if (local.length > 0) {
      fail({ kind: 'fields', problems: local });
      return;
    }
    setSaving(true);
    try {
      await save(values);
    } catch (err) {
      const code = errorCodeOf(err);
      const fields = fieldProblemsOf(err);
      if (code === 'BAD_USER_INPUT' && fields.length > 0) fail({ kind: 'fields', problems: fields });
      else if (code === 'CONFLICT') fail({ kind: 'conflict' });
      else if (code === 'NOT_FOUND') fail({ kind: 'gone' });
      else fail({ kind: 'other', error: err });
      setSaving(false);
    }
  }

  // Problems are listed in the order of the form; ones about fields the form lacks are listed as text.
  const ordered = [...problems].sort(
    (a, b) => (isFormField(a.field) ? FORM_FIELDS.indexOf(a.field) : 99) - (isFormField(b.field) ? FORM_FIELDS.indexOf(b.field) : 99),
  );

  return (
    <form className="form association-form" onSubmit={onSubmit} noValidate data-testid="association-form">
      <div ref={summaryRef} tabIndex={-1} className="form-summary-anchor">
        {failure?.kind === 'fields' ? (
          <Alert tone="error" title={t('form.errorSummary')} testId="form-error-summary">
            <ul className="error-list">
              {ordered.map((p, i) => (
                <li key={`${p.field}-${p.constraint}-${i}`}>
                  {isFormField(p.field) && (p.field !== 'provinceCode' || provinceChoices) ? (
                    <FieldLink inputId={fieldId(p.field)}>{problemText(p, t)}</FieldLink>
                  ) : (
                    problemText(p, t)
                  )}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {failure?.kind === 'conflict' ? (
          <Alert
            tone="warning"
            title={t('form.conflict')}
            testId="form-conflict"
            actions={
              onReload ? (
                <button type="button" className="button button-primary" onClick={() => void reload()} disabled={reloading}>
                  {reloading ? t('form.reloading') : t('form.reload')}
                </button>
              ) : null
            }
          >
            {t('form.conflictHint')}
          </Alert>
        ) : null}
        {failure?.kind === 'gone' ? (
          <Alert tone="error" title={t('form.saveFailed')} testId="form-gone">
            {t('form.gone')}
          </Alert>
        ) : null}
        {failure?.kind === 'other' ? (
          <Alert tone="error" title={t('form.saveFailed')} testId="form-error">
            {errorText(failure.error)}
          </Alert>
        ) : null}
      </div>

      {mode === 'create' && provinceChoices && provinceChoices.length > 1 ? (
        <ProvinceField
          id={fieldId('provinceCode')}
          label={t('form.province')}
          hint={t('form.provinceHint')}
          error={errorOf('provinceCode')}
          provinces={provinceChoices}
          value={values.provinceCode}
          onChange={(code) => setValues((v) => ({ ...v, provinceCode: code }))}
        />
      ) : null}

      <FormField
        id={fieldId('name')}
        label={t('form.name')}
        requiredLabel={t('form.required')}
        hint={t('form.nameHint')}
        error={errorOf('name')}
        className="form-field-wide"
      >
        {(a11y) => <input {...a11y} type="text" value={values.name} onChange={set('name')} maxLength={300} required autoComplete="off" />}
      </FormField>

      <div className="form-grid">
        <FormField id={fieldId('abbreviation')} label={t('form.abbreviation')} error={errorOf('abbreviation')}>
          {(a11y) => <input {...a11y} type="text" value={values.abbreviation} onChange={set('abbreviation')} maxLength={50} autoComplete="off" />}
        </FormField>
        <FormField id={fieldId('field')} label={t('form.field')} error={errorOf('field')}>
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              value={values.field}
              onChange={set('field')}
              maxLength={200}
              placeholder={t('form.fieldPlaceholder')}
              autoComplete="off"
            />
          )}
        </FormField>
        <FormField id={fieldId('foundedOn')} label={t('form.foundedOn')} error={errorOf('foundedOn')}>
          {(a11y) => <input {...a11y} type="date" value={values.foundedOn} onChange={set('foundedOn')} max={todayLocalDate()} />}
        </FormField>
        <FormField id={fieldId('status')} label={t('form.status')} error={errorOf('status')}>
          {(a11y) => (
            <select
              {...a11y}
              value={values.status}
              onChange={(e) => setValues((v) => ({ ...v, status: e.target.value as MemberAssociationStatus }))}
            >
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={fieldId('congressTerm')} label={t('form.congressTerm')} hint={t('form.congressTermHint')} error={errorOf('congressTerm')}>
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              value={values.congressTerm}
              onChange={set('congressTerm')}
              placeholder={t('form.congressTermPlaceholder')}
              maxLength={20}
              autoComplete="off"
            />
          )}
        </FormField>
        <div className="form-grid-spacer" aria-hidden="true" />
        <FormField id={fieldId('individualMemberCount')} label={t('form.individualMemberCount')} error={errorOf('individualMemberCount')}>
          {(a11y) => (
            <input {...a11y} type="number" inputMode="numeric" min={0} step={1} value={values.individualMemberCount} onChange={set('individualMemberCount')} />
          )}
        </FormField>
        <FormField id={fieldId('collectiveMemberCount')} label={t('form.collectiveMemberCount')} error={errorOf('collectiveMemberCount')}>
          {(a11y) => (
            <input {...a11y} type="number" inputMode="numeric" min={0} step={1} value={values.collectiveMemberCount} onChange={set('collectiveMemberCount')} />
          )}
        </FormField>
      </div>

      <FormActions
        saving={saving}
        saveLabel={t('form.save')}
        savingLabel={t('form.saving')}
        saveTestId="save-association"
        cancelTo="/associations"
        cancelLabel={t('form.cancel')}
        extraActions={extraActions}
      />
    </form>
  );
}
