import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, LANGUAGES } from './i18n';

/** Two toggle buttons, Tiếng Việt / English; the choice is remembered in localStorage. */
export function LanguageSwitch() {
  // useTranslation re-renders this component when the language changes.
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className="language-option"
          aria-pressed={active === lng}
          onClick={() => void changeLanguage(lng)}
          data-testid={`language-${lng}`}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </div>
  );
}
