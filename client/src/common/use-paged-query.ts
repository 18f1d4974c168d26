import type { TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { Connection } from './connection';

export const PAGE_SIZE = 50;

/**
 * A cursor-paged list query, PAGE_SIZE rows at a time: the connection at `key`, its state, a retry
 * and "load more" (appends the next page to the rows shown).
 */
export function usePagedQuery<K extends string, N, D extends Record<K, Connection<N>>, V extends { first: number; after?: string | null }>(
  query: TypedDocumentNode<D, V>,
  key: K,
  variables: Omit<V, 'first'>,
  skip = false,
) {
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery<D, V>(query, {
    variables: { first: PAGE_SIZE, ...variables } as V,
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
    skip,
  });
  const shown = (data ?? (loading ? previousData : undefined)) as D | undefined;
  return {
    list: shown?.[key],
    loading,
    error,
    onRetry: () => void refetch(),
    onLoadMore: (after: string) =>
      void fetchMore({
        variables: { after } as Partial<V>,
        updateQuery: (prev, { fetchMoreResult }) => {
          const [before, next] = [(prev as D)[key], (fetchMoreResult as D)[key]];
          return { ...prev, [key]: { ...next, edges: [...before.edges, ...next.edges] } } as typeof prev;
        },
      }),
  };
}
