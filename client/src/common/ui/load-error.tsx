import { useTranslation } from 'react-i18next';
import { useErrorText } from '../use-error-text';
import { Alert } from './alert';

/** Shown where a whole block failed to load, with a retry. */
export function LoadError({ title, error, onRetry, testId }: { title: string; error: unknown; onRetry(): void; testId?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <Alert
      tone="error"
      title={title}
      testId={testId}
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
