import { useTranslation } from 'react-i18next';
import { Alert } from './alert';

/** A one-off success message (after a save, a delete, a move), with a dismiss button when `onDismiss` is given. */
export function FlashAlert({ message, testId = 'flash', onDismiss }: { message: string | null | undefined; testId?: string; onDismiss?: () => void }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <Alert
      tone="success"
      testId={testId}
      actions={
        onDismiss ? (
          <button type="button" className="button button-ghost button-small" onClick={onDismiss}>
            {t('associations.dismiss')}
          </button>
        ) : undefined
      }
    >
      {message}
    </Alert>
  );
}
