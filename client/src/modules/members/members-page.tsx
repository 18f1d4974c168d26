import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ExportButtons } from '../../common/export/export-buttons';
import { exportRows, fetchAllPages, type ExportColumn } from '../../common/export/list-export';
import { formatCount, formatDateTime } from '../../common/formatters';
import { useDebouncedValue } from '../../common/use-debounced-value';
import { usePageTitle } from '../../common/use-page-title';
import { useUrlState } from '../../common/use-url-state';
import { Alert } from '../../common/ui/alert';
import { LoadError } from '../../common/ui/load-error';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { ProvinceSelect } from '../work-lists/province-select';
import { MEMBER_KINDS, MEMBERS, type MemberFilter, type MemberKind, type MemberRow, type MemberSortField, type SortDirection } from './members-operations';
import { Pager, useCursorPages, type ReturnState } from './record-list';
import { useAssociationOptions } from './use-association-options';

const PAGE_SIZE = 20;
const SORT_FIELDS: readonly MemberSortField[] = ['NAME', 'CREATED_AT', 'UPDATED_AT'];

/** What a form page reports back to a list after a change (shown once). */
export interface RecordFlash {
  flash: string;
}

/** The name of a member as the reader may see it. */
export function useMemberName() {
  const { t } = useTranslation();
  return (m: Pick<MemberRow, 'fullName'>) => m.fullName ?? t('members.hiddenName');
}

/** /members: search, filter by association and kind, sort, page through and export the members. */
export function MembersPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = canWriteProvinceData(user.role);
  const scope = useProvinceScope(user);
  const client = useApolloClient();
  const location = useLocation();
  const navigate = useNavigate();
  const flash = (location.state as RecordFlash | null)?.flash;
  const associations = useAssociationOptions();
  const nameOf = useMemberName();
  usePageTitle(t('members.title'));

  const [params, setParams] = useUrlState();
  const set = (key: string, value: string) =>
    setParams((p) => {
      if (value) p.set(key, value);
      else p.delete(key);
      return p;
    });
  const q = params.get('q') ?? '';
  const associationId = params.get('association') ?? '';
  const kind = (MEMBER_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as MemberKind) : '';
  const sortField = (SORT_FIELDS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as MemberSortField) : 'NAME';
  const direction: SortDirection = params.get('dir') === 'DESC' ? 'DESC' : 'ASC';
  const provinceCode = /^\d{2}$/.test(params.get('province') ?? '') ? (params.get('province') ?? '') : '';

  const [searchText, setSearchText] = useState(q);
  const debounced = useDebouncedValue(searchText.trim(), 350);
  useEffect(() => {
    if (debounced !== q) set('q', debounced);
    // Only the typed text drives this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const filter: MemberFilter = {
    search: q || null,
    associationId: associationId || null,
    kind: kind || null,
    provinceCode: provinceCode || null,
  };
  const sort = { field: sortField, direction };
  const paging = useCursorPages(JSON.stringify([filter, sort]));
  const { data, previousData, loading, error, refetch } = useQuery(MEMBERS, {
    variables: { first: PAGE_SIZE, after: paging.after, filter, sort },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const shown = (data ?? previousData)?.members;
  const busy = loading && !data;
  const hasFilters = Boolean(q || associationId || kind || provinceCode);

  const yesNo = (v: boolean) => (v ? t('members.yes') : t('members.no'));
  const currentAssociations = (m: MemberRow) =>
    m.memberships
      .filter((ms) => ms.isCurrent && ms.association)
      .map((ms) => ms.association?.name)
      .join('; ');
  const exportColumns: ExportColumn<MemberRow>[] = [
    { header: t('members.column.fullName'), value: nameOf },
    { header: t('members.column.kind'), value: (m) => t(`members.kindName.${m.kind}`) },
    { header: t('members.column.academicTitle'), value: (m) => (m.academicTitle ? t(`members.titleName.${m.academicTitle}`) : null) },
    { header: t('members.column.degree'), value: (m) => (m.degree ? t(`members.degreeName.${m.degree}`) : null) },
    { header: t('members.column.birthYear'), value: (m) => m.birthYear, kind: 'number' },
    { header: t('members.column.email'), value: (m) => m.email },
    { header: t('members.column.phone'), value: (m) => m.phone },
    { header: t('members.column.field'), value: (m) => m.field },
    { header: t('members.column.workplace'), value: (m) => m.workplace },
    { header: t('members.column.associations'), value: currentAssociations },
    { header: t('members.column.youngIntellectual'), value: (m) => yesNo(m.isYoungIntellectual) },
    { header: t('members.column.inEnterprise'), value: (m) => yesNo(m.inEnterprise) },
    { header: t('members.column.province'), value: (m) => m.province.name },
  ];

  let list;
  if (error && !shown) list = <LoadError title={t('members.loadFailed')} error={error} onRetry={() => void refetch()} testId="members-error" />;
  else if (!shown) list = <LoadingIndicator label={t('members.loading')} />;
  else if (shown.totalCount === 0)
    list = (
      <p className="empty-state" data-testid="empty-state">
        {hasFilters ? t('members.empty') : t('members.emptyNone')}
      </p>
    );
  else
    list = (
      <>
        <div className="table-scroll" aria-busy={busy}>
          <table className={busy ? 'data-table data-table-busy' : 'data-table'} data-testid="members-table">
            <caption className="visually-hidden">{t('members.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('members.column.fullName')}</th>
                <th scope="col">{t('members.column.kind')}</th>
                <th scope="col">{t('members.column.degree')}</th>
                <th scope="col">{t('members.column.field')}</th>
                <th scope="col">{t('members.column.workplace')}</th>
                <th scope="col">{t('members.column.associations')}</th>
                {scope.multiProvince ? <th scope="col">{t('members.column.province')}</th> : null}
                <th scope="col">{t('members.column.updatedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.edges.map(({ node: m }) => (
                <tr key={m.id} data-testid="member-row">
                  <th scope="row" className="cell-name">
                    <Link to={`/members/${m.id}`} state={{ listSearch: location.search } satisfies ReturnState}>{nameOf(m)}</Link>
                  </th>
                  <td>{t(`members.kindName.${m.kind}`)}</td>
                  <td>{[m.academicTitle, m.degree ? t(`members.degreeName.${m.degree}`) : ''].filter(Boolean).join(', ')}</td>
                  <td>{m.field}</td>
                  <td>{m.workplace}</td>
                  <td>{currentAssociations(m)}</td>
                  {scope.multiProvince ? <td>{m.province.name}</td> : null}
                  <td className="nowrap">{formatDateTime(m.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager
          page={paging.page}
          total={shown.totalCount}
          pageSize={PAGE_SIZE}
          hasNext={Boolean(data?.members.pageInfo.hasNextPage)}
          endCursor={data?.members.pageInfo.endCursor}
          busy={busy}
          paging={paging}
        />
      </>
    );

  return (
    <section className="page" data-testid="members-page">
      <div className="page-header">
        <div>
          <h1>{t('members.title')}</h1>
          <p className="page-intro">{t('members.intro')}</p>
        </div>
        {canWrite ? (
          <Link to="/members/new" className="button button-primary" data-testid="create-member">
            <span aria-hidden="true">+ </span>
            {t('members.create')}
          </Link>
        ) : null}
      </div>
      {flash ? (
        <Alert
          tone="success"
          testId="flash"
          actions={
            <button type="button" className="button button-ghost button-small" onClick={() => void navigate({ search: location.search }, { replace: true, state: null })}>
              {t('associations.dismiss')}
            </button>
          }
        >
          {flash}
        </Alert>
      ) : null}

      <form className="filters" role="search" aria-label={t('lists.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="form-field filter-search">
          <label htmlFor="member-search">{t('members.search')}</label>
          <input
            id="member-search"
            type="search"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            maxLength={200}
            autoComplete="off"
            aria-describedby="member-search-hint"
            data-testid="member-search"
          />
          <p id="member-search-hint" className="field-hint">
            {t('members.searchHint')}
          </p>
        </div>
        {scope.multiProvince ? <ProvinceSelect id="member-province" provinces={scope.provinces} value={provinceCode} onChange={(c) => set('province', c)} /> : null}
        <div className="form-field">
          <label htmlFor="member-association">{t('members.association')}</label>
          <select id="member-association" value={associationId} onChange={(e) => set('association', e.target.value)} data-testid="association-filter">
            <option value="">{t('members.allAssociations')}</option>
            {associations
              .filter((a) => !provinceCode || a.province.code === provinceCode)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="member-kind">{t('members.kind')}</label>
          <select id="member-kind" value={kind} onChange={(e) => set('kind', e.target.value)} data-testid="kind-filter">
            <option value="">{t('members.allKinds')}</option>
            {MEMBER_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`members.kindName.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="member-sort">{t('members.sort')}</label>
          <select id="member-sort" value={sortField} onChange={(e) => set('sort', e.target.value === 'NAME' ? '' : e.target.value)} data-testid="sort-field">
            {SORT_FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`members.sortField.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="member-direction">{t('members.directionLabel')}</label>
          <select id="member-direction" value={direction} onChange={(e) => set('dir', e.target.value === 'ASC' ? '' : e.target.value)} data-testid="sort-direction">
            <option value="ASC">{t('members.direction.ASC')}</option>
            <option value="DESC">{t('members.direction.DESC')}</option>
          </select>
        </div>
        {hasFilters ? (
          <div className="filter-clear">
            <button
              type="button"
              className="button button-ghost"
              onClick={() => {
                setSearchText('');
                setParams(() => new URLSearchParams());
              }}
            >
              {t('lists.clear')}
            </button>
          </div>
        ) : null}
      </form>

      <section className="results" aria-labelledby="members-total">
        <div className="results-bar">
          <p id="members-total" className="results-total" aria-live="polite" data-testid="total-count">
            {shown ? t('members.total', { formatted: formatCount(shown.totalCount) }) : ''}
          </p>
          <div className="results-actions">
            <ExportButtons
              disabled={!shown || shown.totalCount === 0}
              onExport={async (format) =>
                exportRows(format, t('members.exportFileName'), exportColumns, await fetchAllPages(client, MEMBERS, { filter, sort }, (d) => d.members))
              }
            />
          </div>
        </div>
        {list}
      </section>
    </section>
  );
}
