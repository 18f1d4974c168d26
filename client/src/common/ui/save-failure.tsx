import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../graphql-errors';
import { errorCodeOf, fieldProblemsOf } from '../graphql-errors';
import { useErrorText } from '../use-error-text';
import { Alert } from './alert';

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

/**
 * Submitting a record form. Problems found before sending are shown beside the fields and focus goes
 * to the first one (`inputIdOf` names its input); otherwise `save` runs, and a rejection becomes the
 * failure shown above the fields.
 */
export function useRecordSubmit<V>(save: (values: V) => Promise<void>, inputIdOf: (field: string) => string) {
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  async function submit(values: V, localProblems: FieldProblem[]) {
    if (localProblems.length) {
      setFailure({ kind: 'fields', problems: localProblems });
      document.getElementById(inputIdOf(localProblems[0].field))?.focus();
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      await save(values);
    } catch (error) {
      setFailure(saveFailureOf(error));
    } finally {
      setSaving(false);
    }
  }
  return { saving, failure, submit };
}
