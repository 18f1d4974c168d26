import { useState, type FormEvent, type ReactNode } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/formatters';
import { usePageTitle } from '../../common/use-page-title';
import { useRecordQuery } from '../../common/use-record-query';
import { Alert } from '../../common/ui/alert';
import { DeleteConfirmDialog, DeleteErrorAlert, useConfirmedDelete } from '../../common/ui/delete-record';
import { FormField } from '../../common/ui/form-field';
import { BackLink, RecordPageBody } from '../../common/ui/record-page';
import { optionalText } from '../../common/form-text';
import { useReturnPath, type RecordFlash } from '../../common/record-navigation';
import { DetailList } from '../../common/ui/detail-list';
import { fieldErrorOf, SaveFailureAlert, useRecordSubmit } from '../../common/ui/save-failure';
import type { FieldProblem } from '../../common/graphql-errors';
import { FormActions } from '../../common/ui/form-actions';
import { ProvinceField } from '../../common/ui/province-field';
import { AuditHistory } from '../audit/audit-history';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { AGENCY, AGENCY_KINDS, CREATE_AGENCY, DELETE_AGENCY, forgetAgencyLists, UPDATE_AGENCY, type AgencyKind, type AgencyRow } from './agencies-operations';
import { useAgencyOptions } from './use-agency-options';

interface AgencyValues {
  name: string;
  shortName: string;
  kind: AgencyKind;
  parentId: string;
  provinceCode: string;
}

/** /agencies/new and /agencies/:id: the form for writers, the details for readers, the history for admins. */
export function AgencyEditPage() {
  const back = useReturnPath('/agencies');
  const { id } = useParams();
  const { t } = useTranslation();
  const page = useRecordQuery(AGENCY, 'agency', id ?? null);
  const { record } = page;
  const creating = page.status === 'new';
  usePageTitle(creating ? t('agencies.createTitle') : (record?.name ?? t('agencies.viewTitle')));

  const body = (
    <RecordPageBody
      page={page}
      title={t('agencies.viewTitle')}
      notFoundTestId="agency-not-found"
      notFoundText={t('agencies.notFound')}
      loadingLabel={t('agencies.loadingRecord')}
      render={(r) => (r ? <AgencyView key={r.id} record={r} reload={page.reload} /> : <AgencyView record={null} reload={async () => undefined} />)}
    />
  );

  return (
    <section className="page narrow-page">
      <BackLink to={back} label={t('agencies.backToList')} />
      {body}
    </section>
  );
}

function AgencyView({ record, reload }: { record: AgencyRow | null; reload(): Promise<void> }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const scope = useProvinceScope(user);
  const canWrite = canWriteProvinceData(user.role);
  const client = useApolloClient();
  const navigate = useNavigate();
  const backTo = useReturnPath('/agencies');
  const [create] = useMutation(CREATE_AGENCY);
  const [update] = useMutation(UPDATE_AGENCY);
  const [remove, { loading: deleting }] = useMutation(DELETE_AGENCY);

  async function save(values: AgencyValues) {
    const fields = { name: values.name.trim(), shortName: optionalText(values.shortName), kind: values.kind, parentId: values.parentId || null };
    if (record) {
      const { data } = await update({ variables: { input: { ...fields, id: record.id, version: record.version } } });
      forgetAgencyLists(client.cache);
      await navigate(backTo, { state: { flash: t('agencies.updated', { name: data?.updateAgency.name ?? fields.name }) } satisfies RecordFlash });
    } else {
      const { data } = await create({ variables: { input: { ...fields, provinceCode: scope.multiProvince && values.provinceCode ? values.provinceCode : null } } });
      forgetAgencyLists(client.cache);
      await navigate(backTo, { state: { flash: t('agencies.created', { name: data?.createAgency.name ?? fields.name }) } satisfies RecordFlash });
    }
  }

  const deletion = useConfirmedDelete(
    async () => {
      if (!record) return;
      await remove({ variables: { input: { id: record.id, version: record.version } } });
      forgetAgencyLists(client.cache);
    },
    async () => {
      if (record) await navigate(backTo, { state: { flash: t('agencies.deleted', { name: record.name }) } satisfies RecordFlash });
    },
  );

  if (!record && !canWrite) return <Alert tone="warning">{t('form.readOnlyNotice')}</Alert>;

  return (
    <>
      <p className="page-kicker">{!record ? '' : canWrite ? t('agencies.editTitle') : t('agencies.viewTitle')}</p>
      <h1>{record ? record.name : t('agencies.createTitle')}</h1>
      {record ? <p className="muted">{t('form.lastUpdated', { date: formatDateTime(record.updatedAt) })}</p> : null}
      <DeleteErrorAlert error={deletion.error} conflictText={t('agencies.conflict')} />
      {canWrite ? (
        <AgencyForm
          key={record ? `${record.id}:${record.version}` : 'new'}
          record={record}
          provinceChoices={!record && scope.multiProvince ? scope.provinces : null}
          defaultProvince={user.province?.code ?? ''}
          save={save}
          onReload={record ? reload : undefined}
          extraActions={
            record ? (
              <button type="button" className="button button-danger-outline" onClick={deletion.ask} data-testid="delete-agency">
                {t('agencies.delete')}
              </button>
            ) : null
          }
        />
      ) : record ? (
        <>
          <Alert tone="info">{t('form.readOnlyNotice')}</Alert>
          <DetailList
            testId="agency-details"
            rows={[
              [t('agencies.column.shortName'), record.shortName],
              [t('agencies.column.kind'), t(`agencies.kindName.${record.kind}`)],
              [t('agencies.column.parent'), record.parent?.name],
              [t('agencies.column.province'), record.province.name],
            ]}
          />
        </>
      ) : null}
      {record && record.children.length > 0 ? (
        <section className="panel" aria-labelledby="agency-children">
          <h2 id="agency-children">{t('agencies.children')}</h2>
          <ul>
            {record.children.map((c) => (
              <li key={c.id}>
                <Link to={`/agencies/${c.id}`}>{c.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {record ? (
        <>
          <DeleteConfirmDialog flow={deletion} title={t('agencies.confirmDeleteTitle')} deleting={deleting}>
            <p>{t('agencies.confirmDeleteBody', { name: record.name })}</p>
          </DeleteConfirmDialog>
          <AuditHistory key={record.version} entityType="Agency" entityId={record.id} />
        </>
      ) : null}
    </>
  );
}

function AgencyForm({
  record,
  provinceChoices,
  defaultProvince,
  save,
  onReload,
  extraActions,
}: {
  record: AgencyRow | null;
  provinceChoices: Array<{ code: string; name: string }> | null;
  defaultProvince: string;
  save(values: AgencyValues): Promise<void>;
  onReload?(): Promise<void>;
  extraActions: ReactNode;
}) {
  const { t } = useTranslation();
  const options = useAgencyOptions();
  const [values, setValues] = useState<AgencyValues>({
    name: record?.name ?? '',
    shortName: record?.shortName ?? '',
    kind: record?.kind ?? 'DEPARTMENT',
    parentId: record?.parent?.id ?? '',
    provinceCode: record?.province.code ?? defaultProvince,
  });
  const { saving, failure, submit } = useRecordSubmit(save, (field) => `agency-${field}`);
  const err = (...f: string[]) => fieldErrorOf(failure, ...f);
  const province = record?.province.code ?? values.provinceCode;
  const parents = options.filter((o) => o.id !== record?.id && (!province || o.province.code === province));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const local: FieldProblem[] = values.name.trim().length < 2 ? [{ field: 'name', constraint: 'length', message: t('agencies.nameRequired') }] : [];
    await submit(values, local);
  }

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="agency-form">
      <SaveFailureAlert failure={failure} conflictText={t('agencies.conflict')} onReload={onReload ? () => void onReload() : undefined} />
      {provinceChoices && provinceChoices.length > 1 ? (
        <ProvinceField
          id="agency-province-code"
          label={t('agencies.field.province')}
          error={err('provinceCode')}
          provinces={provinceChoices}
          value={values.provinceCode}
          onChange={(code) => setValues((v) => ({ ...v, provinceCode: code, parentId: '' }))}
        />
      ) : null}
      <FormField id="agency-name" label={t('agencies.field.name')} requiredLabel={t('form.required')} hint={t('agencies.field.nameHint')} error={err('name')} className="form-field-wide">
        {(a11y) => (
          <input {...a11y} type="text" value={values.name} maxLength={300} autoComplete="off" onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))} data-testid="agency-name" />
        )}
      </FormField>
      <div className="form-grid">
        <FormField id="agency-short-name" label={t('agencies.field.shortName')} hint={t('agencies.field.shortNameHint')} error={err('shortName')}>
          {(a11y) => (
            <input {...a11y} type="text" value={values.shortName} maxLength={60} autoComplete="off" onChange={(e) => setValues((v) => ({ ...v, shortName: e.target.value }))} data-testid="agency-short-name" />
          )}
        </FormField>
        <FormField id="agency-kind-field" label={t('agencies.field.kind')} error={err('kind')}>
          {(a11y) => (
            <select {...a11y} value={values.kind} onChange={(e) => setValues((v) => ({ ...v, kind: e.target.value as AgencyKind }))} data-testid="agency-kind">
              {AGENCY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`agencies.kindName.${k}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="agency-parent" label={t('agencies.field.parent')} error={err('parentId')}>
          {(a11y) => (
            <select {...a11y} value={values.parentId} onChange={(e) => setValues((v) => ({ ...v, parentId: e.target.value }))} data-testid="agency-parent">
              <option value="">{t('agencies.field.noParent')}</option>
              {parents.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <FormActions
        saving={saving}
        saveLabel={t('members.save')}
        savingLabel={t('members.saving')}
        saveTestId="save-agency"
        cancelTo="/agencies"
        cancelLabel={t('members.cancel')}
        extraActions={extraActions}
      />
    </form>
  );
}
