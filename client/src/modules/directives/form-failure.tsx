import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf, fieldProblemsOf, type FieldProblem } from '../../common/graphql-errors';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { FieldLink } from '../../common/ui/field-link';

/** Why a save failed: invalid fields (shown beside them), a stale version, a deleted record, or anything else. */
export type Failure = { kind: 'fields'; problems: FieldProblem[] } | { kind: 'conflict' } | { kind: 'gone' } | { kind: 'other'; error: unknown };

/** The failure of a rejected save. */
export function failureOf(err: unknown): Failure {
  const code = errorCodeOf(err);
  const fields = fieldProblemsOf(err);
  if (code === 'BAD_USER_INPUT' && fields.length > 0) return { kind: 'fields', problems: fields };
  if (code === 'CONFLICT') return { kind: 'conflict' };
  if (code === 'NOT_FOUND') return { kind: 'gone' };
  return { kind: 'other', error: err };
}

interface FailureAlertsProps {
  failure: Failure | null;
  /** Problems in form order, with their text and the id of their input (null when the form has none). */
  problems: Array<{ problem: FieldProblem; text: string; inputId: string | null }>;
  summaryRef: RefObject<HTMLDivElement | null>;
  conflictTitle: string;
  conflictHint?: string;
  goneText: string;
  onReload?(): void;
  reloading?: boolean;
  testIdPrefix: string;
}

/** The messages at the top of a form after a failed save; the field list links to the inputs. */
export function FailureAlerts({ failure, problems, summaryRef, conflictTitle, conflictHint, goneText, onReload, reloading, testIdPrefix }: FailureAlertsProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <div ref={summaryRef} tabIndex={-1} className="form-summary-anchor">
      {failure?.kind === 'fields' ? (
        <Alert tone="error" title={t('directives.form.errorSummary')} testId={`${testIdPrefix}-error-summary`}>
          <ul className="error-list">
            {problems.map(({ problem, text, inputId }, i) => (
              <li key={`${problem.field}-${problem.constraint}-${i}`}>
                {inputId ? (
                  <FieldLink inputId={inputId}>{text}</FieldLink>
                ) : (
                  text
                )}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {failure?.kind === 'conflict' ? (
        <Alert
          tone="warning"
          title={conflictTitle}
          testId={`${testIdPrefix}-conflict`}
          actions={
            onReload ? (
              <button type="button" className="button button-primary" onClick={onReload} disabled={reloading}>
                {reloading ? t('directives.form.reloading') : t('directives.form.reload')}
              </button>
            ) : null
          }
        >
          {conflictHint}
        </Alert>
      ) : null}
      {failure?.kind === 'gone' ? (
        <Alert tone="error" title={t('directives.form.saveFailed')} testId={`${testIdPrefix}-gone`}>
          {goneText}
        </Alert>
      ) : null}
      {failure?.kind === 'other' ? (
        <Alert tone="error" title={t('directives.form.saveFailed')} testId={`${testIdPrefix}-error`}>
          {errorText(failure.error)}
        </Alert>
      ) : null}
    </div>
  );
}

/** The values of a <select multiple>. */
export function selectedValues(select: HTMLSelectElement): string[] {
  return Array.from(select.selectedOptions, (o) => o.value);
}
