import { useEffect, useRef, useState } from 'react';
import { useDebouncedValue } from './use-debounced-value';

const SEARCH_DELAY_MS = 350;

/**
 * The text of a list's search box: the box updates at once, and `apply` gets the text when typing
 * pauses (trimmed unless `trim` is false). `reset` empties the box without applying anything, for a
 * "clear filters" that resets the URL itself.
 */
export function useSearchText(initial: string, apply: (text: string) => void, { trim = true } = {}) {
  const [text, setText] = useState(initial);
  const debounced = useDebouncedValue(trim ? text.trim() : text, SEARCH_DELAY_MS);
  const applied = useRef(debounced);
  useEffect(() => {
    if (debounced === applied.current) return;
    applied.current = debounced;
    apply(debounced);
    // Only the typed text drives this; `apply` is a fresh closure on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  const reset = () => {
    setText('');
    applied.current = '';
  };
  return { text, setText, reset };
}
