import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useApolloClient } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { exportRows, fetchAllPages, type ExportColumn } from '../../common/export/list-export';
import { ExportButtons } from '../../common/export/export-buttons';
import { formatCount, formatLocalDate } from '../../common/formatters';
import { useDebouncedValue } from '../../common/use-debounced-value';
import { usePageTitle } from '../../common/use-page-title';
import { useUrlState } from '../../common/use-url-state';
import { Alert } from '../../common/ui/alert';
import { DataTable, type Column } from '../../common/ui/data-table';
import { LoadError } from '../../common/ui/load-error';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { ProvinceSelect } from '../work-lists/province-select';
import type { DirectiveSort } from '../../generated/schema-types';
import { DIRECTIVES, DOC_TYPES, type DirectiveDocType, type DirectiveFilter, type DirectiveRow } from './directive-operations';
import { usePagedQuery } from './use-paged-query';

/** Sort choices as they appear in the URL (`sort=`). */
const SORTS = {
  newest: { field: 'ISSUED_ON', direction: 'DESC' },
  oldest: { field: 'ISSUED_ON', direction: 'ASC' },
} as const satisfies Record<string, DirectiveSort>;
type SortKey = keyof typeof SORTS;

/** What a document page reports back to the list after a delete. */
export interface DirectiveFlash {
  flash: { kind: 'deleted'; name: string };
}

/** /directives: search, filter, sort, page through and export the directing documents in the user's scope. */
export function DirectivesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = canWriteProvinceData(user.role);
  const scope = useProvinceScope(user);
  const client = useApolloClient();
  const location = useLocation();
  const flash = (location.state as DirectiveFlash | null)?.flash;
  usePageTitle(t('directives.title'));

  const [params, setParams] = useUrlState();
  const q = params.get('q') ?? '';
  const typeRaw = params.get('type') ?? '';
  const docType = (DOC_TYPES as readonly string[]).includes(typeRaw) ? (typeRaw as DirectiveDocType) : '';
  const sortRaw = params.get('sort') ?? '';
  const sort: SortKey = sortRaw === 'oldest' ? 'oldest' : 'newest';
  const provinceRaw = params.get('province') ?? '';
  const province = /^\d{2}$/.test(provinceRaw) ? provinceRaw : '';

  const set = (key: string, value: string) =>
    setParams((cur) => {
      if (value) cur.set(key, value);
      else cur.delete(key);
      return cur;
    });

  // The box updates at once; the list follows when typing pauses.
  const [searchText, setSearchText] = useState(q);
  const debounced = useDebouncedValue(searchText.trim(), 350);
  const applied = useRef(debounced);
  useEffect(() => {
    if (debounced === applied.current) return;
    applied.current = debounced;
    setParams((cur) => {
      if (debounced) cur.set('q', debounced);
      else cur.delete('q');
      return cur;
    });
  }, [debounced, setParams]);

  const filter: DirectiveFilter = {};
  if (q.trim()) filter.search = q.trim();
  if (docType) filter.docType = docType;
  if (province) filter.provinceCode = province;
  const variables = { filter, sort: SORTS[sort] };
  const { list, loading, error, onRetry, onLoadMore } = usePagedQuery(DIRECTIVES, 'directives', variables);
  const hasFilters = Boolean(q || docType || province);

  const columns: Column[] = [
    { label: t('directives.column.numberSymbol') },
    { label: t('directives.column.docType') },
    { label: t('directives.column.issuedOn') },
    { label: t('directives.column.subject') },
    { label: t('directives.column.issuer') },
    { label: t('directives.column.tasks'), numeric: true },
    ...(scope.multiProvince ? [{ label: t('directives.column.province') }] : []),
  ];

  const exportColumns: ExportColumn<DirectiveRow>[] = [
    { header: t('directives.column.numberSymbol'), value: (r) => r.numberSymbol },
    { header: t('directives.column.docType'), value: (r) => t(`directives.docType.${r.docType}`) },
    { header: t('directives.column.system'), value: (r) => t(`directives.system.${r.system}`) },
    { header: t('directives.column.issuedOn'), value: (r) => r.issuedOn, kind: 'date' },
    { header: t('directives.column.subject'), value: (r) => r.subject },
    { header: t('directives.column.issuer'), value: (r) => r.issuer.name },
    { header: t('directives.column.signer'), value: (r) => r.signer },
    { header: t('directives.column.tasks'), value: (r) => r.tasks.length, kind: 'number' },
    { header: t('directives.column.province'), value: (r) => r.province.name },
  ];

  return (
    <section className="page" data-testid="directives-page">
      <div className="page-header">
        <div>
          <h1>{t('directives.title')}</h1>
          <p className="page-intro">{t('directives.intro')}</p>
        </div>
        {canWrite ? (
          <Link to="/directives/new" className="button button-primary" data-testid="create-directive">
            <span aria-hidden="true">+ </span>
            {t('directives.create')}
          </Link>
        ) : null}
      </div>

      {flash ? (
        <Alert tone="success" testId="flash">
          {t('directives.form.deleted', { name: flash.name })}
        </Alert>
      ) : null}

      <form className="filters" role="search" aria-label={t('lists.filters')} onSubmit={(e) => e.preventDefault()}>
        {scope.multiProvince ? <ProvinceSelect id="directives-province" provinces={scope.provinces} value={province} onChange={(code) => set('province', code)} /> : null}
        <div className="form-field filter-search">
          <label htmlFor="directive-search">{t('directives.searchLabel')}</label>
          <input
            id="directive-search"
            type="search"
            value={searchText}
            placeholder={t('directives.searchPlaceholder')}
            onChange={(e) => setSearchText(e.target.value)}
            autoComplete="off"
            maxLength={200}
            data-testid="directive-search"
          />
        </div>
        <div className="form-field">
          <label htmlFor="directive-type">{t('directives.docTypeFilter')}</label>
          <select id="directive-type" value={docType} onChange={(e) => set('type', e.target.value)} data-testid="doc-type-filter">
            <option value="">{t('directives.allDocTypes')}</option>
            {DOC_TYPES.map((d) => (
              <option key={d} value={d}>
                {t(`directives.docType.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="directive-sort">{t('directives.sortLabel')}</label>
          <select id="directive-sort" value={sort} onChange={(e) => set('sort', e.target.value === 'newest' ? '' : e.target.value)} data-testid="directive-sort">
            <option value="newest">{t('directives.sortNewest')}</option>
            <option value="oldest">{t('directives.sortOldest')}</option>
          </select>
        </div>
        {hasFilters ? (
          <div className="filter-clear">
            <button
              type="button"
              className="button button-ghost"
              onClick={() => {
                setSearchText('');
                applied.current = '';
                setParams((cur) => {
                  ['q', 'type', 'province'].forEach((k) => cur.delete(k));
                  return cur;
                });
              }}
            >
              {t('lists.clear')}
            </button>
          </div>
        ) : null}
      </form>

      {error && !list ? (
        <LoadError title={t('directives.loadFailed')} error={error} onRetry={onRetry} />
      ) : !list ? (
        <LoadingIndicator label={t('directives.loading')} />
      ) : (
        <section className="results" aria-labelledby="directives-total">
          <div className="results-bar">
            <p id="directives-total" className="results-total" aria-live="polite" data-testid="total-count">
              {t('directives.total', { formatted: formatCount(list.totalCount) })}
            </p>
            {loading ? <LoadingIndicator label={t('app.loading')} /> : null}
            <ExportButtons
              disabled={list.totalCount === 0}
              onExport={async (format) =>
                exportRows(format, t('directives.exportFileName'), exportColumns, await fetchAllPages(client, DIRECTIVES, variables, (d) => d.directives))
              }
            />
          </div>
          {list.edges.length === 0 ? (
            <div className="empty-state" data-testid="empty-state">
              <p className="empty-state-title">{t('directives.empty')}</p>
            </div>
          ) : (
            <DataTable testId="directives-table" caption={t('directives.caption')} columns={columns}>
              {list.edges.map(({ node }) => (
                <tr key={node.id} data-testid="directive-row">
                  <th scope="row" className="nowrap">
                    <Link to={`/directives/${node.id}`}>{node.number === null ? `${node.numberSymbol} · ${t('directives.draft')}` : node.numberSymbol}</Link>
                  </th>
                  <td>{t(`directives.docType.${node.docType}`)}</td>
                  <td className="nowrap">{formatLocalDate(node.issuedOn)}</td>
                  <td>{node.subject}</td>
                  <td>{node.issuer.name}</td>
                  <td className="numeric">{formatCount(node.tasks.length)}</td>
                  {scope.multiProvince ? <td>{node.province.name}</td> : null}
                </tr>
              ))}
            </DataTable>
          )}
          {list.pageInfo.hasNextPage ? (
            <div className="pagination">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => (list.pageInfo.endCursor ? onLoadMore(list.pageInfo.endCursor) : undefined)}
                disabled={loading}
                data-testid="load-more"
              >
                {t('directives.loadMore')}
              </button>
            </div>
          ) : null}
        </section>
      )}
    </section>
  );
}
