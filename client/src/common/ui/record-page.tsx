import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RecordQuery } from '../use-record-query';
import { useErrorText } from '../use-error-text';
import { Alert } from './alert';
import { LoadingIndicator } from './loading-indicator';

/** "← Back to the list" above a record page. */
export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <p className="back-link">
      <Link to={to}>
        <span aria-hidden="true">← </span>
        {label}
      </Link>
    </p>
  );
}

/** What a record page shows for an id that is malformed or names no record the user may see. */
export function RecordNotFound({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <>
      <h1>{title}</h1>
      <Alert tone="warning" testId={testId}>
        {children}
      </Alert>
    </>
  );
}

/** A record that failed to load: the reason, with a retry. */
export function RetryAlert({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <Alert
      tone="error"
      actions={
        <button type="button" className="button button-primary" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      }
    >
      {errorText(error)}
    </Alert>
  );
}

/**
 * A record page's body in each state of `useRecordQuery`: not found, failed (with a retry), loading,
 * or the record itself (`render`, given null when the page creates a new record).
 */
export function RecordPageBody<R>({ page, title, notFoundTestId, notFoundText, loadingLabel, render }: {
  page: RecordQuery<R>;
  title: string;
  notFoundTestId: string;
  notFoundText: string;
  loadingLabel: string;
  render(record: R | null): ReactNode;
}) {
  if (page.status === 'new') return render(null);
  if (page.status === 'notFound') {
    return (
      <RecordNotFound title={title} testId={notFoundTestId}>
        {notFoundText}
      </RecordNotFound>
    );
  }
  if (page.status === 'failed') {
    return (
      <>
        <h1>{title}</h1>
        <RetryAlert error={page.error} onRetry={page.retry} />
      </>
    );
  }
  if (!page.record) return <LoadingIndicator label={loadingLabel} />;
  return render(page.record);
}
