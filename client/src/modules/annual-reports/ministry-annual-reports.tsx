import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/formatters';
import { useUrlState } from '../../common/use-url-state';
import { Alert } from '../../common/ui/alert';
import { columnsOf, DataTable } from '../../common/ui/data-table';
import { LoadError } from '../../common/ui/load-error';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { PROVINCES } from '../member-associations/member-association-operations';
import { ANNUAL_REPORT_LIST, type AnnualReportRow } from './annual-report-operations';
import { dueDateText, readReportYear, ReportFileButtons, ReportStatusBadge, TimelinessText } from './report-display';
import { YearSelect } from './year-select';

interface Row {
  code: string;
  name: string;
  report: AnnualReportRow | null;
}

const collator = new Intl.Collator('vi');

/** /reports for the ministry: every current province's report of a year, with status and files. */
export function MinistryAnnualReports() {
  const { t } = useTranslation();
  const [params, setParams] = useUrlState();
  const year = readReportYear(params);
  const provincesQuery = useQuery(PROVINCES, { fetchPolicy: 'cache-first' });
  const reportsQuery = useQuery(ANNUAL_REPORT_LIST, {
    variables: { year, first: 100 },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });

  const provinces = provincesQuery.data?.provinces;
  const reports = reportsQuery.data?.annualReports;
  const error = provincesQuery.error ?? (reports ? undefined : reportsQuery.error);

  let body;
  if (error) {
    body = (
      <LoadError
        title={t('annualReport.ministry.loadFailed')}
        error={error}
        testId="reports-load-error"
        onRetry={() => {
          if (provincesQuery.error) void provincesQuery.refetch();
          void reportsQuery.refetch();
        }}
      />
    );
  } else if (!provinces || !reports) {
    body = <LoadingIndicator label={t('annualReport.ministry.loading')} />;
  } else {
    const byCode = new Map(reports.edges.map((e) => [e.node.province.code, e.node]));
    const rows: Row[] = provinces
      .filter((p) => p.status === 'ACTIVE')
      .map((p) => ({ code: p.code, name: p.name, report: byCode.get(p.code) ?? null }))
      .sort((a, b) => collator.compare(a.name, b.name));
    const current = new Set(rows.map((r) => r.code));
    const former = reports.edges.map((e) => e.node).filter((r) => !current.has(r.province.code));
    const counts = { submitted: 0, onTime: 0, late: 0, draft: 0, reopened: 0, missing: 0 };
    for (const r of rows) {
      if (!r.report) counts.missing += 1;
      else if (r.report.status === 'DRAFT') counts.draft += 1;
      else if (r.report.status === 'REOPENED') counts.reopened += 1;
      else counts.submitted += 1;
      if (r.report?.onTime === true) counts.onTime += 1;
      if (r.report?.onTime === false) counts.late += 1;
    }

    body =
      rows.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state-title">{t('annualReport.ministry.noProvinces')}</p>
        </div>
      ) : (
        <>
          <p className="report-summary" data-testid="reports-summary">
            {t('annualReport.ministry.summary', { total: rows.length, year, ...counts })}
          </p>
          {reportsQuery.error ? <Alert tone="warning">{t('annualReport.ministry.refreshFailed')}</Alert> : null}
          {reports.pageInfo.hasNextPage ? <Alert tone="warning">{t('annualReport.ministry.truncated')}</Alert> : null}
          <ReportsTable rows={rows} year={year} caption={t('annualReport.ministry.caption', { year })} testId="reports-table" />
          {former.length ? (
            <>
              <h3>{t('annualReport.ministry.formerTitle')}</h3>
              <ReportsTable
                rows={former.map((r) => ({ code: r.province.code, name: r.province.name, report: r }))}
                year={year}
                caption={t('annualReport.ministry.formerTitle')}
                testId="former-reports-table"
              />
            </>
          ) : null}
        </>
      );
  }

  return (
    <>
      <form className="filters" aria-label={t('annualReport.selection')} onSubmit={(e) => e.preventDefault()}>
        <YearSelect
          id="ministry-report-year"
          value={year}
          onChange={(y) =>
            setParams((p) => {
              p.set('year', String(y));
              return p;
            })
          }
        />
      </form>
      <section className="panel" aria-labelledby="reports-title" data-testid="ministry-reports" data-loading={reportsQuery.loading ? 'true' : 'false'}>
        <h2 id="reports-title">{t('annualReport.ministry.tableTitle', { year, due: dueDateText(year) })}</h2>
        {body}
      </section>
    </>
  );
}

function ReportsTable({ rows, year, caption, testId }: { rows: readonly Row[]; year: number; caption: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <DataTable
      testId={testId}
      caption={caption}
      columns={columnsOf(t, ['annualReport.column.province', 'annualReport.column.status', 'annualReport.column.timeliness', 'annualReport.column.submittedAt', 'annualReport.column.files'])}
    >
      {rows.map(({ code, name, report }) => (
        <tr key={code} data-testid="report-row" data-province={code} data-status={report?.status ?? 'NONE'}>
          <th scope="row">{name}</th>
          <td>
            <ReportStatusBadge status={report?.status ?? null} testId="row-status" />
          </td>
          <td>
            {report ? (
              report.onTime === null ? (
                report.daysLate > 0 ? (
                  <span className="badge badge-report-late">{t('annualReport.overdue', { count: report.daysLate })}</span>
                ) : (
                  <span className="muted">–</span>
                )
              ) : (
                <TimelinessText onTime={report.onTime} daysLate={report.daysLate} />
              )
            ) : (
              <span className="muted">–</span>
            )}
          </td>
          <td className="nowrap" data-testid="row-submitted-at">
            {report?.submittedAt ? formatDateTime(report.submittedAt) : <span className="muted">–</span>}
          </td>
          <td>
            {report ? (
              <ReportFileButtons provinceCode={code} provinceName={name} year={year} compact />
            ) : (
              <span className="muted">{t('annualReport.ministry.noFile')}</span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
