import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatLocalDate } from '../../common/formatters';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import type { CurrentUser } from '../auth/auth-operations';
import { COMMISSIONING_REQUESTS, DIRECTIVE_TASKS, STALLED_STAGES } from '../work-lists/work-list-operations';
import { PROVINCE_INDICATORS, type ProvinceIndicatorItem } from './dashboard-operations';
import { yearOptions } from './dashboard-params';
import { formatAxisValue, formatIndicatorValue, formatNumber, indicatorName, isRate } from './indicator-format';

const TOP = 10;

/** /dashboard for province users: their indicators beside the national figures, overdue tasks and delayed commissioned tasks. */
export function ProvinceDashboard({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const years = yearOptions();
  const [searchParams, setSearchParams] = useSearchParams();
  const yearRaw = Number(searchParams.get('year'));
  const year = years.includes(yearRaw) ? yearRaw : years[years.length - 1];

  return (
    <>
      <form className="filters" aria-label={t('dashboard.selection')} onSubmit={(e) => e.preventDefault()}>
        <div className="form-field">
          <label htmlFor="province-dashboard-year">{t('dashboard.provinceYear')}</label>
          <select
            id="province-dashboard-year"
            value={year}
            onChange={(e) => setSearchParams({ year: e.target.value }, { replace: true })}
            data-testid="province-year-select"
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ProvinceIndicatorsPanel year={year} provinceName={user.province?.name ?? ''} />
      <div className="dashboard-columns">
        <OverdueTasksPanel />
        <StalledCommissioningPanel />
      </div>
    </>
  );
}

function ProvinceIndicatorsPanel({ year, provinceName }: { year: number; provinceName: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { data, previousData, loading, error, refetch } = useQuery(PROVINCE_INDICATORS, {
    variables: { year },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const shown = (data ?? previousData)?.provinceIndicators;
  const name = shown?.province.name ?? provinceName;

  let body;
  if (error) {
    body = (
      <Alert
        tone="error"
        title={t('dashboard.provinceIndicatorsFailed')}
        testId="province-indicators-error"
        actions={
          <button type="button" className="button button-primary" onClick={() => void refetch()}>
            {t('errors.retry')}
          </button>
        }
      >
        {errorText(error)}
      </Alert>
    );
  } else if (!shown) {
    body = <LoadingIndicator label={t('dashboard.loadingData')} />;
  } else if (shown.values.length === 0) {
    body = (
      <div className="empty-state">
        <p className="empty-state-title">{t('dashboard.provinceIndicatorsEmpty')}</p>
      </div>
    );
  } else {
    const rates = shown.values.filter((i) => isRate(i.indicator) && (i.value !== null || i.national.value !== null));
    body = (
      <>
        {rates.length ? <RateComparisonChart items={rates} provinceName={name} /> : null}
        <div className="table-scroll">
          <table className="data-table" data-testid="province-indicators-table" aria-busy={loading}>
            <caption className="visually-hidden">{t('dashboard.indicatorsCaption', { province: name, year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.column.indicator')}</th>
                <th scope="col" className="numeric">
                  {name || t('dashboard.column.provinceValue')}
                </th>
                <th scope="col" className="numeric">
                  {t('dashboard.column.nationalValue')}
                </th>
                <th scope="col" className="numeric">
                  {t('dashboard.column.numerator')}
                </th>
                <th scope="col" className="numeric">
                  {t('dashboard.column.denominator')}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.values.map((item) => (
                <tr key={item.indicator.code} data-testid="province-indicator-row" data-indicator={item.indicator.code}>
                  <th scope="row">{indicatorName(item.indicator, i18n.language)}</th>
                  <td className="numeric" data-testid="province-value">
                    {formatIndicatorValue(item.value, item.indicator)}
                  </td>
                  <td className="numeric" data-testid="national-value">
                    {formatIndicatorValue(item.national.value, item.indicator)}
                  </td>
                  <td className="numeric">{formatNumber(item.numerator)}</td>
                  <td className="numeric">{formatNumber(item.denominator)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    );
  }

  return (
    <section className="panel" aria-labelledby="province-indicators-title">
      <h2 id="province-indicators-title">{t('dashboard.indicatorsTitle', { year })}</h2>
      {body}
    </section>
  );
}

/** Rate indicators of the province beside the national rate, as paired bars. */
function RateComparisonChart({ items, provinceName }: { items: readonly ProvinceIndicatorItem[]; provinceName: string }) {
  const { t, i18n } = useTranslation();
  const data = items.map((i) => ({ name: indicatorName(i.indicator, i18n.language), province: i.value, national: i.national.value }));
  const format = (v: unknown) => formatIndicatorValue(typeof v === 'number' ? v : Number(v), { code: '', kind: 'RATE' });
  return (
    <figure className="chart-figure" data-testid="province-rate-chart">
      <figcaption className="muted">{t('dashboard.compareChart')}</figcaption>
      <ResponsiveContainer width="100%" height={Math.max(180, data.length * 56 + 60)}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 32, bottom: 8, left: 8 }} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 1]} tickFormatter={(v: number) => formatAxisValue(v, true)} />
          <YAxis type="category" dataKey="name" width={220} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip formatter={format} />
          <Legend />
          <Bar dataKey="province" name={provinceName} fill="#0b4f8a" isAnimationActive={false} />
          <Bar dataKey="national" name={t('dashboard.national')} fill="#b42318" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function OverdueTasksPanel() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(DIRECTIVE_TASKS, {
    variables: { first: TOP, filter: { overdue: true } },
    fetchPolicy: 'cache-and-network',
  });
  const tasks = data?.directiveTasks;
  return (
    <section className="panel" aria-labelledby="overdue-title" data-testid="overdue-tasks">
      <h2 id="overdue-title">{t('dashboard.overdueTitle')}</h2>
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
      ) : !tasks ? (
        <LoadingIndicator label={t('tasks.loading')} />
      ) : tasks.edges.length === 0 ? (
        <p className="muted">{t('dashboard.overdueEmpty')}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="data-table" data-testid="overdue-tasks-table">
              <caption className="visually-hidden">{t('dashboard.overdueTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('tasks.column.title')}</th>
                  <th scope="col">{t('tasks.column.directive')}</th>
                  <th scope="col">{t('tasks.column.dueOn')}</th>
                  <th scope="col" className="numeric">
                    {t('tasks.column.daysLate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {tasks.edges.map(({ node }) => (
                  <tr key={node.id} data-testid="overdue-task-row">
                    <th scope="row">
                      {node.title}
                      <div className="muted cell-sub">{node.leadAgency.name}</div>
                    </th>
                    <td className="nowrap">{node.directive.numberSymbol}</td>
                    <td className="nowrap">{formatLocalDate(node.dueOn)}</td>
                    <td className="numeric" data-testid="days-late">
                      {formatCount(node.daysLate)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Link to="/tasks?overdue=1">{t('dashboard.overdueAll', { count: tasks.totalCount })}</Link>
        </>
      )}
    </section>
  );
}

function StalledCommissioningPanel() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(COMMISSIONING_REQUESTS, {
    variables: { first: TOP, filter: { stages: STALLED_STAGES, delayed: true }, sort: { field: 'DELAY_DAYS', direction: 'DESC' } },
    fetchPolicy: 'cache-and-network',
  });
  const requests = data?.commissioningRequests;
  return (
    <section className="panel" aria-labelledby="stalled-title" data-testid="stalled-commissioning">
      <h2 id="stalled-title">{t('dashboard.stalledTitle')}</h2>
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
      ) : !requests ? (
        <LoadingIndicator label={t('commissioning.loading')} />
      ) : requests.edges.length === 0 ? (
        <p className="muted">{t('dashboard.stalledEmpty')}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="data-table" data-testid="stalled-table">
              <caption className="visually-hidden">{t('dashboard.stalledTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('commissioning.column.title')}</th>
                  <th scope="col">{t('commissioning.column.stage')}</th>
                  <th scope="col" className="numeric">
                    {t('commissioning.column.delayDays')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {requests.edges.map(({ node }) => (
                  <tr key={node.id} data-testid="stalled-row">
                    <th scope="row">
                      {node.title}
                      <div className="muted cell-sub">{node.requestingAgency.name}</div>
                    </th>
                    <td>{t(`commissioning.stages.${node.stage}`)}</td>
                    <td className="numeric">{formatCount(node.delayDays)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Link to="/commissioning?stage=IN_PROGRESS,SUSPENDED&delayed=1">{t('dashboard.stalledAll', { count: requests.totalCount })}</Link>
        </>
      )}
    </section>
  );
}
