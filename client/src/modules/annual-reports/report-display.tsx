import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLocalDate } from '../../common/formatters';
import { columnsOf, DataTable } from '../../common/ui/data-table';
import { useErrorText } from '../../common/use-error-text';
import { formatNumber } from '../dashboard/indicator-format';
import type { AnnualReportFigure, AnnualReportStatus } from './annual-report-operations';
import { downloadReportXlsx, openReportPrintPage, ReportFileError } from './report-files';

/** Years a report can be about: 2020 up to this year (the API accepts up to the current year). */
export function reportYearOptions(now: Date = new Date()): number[] {
  const years: number[] = [];
  for (let y = now.getFullYear(); y >= 2020; y--) years.push(y);
  return years;
}

/** Last year: the report that is due this year. */
export function defaultReportYear(now: Date = new Date()): number {
  return now.getFullYear() - 1;
}

/** The year from the URL, or last year when it is missing or not a choice. */
export function readReportYear(params: URLSearchParams): number {
  const raw = Number(params.get('year'));
  return reportYearOptions().includes(raw) ? raw : defaultReportYear();
}

/** 15/11/YYYY, the due date of a year's report. */
export function dueDateText(year: number): string {
  return formatLocalDate(`${year}-11-15`);
}

type StatusKey = AnnualReportStatus | 'NONE';

const BADGE: Record<StatusKey, string> = {
  NONE: 'badge badge-report-missing',
  DRAFT: 'badge badge-consolidating',
  SUBMITTED: 'badge badge-active',
  REOPENED: 'badge badge-report-late',
};

/** The status in words, coloured (the colour is never the only cue). */
export function ReportStatusBadge({ status, testId }: { status: AnnualReportStatus | null; testId?: string }) {
  const { t } = useTranslation();
  const key: StatusKey = status ?? 'NONE';
  return (
    <span className={BADGE[key]} data-testid={testId} data-status={key}>
      {t(`annualReport.status.${key}`)}
    </span>
  );
}

/** "Đúng hạn" / "Trễ hạn 12 ngày"; empty while never submitted. */
export function TimelinessText({ onTime, daysLate }: { onTime: boolean | null; daysLate: number }) {
  const { t } = useTranslation();
  if (onTime === null) return null;
  return onTime ? (
    <span className="badge badge-report-onTime">{t('annualReport.onTime')}</span>
  ) : (
    <span className="badge badge-report-late">{t('annualReport.late', { count: daysLate })}</span>
  );
}

const RATE_UNIT = /^(tỷ lệ|ratio|rate|%)/i;
const MONEY_UNIT = /^(đồng|vnd)$/i;
const percentFormat = new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function isRateFigure(f: { unit: string; indicatorCode: string }): boolean {
  return RATE_UNIT.test(f.unit.trim()) || /_rate$/.test(f.indicatorCode);
}

/** The value as people read it: rates as "85,3%", amounts with thousands separators. */
export function formatFigureValue(f: AnnualReportFigure): string {
  if (f.value === null || Number.isNaN(f.value)) return '–';
  return isRateFigure(f) ? percentFormat.format(f.value) : formatNumber(f.value);
}

/** The unit as shown next to the value: "%" for rates, "đồng" for VND, else the report's unit. */
export function figureUnit(f: AnnualReportFigure, language: string): string {
  if (isRateFigure(f)) return '%';
  if (MONEY_UNIT.test(f.unit.trim())) return language.startsWith('en') ? 'VND' : 'đồng';
  return f.unit;
}

interface FiguresTableProps {
  figures: readonly AnnualReportFigure[];
  caption: string;
  testId: string;
}

/** The figures of a report: indicator, value, numerator, denominator, unit. */
export function FiguresTable({ figures, caption, testId }: FiguresTableProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return (
    <DataTable
      testId={testId}
      caption={caption}
      columns={columnsOf(
        t,
        ['annualReport.column.indicator', 'annualReport.column.value', 'annualReport.column.unit', 'annualReport.column.numerator', 'annualReport.column.denominator'],
        ['annualReport.column.value', 'annualReport.column.numerator', 'annualReport.column.denominator'],
      )}
    >
      {figures.map((f) => (
        <tr key={f.indicatorCode} data-testid="figure-row" data-indicator={f.indicatorCode} data-source={f.source}>
          <th scope="row">
            <span lang="vi">{f.name}</span>
            {english && f.nameEn && f.nameEn !== f.name ? <div className="muted cell-sub">{f.nameEn}</div> : null}
          </th>
          <td className="numeric" data-testid="figure-value">
            <strong>{formatFigureValue(f)}</strong>
          </td>
          <td>{figureUnit(f, i18n.language)}</td>
          <td className="numeric" data-testid="figure-numerator">
            {formatNumber(f.numerator)}
          </td>
          <td className="numeric" data-testid="figure-denominator">
            {formatNumber(f.denominator)}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

type FileState = { status: 'idle' } | { status: 'running'; kind: 'xlsx' | 'html' } | { status: 'failed'; error: unknown };

/** "Tải XLSX" and "Bản in" for one province and year, with their own error message. */
export function ReportFileButtons({ provinceCode, provinceName, year, compact }: { provinceCode: string; provinceName: string; year: number; compact?: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [state, setState] = useState<FileState>({ status: 'idle' });
  const busy = state.status === 'running';

  const run = async (kind: 'xlsx' | 'html') => {
    setState({ status: 'running', kind });
    try {
      if (kind === 'xlsx') await downloadReportXlsx(provinceCode, year);
      else await openReportPrintPage(provinceCode, year, t('annualReport.files.opening'));
      setState({ status: 'idle' });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  };

  let failure = '';
  if (state.status === 'failed') {
    const e = state.error;
    if (e instanceof ReportFileError) {
      failure = e.status === 404 ? t('annualReport.files.notFound') : e.status === 403 ? t('errors.forbidden') : e.status === 401 ? t('errors.unauthenticated') : t('errors.unknown');
    } else failure = errorText(e);
  }

  const size = compact ? 'button button-secondary button-small' : 'button button-secondary';
  return (
    <div className={compact ? 'report-files report-files-compact' : 'report-files'}>
      <button
        type="button"
        className={size}
        disabled={busy}
        onClick={() => void run('xlsx')}
        data-testid={`download-xlsx-${provinceCode}`}
        aria-label={compact ? t('annualReport.files.xlsxFor', { province: provinceName, year }) : undefined}
      >
        {busy && state.kind === 'xlsx' ? t('annualReport.files.downloading') : t('annualReport.files.xlsx')}
      </button>
      <button
        type="button"
        className={size}
        disabled={busy}
        onClick={() => void run('html')}
        data-testid={`print-${provinceCode}`}
        aria-label={compact ? t('annualReport.files.printFor', { province: provinceName, year }) : undefined}
      >
        {busy && state.kind === 'html' ? t('annualReport.files.downloading') : t('annualReport.files.print')}
      </button>
      {failure ? (
        <p className="field-error" role="alert" data-testid="report-file-error">
          {t('annualReport.files.failed')} {failure}
        </p>
      ) : null}
    </div>
  );
}
