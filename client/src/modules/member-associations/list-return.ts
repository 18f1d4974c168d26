import { useLocation } from 'react-router';

/** Carried from the list to a form page, so "back" and "save" return to the same filtered view. */
export interface ListReturnState {
  listSearch?: string;
}

/** The list address to return to, with the filters the user came from. */
export function useListReturnPath(): string {
  const state = useLocation().state as ListReturnState | null;
  const search = typeof state?.listSearch === 'string' && state.listSearch.startsWith('?') ? state.listSearch : '';
  return `/associations${search}`;
}
