import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { useAuth } from './current-user-context';

/** Where the login page sends the user back to. */
export interface LoginRedirectState {
  from?: { pathname: string; search: string };
}

/** Renders its children for a logged-in user; sends everyone else to /login (and back here afterwards). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, retry } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  const errorText = useErrorText();

  switch (state.status) {
    case 'checking':
      return <LoadingIndicator label={t('auth.checkingSession')} fullPage />;
    case 'unreachable':
      return (
        <main className="centered-page">
          <Alert
            tone="error"
            title={t('auth.sessionCheckFailed')}
            actions={
              <button type="button" className="button button-primary" onClick={retry}>
                {t('errors.retry')}
              </button>
            }
          >
            {errorText(state.error)}
          </Alert>
        </main>
      );
    case 'anonymous': {
      const redirect: LoginRedirectState = { from: { pathname: location.pathname, search: location.search } };
      return <Navigate to="/login" replace state={redirect} />;
    }
    case 'authenticated':
      return children;
  }
}
