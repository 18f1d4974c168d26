import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { todayLocalDate } from '../../common/formatters';
import type { FieldProblem } from '../../common/graphql-errors';
import { FormField } from '../../common/ui/form-field';
import { isIntText, optionalInt, optionalText } from '../../common/form-text';
import { fieldErrorOf, SaveFailureAlert, useRecordSubmit } from '../../common/ui/save-failure';
import { FormActions } from '../../common/ui/form-actions';
import { ProvinceField } from '../../common/ui/province-field';
import type { CreateMemberInput, UpdateMemberInput } from '../../generated/schema-types';
import type { Province } from '../member-associations/member-association-operations';
import { ACADEMIC_TITLES, DEGREES, MEMBER_KINDS, type AcademicTitle, type Degree, type MemberKind, type MemberRow } from './members-operations';
import type { AssociationOption } from './members-operations';

/** What the form holds: exactly what was typed, so nothing is lost when a save fails. */
export interface MemberValues {
  kind: MemberKind;
  fullName: string;
  academicTitle: AcademicTitle | '';
  degree: Degree | '';
  birthYear: string;
  email: string;
  phone: string;
  field: string;
  workplace: string;
  inEnterprise: boolean;
  isYoungIntellectual: boolean;
  provinceCode: string;
  /** Create only: an association to join at once, and the day. */
  associationId: string;
  joinedOn: string;
}

export function emptyMemberValues(provinceCode = ''): MemberValues {
  return {
    kind: 'INDIVIDUAL',
    fullName: '',
    academicTitle: '',
    degree: '',
    birthYear: '',
    email: '',
    phone: '',
    field: '',
    workplace: '',
    inEnterprise: false,
    isYoungIntellectual: false,
    provinceCode,
    associationId: '',
    joinedOn: todayLocalDate(),
  };
}

export function memberValuesOf(m: MemberRow): MemberValues {
  return {
    kind: m.kind,
    fullName: m.fullName ?? '',
    academicTitle: m.academicTitle ?? '',
    degree: m.degree ?? '',
    birthYear: m.birthYear === null ? '' : String(m.birthYear),
    email: m.email ?? '',
    phone: m.phone ?? '',
    field: m.field ?? '',
    workplace: m.workplace ?? '',
    inEnterprise: m.inEnterprise,
    isYoungIntellectual: m.isYoungIntellectual,
    provinceCode: m.province.code,
    associationId: '',
    joinedOn: todayLocalDate(),
  };
}

/** The API input of the values; a collective member carries no personal qualifications. */
export function memberInputOf(v: MemberValues): Omit<CreateMemberInput & UpdateMemberInput, 'id' | 'version'> {
  const individual = v.kind === 'INDIVIDUAL';
  return {
    kind: v.kind,
    fullName: v.fullName.trim(),
    academicTitle: individual && v.academicTitle ? v.academicTitle : null,
    degree: individual && v.degree ? v.degree : null,
    birthYear: individual ? optionalInt(v.birthYear) : null,
    email: optionalText(v.email),
    phone: optionalText(v.phone),
    field: optionalText(v.field),
    workplace: optionalText(v.workplace),
    inEnterprise: v.inEnterprise,
    isYoungIntellectual: individual && v.isYoungIntellectual,
  };
}

interface MemberFormProps {
  mode: 'create' | 'edit';
  initialValues: MemberValues;
  /** Provinces to choose from on create (successor provinces); null for one. */
  provinceChoices: Province[] | null;
  /** Associations to join at once (create only). */
  associations?: AssociationOption[];
  save(values: MemberValues): Promise<void>;
  onReload?(): Promise<void>;
  extraActions?: ReactNode;
}

/** Create/edit form of a member, with errors beside the fields and the version conflict above them. */
export function MemberForm({ mode, initialValues, provinceChoices, associations, save, onReload, extraActions }: MemberFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initialValues);
  const id = (name: string) => `member-${name}`;
  const { saving, failure, submit } = useRecordSubmit(save, id);
  const err = (...fields: string[]) => fieldErrorOf(failure, ...fields);
  const text = (name: 'fullName' | 'birthYear' | 'email' | 'phone' | 'field' | 'workplace' | 'joinedOn') => ({
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
  });
  const individual = values.kind === 'INDIVIDUAL';

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const local: FieldProblem[] = [];
    if (values.fullName.trim().length < 2) local.push({ field: 'fullName', constraint: 'length', message: t('members.nameRequired') });
    if (!isIntText(values.birthYear)) local.push({ field: 'birthYear', constraint: 'isInt', message: t('members.intInvalid') });
    if (mode === 'create' && values.associationId && !values.joinedOn) local.push({ field: 'joinedOn', constraint: 'required', message: t('members.dateRequired') });
    await submit(values, local);
  }

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="member-form">
      <SaveFailureAlert failure={failure} conflictText={t('members.conflict')} onReload={onReload ? () => void onReload() : undefined} />
      {mode === 'create' && provinceChoices && provinceChoices.length > 1 ? (
        <ProvinceField
          id={id('provinceCode')}
          label={t('members.field.province')}
          error={err('provinceCode')}
          provinces={provinceChoices}
          value={values.provinceCode}
          onChange={(code) => setValues((v) => ({ ...v, provinceCode: code, associationId: '' }))}
        />
      ) : null}
      <div className="form-grid">
        <FormField id={id('kind')} label={t('members.field.kind')} error={err('kind')}>
          {(a11y) => (
            <select {...a11y} value={values.kind} onChange={(e) => setValues((v) => ({ ...v, kind: e.target.value as MemberKind }))} data-testid="member-kind">
              {MEMBER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`members.kindName.${k}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={id('fullName')} label={t('members.field.fullName')} requiredLabel={t('form.required')} hint={t('members.field.fullNameHint')} error={err('fullName')}>
          {(a11y) => <input {...a11y} type="text" {...text('fullName')} maxLength={300} autoComplete="off" data-testid="member-full-name" />}
        </FormField>
        {individual ? (
          <>
            <FormField id={id('academicTitle')} label={t('members.field.academicTitle')} error={err('academicTitle')}>
              {(a11y) => (
                <select {...a11y} value={values.academicTitle} onChange={(e) => setValues((v) => ({ ...v, academicTitle: e.target.value as AcademicTitle | '' }))}>
                  <option value="">{t('members.field.none')}</option>
                  {ACADEMIC_TITLES.map((x) => (
                    <option key={x} value={x}>
                      {t(`members.titleName.${x}`)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id={id('degree')} label={t('members.field.degree')} error={err('degree')}>
              {(a11y) => (
                <select {...a11y} value={values.degree} onChange={(e) => setValues((v) => ({ ...v, degree: e.target.value as Degree | '' }))} data-testid="member-degree">
                  <option value="">{t('members.field.none')}</option>
                  {DEGREES.map((x) => (
                    <option key={x} value={x}>
                      {t(`members.degreeName.${x}`)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id={id('birthYear')} label={t('members.field.birthYear')} error={err('birthYear')}>
              {(a11y) => <input {...a11y} type="text" inputMode="numeric" {...text('birthYear')} maxLength={4} data-testid="member-birth-year" />}
            </FormField>
          </>
        ) : null}
        <FormField id={id('email')} label={t('members.field.email')} error={err('email')}>
          {(a11y) => <input {...a11y} type="email" {...text('email')} maxLength={200} autoComplete="off" data-testid="member-email" />}
        </FormField>
        <FormField id={id('phone')} label={t('members.field.phone')} error={err('phone')}>
          {(a11y) => <input {...a11y} type="text" inputMode="tel" {...text('phone')} maxLength={40} autoComplete="off" />}
        </FormField>
        <FormField id={id('field')} label={t('members.field.field')} error={err('field')}>
          {(a11y) => <input {...a11y} type="text" {...text('field')} maxLength={200} autoComplete="off" data-testid="member-field" />}
        </FormField>
        <FormField id={id('workplace')} label={t('members.field.workplace')} error={err('workplace')}>
          {(a11y) => <input {...a11y} type="text" {...text('workplace')} maxLength={300} autoComplete="off" data-testid="member-workplace" />}
        </FormField>
      </div>
      <div className="form-field">
        <label className="checkbox">
          <input type="checkbox" checked={values.inEnterprise} onChange={(e) => setValues((v) => ({ ...v, inEnterprise: e.target.checked }))} />
          {t('members.field.inEnterprise')}
        </label>
        {individual ? (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={values.isYoungIntellectual}
              onChange={(e) => setValues((v) => ({ ...v, isYoungIntellectual: e.target.checked }))}
              data-testid="member-young"
            />
            {t('members.field.isYoungIntellectual')}
          </label>
        ) : null}
      </div>
      {mode === 'create' && associations ? (
        <div className="form-grid">
          <FormField id={id('associationId')} label={t('members.field.firstAssociation')} hint={t('members.field.firstAssociationHint')} error={err('associationId')}>
            {(a11y) => (
              <select {...a11y} value={values.associationId} onChange={(e) => setValues((v) => ({ ...v, associationId: e.target.value }))} data-testid="member-association">
                <option value="">{t('members.field.none')}</option>
                {associations
                  .filter((a) => !values.provinceCode || a.province.code === values.provinceCode)
                  .map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
              </select>
            )}
          </FormField>
          {values.associationId ? (
            <FormField id={id('joinedOn')} label={t('members.field.joinedOn')} error={err('joinedOn')}>
              {(a11y) => <input {...a11y} type="date" {...text('joinedOn')} max={todayLocalDate()} />}
            </FormField>
          ) : null}
        </div>
      ) : null}
      <FormActions
        saving={saving}
        saveLabel={t('members.save')}
        savingLabel={t('members.saving')}
        saveTestId="save-member"
        cancelTo="/members"
        cancelLabel={t('members.cancel')}
        extraActions={extraActions}
      />
    </form>
  );
}
