import { useState, type FormEvent } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ExportButtons } from '../../common/export/export-buttons';
import { exportRows, fetchAllPages, type ExportColumn } from '../../common/export/list-export';
import { formatCount, formatDateTime } from '../../common/formatters';
import { errorCodeOf, fieldProblemsOf } from '../../common/graphql-errors';
import { useDebouncedValue } from '../../common/use-debounced-value';
import { usePageTitle } from '../../common/use-page-title';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { DataTable, columnsOf } from '../../common/ui/data-table';
import { FormField } from '../../common/ui/form-field';
import { LoadError } from '../../common/ui/load-error';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { NotFoundPage } from '../../app/not-found-page';
import { useCurrentUser } from '../auth/current-user-context';
import type { Role } from '../auth/roles';
import { CHANGE_USER_ROLE, DISABLE_USER, ENABLE_USER, INVITE_USER, USERS, type ManagedUser } from './admin-operations';
import { OneTimeSecret } from './copy-button';

const PROVINCE_ROLES: readonly Role[] = ['PROVINCE_ADMIN', 'PROVINCE_EDITOR', 'PROVINCE_VIEWER'];
type DisabledFilter = 'all' | 'active' | 'disabled';
type InviteField = 'email' | 'fullName' | 'role';

/** /users: the province administrator manages the accounts of the province. */
export function UsersPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  usePageTitle(t('users.title'));
  if (user.role !== 'PROVINCE_ADMIN') return <NotFoundPage />;
  return (
    <section className="page users-page" data-testid="users-page">
      <div className="page-header">
        <div>
          <h1>{t('users.title')}</h1>
          <p className="page-intro">{t('users.intro', { province: user.province?.name ?? '' })}</p>
        </div>
      </div>
      <InviteForm />
      <UserList currentUserId={user.id} />
    </section>
  );
}

function InviteForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [invite, { loading }] = useMutation(INVITE_USER, { refetchQueries: ['Users'] });
  const [email, setEmail] = useState('');
  const [fullName, setFullName] = useState('');
  const [role, setRole] = useState<Role>('PROVINCE_VIEWER');
  const [errors, setErrors] = useState<Partial<Record<InviteField, string>>>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [invited, setInvited] = useState<{ token: string; expiresAt: string; email: string } | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const local: Partial<Record<InviteField, string>> = {};
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) local.email = t('users.emailInvalid');
    if (fullName.trim().length < 2 || fullName.trim().length > 200) local.fullName = t('users.fullNameInvalid');
    setErrors(local);
    if (Object.keys(local).length) {
      document.getElementById(local.email ? 'invite-email' : 'invite-full-name')?.focus();
      return;
    }
    try {
      const result = await invite({ variables: { input: { email: email.trim(), fullName: fullName.trim(), role } } });
      const payload = result.data?.inviteUser;
      if (payload) setInvited({ token: payload.invitationToken, expiresAt: payload.expiresAt, email: payload.user.email });
      setEmail('');
      setFullName('');
    } catch (err) {
      const problems = fieldProblemsOf(err);
      const next: Partial<Record<InviteField, string>> = {};
      for (const p of problems) {
        if (p.field === 'email' || p.field === 'fullName' || p.field === 'role') next[p.field] = p.message;
      }
      if (Object.keys(next).length) {
        setErrors(next);
        document.getElementById(next.email ? 'invite-email' : next.fullName ? 'invite-full-name' : 'invite-role')?.focus();
      } else setFormError(err);
    }
  };

  return (
    <>
      {invited ? (
        <OneTimeSecret title={t('users.invitedTitle', { email: invited.email })} value={invited.token} warning={t('users.tokenWarning', { date: formatDateTime(invited.expiresAt) })} testId="invitation-token">
          <button type="button" className="button button-secondary" onClick={() => setInvited(null)}>
            {t('apiKeys.dismiss')}
          </button>
        </OneTimeSecret>
      ) : null}
      <section className="panel" aria-labelledby="invite-title">
        <h2 id="invite-title">{t('users.inviteTitle')}</h2>
        <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="invite-form">
          <div className="form-grid">
            <FormField id="invite-email" label={t('users.field.email')} requiredLabel={t('form.required')} error={errors.email}>
              {(a11y) => <input {...a11y} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />}
            </FormField>
            <FormField id="invite-full-name" label={t('users.field.fullName')} requiredLabel={t('form.required')} error={errors.fullName}>
              {(a11y) => <input {...a11y} type="text" value={fullName} maxLength={200} onChange={(e) => setFullName(e.target.value)} autoComplete="off" />}
            </FormField>
            <FormField id="invite-role" label={t('users.field.role')} error={errors.role}>
              {(a11y) => (
                <select {...a11y} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                  {PROVINCE_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`roles.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          </div>
          {formError ? (
            <Alert tone="error" testId="invite-error">
              {errorCodeOf(formError) === 'CONFLICT' ? t('users.emailTaken') : errorText(formError)}
            </Alert>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={loading} data-testid="invite-user">
              {loading ? t('users.inviting') : t('users.invite')}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}

function UserList({ currentUserId }: { currentUserId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [search, setSearch] = useState('');
  const [disabled, setDisabled] = useState<DisabledFilter>('all');
  const debounced = useDebouncedValue(search.trim(), 300);
  const filter = { search: debounced || null, disabled: disabled === 'all' ? null : disabled === 'disabled' };
  const client = useApolloClient();
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(USERS, {
    variables: { first: 100, filter },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const shown = data ?? (loading ? previousData : undefined);
  const [changeRole] = useMutation(CHANGE_USER_ROLE);
  const [disable] = useMutation(DISABLE_USER);
  const [enable] = useMutation(ENABLE_USER);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [flash, setFlash] = useState('');

  const act = async (u: ManagedUser, job: () => Promise<unknown>, done: string) => {
    setBusyId(u.id);
    setActionError(null);
    setFlash('');
    try {
      await job();
      setFlash(done);
      await refetch();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusyId(null);
    }
  };

  const users = shown?.users.edges.map((e) => e.node) ?? [];
  const total = shown?.users.totalCount ?? 0;
  const endCursor = data?.users.pageInfo.hasNextPage ? data.users.pageInfo.endCursor : null;
  // Pages of 100 are appended to the list shown ("show more") until every user is loaded.
  const loadMore = (after: string) =>
    void fetchMore({
      variables: { after },
      updateQuery: (prev, { fetchMoreResult }) => ({ users: { ...fetchMoreResult.users, edges: [...prev.users.edges, ...fetchMoreResult.users.edges] } }),
    });
  const exportColumns: ExportColumn<ManagedUser>[] = [
    { header: t('users.column.fullName'), value: (u) => u.fullName },
    { header: t('users.column.email'), value: (u) => u.email },
    { header: t('users.column.role'), value: (u) => t(`roles.${u.role}`) },
    { header: t('users.column.status'), value: (u) => (u.disabledAt ? t('users.disabledAt', { date: formatDateTime(u.disabledAt) }) : t('users.active')) },
  ];
  let list;
  if (error && !shown) list = <LoadError title={t('users.loadFailed')} error={error} onRetry={() => void refetch()} testId="users-load-error" />;
  else if (!shown) list = <LoadingIndicator label={t('users.loading')} />;
  else if (users.length === 0)
    list = (
      <p className="empty-state" data-testid="users-empty">
        {t('users.empty')}
      </p>
    );
  else
    list = (
      <DataTable
        testId="users-table"
        caption={t('users.tableCaption')}
        columns={columnsOf(t, ['users.column.fullName', 'users.column.email', 'users.column.role', 'users.column.status', 'users.column.actions'])}
      >
        {users.map((u) => {
          const self = u.id === currentUserId;
          const busy = busyId === u.id;
          return (
            <tr key={u.id} data-testid="user-row" data-email={u.email}>
              <th scope="row">{u.fullName}</th>
              <td data-testid="user-email">{u.email}</td>
              <td>
                <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                  {t('users.roleOf', { name: u.fullName })}
                </label>
                <select
                  id={`role-${u.id}`}
                  value={u.role}
                  disabled={busy || self}
                  data-testid="user-role"
                  onChange={(e) => {
                    const role = e.target.value as Role;
                    void act(u, () => changeRole({ variables: { input: { id: u.id, version: u.version, role } } }), t('users.roleChanged', { name: u.fullName, role: t(`roles.${role}`) }));
                  }}
                >
                  {PROVINCE_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`roles.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td data-testid="user-status">
                {u.disabledAt ? (
                  <span className="badge badge-dissolved">{t('users.disabledAt', { date: formatDateTime(u.disabledAt) })}</span>
                ) : (
                  <span className="badge badge-active">{t('users.active')}</span>
                )}
              </td>
              <td>
                {self ? (
                  <span className="muted">{t('users.you')}</span>
                ) : u.disabledAt ? (
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={busy}
                    data-testid="enable-user"
                    aria-label={t('users.enableNamed', { name: u.fullName })}
                    onClick={() => void act(u, () => enable({ variables: { input: { id: u.id, version: u.version } } }), t('users.enabled', { name: u.fullName }))}
                  >
                    {t('users.enable')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button button-danger-outline"
                    disabled={busy}
                    data-testid="disable-user"
                    aria-label={t('users.disableNamed', { name: u.fullName })}
                    onClick={() => void act(u, () => disable({ variables: { input: { id: u.id, version: u.version } } }), t('users.disabled', { name: u.fullName }))}
                  >
                    {t('users.disable')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
    );

  const conflict = actionError ? errorCodeOf(actionError) === 'CONFLICT' : false;
  return (
    <section className="panel" aria-labelledby="users-list-title">
      <h2 id="users-list-title">{t('users.listTitle')}</h2>
      <form className="filters" aria-label={t('users.filters')} onSubmit={(e) => e.preventDefault()}>
        <FormField id="users-search" label={t('users.search')} className="filter-search">
          {(a11y) => <input {...a11y} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
        </FormField>
        <FormField id="users-disabled" label={t('users.statusFilter')}>
          {(a11y) => (
            <select {...a11y} value={disabled} onChange={(e) => setDisabled(e.target.value as DisabledFilter)}>
              <option value="all">{t('users.statusAll')}</option>
              <option value="active">{t('users.statusActive')}</option>
              <option value="disabled">{t('users.statusDisabled')}</option>
            </select>
          )}
        </FormField>
      </form>
      {flash ? (
        <Alert tone="success" testId="users-flash">
          {flash}
        </Alert>
      ) : null}
      {actionError ? (
        <Alert
          tone="error"
          testId="users-action-error"
          actions={
            conflict ? (
              <button
                type="button"
                className="button button-primary"
                onClick={() => {
                  setActionError(null);
                  void refetch();
                }}
              >
                {t('users.reload')}
              </button>
            ) : undefined
          }
        >
          {conflict ? t('errors.conflict') : (fieldProblemsOf(actionError)[0]?.message ?? errorText(actionError))}
        </Alert>
      ) : null}
      <div className="results-bar">
        <p className="results-total" data-testid="users-total">
          {shown ? t('users.shownOf', { shown: formatCount(users.length), total: formatCount(total) }) : ''}
        </p>
        <ExportButtons
          disabled={total === 0}
          onExport={async (format) => exportRows(format, t('users.exportFileName'), exportColumns, await fetchAllPages(client, USERS, { filter }, (d) => d.users))}
        />
      </div>
      <div aria-busy={loading}>{list}</div>
      {endCursor ? (
        <div className="form-actions">
          <button type="button" className="button button-secondary" disabled={loading} onClick={() => loadMore(endCursor)} data-testid="users-load-more">
            {t('users.loadMore')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
