import { useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../common/graphql-errors';
import { usePageTitle } from '../../common/use-page-title';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { LOGIN } from './auth-operations';
import { useAuth } from './current-user-context';
import type { LoginRedirectState } from './require-auth';

/** E-mail and password form; on success returns to the page the user wanted, else to the association list. */
export function LoginPage() {
  const { t } = useTranslation();
  const { state, signIn } = useAuth();
  const location = useLocation();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [login, { loading }] = useMutation(LOGIN);
  usePageTitle(t('auth.loginTitle'));

  if (state.status === 'authenticated') {
    const from = (location.state as LoginRedirectState | null)?.from;
    const target = from && from.pathname !== '/login' ? `${from.pathname}${from.search}` : '/associations';
    return <Navigate to={target} replace />;
  }

  const notice = state.status === 'anonymous' ? state.notice : null;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError(t('auth.missingFields'));
      return;
    }
    setError(null);
    try {
      const { data } = await login({ variables: { input: { email: email.trim(), password } } });
      if (data) await signIn(data.login);
    } catch (err) {
      const code = errorCodeOf(err);
      setError(code === 'UNAUTHENTICATED' ? t('auth.wrongCredentials') : code === 'FORBIDDEN' ? t('auth.accountDisabled') : errorText(err));
      setPassword('');
      passwordRef.current?.focus();
    }
  }

  return (
    <div className="login-card">
      <h1 className="login-title">{t('auth.loginTitle')}</h1>
      <p className="login-intro">{t('auth.loginIntro')}</p>
      {notice && !error ? (
        <Alert tone="info" testId="session-notice">
          {notice === 'expired' ? t('auth.sessionExpired') : t('auth.loggedOut')}
        </Alert>
      ) : null}
      {error ? (
        <Alert tone="error" testId="login-error" id="login-error">
          {error}
        </Alert>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate data-testid="login-form" aria-describedby={error ? 'login-error' : undefined}>
        <div className="form-field">
          <label htmlFor="login-email">{t('auth.email')}</label>
          <input
            id="login-email"
            name="email"
            type="email"
            inputMode="email"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <div className="form-field">
          <label htmlFor="login-password">{t('auth.password')}</label>
          <input
            id="login-password"
            ref={passwordRef}
            name="password"
            type={showPassword ? 'text' : 'password'}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error ? true : undefined}
          />
          <label className="checkbox">
            <input type="checkbox" checked={showPassword} onChange={(e) => setShowPassword(e.target.checked)} />
            {t('auth.showPassword')}
          </label>
        </div>
        <button type="submit" className="button button-primary button-block" disabled={loading}>
          {loading ? t('auth.submitting') : t('auth.submit')}
        </button>
      </form>
    </div>
  );
}
