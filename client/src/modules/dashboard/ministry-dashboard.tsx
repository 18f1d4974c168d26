import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../common/use-error-text';
import { useUrlState } from '../../common/use-url-state';
import { Alert } from '../../common/ui/alert';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { useCurrentUser } from '../auth/current-user-context';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { ProvinceBarChart, TrendLineChart, type TrendSeries } from './dashboard-charts';
import { indicatorOf, nationalRow, rankedRows, reportState, sortedCells, type ReportState } from './dashboard-data';
import { ANNUAL_REPORTS, COMPARE_PROVINCES, INDICATORS, type Comparison, type Indicator } from './dashboard-operations';
import { MAX_HIGHLIGHTED, readDashboardParams, writeDashboardParams, type DashboardParams } from './dashboard-params';
import { drillLinks } from './drill-links';
import { exportCellsCsv, exportRankingCsv, exportXlsx, type RankingExport } from './export-dashboard';
import { indicatorName, isRate } from './indicator-format';
import { RankingTable } from './ranking-table';
import { SelectionForm } from './selection-form';

const DEFAULT_INDICATOR = 'member_associations';

/** /dashboard for the ministry: compare indicators across provinces and years; the selection lives in the URL. */
export function MinistryDashboard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const user = useCurrentUser();
  const scope = useProvinceScope(user);
  const [searchParams, setSearchParams] = useUrlState();
  const indicatorsQuery = useQuery(INDICATORS, { fetchPolicy: 'cache-first' });
  const indicators = useMemo(() => indicatorsQuery.data?.indicators ?? [], [indicatorsQuery.data]);
  const known = useMemo(() => (indicators.length ? new Set(indicators.map((i) => i.code)) : undefined), [indicators]);
  const defaultIndicator = indicators.some((i) => i.code === DEFAULT_INDICATOR) ? DEFAULT_INDICATOR : (indicators[0]?.code ?? '');
  const params = readDashboardParams(searchParams, defaultIndicator, known);

  // Each change applies to the latest selection, so quick successive clicks all count.
  const update = (changes: Partial<DashboardParams>) =>
    setSearchParams((current) => writeDashboardParams({ ...readDashboardParams(current, defaultIndicator, known), ...changes }));

  if (indicatorsQuery.error) {
    return (
      <Alert
        tone="error"
        title={t('dashboard.indicatorsFailed')}
        testId="dashboard-error"
        actions={
          <button type="button" className="button button-primary" onClick={() => void indicatorsQuery.refetch()}>
            {t('errors.retry')}
          </button>
        }
      >
        {errorText(indicatorsQuery.error)}
      </Alert>
    );
  }
  if (!indicatorsQuery.data) return <LoadingIndicator label={t('dashboard.loadingIndicators')} />;

  return (
    <>
      <SelectionForm indicators={indicators} provinces={scope.provinces} params={params} onChange={update} />
      {params.indicators.length === 0 ? (
        <Alert tone="info">{t('dashboard.pickIndicator')}</Alert>
      ) : params.years.length === 0 ? (
        <Alert tone="info">{t('dashboard.pickYear')}</Alert>
      ) : (
        <ComparisonView indicators={indicators} params={params} onChange={update} />
      )}
    </>
  );
}

interface ComparisonViewProps {
  indicators: readonly Indicator[];
  params: DashboardParams;
  onChange(changes: Partial<DashboardParams>): void;
}

function ComparisonView({ indicators, params, onChange }: ComparisonViewProps) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const input = {
    indicators: params.indicators,
    years: params.years,
    boundaries: params.boundaries,
    source: params.source,
    ...(params.provinces.length ? { provinceCodes: params.provinces } : {}),
  };
  const { data, previousData, loading, error, refetch } = useQuery(COMPARE_PROVINCES, {
    variables: { input },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const comparison = (data ?? previousData)?.compareProvinces;

  if (error) {
    return (
      <Alert
        tone="error"
        title={t('dashboard.loadFailed')}
        testId="dashboard-error"
        actions={
          <button type="button" className="button button-primary" onClick={() => void refetch()}>
            {t('errors.retry')}
          </button>
        }
      >
        {errorText(error)}
      </Alert>
    );
  }
  if (!comparison) return <LoadingIndicator label={t('dashboard.loadingData')} />;

  const catalogue = indicators.find((i) => i.code === params.focus);
  const fromCells = indicatorOf(comparison, params.focus);
  const indicator = {
    code: params.focus,
    name: catalogue?.name ?? fromCells?.name ?? params.focus,
    unit: catalogue?.unit ?? fromCells?.unit ?? null,
    kind: catalogue?.kind ?? fromCells?.kind ?? null,
  };
  const label = catalogue ? indicatorName(catalogue, i18n.language) : indicator.name;

  return (
    <section className="results dashboard-results" aria-busy={loading} data-testid="comparison" data-loading={loading ? 'true' : 'false'}>
      <div className="dashboard-focus filters">
        <div className="form-field">
          <label htmlFor="dashboard-focus">{t('dashboard.focus')}</label>
          <select id="dashboard-focus" value={params.focus} onChange={(e) => onChange({ focus: e.target.value, highlight: [] })} data-testid="focus-select">
            {params.indicators.map((code) => {
              const ind = indicators.find((i) => i.code === code);
              return (
                <option key={code} value={code}>
                  {ind ? indicatorName(ind, i18n.language) : code}
                </option>
              );
            })}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="dashboard-year">{t('dashboard.chartYear')}</label>
          <select id="dashboard-year" value={params.year} onChange={(e) => onChange({ year: Number(e.target.value) })} data-testid="year-select">
            {params.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        {loading ? <LoadingIndicator label={t('app.loading')} /> : null}
      </div>
      <FocusView comparison={comparison} indicator={indicator} label={label} params={params} onChange={onChange} />
    </section>
  );
}

interface FocusViewProps {
  comparison: Comparison;
  indicator: { code: string; name: string; unit: string | null; kind?: string | null };
  label: string;
  params: DashboardParams;
  onChange(changes: Partial<DashboardParams>): void;
}

type ExportState = { status: 'idle' } | { status: 'running' } | { status: 'failed'; error: unknown };

function FocusView({ comparison, indicator, label, params, onChange }: FocusViewProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const rate = isRate(indicator);
  const rows = rankedRows(comparison, indicator.code, params.year);
  const national = nationalRow(comparison, indicator.code, params.year);
  const [exportState, setExportState] = useState<ExportState>({ status: 'idle' });

  const reportsQuery = useQuery(ANNUAL_REPORTS, {
    variables: { filter: { year: params.year }, first: 100 },
    fetchPolicy: 'cache-and-network',
  });
  const reports = useMemo(() => {
    const edges = reportsQuery.data?.annualReports.edges;
    if (!edges) return null;
    return new Map<string, ReportState>(edges.map((e) => [e.node.province.code, reportState(e.node)]));
  }, [reportsQuery.data]);

  const shownCodes = new Set(rows.map((r) => r.province.code));
  const picked = params.highlight.filter((c) => shownCodes.has(c));
  const highlighted = picked.length
    ? picked
    : rows
        .filter((r) => r.value !== null)
        .slice(0, MAX_HIGHLIGHTED)
        .map((r) => r.province.code);
  const series: TrendSeries[] = highlighted.map((code) => {
    const values = new Map<number, number | null>();
    let name = code;
    for (const c of comparison.cells) {
      if (c.indicator.code === indicator.code && c.province.code === code) {
        values.set(c.year, c.value);
        name = c.province.name;
      }
    }
    return { code, name, values };
  });
  const nationalByYear = new Map(comparison.nationalTotals.filter((n) => n.indicator.code === indicator.code).map((n) => [n.year, n.value]));

  const onHighlight = (code: string, on: boolean) => {
    const next = on ? [...highlighted.filter((c) => c !== code), code].slice(0, MAX_HIGHLIGHTED) : highlighted.filter((c) => c !== code);
    onChange({ highlight: next });
  };

  const ranking: RankingExport = { indicator, year: params.year, rows, national, reports };
  const allCells = sortedCells(comparison.cells, params.indicators);
  const run = async (job: () => void | Promise<void>) => {
    setExportState({ status: 'running' });
    try {
      await job();
      setExportState({ status: 'idle' });
    } catch (err) {
      setExportState({ status: 'failed', error: err });
    }
  };

  const counts = { onTime: 0, late: 0, missing: 0 };
  if (reports) for (const r of rows) counts[reports.get(r.province.code) ?? 'missing'] += 1;

  if (rows.length === 0) {
    return (
      <div className="empty-state" data-testid="dashboard-empty">
        <p className="empty-state-title">{t('dashboard.empty')}</p>
        <p>{t('dashboard.emptyHint')}</p>
      </div>
    );
  }

  const barTitle = t('dashboard.barTitle', { indicator: label, year: params.year });
  const lineTitle = t('dashboard.lineTitle', { indicator: label });

  return (
    <>
      <section className="panel" aria-labelledby="bar-title">
        <h2 id="bar-title">{barTitle}</h2>
        <p className="muted">{t('dashboard.barDescription')}</p>
        <ProvinceBarChart
          indicator={indicator}
          rows={rows}
          national={national}
          rate={rate}
          title={barTitle}
          provinceCount={params.provinces.length ? null : rows.length}
          onSelectProvince={(code) => void navigate(drillLinks(code).associations)}
        />
      </section>

      <section className="panel" aria-labelledby="line-title">
        <h2 id="line-title">{lineTitle}</h2>
        {params.years.length < 2 ? (
          <p className="muted" data-testid="line-needs-years">
            {t('dashboard.lineNeedsYears')}
          </p>
        ) : (
          <>
            <p className="muted">{t('dashboard.lineDescription', { max: MAX_HIGHLIGHTED })}</p>
            <TrendLineChart indicator={indicator} years={params.years} national={nationalByYear} series={series} rate={rate} title={lineTitle} />
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="ranking-title">
        <div className="results-bar">
          <h2 id="ranking-title">{t('dashboard.rankingTitle', { year: params.year })}</h2>
          <div className="results-actions">
            <button
              type="button"
              className="button button-secondary"
              disabled={exportState.status === 'running'}
              onClick={() => void run(() => exportRankingCsv(ranking, t))}
              data-testid="export-ranking-csv"
            >
              {t('dashboard.exportRankingCsv')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={exportState.status === 'running'}
              onClick={() => void run(() => exportCellsCsv(allCells, t))}
              data-testid="export-cells-csv"
            >
              {t('dashboard.exportCellsCsv')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={exportState.status === 'running'}
              onClick={() => void run(() => exportXlsx(ranking, allCells, t))}
              data-testid="export-xlsx"
            >
              {exportState.status === 'running' ? t('dashboard.exporting') : t('dashboard.exportXlsx')}
            </button>
          </div>
        </div>
        {exportState.status === 'failed' ? (
          <Alert tone="error" title={t('dashboard.exportFailed')}>
            {errorText(exportState.error)}
          </Alert>
        ) : null}
        {reportsQuery.error ? (
          <Alert tone="warning">{t('dashboard.reportsFailed')}</Alert>
        ) : reports ? (
          <p className="report-summary" data-testid="report-summary">
            {t('dashboard.reportSummary', { year: params.year, ...counts })}
          </p>
        ) : null}
        <RankingTable
          indicator={indicator}
          indicatorLabel={label}
          year={params.year}
          rows={rows}
          national={national}
          reports={reports}
          highlighted={highlighted}
          onHighlight={onHighlight}
        />
      </section>
    </>
  );
}
