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
import type { AgencyFilter, SortDirection } from '../../generated/schema-types';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import type { RecordFlash } from '../members/members-page';
import { Pager, useCursorPages, type ReturnState } from '../members/record-list';
import { ProvinceSelect } from '../work-lists/province-select';
import { AGENCIES, AGENCY_KINDS, type AgencyKind, type AgencyRow, type AgencySortField } from './agencies-operations';

const PAGE_SIZE = 20;
const SORT_FIELDS: readonly AgencySortField[] = ['NAME', 'KIND', 'CREATED_AT', 'UPDATED_AT'];

/** /agencies: the province's agencies and units, searchable, filterable by kind, sortable and exportable. */
export function AgenciesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = canWriteProvinceData(user.role);
  const scope = useProvinceScope(user);
  const client = useApolloClient();
  const location = useLocation();
  const navigate = useNavigate();
  const flash = (location.state as RecordFlash | null)?.flash;
  usePageTitle(t('agencies.title'));

  const [params, setParams] = useUrlState();
  const set = (key: string, value: string) =>
    setParams((p) => {
      if (value) p.set(key, value);
      else p.delete(key);
      return p;
    });
  const q = params.get('q') ?? '';
  const kind = (AGENCY_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as AgencyKind) : '';
  const sortField = (SORT_FIELDS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as AgencySortField) : 'NAME';
  const direction: SortDirection = params.get('dir') === 'DESC' ? 'DESC' : 'ASC';
  const provinceCode = /^\d{2}$/.test(params.get('province') ?? '') ? (params.get('province') ?? '') : '';

  const [searchText, setSearchText] = useState(q);
  const debounced = useDebouncedValue(searchText.trim(), 350);
  useEffect(() => {
    if (debounced !== q) set('q', debounced);
    // Only the typed text drives this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const filter: AgencyFilter = { search: q || null, kind: kind || null, provinceCode: provinceCode || null };
  const sort = { field: sortField, direction };
  const paging = useCursorPages(JSON.stringify([filter, sort]));
  const { data, previousData, loading, error, refetch } = useQuery(AGENCIES, {
    variables: { first: PAGE_SIZE, after: paging.after, filter, sort },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const shown = (data ?? previousData)?.agencies;
  const busy = loading && !data;
  const hasFilters = Boolean(q || kind || provinceCode);

  const exportColumns: ExportColumn<AgencyRow>[] = [
    { header: t('agencies.column.name'), value: (a) => a.name },
    { header: t('agencies.column.shortName'), value: (a) => a.shortName },
    { header: t('agencies.column.kind'), value: (a) => t(`agencies.kindName.${a.kind}`) },
    { header: t('agencies.column.parent'), value: (a) => a.parent?.name ?? null },
    { header: t('agencies.column.province'), value: (a) => a.province.name },
  ];

  let list;
  if (error && !shown) list = <LoadError title={t('agencies.loadFailed')} error={error} onRetry={() => void refetch()} testId="agencies-error" />;
  else if (!shown) list = <LoadingIndicator label={t('agencies.loading')} />;
  else if (shown.totalCount === 0)
    list = (
      <p className="empty-state" data-testid="empty-state">
        {hasFilters ? t('agencies.empty') : t('agencies.emptyNone')}
      </p>
    );
  else
    list = (
      <>
        <div className="table-scroll" aria-busy={busy}>
          <table className={busy ? 'data-table data-table-busy' : 'data-table'} data-testid="agencies-table">
            <caption className="visually-hidden">{t('agencies.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agencies.column.name')}</th>
                <th scope="col">{t('agencies.column.shortName')}</th>
                <th scope="col">{t('agencies.column.kind')}</th>
                <th scope="col">{t('agencies.column.parent')}</th>
                {scope.multiProvince ? <th scope="col">{t('agencies.column.province')}</th> : null}
                <th scope="col">{t('agencies.column.updatedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.edges.map(({ node: a }) => (
                <tr key={a.id} data-testid="agency-row">
                  <th scope="row" className="cell-name">
                    <Link to={`/agencies/${a.id}`} state={{ listSearch: location.search } satisfies ReturnState}>{a.name}</Link>
                  </th>
                  <td className="nowrap">{a.shortName}</td>
                  <td>{t(`agencies.kindName.${a.kind}`)}</td>
                  <td>{a.parent?.name}</td>
                  {scope.multiProvince ? <td>{a.province.name}</td> : null}
                  <td className="nowrap">{formatDateTime(a.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager
          page={paging.page}
          total={shown.totalCount}
          pageSize={PAGE_SIZE}
          hasNext={Boolean(data?.agencies.pageInfo.hasNextPage)}
          endCursor={data?.agencies.pageInfo.endCursor}
          busy={busy}
          paging={paging}
        />
      </>
    );

  return (
    <section className="page" data-testid="agencies-page">
      <div className="page-header">
        <div>
          <h1>{t('agencies.title')}</h1>
          <p className="page-intro">{t('agencies.intro')}</p>
        </div>
        {canWrite ? (
          <Link to="/agencies/new" className="button button-primary" data-testid="create-agency">
            <span aria-hidden="true">+ </span>
            {t('agencies.create')}
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
          <label htmlFor="agency-search">{t('agencies.search')}</label>
          <input
            id="agency-search"
            type="search"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            maxLength={200}
            autoComplete="off"
            aria-describedby="agency-search-hint"
            data-testid="agency-search"
          />
          <p id="agency-search-hint" className="field-hint">
            {t('agencies.searchHint')}
          </p>
        </div>
        {scope.multiProvince ? <ProvinceSelect id="agency-province" provinces={scope.provinces} value={provinceCode} onChange={(c) => set('province', c)} /> : null}
        <div className="form-field">
          <label htmlFor="agency-kind">{t('agencies.kind')}</label>
          <select id="agency-kind" value={kind} onChange={(e) => set('kind', e.target.value)} data-testid="kind-filter">
            <option value="">{t('agencies.allKinds')}</option>
            {AGENCY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`agencies.kindName.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="agency-sort">{t('agencies.sort')}</label>
          <select id="agency-sort" value={sortField} onChange={(e) => set('sort', e.target.value === 'NAME' ? '' : e.target.value)}>
            {SORT_FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`agencies.sortField.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="agency-direction">{t('members.directionLabel')}</label>
          <select id="agency-direction" value={direction} onChange={(e) => set('dir', e.target.value === 'ASC' ? '' : e.target.value)}>
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

      <section className="results" aria-labelledby="agencies-total">
        <div className="results-bar">
          <p id="agencies-total" className="results-total" aria-live="polite" data-testid="total-count">
            {shown ? t('agencies.total', { formatted: formatCount(shown.totalCount) }) : ''}
          </p>
          <div className="results-actions">
            <ExportButtons
              disabled={!shown || shown.totalCount === 0}
              onExport={async (format) =>
                exportRows(format, t('agencies.exportFileName'), exportColumns, await fetchAllPages(client, AGENCIES, { filter, sort }, (d) => d.agencies))
              }
            />
          </div>
        </div>
        {list}
      </section>
    </section>
  );
}
