import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatLocalDate } from '../../common/formatters';
import { LoadError } from '../../common/ui/load-error';
import { columnsOf, DataTable, type Column } from '../../common/ui/data-table';
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
  const { data, previousData, loading, error, refetch } = useQuery(PROVINCE_INDICATORS, {
    variables: { year },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const shown = (data ?? previousData)?.provinceIndicators;
  const name = shown?.province.name ?? provinceName;

  let body;
  if (error) {
    body = <LoadError title={t('dashboard.provinceIndicatorsFailed')} error={error} onRetry={() => void refetch()} testId="province-indicators-error" />;
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

/** A dashboard panel with the first rows of a work list ("tasks" or "commissioning") and a link to all of them. */
function WorkListPanel<N>({
  kind,
  name,
  testId,
  tableTestId,
  result: { list, error, refetch },
  columns,
  row,
  to,
}: {
  kind: 'overdue' | 'stalled';
  name: 'tasks' | 'commissioning';
  testId: string;
  tableTestId: string;
  result: { list: { totalCount: number; edges: ReadonlyArray<{ node: N }> } | undefined; error: unknown; refetch(): Promise<unknown> };
  columns: readonly Column[];
  row(node: N): ReactNode;
  to: string;
}) {
  const { t } = useTranslation();
  const title = t(`dashboard.${kind}Title`);
  return (
    <section className="panel" aria-labelledby={`${kind}-title`} data-testid={testId}>
      <h2 id={`${kind}-title`}>{title}</h2>
      {error ? (
        <LoadError title={t(`${name}.loadFailed`)} error={error} onRetry={() => void refetch()} />
      ) : !list ? (
        <LoadingIndicator label={t(`${name}.loading`)} />
      ) : list.edges.length === 0 ? (
        <p className="muted">{t(`dashboard.${kind}Empty`)}</p>
      ) : (
        <>
          <DataTable testId={tableTestId} caption={title} columns={columns}>
            {list.edges.map(({ node }) => row(node))}
          </DataTable>
          <Link to={to}>{t(`dashboard.${kind}All`, { count: list.totalCount })}</Link>
        </>
      )}
    </section>
  );
}

function OverdueTasksPanel() {
  const { t } = useTranslation();
  const { data, error, refetch } = useQuery(DIRECTIVE_TASKS, {
    variables: { first: TOP, filter: { overdue: true } },
    fetchPolicy: 'cache-and-network',
  });
  return (
    <WorkListPanel
      kind="overdue"
      name="tasks"
      testId="overdue-tasks"
      tableTestId="overdue-tasks-table"
      result={{ list: data?.directiveTasks, error, refetch }}
      columns={columnsOf(t, ['tasks.column.title', 'tasks.column.directive', 'tasks.column.dueOn', 'tasks.column.daysLate'], ['tasks.column.daysLate'])}
      row={(node) => (
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
      )}
      to="/tasks?overdue=1"
    />
  );
}

function StalledCommissioningPanel() {
  const { t } = useTranslation();
  const { data, error, refetch } = useQuery(COMMISSIONING_REQUESTS, {
    variables: { first: TOP, filter: { stages: STALLED_STAGES, delayed: true }, sort: { field: 'DELAY_DAYS', direction: 'DESC' } },
    fetchPolicy: 'cache-and-network',
  });
  return (
    <WorkListPanel
      kind="stalled"
      name="commissioning"
      testId="stalled-commissioning"
      tableTestId="stalled-table"
      result={{ list: data?.commissioningRequests, error, refetch }}
      columns={columnsOf(t, ['commissioning.column.title', 'commissioning.column.stage', 'commissioning.column.delayDays'], ['commissioning.column.delayDays'])}
      row={(node) => (
        <tr key={node.id} data-testid="stalled-row">
          <th scope="row">
            {node.title}
            <div className="muted cell-sub">{node.requestingAgency.name}</div>
          </th>
          <td>{t(`commissioning.stages.${node.stage}`)}</td>
          <td className="numeric">{formatCount(node.delayDays)}</td>
        </tr>
      )}
      to="/commissioning?stage=IN_PROGRESS,SUSPENDED&delayed=1"
    />
  );
}
