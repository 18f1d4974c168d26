import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies `text` to the clipboard and says so for a moment. */
export function CopyButton({ text, testId }: { text: string; testId?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <span className="inline-items">
      <button type="button" className="button button-secondary" onClick={() => void onCopy()} data-testid={testId}>
        {t('admin.copy')}
      </button>
      <span role="status" aria-live="polite" className="muted">
        {state === 'copied' ? t('admin.copied') : state === 'failed' ? t('admin.copyFailed') : ''}
      </span>
    </span>
  );
}

/** A secret shown once: the value in a highlighted box, a copy button and the warning. */
export function OneTimeSecret({ title, value, warning, testId, children }: { title: string; value: string; warning: string; testId: string; children?: React.ReactNode }) {
  return (
    <section className="secret-box" aria-labelledby={`${testId}-title`} data-testid={testId} tabIndex={-1} ref={(el) => el?.focus()}>
      <h2 id={`${testId}-title`}>{title}</h2>
      <p className="secret-warning">
        <span aria-hidden="true">⚠ </span>
        {warning}
      </p>
      <div className="secret-row">
        <code className="secret-value" data-testid={`${testId}-value`}>
          {value}
        </code>
        <CopyButton text={value} testId={`${testId}-copy`} />
      </div>
      {children}
    </section>
  );
}
