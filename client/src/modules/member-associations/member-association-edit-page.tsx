import { useState, type ReactNode } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../common/graphql-errors';
import { formatDateTime } from '../../common/formatters';
import { usePageTitle } from '../../common/use-page-title';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { ConfirmDialog } from '../../common/ui/confirm-dialog';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /associations/:id: the edit form for writers, the details for readers. */
export function MemberAssociationEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const backTo = useListReturnPath();
  const validId = UUID.test(id);
  const { data, error, refetch } = useQuery(MEMBER_ASSOCIATION, {
    variables: { id },
    fetchPolicy: 'network-only',
    skip: !validId,
  });
  const record = data?.memberAssociation ?? null;
  usePageTitle(record?.name ?? t('form.viewTitle'));

  let body: ReactNode;
  if (!validId || (data && !record)) {
    body = (
      <>
        <h1>{t('form.viewTitle')}</h1>
        <Alert tone="warning" testId="association-not-found">
          {t('form.notFound')}
        </Alert>
      </>
    );
  } else if (!data && error) {
    body = (
      <>
        <h1>{t('form.viewTitle')}</h1>
        <Alert
          tone="error"
          actions={
            <button type="button" className="button button-primary" onClick={() => void refetch()}>
              {t('errors.retry')}
            </button>
          }
        >
          {errorText(error)}
        </Alert>
      </>
    );
  } else if (!record) {
    body = <LoadingIndicator label={t('form.loadingRecord')} />;
  } else {
    body = <RecordView record={record} reload={async () => void (await refetch())} backTo={backTo} />;
  }

  return (
    <section className="page narrow-page">
      <p className="back-link">
        <Link to={backTo}>
          <span aria-hidden="true">← </span>
          {t('form.backToList')}
        </Link>
      </p>
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
  const errorText = useErrorText();
  const [update] = useMutation(UPDATE_MEMBER_ASSOCIATION);
  const [remove, { loading: deleting }] = useMutation(DELETE_MEMBER_ASSOCIATION);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const [reloaded, setReloaded] = useState(false);

  async function save(values: FormValues) {
    const { data } = await update({ variables: { input: { ...inputOf(values), id: record.id, version: record.version } } });
    forgetAssociationLists(client.cache);
    const flash: ListFlash = { flash: { kind: 'updated', name: data?.updateMemberAssociation.name ?? values.name.trim() } };
    await navigate(backTo, { state: flash });
  }

  async function reloadLatest() {
    setDeleteError(null);
    await reload();
    setReloaded(true);
  }

  async function confirmDelete() {
    try {
      await remove({ variables: { input: { id: record.id, version: record.version } } });
      forgetAssociationLists(client.cache);
      const flash: ListFlash = { flash: { kind: 'deleted', name: record.name } };
      setConfirming(false);
      await navigate(backTo, { state: flash });
    } catch (err) {
      setConfirming(false);
      setDeleteError(err);
    }
  }

  const deleteCode = deleteError ? errorCodeOf(deleteError) : undefined;

  return (
    <>
      <p className="page-kicker">{canWrite ? t('form.editTitle') : t('form.viewTitle')}</p>
      <h1>{record.name}</h1>
      <p className="muted">
        {scope.multiProvince ? `${record.province.name} · ` : ''}
        {t('form.lastUpdated', { date: formatDateTime(record.updatedAt) })}
      </p>

      {reloaded ? <Alert tone="info">{t('form.reloaded')}</Alert> : null}
      {deleteError ? (
        deleteCode === 'CONFLICT' ? (
          <Alert
            tone="warning"
            title={t('form.conflict')}
            focusOnMount
            actions={
              <button type="button" className="button button-primary" onClick={() => void reloadLatest()}>
                {t('form.reload')}
              </button>
            }
          />
        ) : (
          <Alert tone="error" title={t('form.deleteFailed')} focusOnMount>
            {deleteCode === 'NOT_FOUND' ? t('form.gone') : errorText(deleteError)}
          </Alert>
        )
      ) : null}

      {canWrite ? (
        <MemberAssociationForm
          key={`${record.id}:${record.version}`}
          mode="edit"
          initialValues={valuesOf(record)}
          provinceChoices={null}
          save={save}
          onReload={reloadLatest}
          extraActions={
            <button type="button" className="button button-danger-outline" onClick={() => setConfirming(true)} data-testid="delete-association">
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

      <ConfirmDialog
        open={confirming}
        title={t('form.confirmDeleteTitle')}
        confirmLabel={deleting ? t('form.deleting') : t('form.confirmDelete')}
        cancelLabel={t('form.cancel')}
        danger
        busy={deleting}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('form.confirmDeleteBody', { name: record.name })}</p>
      </ConfirmDialog>

      <AuditHistory key={record.version} entityType="MemberAssociation" entityId={record.id} />
    </>
  );
}
