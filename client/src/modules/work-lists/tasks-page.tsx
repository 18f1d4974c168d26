import { useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatLocalDate } from '../../common/formatters';
import { usePageTitle } from '../../common/use-page-title';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { useCurrentUser } from '../auth/current-user-context';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { ProvinceSelect } from './province-select';
import { DIRECTIVE_TASKS, type DirectiveTasksFilter } from './work-list-operations';

const PAGE = 50;

/** /tasks: directive tasks, most urgent first, read only; filters province and overdue live in the URL. */
export function TasksPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const user = useCurrentUser();
  const scope = useProvinceScope(user);
  const [searchParams, setSearchParams] = useSearchParams();
  const provinceRaw = searchParams.get('province') ?? '';
  const province = /^\d{2}$/.test(provinceRaw) ? provinceRaw : '';
  const overdue = searchParams.get('overdue') === '1';
  usePageTitle(t('tasks.title'));

  const set = (p: { province?: string; overdue?: boolean }) => {
    const next = new URLSearchParams();
    const pv = p.province ?? province;
    const od = p.overdue ?? overdue;
    if (pv) next.set('province', pv);
    if (od) next.set('overdue', '1');
    setSearchParams(next, { replace: true });
  };

  const filter: DirectiveTasksFilter = {};
  if (province) filter.provinceCode = province;
  if (overdue) filter.overdue = true;
  const { data, loading, error, refetch, fetchMore } = useQuery(DIRECTIVE_TASKS, {
    variables: { first: PAGE, filter },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const conn = data?.directiveTasks;
  const showProvince = scope.multiProvince;

  const loadMore = () => {
    if (!conn?.pageInfo.endCursor) return;
    void fetchMore({
      variables: { after: conn.pageInfo.endCursor },
      updateQuery: (prev, { fetchMoreResult }) => ({
        directiveTasks: { ...fetchMoreResult.directiveTasks, edges: [...prev.directiveTasks.edges, ...fetchMoreResult.directiveTasks.edges] },
      }),
    });
  };

  return (
    <section className="page">
      <div className="page-header">
        <div>
          <h1>{t('tasks.title')}</h1>
          <p className="page-intro">{t('tasks.intro')}</p>
        </div>
      </div>
      <form className="filters" role="search" aria-label={t('lists.filters')} onSubmit={(e) => e.preventDefault()}>
        {showProvince ? <ProvinceSelect id="tasks-province" provinces={scope.provinces} value={province} onChange={(code) => set({ province: code })} /> : null}
        <div className="form-field filter-check">
          <label className="checkbox">
            <input type="checkbox" checked={overdue} onChange={(e) => set({ overdue: e.target.checked })} data-testid="overdue-filter" />
            {t('tasks.overdueOnly')}
          </label>
        </div>
      </form>
      {error ? (
        <Alert
          tone="error"
          title={t('tasks.loadFailed')}
          actions={
            <button type="button" className="button button-primary" onClick={() => void refetch()}>
              {t('errors.retry')}
            </button>
          }
        >
          {errorText(error)}
        </Alert>
      ) : !conn ? (
        <LoadingIndicator label={t('tasks.loading')} />
      ) : (
        <section className="results" aria-labelledby="tasks-total">
          <div className="results-bar">
            <p id="tasks-total" className="results-total" aria-live="polite" data-testid="total-count">
              {t('tasks.total', { formatted: formatCount(conn.totalCount) })}
            </p>
            {loading ? <LoadingIndicator label={t('app.loading')} /> : null}
          </div>
          {conn.edges.length === 0 ? (
            <div className="empty-state">
              <p className="empty-state-title">{t('tasks.empty')}</p>
            </div>
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="tasks-table">
                <caption className="visually-hidden">{t('tasks.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('tasks.column.title')}</th>
                    <th scope="col">{t('tasks.column.directive')}</th>
                    <th scope="col">{t('tasks.column.leadAgency')}</th>
                    <th scope="col">{t('tasks.column.status')}</th>
                    <th scope="col">{t('tasks.column.dueOn')}</th>
                    <th scope="col" className="numeric">
                      {t('tasks.column.daysLate')}
                    </th>
                    {showProvince ? <th scope="col">{t('tasks.column.province')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {conn.edges.map(({ node }) => (
                    <tr key={node.id} data-testid="task-row">
                      <th scope="row">{node.title}</th>
                      <td className="nowrap">{node.directive.numberSymbol}</td>
                      <td>{node.leadAgency.name}</td>
                      <td>
                        {t(`tasks.status.${node.status}`, { defaultValue: node.status })}
                        {node.isOverdue ? (
                          <>
                            {' '}
                            <span className="badge badge-report-late">{t('tasks.overdueBadge')}</span>
                          </>
                        ) : null}
                      </td>
                      <td className="nowrap">{formatLocalDate(node.dueOn)}</td>
                      <td className="numeric">{node.daysLate ? formatCount(node.daysLate) : ''}</td>
                      {showProvince ? <td>{node.province.name}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {conn.pageInfo.hasNextPage ? (
            <div className="pagination">
              <button type="button" className="button button-secondary" onClick={loadMore} disabled={loading} data-testid="load-more">
                {t('tasks.loadMore')}
              </button>
            </div>
          ) : null}
        </section>
      )}
    </section>
  );
}
