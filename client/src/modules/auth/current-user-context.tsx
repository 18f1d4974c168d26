import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { hasErrorCode } from '../../common/graphql-errors';
import { ME, type CurrentUser, type LoginData } from './auth-operations';
import { endSession, loadSession, onSessionEnd, saveSession, type SessionEndReason } from './session-store';

export type AuthState =
  | { status: 'checking' }
  | { status: 'unreachable'; error: unknown }
  | { status: 'anonymous'; notice: SessionEndReason | null }
  | { status: 'authenticated'; user: CurrentUser; expiresAt: string };

export interface AuthContextValue {
  state: AuthState;
  /** Stores the token of a successful login and makes its user the current user. */
  signIn(payload: LoginData['login']): Promise<void>;
  /** Forgets the token and the cached data of the session. */
  signOut(): void;
  /** Checks the stored token again after the server could not be reached. */
  retry(): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Longest delay setTimeout accepts (about 24.8 days). */
const MAX_TIMEOUT = 2 ** 31 - 1;

/** Knows who is logged in: checks a stored token with `me` on start, and ends the session when it expires. */
export function CurrentUserProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const [state, setState] = useState<AuthState>(() =>
    loadSession() ? { status: 'checking' } : { status: 'anonymous', notice: null },
  );

  // A stored token may be expired or revoked: ask the server who it belongs to.
  useEffect(() => {
    if (state.status !== 'checking') return;
    const session = loadSession();
    let cancelled = false;
    client
      .query({ query: ME, fetchPolicy: 'network-only' })
      .then(({ data }) => {
        if (cancelled) return;
        if (data?.me && session) {
          setState({ status: 'authenticated', user: data.me, expiresAt: session.expiresAt });
        } else {
          endSession('expired');
          setState({ status: 'anonymous', notice: 'expired' });
        }
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        if (hasErrorCode(error, 'UNAUTHENTICATED')) {
          endSession('expired');
          setState({ status: 'anonymous', notice: 'expired' });
        } else {
          setState({ status: 'unreachable', error });
        }
      });
    return () => {
      cancelled = true;
    };
  }, [client, state.status]);

  // The session ends on logout, on an UNAUTHENTICATED answer, or in another tab.
  useEffect(
    () =>
      onSessionEnd((reason) => {
        void client.clearStore();
        setState({ status: 'anonymous', notice: reason });
      }),
    [client],
  );

  // Log out when the token runs out, rather than on the next failing request.
  const expiresAt = state.status === 'authenticated' ? state.expiresAt : null;
  useEffect(() => {
    if (!expiresAt) return;
    const delay = Math.min(Math.max(Date.parse(expiresAt) - Date.now(), 0), MAX_TIMEOUT);
    const timer = window.setTimeout(() => endSession('expired'), delay);
    return () => window.clearTimeout(timer);
  }, [expiresAt]);

  const signIn = useCallback(
    async (payload: LoginData['login']) => {
      await client.clearStore();
      saveSession({ token: payload.token, expiresAt: payload.expiresAt });
      setState({ status: 'authenticated', user: payload.user, expiresAt: payload.expiresAt });
    },
    [client],
  );
  const signOut = useCallback(() => endSession('loggedOut'), []);
  const retry = useCallback(() => setState({ status: 'checking' }), []);

  const value = useMemo<AuthContextValue>(() => ({ state, signIn, signOut, retry }), [state, signIn, signOut, retry]);
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <CurrentUserProvider>');
  return ctx;
}

/** The logged-in user; only for components rendered behind <RequireAuth>. */
export function useCurrentUser(): CurrentUser {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useCurrentUser needs a logged-in user (use <RequireAuth>)');
  return state.user;
}
