import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../common/formatters';
import { usePageTitle } from '../../common/use-page-title';
import { LoadError } from '../../common/ui/load-error';
import { DataTable, type Column } from '../../common/ui/data-table';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { useCurrentUser } from '../auth/current-user-context';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { ProvinceSelect } from './province-select';
import type { PageInfo } from './work-list-operations';

export const WORK_LIST_PAGE = 50;

export interface WorkListConnection<N> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Array<{ cursor: string; node: N }>;
}

/** The user's province scope and the list's province filter from the URL (two digits, or '' for all). */
export function useWorkListParams() {
  const user = useCurrentUser();
  const scope = useProvinceScope(user);
  const [searchParams, setSearchParams] = useSearchParams();
  const provinceRaw = searchParams.get('province') ?? '';
  const province = /^\d{2}$/.test(provinceRaw) ? provinceRaw : '';
  return { scope, showProvince: scope.multiProvince, province, searchParams, setSearchParams };
}

/**
 * A work list query, `WORK_LIST_PAGE` rows at a time: the connection at `key` of the result, its state,
 * a retry and a loader of the page after a cursor (appended to the rows shown).
 */
export function useWorkListQuery<K extends string, D extends Record<K, WorkListConnection<unknown>>, V extends { first: number; after?: string | null }>(
  query: TypedDocumentNode<D, V>,
  key: K,
  variables: Omit<V, 'first'>,
) {
  const { data, loading, error, refetch, fetchMore } = useQuery<D, V>(query, {
    variables: { first: WORK_LIST_PAGE, ...variables } as V,
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  return {
    list: data?.[key] as D[K] | undefined,
    loading,
    error,
    onRetry: () => void refetch(),
    onLoadMore: (after: string) =>
      void fetchMore({
        variables: { after } as Partial<V>,
        updateQuery: (prev, { fetchMoreResult }) => {
          const [shown, next] = [(prev as D)[key], (fetchMoreResult as D)[key]];
          return { ...prev, [key]: { ...next, edges: [...shown.edges, ...next.edges] } } as typeof prev;
        },
      }),
  };
}

/** A checkbox filter of a work list. */
export function FilterCheck({ checked, onChange, testId, label }: { checked: boolean; onChange(checked: boolean): void; testId: string; label: string }) {
  return (
    <div className="form-field filter-check">
      <label className="checkbox">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
        {label}
      </label>
    </div>
  );
}

interface WorkListPageProps<N> {
  /** Prefix of the page's translation keys and element ids ("tasks", "commissioning"). */
  name: 'tasks' | 'commissioning';
  provinceFilter: { provinces: Parameters<typeof ProvinceSelect>[0]['provinces']; value: string; onChange(code: string): void } | null;
  /** Filters after the province. */
  filters: ReactNode;
  query: { list: WorkListConnection<N> | undefined; loading: boolean; error: unknown; onRetry(): void; onLoadMore(after: string): void };
  columns: readonly Column[];
  row(node: N): ReactNode;
}

/** A read-only work list page: title, filters, then the error, loading, empty or table state with paging. */
export function WorkListPage<N>({ name, provinceFilter, filters, query, columns, row }: WorkListPageProps<N>) {
  const { list, loading, error, onRetry, onLoadMore } = query;
  const { t } = useTranslation();
  usePageTitle(t(`${name}.title`));
  const endCursor = list?.pageInfo.endCursor;

  return (
    <section className="page">
      <div className="page-header">
        <div>
          <h1>{t(`${name}.title`)}</h1>
          <p className="page-intro">{t(`${name}.intro`)}</p>
        </div>
      </div>
      <form className="filters" role="search" aria-label={t('lists.filters')} onSubmit={(e) => e.preventDefault()}>
        {provinceFilter ? <ProvinceSelect id={`${name}-province`} {...provinceFilter} /> : null}
        {filters}
      </form>
      {error ? (
        <LoadError title={t(`${name}.loadFailed`)} error={error} onRetry={onRetry} />
      ) : !list ? (
        <LoadingIndicator label={t(`${name}.loading`)} />
      ) : (
        <section className="results" aria-labelledby={`${name}-total`}>
          <div className="results-bar">
            <p id={`${name}-total`} className="results-total" aria-live="polite" data-testid="total-count">
              {t(`${name}.total`, { formatted: formatCount(list.totalCount) })}
            </p>
            {loading ? <LoadingIndicator label={t('app.loading')} /> : null}
          </div>
          {list.edges.length === 0 ? (
            <div className="empty-state">
              <p className="empty-state-title">{t(`${name}.empty`)}</p>
            </div>
          ) : (
            <DataTable testId={`${name}-table`} caption={t(`${name}.caption`)} columns={columns}>
              {list.edges.map(({ node }) => row(node))}
            </DataTable>
          )}
          {list.pageInfo.hasNextPage ? (
            <div className="pagination">
              <button type="button" className="button button-secondary" onClick={() => (endCursor ? onLoadMore(endCursor) : undefined)} disabled={loading} data-testid="load-more">
                {t('tasks.loadMore')}
              </button>
            </div>
          ) : null}
        </section>
      )}
    </section>
  );
}
