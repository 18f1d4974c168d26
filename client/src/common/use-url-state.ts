import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The query string as state: changes apply at once (controls stay responsive even while the router
 * renders the navigation in a transition) and are written to the URL with `replace`. Each change
 * builds on the latest state, so quick successive clicks all count. A URL changed from outside
 * (a link, back and forward) is adopted.
 */
export function useUrlState(): [URLSearchParams, (next: (current: URLSearchParams) => URLSearchParams) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const urlText = searchParams.toString();
  const [state, setState] = useState({ text: urlText, url: urlText, pending: [] as string[] });

  // The URL moved: either one of our own writes arriving, or a change from outside to adopt.
  if (urlText !== state.url) {
    const own = state.pending.indexOf(urlText);
    setState(
      own >= 0
        ? { text: state.text, url: urlText, pending: state.pending.slice(own + 1) }
        : { text: urlText, url: urlText, pending: [] },
    );
  }

  const { text } = state;
  useEffect(() => {
    if (text === urlText) return;
    setState((s) => (s.pending.includes(text) ? s : { ...s, pending: [...s.pending, text] }));
    setSearchParams(new URLSearchParams(text), { replace: true });
    // Only a change of the state is written; URL changes are handled above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, setSearchParams]);

  const update = useCallback((next: (current: URLSearchParams) => URLSearchParams) => {
    setState((s) => ({ ...s, text: next(new URLSearchParams(s.text)).toString() }));
  }, []);

  return [new URLSearchParams(text), update];
}

/** Sets each key to its value in `params`, or removes it when the value is empty (so defaults stay out of the URL). */
export function withParams(params: URLSearchParams, changes: Record<string, string>): URLSearchParams {
  for (const [key, value] of Object.entries(changes)) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  return params;
}

/** A query-string value if it is one of `choices`, else `fallback` (the URL is typed by people and never trusted). */
export function oneOf<T extends string, D>(value: string | null, choices: readonly T[], fallback: D): T | D {
  return (choices as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

/** The two-digit province code in the query string (`province=`), or ''. */
export function provinceParam(params: URLSearchParams): string {
  const code = params.get('province') ?? '';
  return /^\d{2}$/.test(code) ? code : '';
}
