import { useLocation, useNavigate } from 'react-router';

/** What a form page reports back to a list after a change (shown once). */
export interface RecordFlash {
  flash: string;
}

/** What a list passes to the record pages it links to: its query string, to return to the same filters. */
export interface ReturnState {
  listSearch: string;
}

/** The list path to return to: `base` with the filters the user came from, if any. */
export function useReturnPath(base: string): string {
  const location = useLocation();
  const search = (location.state as Partial<ReturnState> | null)?.listSearch;
  return typeof search === 'string' && search.startsWith('?') ? `${base}${search}` : base;
}

/** The flash a form page left in the navigation state, and `dismiss` to drop it (keeping the list's filters). */
export function useRecordFlash() {
  const location = useLocation();
  const navigate = useNavigate();
  return {
    flash: (location.state as RecordFlash | null)?.flash,
    dismiss: () => void navigate({ search: location.search }, { replace: true, state: null }),
  };
}
