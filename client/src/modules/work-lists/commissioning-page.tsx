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
import { COMMISSIONING_REQUESTS, COMMISSIONING_STAGES, STALLED_STAGES, type CommissioningFilter, type CommissioningStage } from './work-list-operations';

const PAGE = 50;
const STALLED = STALLED_STAGES.join(',');

function readStages(value: string | null): CommissioningStage[] {
  return (value ?? '').split(',').filter((s): s is CommissioningStage => (COMMISSIONING_STAGES as readonly string[]).includes(s));
}

/** /commissioning: commissioned S&T tasks, read only; filters province, stage and delay live in the URL. */
export function CommissioningPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const user = useCurrentUser();
  const scope = useProvinceScope(user);
  const [searchParams, setSearchParams] = useSearchParams();
  const provinceRaw = searchParams.get('province') ?? '';
  const province = /^\d{2}$/.test(provinceRaw) ? provinceRaw : '';
  const stages = readStages(searchParams.get('stage'));
  const stageValue = stages.join(',');
  const delayed = searchParams.get('delayed') === '1';
  usePageTitle(t('commissioning.title'));

  const set = (p: { province?: string; stage?: string; delayed?: boolean }) => {
    const next = new URLSearchParams();
    const pv = p.province ?? province;
    const st = p.stage ?? stageValue;
    const dl = p.delayed ?? delayed;
    if (pv) next.set('province', pv);
    if (st) next.set('stage', st);
    if (dl) next.set('delayed', '1');
    setSearchParams(next, { replace: true });
  };

  const filter: CommissioningFilter = {};
  if (province) filter.provinceCode = province;
  if (stages.length) filter.stages = stages;
  if (delayed) filter.delayed = true;
  const { data, loading, error, refetch, fetchMore } = useQuery(COMMISSIONING_REQUESTS, {
    variables: { first: PAGE, filter, ...(delayed ? { sort: { field: 'DELAY_DAYS', direction: 'DESC' as const } } : {}) },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const conn = data?.commissioningRequests;
  const showProvince = scope.multiProvince;
  const stageOptions = [...COMMISSIONING_STAGES.map((s) => ({ value: s, label: t(`commissioning.stages.${s}`) }))];

  const loadMore = () => {
    if (!conn?.pageInfo.endCursor) return;
    void fetchMore({
      variables: { after: conn.pageInfo.endCursor },
      updateQuery: (prev, { fetchMoreResult }) => ({
        commissioningRequests: {
          ...fetchMoreResult.commissioningRequests,
          edges: [...prev.commissioningRequests.edges, ...fetchMoreResult.commissioningRequests.edges],
        },
      }),
    });
  };

  return (
    <section className="page">
      <div className="page-header">
        <div>
          <h1>{t('commissioning.title')}</h1>
          <p className="page-intro">{t('commissioning.intro')}</p>
        </div>
      </div>
      <form className="filters" role="search" aria-label={t('lists.filters')} onSubmit={(e) => e.preventDefault()}>
        {showProvince ? <ProvinceSelect id="commissioning-province" provinces={scope.provinces} value={province} onChange={(code) => set({ province: code })} /> : null}
        <div className="form-field">
          <label htmlFor="commissioning-stage">{t('commissioning.stage')}</label>
          <select id="commissioning-stage" value={stageValue} onChange={(e) => set({ stage: e.target.value })} data-testid="stage-filter">
            <option value="">{t('commissioning.allStages')}</option>
            <option value={STALLED}>{t('commissioning.stalledStages')}</option>
            {stageOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
            {stages.length > 1 && stageValue !== STALLED ? <option value={stageValue}>{stages.map((s) => t(`commissioning.stages.${s}`)).join(', ')}</option> : null}
          </select>
        </div>
        <div className="form-field filter-check">
          <label className="checkbox">
            <input type="checkbox" checked={delayed} onChange={(e) => set({ delayed: e.target.checked })} data-testid="delayed-filter" />
            {t('commissioning.delayedOnly')}
          </label>
        </div>
      </form>
      {error ? (
        <Alert
          tone="error"
          title={t('commissioning.loadFailed')}
          actions={
            <button type="button" className="button button-primary" onClick={() => void refetch()}>
              {t('errors.retry')}
            </button>
          }
        >
          {errorText(error)}
        </Alert>
      ) : !conn ? (
        <LoadingIndicator label={t('commissioning.loading')} />
      ) : (
        <section className="results" aria-labelledby="commissioning-total">
          <div className="results-bar">
            <p id="commissioning-total" className="results-total" aria-live="polite" data-testid="total-count">
              {t('commissioning.total', { formatted: formatCount(conn.totalCount) })}
            </p>
            {loading ? <LoadingIndicator label={t('app.loading')} /> : null}
          </div>
          {conn.edges.length === 0 ? (
            <div className="empty-state">
              <p className="empty-state-title">{t('commissioning.empty')}</p>
            </div>
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="commissioning-table">
                <caption className="visually-hidden">{t('commissioning.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('commissioning.column.code')}</th>
                    <th scope="col">{t('commissioning.column.title')}</th>
                    <th scope="col" className="numeric">
                      {t('commissioning.column.year')}
                    </th>
                    <th scope="col">{t('commissioning.column.stage')}</th>
                    <th scope="col">{t('commissioning.column.plannedEnd')}</th>
                    <th scope="col" className="numeric">
                      {t('commissioning.column.delayDays')}
                    </th>
                    <th scope="col">{t('commissioning.column.requestingAgency')}</th>
                    {showProvince ? <th scope="col">{t('commissioning.column.province')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {conn.edges.map(({ node }) => (
                    <tr key={node.id} data-testid="commissioning-row">
                      <td className="nowrap">{node.code}</td>
                      <th scope="row">{node.title}</th>
                      <td className="numeric">{node.year}</td>
                      <td>{t(`commissioning.stages.${node.stage}`, { defaultValue: node.stage })}</td>
                      <td className="nowrap">{formatLocalDate(node.plannedEnd)}</td>
                      <td className="numeric">{node.delayDays ? formatCount(node.delayDays) : ''}</td>
                      <td>{node.requestingAgency.name}</td>
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
