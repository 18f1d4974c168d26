import { useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../common/ui/alert';
import type { FieldProblem } from '../../common/graphql-errors';
import { errorCodeOf, fieldProblemsOf } from '../../common/graphql-errors';
import { useErrorText } from '../../common/use-error-text';

/**
 * Cursor paging of a list: the cursors of the pages before the current one are kept, so "previous"
 * returns exactly where it was; a new `queryKey` (filter, order, page size) starts from page one.
 */
export function useCursorPages(queryKey: string) {
  const [paging, setPaging] = useState<{ key: string; afters: Array<string | null> }>({ key: queryKey, afters: [null] });
  const afters = paging.key === queryKey ? paging.afters : [null];
  return {
    after: afters[afters.length - 1],
    page: afters.length,
    back: () => afters.length > 1 && setPaging({ key: queryKey, afters: afters.slice(0, -1) }),
    next: (end: string) => setPaging({ key: queryKey, afters: [...afters, end] }),
  };
}

/** Previous / page x of y / next, under a list. */
export function Pager({
  page,
  total,
  pageSize,
  hasNext,
  endCursor,
  busy,
  paging,
}: {
  page: number;
  total: number;
  pageSize: number;
  hasNext: boolean;
  endCursor: string | null | undefined;
  busy: boolean;
  paging: ReturnType<typeof useCursorPages>;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const canBack = page > 1 && !busy;
  const canNext = hasNext && Boolean(endCursor) && !busy;
  return (
    <nav className="pagination" aria-label={t('associations.pagination.label')}>
      <button type="button" className="button button-secondary" aria-disabled={!canBack} onClick={() => canBack && paging.back()} data-testid="previous-page">
        <span aria-hidden="true">‹ </span>
        {t('associations.pagination.previous')}
      </button>
      <span className="pagination-status">{t('associations.pagination.page', { page, pages })}</span>
      <button
        type="button"
        className="button button-secondary"
        aria-disabled={!canNext}
        onClick={() => canNext && endCursor && paging.next(endCursor)}
        data-testid="next-page"
      >
        {t('associations.pagination.next')}
        <span aria-hidden="true"> ›</span>
      </button>
    </nav>
  );
}

export type SaveFailure = { kind: 'fields'; problems: FieldProblem[] } | { kind: 'conflict' } | { kind: 'gone' } | { kind: 'other'; error: unknown };

/** What went wrong with a save, sorted into what the form shows: field errors, a stale version, a vanished record or anything else. */
export function saveFailureOf(error: unknown): SaveFailure {
  const problems = fieldProblemsOf(error);
  if (problems.length) return { kind: 'fields', problems };
  const code = errorCodeOf(error);
  if (code === 'CONFLICT') return { kind: 'conflict' };
  if (code === 'NOT_FOUND') return { kind: 'gone' };
  return { kind: 'other', error };
}

/** The message block above a form's fields for a failed save (field errors are shown beside the fields). */
export function SaveFailureAlert({ failure, onReload, conflictText }: { failure: SaveFailure | null; onReload?: () => void; conflictText: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (!failure) return null;
  if (failure.kind === 'fields')
    return (
      <Alert tone="error" title={t('form.errorSummary')} testId="form-error-summary" focusOnMount>
        <ul className="error-list">
          {failure.problems.map((p) => (
            <li key={`${p.field}:${p.constraint}`}>{p.message}</li>
          ))}
        </ul>
      </Alert>
    );
  if (failure.kind === 'conflict')
    return (
      <Alert
        tone="warning"
        title={conflictText}
        testId="form-conflict"
        focusOnMount
        actions={
          onReload ? (
            <button type="button" className="button button-primary" onClick={onReload} data-testid="reload-latest">
              {t('form.reload')}
            </button>
          ) : undefined
        }
      >
        {t('form.conflictHint')}
      </Alert>
    );
  if (failure.kind === 'gone')
    return (
      <Alert tone="error" title={t('form.saveFailed')} testId="form-gone" focusOnMount>
        {t('errors.notFound')}
      </Alert>
    );
  return (
    <Alert tone="error" title={t('form.saveFailed')} testId="form-error" focusOnMount>
      {errorText(failure.error)}
    </Alert>
  );
}

/** The error of one field from a failed save, if any. */
export function fieldErrorOf(failure: SaveFailure | null, ...fields: string[]): string | undefined {
  if (failure?.kind !== 'fields') return undefined;
  return failure.problems.find((p) => fields.includes(p.field))?.message;
}

/** A read-only definition list of label/value pairs (for viewers). */
export function DetailList({ rows, testId }: { rows: ReadonlyArray<[string, ReactNode]>; testId?: string }) {
  return (
    <dl className="details" data-testid={testId}>
      {rows.map(([label, value]) => (
        <div className="details-row" key={label}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Empty text → null, otherwise trimmed. */
export const optionalText = (text: string) => (text.trim() === '' ? null : text.trim());

/** Empty text → null, otherwise the whole number (call only after `isIntText`). */
export const optionalInt = (text: string) => (text.trim() === '' ? null : Number(text.trim()));

/** Empty, or a whole number. */
export const isIntText = (text: string) => text.trim() === '' || /^-?\d+$/.test(text.trim());

/** What a list passes to the record pages it links to: its query string, to return to the same filters. */
export interface ReturnState {
  listSearch: string;
}

/** The list path to return to: `base` with the filters the user came from, if any. */
export function useReturnPath(base: string): string {
  const location = useLocation();
  const search = (location.state as Partial<ReturnState> | null)?.listSearch;
  return typeof search === 'string' && search.startsWith('?') ? `${base}${search}` : base;
}
