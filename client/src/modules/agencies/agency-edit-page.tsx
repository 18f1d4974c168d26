import { useState, type FormEvent, type ReactNode } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/formatters';
import { errorCodeOf } from '../../common/graphql-errors';
import { usePageTitle } from '../../common/use-page-title';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { ConfirmDialog } from '../../common/ui/confirm-dialog';
import { FormField } from '../../common/ui/form-field';
import { LoadError } from '../../common/ui/load-error';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { AuditHistory } from '../audit/audit-history';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import type { RecordFlash } from '../members/members-page';
import { DetailList, fieldErrorOf, optionalText, SaveFailureAlert, saveFailureOf, type SaveFailure, useReturnPath } from '../members/record-list';
import { AGENCY, AGENCY_KINDS, CREATE_AGENCY, DELETE_AGENCY, forgetAgencyLists, UPDATE_AGENCY, type AgencyKind, type AgencyRow } from './agencies-operations';
import { useAgencyOptions } from './use-agency-options';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  const creating = id === undefined;
  const valid = creating || UUID.test(id);
  const { data, error, refetch } = useQuery(AGENCY, { variables: { id: id ?? '' }, fetchPolicy: 'network-only', skip: creating || !valid });
  const record = data?.agency ?? null;
  usePageTitle(creating ? t('agencies.createTitle') : (record?.name ?? t('agencies.viewTitle')));

  let body: ReactNode;
  if (creating) body = <AgencyView record={null} reload={async () => undefined} />;
  else if (!valid || (data && !record))
    body = (
      <>
        <h1>{t('agencies.viewTitle')}</h1>
        <Alert tone="warning" testId="agency-not-found">
          {t('agencies.notFound')}
        </Alert>
      </>
    );
  else if (!data && error) body = <LoadError title={t('agencies.viewTitle')} error={error} onRetry={() => void refetch()} />;
  else if (!record) body = <LoadingIndicator label={t('agencies.loadingRecord')} />;
  else body = <AgencyView key={record.id} record={record} reload={async () => void (await refetch())} />;

  return (
    <section className="page narrow-page">
      <p className="back-link">
        <Link to={back}>
          <span aria-hidden="true">← </span>
          {t('agencies.backToList')}
        </Link>
      </p>
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
  const errorText = useErrorText();
  const backTo = useReturnPath('/agencies');
  const [create] = useMutation(CREATE_AGENCY);
  const [update] = useMutation(UPDATE_AGENCY);
  const [remove, { loading: deleting }] = useMutation(DELETE_AGENCY);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);

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

  async function confirmDelete() {
    if (!record) return;
    try {
      await remove({ variables: { input: { id: record.id, version: record.version } } });
      forgetAgencyLists(client.cache);
      setConfirming(false);
      await navigate(backTo, { state: { flash: t('agencies.deleted', { name: record.name }) } satisfies RecordFlash });
    } catch (err) {
      setConfirming(false);
      setDeleteError(err);
    }
  }

  if (!record && !canWrite) return <Alert tone="warning">{t('form.readOnlyNotice')}</Alert>;

  return (
    <>
      <p className="page-kicker">{!record ? '' : canWrite ? t('agencies.editTitle') : t('agencies.viewTitle')}</p>
      <h1>{record ? record.name : t('agencies.createTitle')}</h1>
      {record ? <p className="muted">{t('form.lastUpdated', { date: formatDateTime(record.updatedAt) })}</p> : null}
      {deleteError ? (
        <Alert tone={errorCodeOf(deleteError) === 'CONFLICT' ? 'warning' : 'error'} title={t('form.deleteFailed')} focusOnMount testId="delete-error">
          {errorCodeOf(deleteError) === 'CONFLICT' ? t('agencies.conflict') : errorText(deleteError)}
        </Alert>
      ) : null}
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
              <button type="button" className="button button-danger-outline" onClick={() => setConfirming(true)} data-testid="delete-agency">
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
          <ConfirmDialog
            open={confirming}
            title={t('agencies.confirmDeleteTitle')}
            confirmLabel={deleting ? t('form.deleting') : t('form.confirmDelete')}
            cancelLabel={t('form.cancel')}
            danger
            busy={deleting}
            onConfirm={() => void confirmDelete()}
            onCancel={() => setConfirming(false)}
          >
            <p>{t('agencies.confirmDeleteBody', { name: record.name })}</p>
          </ConfirmDialog>
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
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const err = (...f: string[]) => fieldErrorOf(failure, ...f);
  const province = record?.province.code ?? values.provinceCode;
  const parents = options.filter((o) => o.id !== record?.id && (!province || o.province.code === province));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (values.name.trim().length < 2) {
      setFailure({ kind: 'fields', problems: [{ field: 'name', constraint: 'length', message: t('agencies.nameRequired') }] });
      document.getElementById('agency-name')?.focus();
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      await save(values);
    } catch (error) {
      setFailure(saveFailureOf(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="agency-form">
      <SaveFailureAlert failure={failure} conflictText={t('agencies.conflict')} onReload={onReload ? () => void onReload() : undefined} />
      {provinceChoices && provinceChoices.length > 1 ? (
        <FormField id="agency-province-code" label={t('agencies.field.province')} error={err('provinceCode')}>
          {(a11y) => (
            <select {...a11y} value={values.provinceCode} onChange={(e) => setValues((v) => ({ ...v, provinceCode: e.target.value, parentId: '' }))}>
              {provinceChoices.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
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
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="save-agency">
          {saving ? t('members.saving') : t('members.save')}
        </button>
        <Link to="/agencies" className="button button-secondary">
          {t('members.cancel')}
        </Link>
        {extraActions ? <div className="form-actions-end">{extraActions}</div> : null}
      </div>
    </form>
  );
}
