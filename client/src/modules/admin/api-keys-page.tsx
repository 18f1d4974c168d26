import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ExportButtons } from '../../common/export/export-buttons';
import { exportRows, type ExportColumn } from '../../common/export/list-export';
import { formatDateTime } from '../../common/formatters';
import { errorCodeOf, fieldProblemsOf } from '../../common/graphql-errors';
import { usePageTitle } from '../../common/use-page-title';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { ConfirmDialog } from '../../common/ui/confirm-dialog';
import { DataTable, columnsOf } from '../../common/ui/data-table';
import { FormField } from '../../common/ui/form-field';
import { LoadError } from '../../common/ui/load-error';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { useCurrentUser } from '../auth/current-user-context';
import { NotFoundPage } from '../../app/not-found-page';
import { API_KEYS, CREATE_API_KEY, REVOKE_API_KEY, type ApiKey, type ApiKeyScope } from './admin-operations';
import { OneTimeSecret } from './copy-button';

const NAME_MAX = 100;

/** /api-keys: keys for machine access, for province administrators and ministry analysts. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  usePageTitle(t('apiKeys.title'));
  if (user.role !== 'PROVINCE_ADMIN' && user.role !== 'MINISTRY_ANALYST') return <NotFoundPage />;
  const ministry = user.role === 'MINISTRY_ANALYST';
  return (
    <section className="page api-keys-page" data-testid="api-keys-page">
      <div className="page-header">
        <div>
          <h1>{t('apiKeys.title')}</h1>
          <p className="page-intro">{ministry ? t('apiKeys.ministryIntro') : t('apiKeys.provinceIntro', { province: user.province?.name ?? '' })}</p>
        </div>
      </div>
      <ApiKeysBody ministry={ministry} />
    </section>
  );
}

function ApiKeysBody({ ministry }: { ministry: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, loading, error, refetch } = useQuery(API_KEYS, { fetchPolicy: 'cache-and-network' });
  const [createKey, { loading: creating }] = useMutation(CREATE_API_KEY);
  const [revokeKey, { loading: revoking }] = useMutation(REVOKE_API_KEY);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiKeyScope>('READ_ONLY');
  const [nameError, setNameError] = useState('');
  const [createError, setCreateError] = useState<unknown>(null);
  const [created, setCreated] = useState<{ key: string; apiKey: ApiKey } | null>(null);
  const [revoking1, setRevoking1] = useState<ApiKey | null>(null);
  const [revokeError, setRevokeError] = useState<unknown>(null);
  const [flash, setFlash] = useState('');

  const onCreate = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    setCreateError(null);
    setFlash('');
    if (trimmed.length < 1 || trimmed.length > NAME_MAX) {
      setNameError(t('apiKeys.nameInvalid', { max: NAME_MAX }));
      document.getElementById('api-key-name')?.focus();
      return;
    }
    setNameError('');
    try {
      const result = await createKey({ variables: { input: { name: trimmed, scope: ministry ? 'READ_ONLY' : scope } } });
      if (result.data) setCreated(result.data.createApiKey);
      setName('');
      await refetch();
    } catch (err) {
      const problem = fieldProblemsOf(err).find((p) => p.field === 'name');
      if (problem) {
        setNameError(t('apiKeys.nameInvalid', { max: NAME_MAX }));
        document.getElementById('api-key-name')?.focus();
      } else setCreateError(err);
    }
  };

  const onRevoke = async () => {
    if (!revoking1) return;
    setRevokeError(null);
    setFlash('');
    try {
      await revokeKey({ variables: { input: { id: revoking1.id } } });
      setFlash(t('apiKeys.revoked', { name: revoking1.name }));
      setRevoking1(null);
      await refetch();
    } catch (err) {
      setRevokeError(err);
      setRevoking1(null);
    }
  };

  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const curl = created
    ? `curl -X POST ${origin}/graphql \\\n  -H 'Authorization: Bearer ${created.key}' \\\n  -H 'Content-Type: application/json' \\\n  -d '{"query":"{ memberAssociations { totalCount } }"}'`
    : '';

  const keys = data?.apiKeys ?? [];
  const exportColumns: ExportColumn<ApiKey>[] = [
    { header: t('apiKeys.column.name'), value: (k) => k.name },
    { header: t('apiKeys.column.prefix'), value: (k) => k.prefix },
    { header: t('apiKeys.column.scope'), value: (k) => t(`apiKeys.scope.${k.scope}`) },
    { header: t('apiKeys.column.province'), value: (k) => (k.province ? k.province.name : t('apiKeys.ministryWide')) },
    { header: t('apiKeys.column.createdAt'), value: (k) => formatDateTime(k.createdAt) },
    { header: t('apiKeys.column.lastUsedAt'), value: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t('apiKeys.neverUsed')) },
    { header: t('apiKeys.column.status'), value: (k) => (k.revokedAt ? t('apiKeys.revokedAt', { date: formatDateTime(k.revokedAt) }) : t('apiKeys.active')) },
  ];
  let list;
  if (error && !data) list = <LoadError title={t('apiKeys.loadFailed')} error={error} onRetry={() => void refetch()} testId="api-keys-load-error" />;
  else if (!data && loading) list = <LoadingIndicator label={t('apiKeys.loading')} />;
  else if (keys.length === 0)
    list = (
      <p className="empty-state" data-testid="api-keys-empty">
        {t('apiKeys.empty')}
      </p>
    );
  else
    list = (
      <DataTable
        testId="api-keys-table"
        caption={t('apiKeys.tableCaption')}
        columns={columnsOf(t, [
          'apiKeys.column.name',
          'apiKeys.column.prefix',
          'apiKeys.column.scope',
          'apiKeys.column.province',
          'apiKeys.column.createdAt',
          'apiKeys.column.lastUsedAt',
          'apiKeys.column.status',
          'apiKeys.column.actions',
        ])}
      >
        {keys.map((k) => (
          <tr key={k.id} data-testid="api-key-row" data-prefix={k.prefix}>
            <th scope="row">{k.name}</th>
            <td>
              <code>{k.prefix}…</code>
            </td>
            <td>{t(`apiKeys.scope.${k.scope}`)}</td>
            <td>{k.province ? k.province.name : t('apiKeys.ministryWide')}</td>
            <td>{formatDateTime(k.createdAt)}</td>
            <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : <span className="muted">{t('apiKeys.neverUsed')}</span>}</td>
            <td data-testid="api-key-status">
              {k.revokedAt ? (
                <span className="badge badge-dissolved">{t('apiKeys.revokedAt', { date: formatDateTime(k.revokedAt) })}</span>
              ) : (
                <span className="badge badge-active">{t('apiKeys.active')}</span>
              )}
            </td>
            <td>
              {k.revokedAt ? null : (
                <button
                  type="button"
                  className="button button-danger-outline"
                  onClick={() => setRevoking1(k)}
                  data-testid="revoke-api-key"
                  aria-label={t('apiKeys.revokeNamed', { name: k.name })}
                >
                  {t('apiKeys.revoke')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    );

  return (
    <>
      {created ? (
        <OneTimeSecret title={t('apiKeys.createdTitle', { name: created.apiKey.name })} value={created.key} warning={t('apiKeys.onceWarning')} testId="new-api-key">
          <p>{t('apiKeys.curlIntro')}</p>
          <pre className="code-block" data-testid="new-api-key-curl">
            {curl}
          </pre>
          <button type="button" className="button button-secondary" onClick={() => setCreated(null)} data-testid="dismiss-api-key">
            {t('apiKeys.dismiss')}
          </button>
        </OneTimeSecret>
      ) : null}

      <section className="panel" aria-labelledby="api-key-create-title">
        <h2 id="api-key-create-title">{t('apiKeys.createTitle')}</h2>
        <form className="form" onSubmit={(e) => void onCreate(e)} noValidate data-testid="api-key-form">
          <div className="form-grid">
            <FormField id="api-key-name" label={t('apiKeys.field.name')} requiredLabel={t('form.required')} hint={t('apiKeys.field.nameHint')} error={nameError}>
              {(a11y) => <input {...a11y} type="text" value={name} maxLength={NAME_MAX} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
            </FormField>
            <FormField id="api-key-scope" label={t('apiKeys.field.scope')} hint={ministry ? t('apiKeys.field.ministryScopeHint') : undefined}>
              {(a11y) => (
                <select {...a11y} value={ministry ? 'READ_ONLY' : scope} disabled={ministry} onChange={(e) => setScope(e.target.value as ApiKeyScope)}>
                  <option value="READ_ONLY">{t('apiKeys.scope.READ_ONLY')}</option>
                  {ministry ? null : <option value="READ_WRITE">{t('apiKeys.scope.READ_WRITE')}</option>}
                </select>
              )}
            </FormField>
          </div>
          {createError ? (
            <Alert tone="error" testId="api-key-create-error">
              {errorText(createError)}
            </Alert>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={creating} data-testid="create-api-key">
              {creating ? t('apiKeys.creating') : t('apiKeys.create')}
            </button>
          </div>
        </form>
      </section>

      <section className="panel" aria-labelledby="api-key-list-title" aria-busy={loading}>
        <h2 id="api-key-list-title">{t('apiKeys.listTitle')}</h2>
        <ExportButtons disabled={keys.length === 0} onExport={(format) => exportRows(format, t('apiKeys.exportFileName'), exportColumns, keys)} />
        {flash ? (
          <Alert tone="success" testId="api-keys-flash">
            {flash}
          </Alert>
        ) : null}
        {revokeError ? (
          <Alert tone="error" testId="api-key-revoke-error">
            {errorCodeOf(revokeError) === 'NOT_FOUND' ? t('errors.notFound') : errorText(revokeError)}
          </Alert>
        ) : null}
        {list}
      </section>

      <ConfirmDialog
        open={revoking1 !== null}
        title={t('apiKeys.confirmTitle')}
        confirmLabel={t('apiKeys.confirmRevoke')}
        cancelLabel={t('apiKeys.cancel')}
        danger
        busy={revoking}
        onConfirm={() => void onRevoke()}
        onCancel={() => setRevoking1(null)}
      >
        <p>{t('apiKeys.confirmBody', { name: revoking1?.name ?? '', prefix: revoking1?.prefix ?? '' })}</p>
      </ConfirmDialog>
    </>
  );
}
