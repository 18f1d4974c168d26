import { Link, useLocation } from 'react-router';
import { useApolloClient } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { exportRows, fetchAllPages, type ExportColumn } from '../../common/export/list-export';
import { ExportButtons } from '../../common/export/export-buttons';
import { formatCount, formatLocalDate } from '../../common/formatters';
import { usePagedQuery } from '../../common/use-paged-query';
import { usePageTitle } from '../../common/use-page-title';
import { useSearchText } from '../../common/use-search-text';
import { oneOf, provinceParam, useUrlState, withParams } from '../../common/use-url-state';
import { DataTable, type Column } from '../../common/ui/data-table';
import { FlashAlert } from '../../common/ui/flash-alert';
import { ListPageHeader } from '../../common/ui/list-page-header';
import { LoadError } from '../../common/ui/load-error';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { LoadMore } from '../../common/ui/pager';
import { ResultsBar } from '../../common/ui/results-bar';
import { SearchField } from '../../common/ui/search-field';
import { ClearFiltersButton, SelectFilter } from '../../common/ui/select-filter';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { ProvinceSelect } from '../work-lists/province-select';
import type { DirectiveSort } from '../../generated/schema-types';
import { DIRECTIVES, DOC_TYPES, type DirectiveFilter, type DirectiveRow } from './directive-operations';

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
  const docType = oneOf(params.get('type'), DOC_TYPES, '');
  const sort: SortKey = params.get('sort') === 'oldest' ? 'oldest' : 'newest';
  const province = provinceParam(params);

  const set = (key: string, value: string) => setParams((cur) => withParams(cur, { [key]: value }));
  const search = useSearchText(q, (text) => set('q', text));

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
      <ListPageHeader
        title={t('directives.title')}
        intro={t('directives.intro')}
        create={canWrite ? { to: '/directives/new', label: t('directives.create'), testId: 'create-directive' } : null}
      />

      <FlashAlert message={flash ? t('directives.form.deleted', { name: flash.name }) : null} />

      <form className="filters" role="search" aria-label={t('lists.filters')} onSubmit={(e) => e.preventDefault()}>
        {scope.multiProvince ? <ProvinceSelect id="directives-province" provinces={scope.provinces} value={province} onChange={(code) => set('province', code)} /> : null}
        <SearchField
          id="directive-search"
          label={t('directives.searchLabel')}
          placeholder={t('directives.searchPlaceholder')}
          value={search.text}
          onChange={search.setText}
          testId="directive-search"
        />
        <SelectFilter
          id="directive-type"
          label={t('directives.docTypeFilter')}
          value={docType}
          onChange={(v) => set('type', v)}
          testId="doc-type-filter"
          allLabel={t('directives.allDocTypes')}
          options={DOC_TYPES.map((d) => ({ value: d, label: t(`directives.docType.${d}`) }))}
        />
        <SelectFilter
          id="directive-sort"
          label={t('directives.sortLabel')}
          value={sort}
          onChange={(v) => set('sort', v === 'newest' ? '' : v)}
          testId="directive-sort"
          options={[
            { value: 'newest', label: t('directives.sortNewest') },
            { value: 'oldest', label: t('directives.sortOldest') },
          ]}
        />
        {hasFilters ? (
          <ClearFiltersButton
            label={t('lists.clear')}
            onClick={() => {
              search.reset();
              setParams((cur) => withParams(cur, { q: '', type: '', province: '' }));
            }}
          />
        ) : null}
      </form>

      {error && !list ? (
        <LoadError title={t('directives.loadFailed')} error={error} onRetry={onRetry} />
      ) : !list ? (
        <LoadingIndicator label={t('directives.loading')} />
      ) : (
        <section className="results" aria-labelledby="directives-total">
          <ResultsBar id="directives-total" total={t('directives.total', { formatted: formatCount(list.totalCount) })}>
            {loading ? <LoadingIndicator label={t('app.loading')} /> : null}
            <ExportButtons
              disabled={list.totalCount === 0}
              onExport={async (format) =>
                exportRows(format, t('directives.exportFileName'), exportColumns, await fetchAllPages(client, DIRECTIVES, variables, (d) => d.directives))
              }
            />
          </ResultsBar>
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
          <LoadMore pageInfo={list.pageInfo} loading={loading} onLoadMore={onLoadMore} label={t('directives.loadMore')} />
        </section>
      )}
    </section>
  );
}
