import type { TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { Connection, ListVariables } from './connection';
import { useCursorPages } from './ui/pager';

/**
 * One page of a cursor-paged list query (the connection at `key`), page by page with previous/next.
 * While the next page loads the previous one stays shown, marked `busy`.
 */
export function useCursorList<K extends string, N, F, S>(
  query: TypedDocumentNode<Record<K, Connection<N>>, ListVariables<F, S>>,
  key: K,
  filter: F,
  sort: S,
  pageSize: number,
) {
  const paging = useCursorPages(JSON.stringify([filter, sort]));
  const { data, previousData, loading, error, refetch } = useQuery(query, {
    variables: { first: pageSize, after: paging.after, filter, sort },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  return {
    shown: (data ?? previousData)?.[key],
    busy: loading && !data,
    error,
    retry: () => void refetch(),
    paging,
    pageSize,
    /** The paging cursor of the page just loaded (none while it loads). */
    pageInfo: data?.[key].pageInfo,
  };
}

export type CursorList<N> = ReturnType<typeof useCursorList<string, N, unknown, unknown>>;
