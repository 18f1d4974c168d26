import { useState } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/formatters';
import { usePageTitle } from '../../common/use-page-title';
import { useRecordQuery } from '../../common/use-record-query';
import { Alert } from '../../common/ui/alert';
import { DeleteConfirmDialog, DeleteFailureAlert, useConfirmedDelete } from '../../common/ui/delete-record';
import { BackLink, RecordPageBody } from '../../common/ui/record-page';
import { AuditHistory } from '../audit/audit-history';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { inputOf, valuesOf, type FormValues } from './form-values';
import { useListReturnPath } from './list-return';
import { MemberAssociationDetails } from './member-association-details';
import { MemberAssociationForm } from './member-association-form';
import {
  DELETE_MEMBER_ASSOCIATION,
  forgetAssociationLists,
  MEMBER_ASSOCIATION,
  UPDATE_MEMBER_ASSOCIATION,
  type MemberAssociation,
} from './member-association-operations';
import type { ListFlash } from './member-associations-page';
import { useProvinceScope } from './use-province-scope';

/** /associations/:id: the edit form for writers, the details for readers. */
export function MemberAssociationEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const backTo = useListReturnPath();
  const page = useRecordQuery(MEMBER_ASSOCIATION, 'memberAssociation', id);
  const { record } = page;
  usePageTitle(record?.name ?? t('form.viewTitle'));

  const body = (
    <RecordPageBody
      page={page}
      title={t('form.viewTitle')}
      notFoundTestId="association-not-found"
      notFoundText={t('form.notFound')}
      loadingLabel={t('form.loadingRecord')}
      render={(r) => r && <RecordView record={r} reload={page.reload} backTo={backTo} />}
    />
  );

  return (
    <section className="page narrow-page">
      <BackLink to={backTo} label={t('form.backToList')} />
      {body}
    </section>
  );
}

function RecordView({ record, reload, backTo }: { record: MemberAssociation; reload(): Promise<void>; backTo: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const scope = useProvinceScope(user);
  const canWrite = canWriteProvinceData(user.role);
  const client = useApolloClient();
  const navigate = useNavigate();
  const [update] = useMutation(UPDATE_MEMBER_ASSOCIATION);
  const [remove, { loading: deleting }] = useMutation(DELETE_MEMBER_ASSOCIATION);
  const [reloaded, setReloaded] = useState(false);

  async function save(values: FormValues) {
    const { data } = await update({ variables: { input: { ...inputOf(values), id: record.id, version: record.version } } });
    forgetAssociationLists(client.cache);
    const flash: ListFlash = { flash: { kind: 'updated', name: data?.updateMemberAssociation.name ?? values.name.trim() } };
    await navigate(backTo, { state: flash });
  }

  async function reloadLatest() {
    deletion.clearError();
    await reload();
    setReloaded(true);
  }

  const deletion = useConfirmedDelete(
    async () => {
      await remove({ variables: { input: { id: record.id, version: record.version } } });
      forgetAssociationLists(client.cache);
    },
    async () => {
      const flash: ListFlash = { flash: { kind: 'deleted', name: record.name } };
      await navigate(backTo, { state: flash });
    },
  );

  return (
    <>
      <p className="page-kicker">{canWrite ? t('form.editTitle') : t('form.viewTitle')}</p>
      <h1>{record.name}</h1>
      <p className="muted">
        {scope.multiProvince ? `${record.province.name} · ` : ''}
        {t('form.lastUpdated', { date: formatDateTime(record.updatedAt) })}
      </p>

      {reloaded ? <Alert tone="info">{t('form.reloaded')}</Alert> : null}
      <DeleteFailureAlert
        error={deletion.error}
        onReload={() => void reloadLatest()}
        texts={{ conflict: t('form.conflict'), reload: t('form.reload'), failed: t('form.deleteFailed'), gone: t('form.gone') }}
      />

      {canWrite ? (
        <MemberAssociationForm
          key={`${record.id}:${record.version}`}
          mode="edit"
          initialValues={valuesOf(record)}
          provinceChoices={null}
          save={save}
          onReload={reloadLatest}
          extraActions={
            <button type="button" className="button button-danger-outline" onClick={deletion.ask} data-testid="delete-association">
              {t('form.delete')}
            </button>
          }
        />
      ) : (
        <>
          <Alert tone="info">{t('form.readOnlyNotice')}</Alert>
          <MemberAssociationDetails record={record} showProvince={scope.multiProvince} />
        </>
      )}

      <DeleteConfirmDialog flow={deletion} title={t('form.confirmDeleteTitle')} deleting={deleting}>
        <p>{t('form.confirmDeleteBody', { name: record.name })}</p>
      </DeleteConfirmDialog>

      <AuditHistory key={record.version} entityType="MemberAssociation" entityId={record.id} />
    </>
  );
}
