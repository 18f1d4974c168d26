import { useTranslation } from 'react-i18next';

/** Logo mark and name of the platform. */
export function Brand() {
  const { t } = useTranslation();
  return (
    <span className="brand">
      <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="6" />
        <circle cx="16" cy="16" r="8.5" />
        <path d="M16 7.5v17M7.5 16h17M10 10c3.5 3 8.5 3 12 0M10 22c3.5-3 8.5-3 12 0" />
      </svg>
      <span className="brand-text">
        <span className="brand-name">{t('app.title')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </span>
    </span>
  );
}
