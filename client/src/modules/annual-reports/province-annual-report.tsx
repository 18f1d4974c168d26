import { useState, type ReactNode } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../common/formatters';
import { errorCodeOf, fieldProblemsOf } from '../../common/graphql-errors';
import { useErrorText } from '../../common/use-error-text';
import { useUrlState } from '../../common/use-url-state';
import { Alert } from '../../common/ui/alert';
import { ConfirmDialog } from '../../common/ui/confirm-dialog';
import { FormField } from '../../common/ui/form-field';
import { LoadError } from '../../common/ui/load-error';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import type { CurrentUser } from '../auth/auth-operations';
import {
  ANNUAL_REPORT,
  PREPARE_ANNUAL_REPORT,
  PUBLISH_ANNUAL_REPORT,
  REOPEN_ANNUAL_REPORT,
  SUBMIT_ANNUAL_REPORT,
  type AnnualReport,
} from './annual-report-operations';
import {
  dueDateText,
  FiguresTable,
  readReportYear,
  ReportFileButtons,
  ReportStatusBadge,
  TimelinessText,
} from './report-display';
import { YearSelect } from './year-select';

const REASON_MIN = 10;
const REASON_MAX = 2000;
const NOTES_MAX = 5000;

/** /reports for province users: the report of the chosen year, with the administrator's actions. */
export function ProvinceAnnualReport({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const [params, setParams] = useUrlState();
  const year = readReportYear(params);
  const { data, previousData, loading, error, refetch } = useQuery(ANNUAL_REPORT, {
    variables: { year },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const shown = data ?? (loading ? undefined : previousData);
  const provinceCode = user.province?.code ?? '';
  const provinceName = user.province?.name ?? '';

  let body: ReactNode;
  if (error && !data) {
    body = <LoadError title={t('annualReport.loadFailed')} error={error} onRetry={() => void refetch()} testId="report-load-error" />;
  } else if (!shown) {
    body = <LoadingIndicator label={t('annualReport.loading')} />;
  } else {
    body = (
      <ReportView
        key={year}
        year={year}
        report={shown.annualReport}
        isAdmin={user.role === 'PROVINCE_ADMIN'}
        provinceCode={provinceCode}
        provinceName={provinceName}
        reload={async () => void (await refetch())}
      />
    );
  }

  return (
    <>
      <form className="filters" aria-label={t('annualReport.selection')} onSubmit={(e) => e.preventDefault()}>
        <YearSelect
          id="report-year"
          value={year}
          onChange={(y) =>
            setParams((p) => {
              p.set('year', String(y));
              return p;
            })
          }
        />
      </form>
      <div className="report-body" aria-busy={loading} data-testid="province-report" data-loading={loading ? 'true' : 'false'}>
        {body}
      </div>
    </>
  );
}

type Flash = 'prepared' | 'submitted' | 'reopened' | 'published' | 'unpublished' | null;

interface ReportViewProps {
  year: number;
  report: AnnualReport | null;
  isAdmin: boolean;
  provinceCode: string;
  provinceName: string;
  reload(): Promise<void>;
}

function ReportView({ year, report, isAdmin, provinceCode, provinceName, reload }: ReportViewProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [flash, setFlash] = useState<Flash>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [confirmingSubmit, setConfirmingSubmit] = useState(false);
  const [notes, setNotes] = useState(report?.notes ?? '');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const [prepare, { loading: preparing }] = useMutation(PREPARE_ANNUAL_REPORT);
  const [submit, { loading: submitting }] = useMutation(SUBMIT_ANNUAL_REPORT);
  const [reopen, { loading: reopening }] = useMutation(REOPEN_ANNUAL_REPORT);
  const [publish, { loading: publishing }] = useMutation(PUBLISH_ANNUAL_REPORT);
  const busy = preparing || submitting || reopening || publishing;

  const status = report?.status ?? null;
  const canPrepare = isAdmin && status !== 'SUBMITTED';
  const canSubmit = isAdmin && (status === 'DRAFT' || status === 'REOPENED');
  const canReopen = isAdmin && status === 'SUBMITTED';

  const act = async (job: () => Promise<unknown>, done: Flash) => {
    setFlash(null);
    setActionError(null);
    try {
      await job();
      setFlash(done);
    } catch (e) {
      setActionError(e);
    }
  };

  const onPrepare = () =>
    act(async () => {
      await prepare({ variables: { input: { year, notes: notes.trim() ? notes.trim() : null } } });
      // A first draft is a new record the cached "no report" answer does not know about.
      await reload();
    }, 'prepared');

  const onSubmit = async () => {
    if (!report) return;
    await act(() => submit({ variables: { input: { id: report.id, version: report.version } } }), 'submitted');
    setConfirmingSubmit(false);
  };

  const onReopen = async () => {
    if (!report) return;
    const text = reason.trim();
    if (text.length < REASON_MIN) {
      setReasonError(t('annualReport.reopen.reasonTooShort', { min: REASON_MIN }));
      document.getElementById('reopen-reason')?.focus();
      return;
    }
    setReasonError('');
    setFlash(null);
    setActionError(null);
    try {
      await reopen({ variables: { input: { id: report.id, version: report.version, reason: text } } });
      setReason('');
      setFlash('reopened');
    } catch (e) {
      const problem = fieldProblemsOf(e).find((p) => p.field === 'reason');
      if (problem) {
        setReasonError(t('annualReport.reopen.reasonTooShort', { min: REASON_MIN }));
        document.getElementById('reopen-reason')?.focus();
      } else setActionError(e);
    }
  };

  const onPublish = (published: boolean) => {
    if (!report) return;
    void act(() => publish({ variables: { input: { id: report.id, version: report.version, published } } }), published ? 'published' : 'unpublished');
  };

  const errorCode = actionError ? errorCodeOf(actionError) : undefined;
  const problems = actionError ? fieldProblemsOf(actionError) : [];

  const none = <span className="muted">–</span>;
  const rows: Array<[string, ReactNode, string]> = [
    [t('annualReport.field.status'), <ReportStatusBadge key="s" status={status} testId="report-status" />, 'status'],
    [t('annualReport.field.dueOn'), <span key="d" data-testid="report-due">{dueDateText(year)}</span>, 'due'],
    [
      t('annualReport.field.submittedAt'),
      report?.submittedAt ? (
        <span key="sub" className="inline-items">
          <span data-testid="report-submitted-at">{formatDateTime(report.submittedAt)}</span>
          <TimelinessText onTime={report.onTime} daysLate={report.daysLate} />
        </span>
      ) : status && report && report.daysLate > 0 ? (
        <span key="sub" className="badge badge-report-late">
          {t('annualReport.overdue', { count: report.daysLate })}
        </span>
      ) : (
        none
      ),
      'submitted',
    ],
  ];
  if (report?.preparedAt) rows.push([t('annualReport.field.preparedAt'), formatDateTime(report.preparedAt), 'prepared']);
  if (report?.notes) rows.push([t('annualReport.field.notes'), <span key="n" className="pre-line">{report.notes}</span>, 'notes']);
  if (report?.reopenedAt)
    rows.push([
      t('annualReport.field.reopened'),
      <span key="r">
        {formatDateTime(report.reopenedAt)}
        {report.reopenReason ? ` — ${report.reopenReason}` : ''}
      </span>,
      'reopened',
    ]);
  if (report) rows.push([t('annualReport.field.published'), report.published ? t('annualReport.publishedYes') : t('annualReport.publishedNo'), 'published']);

  const liveFigures = report ? report.figures.some((f) => f.source === 'LIVE') || report.status !== 'SUBMITTED' : false;
  const figuresLabel = !report
    ? ''
    : liveFigures
      ? t('annualReport.figuresLive')
      : t('annualReport.figuresSubmitted', { date: formatDate(report.submittedAt) });

  return (
    <>
      <section className="panel" aria-labelledby="report-summary-title">
        <div className="results-bar">
          <h2 id="report-summary-title">{t('annualReport.reportOf', { year, province: provinceName })}</h2>
          {report ? <ReportFileButtons provinceCode={provinceCode} provinceName={provinceName} year={year} /> : null}
        </div>
        <dl className="details" data-testid="report-details">
          {rows.map(([label, value, key]) => (
            <div key={key} className="details-row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {status === 'SUBMITTED' ? (
          <p className="muted" data-testid="year-locked-note">
            {t('annualReport.lockedNote', { year })}
          </p>
        ) : null}
      </section>

      {flash ? (
        <Alert tone="success" testId="report-flash" focusOnMount>
          {t(`annualReport.flash.${flash}`, { year })}
        </Alert>
      ) : null}
      {actionError ? (
        errorCode === 'CONFLICT' ? (
          <Alert
            tone="warning"
            title={t('annualReport.conflict')}
            focusOnMount
            testId="report-conflict"
            actions={
              <button type="button" className="button button-primary" onClick={() => void reload().then(() => setActionError(null))}>
                {t('form.reload')}
              </button>
            }
          />
        ) : (
          <Alert tone="error" title={t('annualReport.actionFailed')} focusOnMount testId="report-action-error">
            {errorText(actionError)}
            {problems.length ? (
              <ul className="error-list">
                {problems.map((p) => (
                  <li key={`${p.field}:${p.constraint}`}>{p.message}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
        )
      ) : null}

      {isAdmin ? (
        <section className="panel" aria-labelledby="report-actions-title" data-testid="report-actions">
          <h2 id="report-actions-title">{t('annualReport.actionsTitle')}</h2>
          {canPrepare ? (
            <form
              className="form report-action"
              onSubmit={(e) => {
                e.preventDefault();
                void onPrepare();
              }}
            >
              <FormField id="report-notes" label={t('annualReport.prepare.notes')} hint={t('annualReport.prepare.notesHint')}>
                {(a11y) => (
                  <textarea {...a11y} rows={3} maxLength={NOTES_MAX} value={notes} onChange={(e) => setNotes(e.target.value)} data-testid="report-notes" />
                )}
              </FormField>
              <div className="form-actions">
                <button type="submit" className={status ? 'button button-secondary' : 'button button-primary'} disabled={busy} data-testid="prepare-report">
                  {preparing ? t('annualReport.prepare.running') : status ? t('annualReport.prepare.refresh') : t('annualReport.prepare.button')}
                </button>
                {canSubmit ? (
                  <button type="button" className="button button-primary" disabled={busy} onClick={() => setConfirmingSubmit(true)} data-testid="submit-report">
                    {t('annualReport.submit.button')}
                  </button>
                ) : null}
              </div>
            </form>
          ) : null}

          {canReopen ? (
            <form
              className="form report-action"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void onReopen();
              }}
            >
              <p className="muted">{t('annualReport.reopen.intro')}</p>
              <FormField
                id="reopen-reason"
                label={t('annualReport.reopen.reason')}
                requiredLabel={t('form.required')}
                hint={t('annualReport.reopen.reasonHint', { min: REASON_MIN })}
                error={reasonError}
              >
                {(a11y) => (
                  <textarea
                    {...a11y}
                    rows={3}
                    maxLength={REASON_MAX}
                    value={reason}
                    onChange={(e) => {
                      setReason(e.target.value);
                      if (reasonError && e.target.value.trim().length >= REASON_MIN) setReasonError('');
                    }}
                    data-testid="reopen-reason"
                  />
                )}
              </FormField>
              <div className="form-actions">
                <button type="submit" className="button button-danger-outline" disabled={busy} data-testid="reopen-report">
                  {reopening ? t('annualReport.reopen.running') : t('annualReport.reopen.button')}
                </button>
              </div>
            </form>
          ) : null}

          {report ? (
            <div className="report-publish">
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={report.published}
                  disabled={busy}
                  onChange={(e) => onPublish(e.target.checked)}
                  data-testid="publish-report"
                  aria-describedby="publish-hint"
                />
                {t('annualReport.publish.label')}
              </label>
              <p id="publish-hint" className="field-hint">
                {t('annualReport.publish.hint')}
              </p>
            </div>
          ) : null}
        </section>
      ) : (
        <Alert tone="info" testId="report-read-only">
          {t('annualReport.readOnly')}
        </Alert>
      )}

      <section className="panel" aria-labelledby="report-figures-title">
        <h2 id="report-figures-title">{t('annualReport.figuresTitle', { year })}</h2>
        {!report ? (
          <div className="empty-state" data-testid="report-none">
            <p className="empty-state-title">{t('annualReport.noneTitle', { year })}</p>
            <p>{isAdmin ? t('annualReport.noneHintAdmin') : t('annualReport.noneHint')}</p>
          </div>
        ) : (
          <>
            <p className={liveFigures ? 'figures-label figures-label-live' : 'figures-label figures-label-submitted'} data-testid="figures-label" data-source={liveFigures ? 'LIVE' : 'SUBMITTED'}>
              {figuresLabel}
            </p>
            {report.figures.length === 0 ? (
              <p className="muted">{t('annualReport.noFigures')}</p>
            ) : (
              <FiguresTable figures={report.figures} caption={`${t('annualReport.figuresTitle', { year })} – ${figuresLabel}`} testId="figures-table" />
            )}
            {report.status === 'REOPENED' && report.submittedFigures.length ? (
              <details className="submitted-snapshot">
                <summary>{t('annualReport.lastSubmitted', { date: formatDate(report.submittedAt) })}</summary>
                <FiguresTable
                  figures={report.submittedFigures}
                  caption={t('annualReport.lastSubmitted', { date: formatDate(report.submittedAt) })}
                  testId="submitted-figures-table"
                />
              </details>
            ) : null}
          </>
        )}
      </section>

      <ConfirmDialog
        open={confirmingSubmit}
        title={t('annualReport.submit.confirmTitle', { year })}
        confirmLabel={submitting ? t('annualReport.submit.running') : t('annualReport.submit.confirm')}
        cancelLabel={t('form.cancel')}
        busy={submitting}
        onConfirm={() => void onSubmit()}
        onCancel={() => setConfirmingSubmit(false)}
      >
        <p>{t('annualReport.submit.confirmBody', { year })}</p>
        <p>{t('annualReport.submit.confirmReopen')}</p>
      </ConfirmDialog>
    </>
  );
}
