/**
 * The login token, kept in localStorage so a reload or a new tab stays logged in. Other modules
 * (the Apollo auth link, the current-user context) read it here and hear when it goes away.
 */

const STORAGE_KEY = 'stp.session';

export interface StoredSession {
  token: string;
  /** ISO date-time after which the server no longer accepts the token. */
  expiresAt: string;
}

export type SessionEndReason = 'expired' | 'loggedOut';

type Listener = (reason: SessionEndReason) => void;
const listeners = new Set<Listener>();

/** Used only when localStorage is unavailable (some private modes): the session then lasts for this page. */
let memory: string | null = null;

function storageGet(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return memory;
  }
}

function read(): StoredSession | null {
  try {
    const raw = storageGet();
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'string') return null;
    return { token: parsed.token, expiresAt: parsed.expiresAt };
  } catch {
    return null;
  }
}

export function isExpired(session: StoredSession, now = Date.now()): boolean {
  const at = Date.parse(session.expiresAt);
  return Number.isNaN(at) || at <= now;
}

/** The stored session, or null when there is none or it has expired. */
export function loadSession(): StoredSession | null {
  const session = read();
  return session && !isExpired(session) ? session : null;
}

/** The bearer token for requests, if the user is logged in. */
export function currentToken(): string | null {
  return loadSession()?.token ?? null;
}

export function saveSession(session: StoredSession): void {
  const raw = JSON.stringify(session);
  try {
    window.localStorage.setItem(STORAGE_KEY, raw);
  } catch {
    memory = raw;
  }
}

/** Forgets the token and tells every listener why the session ended. */
export function endSession(reason: SessionEndReason): void {
  const had = read() !== null;
  memory = null;
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage unavailable: the in-memory copy is already gone.
  }
  if (had || reason === 'loggedOut') listeners.forEach((l) => l(reason));
}

/** Calls `listener` when the session ends here or in another tab; returns the unsubscribe function. */
export function onSessionEnd(listener: Listener): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY && e.newValue === null) listener('loggedOut');
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
