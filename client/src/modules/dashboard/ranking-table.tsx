import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NationalRow, RankedRow, ReportState } from './dashboard-data';
import { MAX_HIGHLIGHTED } from './dashboard-params';
import { formatIndicatorValue, formatNumber } from './indicator-format';
import { drillLinks } from './drill-links';

interface RankingTableProps {
  indicator: { code: string; name: string; unit: string | null; kind?: string | null };
  indicatorLabel: string;
  year: number;
  rows: readonly RankedRow[];
  national: NationalRow | null;
  /** Submission state by province code; null while loading or when it failed. */
  reports: ReadonlyMap<string, ReportState> | null;
  highlighted: readonly string[];
  onHighlight(code: string, on: boolean): void;
}

/** The figures of the bar chart as a table (its accessible alternative), with the national row and drill-down links. */
export function RankingTable({ indicator, indicatorLabel, year, rows, national, reports, highlighted, onHighlight }: RankingTableProps) {
  const { t } = useTranslation();
  const full = highlighted.length >= MAX_HIGHLIGHTED;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="ranking-table">
        <caption className="visually-hidden">{t('dashboard.rankingCaption', { indicator: indicatorLabel, year })}</caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              {t('dashboard.column.rank')}
            </th>
            <th scope="col">{t('dashboard.column.province')}</th>
            <th scope="col" className="numeric">
              {t('dashboard.column.value')}
            </th>
            <th scope="col" className="numeric">
              {t('dashboard.column.numerator')}
            </th>
            <th scope="col" className="numeric">
              {t('dashboard.column.denominator')}
            </th>
            <th scope="col">{t('dashboard.column.report')}</th>
            <th scope="col">{t('dashboard.column.records')}</th>
            <th scope="col">{t('dashboard.column.highlight')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const links = drillLinks(r.province.code);
            const on = highlighted.includes(r.province.code);
            return (
              <tr key={r.province.code} data-testid="ranking-row" data-province={r.province.code}>
                <td className="numeric">{r.rank ?? ''}</td>
                <th scope="row">
                  <Link to={links.associations} aria-label={t('dashboard.drillAssociationsOf', { province: r.province.name })}>
                    {r.province.name}
                  </Link>
                </th>
                <td className="numeric" data-testid="ranking-value">
                  {r.value === null ? <span className="muted">{t('dashboard.noValue')}</span> : formatIndicatorValue(r.value, indicator)}
                </td>
                <td className="numeric">{formatNumber(r.numerator)}</td>
                <td className="numeric">{formatNumber(r.denominator)}</td>
                <td>{reports ? <ReportBadge state={reports.get(r.province.code) ?? 'missing'} /> : null}</td>
                <td className="drill-links">
                  <Link to={links.tasks} aria-label={t('dashboard.drillTasksOf', { province: r.province.name })}>
                    {t('dashboard.drillTasks')}
                  </Link>
                  <Link to={links.commissioning} aria-label={t('dashboard.drillCommissioningOf', { province: r.province.name })}>
                    {t('dashboard.drillCommissioning')}
                  </Link>
                </td>
                <td>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={on}
                      disabled={!on && full}
                      onChange={(e) => onHighlight(r.province.code, e.target.checked)}
                      title={!on && full ? t('dashboard.highlightLimit', { max: MAX_HIGHLIGHTED }) : undefined}
                    />
                    <span className="visually-hidden">{t('dashboard.highlightProvince', { province: r.province.name })}</span>
                  </label>
                </td>
              </tr>
            );
          })}
        </tbody>
        {national ? (
          <tfoot>
            <tr className="total-row" data-testid="national-row">
              <td />
              <th scope="row">{t('dashboard.national')}</th>
              <td className="numeric">{formatIndicatorValue(national.value, indicator)}</td>
              <td className="numeric">{formatNumber(national.numerator)}</td>
              <td className="numeric">{formatNumber(national.denominator)}</td>
              <td colSpan={3} />
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

export function ReportBadge({ state }: { state: ReportState }) {
  const { t } = useTranslation();
  const label = state === 'onTime' ? t('dashboard.reportOnTime') : state === 'late' ? t('dashboard.reportLate') : t('dashboard.reportMissing');
  return (
    <span className={`badge badge-report-${state}`} data-testid="report-status">
      {label}
    </span>
  );
}
