import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Brand } from './brand';
import { LanguageSwitch } from './language-switch';

/** Frame of the pages shown before login. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <div className="public-shell">
      <header className="public-header">
        <Brand />
        <LanguageSwitch />
      </header>
      <main id="main-content" className="public-main">
        <Outlet />
      </main>
      <footer className="app-footer">{t('app.footer')}</footer>
    </div>
  );
}
