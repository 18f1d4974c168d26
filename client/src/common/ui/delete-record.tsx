import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../graphql-errors';
import { useErrorText } from '../use-error-text';
import { Alert } from './alert';
import { ConfirmDialog } from './confirm-dialog';

/**
 * Deleting a record after a confirmation: `ask` opens the dialog; `confirm` runs `remove`, closes the
 * dialog and then `leave`s the page. A failure closes the dialog and is kept in `error` for the page.
 */
export function useConfirmedDelete(remove: () => Promise<void>, leave: () => Promise<void>) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function confirm() {
    try {
      await remove();
      setConfirming(false);
      await leave();
    } catch (err) {
      setConfirming(false);
      setError(err);
    }
  }
  return {
    confirming,
    error,
    clearError: () => setError(null),
    ask: () => setConfirming(true),
    cancel: () => setConfirming(false),
    confirm: () => void confirm(),
  };
}

export type ConfirmedDelete = ReturnType<typeof useConfirmedDelete>;

interface DeleteDialogLabels {
  confirm: string;
  deleting: string;
  cancel: string;
}

/** The "really delete?" dialog of a record page; `children` say what is deleted. */
export function DeleteConfirmDialog({
  flow,
  title,
  deleting,
  labels,
  children,
}: {
  flow: ConfirmedDelete;
  title: string;
  deleting: boolean;
  /** The buttons' texts, when not the shared form ones. */
  labels?: DeleteDialogLabels;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const l = labels ?? { confirm: t('form.confirmDelete'), deleting: t('form.deleting'), cancel: t('form.cancel') };
  return (
    <ConfirmDialog
      open={flow.confirming}
      title={title}
      confirmLabel={deleting ? l.deleting : l.confirm}
      cancelLabel={l.cancel}
      danger
      busy={deleting}
      onConfirm={flow.confirm}
      onCancel={flow.cancel}
    >
      {children}
    </ConfirmDialog>
  );
}

/** A failed delete: a stale version (someone changed the record) as a warning, anything else as an error. */
export function DeleteErrorAlert({ error, conflictText }: { error: unknown; conflictText: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (!error) return null;
  const conflict = errorCodeOf(error) === 'CONFLICT';
  return (
    <Alert tone={conflict ? 'warning' : 'error'} title={t('form.deleteFailed')} focusOnMount testId="delete-error">
      {conflict ? conflictText : errorText(error)}
    </Alert>
  );
}

/**
 * A failed delete, with a way out: a stale version offers to reload the latest; a record already gone
 * says so; anything else gives the reason.
 */
export function DeleteFailureAlert({
  error,
  onReload,
  texts,
}: {
  error: unknown;
  onReload(): void;
  texts: { conflict: string; reload: string; failed: string; gone: string };
}) {
  const errorText = useErrorText();
  if (!error) return null;
  const code = errorCodeOf(error);
  if (code === 'CONFLICT')
    return (
      <Alert
        tone="warning"
        title={texts.conflict}
        focusOnMount
        actions={
          <button type="button" className="button button-primary" onClick={onReload}>
            {texts.reload}
          </button>
        }
      />
    );
  return (
    <Alert tone="error" title={texts.failed} focusOnMount>
      {code === 'NOT_FOUND' ? texts.gone : errorText(error)}
    </Alert>
  );
}
