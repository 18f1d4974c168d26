import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../use-error-text';
import type { ExportFormat } from './list-export';

/**
 * "Export CSV" and "Export XLSX" for a list. `onExport` fetches every row (not only the page shown)
 * and writes the file; while it runs both buttons are disabled, and a failure is shown beside them.
 * Test ids: `${testId}-csv`, `${testId}-xlsx`, `${testId}-error`.
 */
export function ExportButtons({ onExport, disabled, testId = 'export' }: { onExport: (format: ExportFormat) => Promise<void>; disabled?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [running, setRunning] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(format: ExportFormat) {
    setRunning(format);
    setError(null);
    try {
      await onExport(format);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setRunning(null);
    }
  }

  return (
    <div className="export-buttons" role="group" aria-label={t('lists.export')}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <button key={format} type="button" className="button button-secondary" disabled={disabled || running !== null} onClick={() => void run(format)} data-testid={`${testId}-${format}`}>
          {running === format ? t('lists.exporting') : t(format === 'csv' ? 'lists.exportCsv' : 'lists.exportXlsx')}
        </button>
      ))}
      {error ? (
        <span className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
