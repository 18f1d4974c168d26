import { Link, NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth, useCurrentUser } from '../modules/auth/current-user-context';
import { Brand } from './brand';
import { LanguageSwitch } from './language-switch';

/** Frame of every page behind login: who is logged in, navigation, language, logout. */
export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { signOut } = useAuth();
  const place = user.province ? user.province.name : t('auth.ministry');

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Link to="/associations" className="brand-link">
            <Brand />
          </Link>
          <div className="header-tools">
            <div className="current-user" data-testid="current-user" aria-label={t('auth.currentUser')} role="group">
              <span className="current-user-name">{user.fullName}</span>
              <span className="current-user-meta">
                <span data-testid="current-user-role">{t(`roles.${user.role}`)}</span>
                <span aria-hidden="true"> · </span>
                <span data-testid="current-user-place">{place}</span>
              </span>
            </div>
            <LanguageSwitch />
            <button type="button" className="button button-ghost" onClick={signOut} data-testid="logout">
              {t('auth.logout')}
            </button>
          </div>
        </div>
        <nav className="app-nav" aria-label={t('app.mainNav')}>
          <div className="app-nav-inner">
            <NavLink to="/dashboard" className="nav-link" data-testid="nav-dashboard">
              {t('nav.dashboard')}
            </NavLink>
            <NavLink to="/directives" className="nav-link" data-testid="nav-directives">
              {t('directives.nav')}
            </NavLink>
            <NavLink to="/tasks" className="nav-link">
              {t('nav.tasks')}
            </NavLink>
            <NavLink to="/commissioning" className="nav-link">
              {t('nav.commissioning')}
            </NavLink>
            <NavLink to="/associations" className="nav-link">
              {t('nav.associations')}
            </NavLink>
            <NavLink to="/members" className="nav-link" data-testid="nav-members">
              {t('members.nav')}
            </NavLink>
            <NavLink to="/agencies" className="nav-link" data-testid="nav-agencies">
              {t('agencies.nav')}
            </NavLink>
            <NavLink to="/activities" className="nav-link" data-testid="nav-activities">
              {t('activities.nav')}
            </NavLink>
            <NavLink to="/reports" className="nav-link" data-testid="nav-reports">
              {t('nav.reports')}
            </NavLink>
            {/* Administration: pushed to the right end of the bar. */}
            <span className="nav-spacer" aria-hidden="true" />
            {user.role === 'PROVINCE_ADMIN' || user.role === 'PROVINCE_EDITOR' ? (
              <NavLink to="/import" className="nav-link" data-testid="nav-import">
                {t('imports.nav')}
              </NavLink>
            ) : null}
            {user.role === 'PROVINCE_ADMIN' || user.role === 'MINISTRY_ANALYST' ? (
              <NavLink to="/api-keys" className="nav-link" data-testid="nav-api-keys">
                {t('nav.apiKeys')}
              </NavLink>
            ) : null}
            {user.role === 'PROVINCE_ADMIN' ? (
              <NavLink to="/users" className="nav-link" data-testid="nav-users">
                {t('nav.users')}
              </NavLink>
            ) : null}
          </div>
        </nav>
      </header>
      <main id="main-content" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="app-footer">{t('app.footer')}</footer>
    </div>
  );
}
