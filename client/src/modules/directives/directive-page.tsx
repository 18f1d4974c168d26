import { useState, type ReactNode } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatLocalDate } from '../../common/formatters';
import { usePageTitle } from '../../common/use-page-title';
import { useRecordQuery } from '../../common/use-record-query';
import { Alert } from '../../common/ui/alert';
import { DeleteConfirmDialog, DeleteFailureAlert, useConfirmedDelete } from '../../common/ui/delete-record';
import { BackLink, RecordPageBody } from '../../common/ui/record-page';
import { AuditHistory } from '../audit/audit-history';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { DirectiveForm } from './directive-form';
import { directiveInputOf, directiveValuesOf, emptyDirectiveValues, type DirectiveValues } from './directive-form-values';
import { CREATE_DIRECTIVE, DELETE_DIRECTIVE, DIRECTIVE, forgetDirectiveLists, UPDATE_DIRECTIVE, type Directive } from './directive-operations';
import type { DirectiveFlash } from './directives-page';
import { DirectiveTasks } from './directive-tasks';

/** Shown once on the document's page after it was created or saved. */
interface SavedState {
  saved?: { kind: 'created' | 'updated'; name: string };
}

/** /directives/new: the form for a new document; then on to its page to add tasks. */
export function DirectiveCreatePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const scope = useProvinceScope(user);
  const client = useApolloClient();
  const navigate = useNavigate();
  const [create] = useMutation(CREATE_DIRECTIVE);
  usePageTitle(t('directives.form.createTitle'));
  const home = user.province?.code ?? '';

  async function save(values: DirectiveValues) {
    const { data } = await create({
      variables: { input: { ...directiveInputOf(values), provinceCode: values.provinceCode && values.provinceCode !== home ? values.provinceCode : null } },
    });
    const created = data?.createDirective;
    if (!created) return;
    forgetDirectiveLists(client.cache);
    const state: SavedState = { saved: { kind: 'created', name: created.numberSymbol } };
    await navigate(`/directives/${created.id}`, { state });
  }

  return (
    <section className="page narrow-page">
      <BackLink to="/directives" label={t('directives.form.backToList')} />
      <h1>{t('directives.form.createTitle')}</h1>
      {canWriteProvinceData(user.role) ? (
        <DirectiveForm mode="create" initialValues={emptyDirectiveValues(home)} provinceChoices={scope.provinces.length > 1 ? scope.provinces : null} save={save} />
      ) : (
        <Alert tone="warning">{t('directives.form.noCreateRight')}</Alert>
      )}
    </section>
  );
}

/** /directives/:id: the document (form for writers, details for readers), its tasks with their progress, and its history. */
export function DirectivePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const page = useRecordQuery(DIRECTIVE, 'directive', id, 'cache-and-network');
  const { record } = page;
  usePageTitle(record?.numberSymbol ?? t('directives.form.viewTitle'));

  const body = (
    <RecordPageBody
      page={page}
      title={t('directives.form.viewTitle')}
      notFoundTestId="directive-not-found"
      notFoundText={t('directives.form.notFound')}
      loadingLabel={t('directives.form.loadingRecord')}
      render={(r) => r && <RecordView record={r} reload={page.reload} />}
    />
  );

  return (
    <section className="page directive-page">
      <BackLink to="/directives" label={t('directives.form.backToList')} />
      {body}
    </section>
  );
}

function RecordView({ record, reload }: { record: Directive; reload(): Promise<void> }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const scope = useProvinceScope(user);
  const canWrite = canWriteProvinceData(user.role);
  const client = useApolloClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [update] = useMutation(UPDATE_DIRECTIVE);
  const [remove, { loading: deleting }] = useMutation(DELETE_DIRECTIVE);
  const [notice, setNotice] = useState<string | null>(() => {
    const saved = (location.state as SavedState | null)?.saved;
    return saved?.kind === 'created' ? t('directives.form.created', { name: saved.name }) : null;
  });

  async function save(values: DirectiveValues) {
    await update({ variables: { input: { ...directiveInputOf(values), id: record.id, version: record.version } } });
    forgetDirectiveLists(client.cache);
    setNotice(t('directives.form.saved'));
  }

  async function reloadLatest() {
    deletion.clearError();
    await reload();
    setNotice(t('directives.form.reloaded'));
  }

  const deletion = useConfirmedDelete(
    async () => {
      await remove({ variables: { input: { id: record.id, version: record.version } } });
      forgetDirectiveLists(client.cache);
    },
    async () => {
      const flash: DirectiveFlash = { flash: { kind: 'deleted', name: record.numberSymbol } };
      await navigate('/directives', { state: flash });
    },
  );

  return (
    <>
      <p className="page-kicker">
        {t(`directives.docType.${record.docType}`)} · {t(`directives.system.${record.system}`)}
      </p>
      <h1 data-testid="directive-heading">
        {record.numberSymbol}
        {record.number === null ? ` · ${t('directives.draft')}` : ''}
      </h1>
      <p className="page-intro">{record.subject}</p>
      <p className="muted">
        {scope.multiProvince ? `${record.province.name} · ` : ''}
        {record.issuedOn ? `${formatLocalDate(record.issuedOn)} · ` : ''}
        {t('directives.form.lastUpdated', { date: formatDateTime(record.updatedAt) })}
      </p>

      {notice ? (
        <Alert tone="success" testId="directive-notice">
          {notice}
        </Alert>
      ) : null}
      <DeleteFailureAlert
        error={deletion.error}
        onReload={() => void reloadLatest()}
        texts={{
          conflict: t('directives.form.conflict'),
          reload: t('directives.form.reload'),
          failed: t('directives.form.deleteFailed'),
          gone: t('directives.form.gone'),
        }}
      />

      {canWrite ? (
        <details className="panel directive-details">
          <summary>
            <strong>{t('directives.form.editTitle')}</strong>
          </summary>
          <DirectiveForm
            key={`${record.id}:${record.version}`}
            mode="edit"
            selfId={record.id}
            initialValues={directiveValuesOf(record)}
            provinceChoices={null}
            save={save}
            onReload={reloadLatest}
            extraActions={
              <button type="button" className="button button-danger-outline" onClick={deletion.ask} data-testid="delete-directive">
                {t('directives.form.delete')}
              </button>
            }
          />
        </details>
      ) : (
        <>
          <Alert tone="info">{t('directives.form.readOnlyNotice')}</Alert>
          <DirectiveDetails record={record} />
        </>
      )}

      <DirectiveTasks directive={record} canWrite={canWrite} onChanged={reload} />

      <AuditHistory entityType="Directive" entityId={record.id} />

      <DeleteConfirmDialog
        flow={deletion}
        title={t('directives.form.confirmDeleteTitle')}
        deleting={deleting}
        labels={{ confirm: t('directives.form.confirmDelete'), deleting: t('directives.form.deleting'), cancel: t('directives.form.cancel') }}
      >
        <p>{t('directives.form.confirmDeleteBody', { name: record.numberSymbol })}</p>
      </DeleteConfirmDialog>
    </>
  );
}

/** The document's fields, read only. */
function DirectiveDetails({ record }: { record: Directive }) {
  const { t } = useTranslation();
  const none = <span className="muted">{t('directives.form.notProvided')}</span>;
  const rows: Array<[string, ReactNode]> = [
    [t('directives.form.issuer'), record.issuer.name],
    [t('directives.form.issuedOn'), record.issuedOn ? formatLocalDate(record.issuedOn) : none],
    [t('directives.form.signer'), record.signer ?? none],
    [t('directives.form.partyTerm'), record.partyTerm ?? none],
    [t('directives.form.recipients'), record.recipients.length ? record.recipients.join('; ') : none],
    [t('directives.form.summary'), record.summary ? <span className="pre-line">{record.summary}</span> : none],
    [
      t('directives.form.citedDirectives'),
      record.citedDirectives.length ? (
        <ul className="inline-items">
          {record.citedDirectives.map((c) => (
            <li key={c.id}>
              <Link to={`/directives/${c.id}`}>{c.numberSymbol}</Link>
            </li>
          ))}
        </ul>
      ) : (
        none
      ),
    ],
    [t('directives.form.citedReferences'), record.citedReferences.length ? record.citedReferences.map((c) => c.numberSymbol).join('; ') : none],
  ];
  return (
    <dl className="details" data-testid="directive-details">
      {rows.map(([label, value]) => (
        <div className="details-row" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
