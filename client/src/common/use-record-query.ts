import type { TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { isUuid } from './ids';

/** Where a record page stands: creating a new record, or loading, failing, missing or showing one. */
export type RecordStatus = 'new' | 'loading' | 'failed' | 'notFound' | 'ready';

/** A record page's record and where its loading stands (see `RecordPageBody`). */
export interface RecordQuery<R> {
  record: R | null;
  status: RecordStatus;
  error: unknown;
  retry(): void;
  /** Loads the record again (after a conflict, or to show a change). */
  reload(): Promise<void>;
}

/**
 * The record a page at /…/:id shows, from the query field `key`. `id` null means the page creates a
 * new record (nothing to load); a malformed id is not found without asking the server.
 */
export function useRecordQuery<K extends string, R>(
  query: TypedDocumentNode<Record<K, R | null>, { id: string }>,
  key: K,
  id: string | null,
  fetchPolicy: 'network-only' | 'cache-and-network' = 'network-only',
): RecordQuery<R> {
  const valid = id !== null && isUuid(id);
  const { data, error, refetch } = useQuery(query, { variables: { id: id ?? '' }, fetchPolicy, skip: !valid });
  const record = data?.[key] ?? null;
  const status: RecordStatus = id === null ? 'new' : !valid || (data && !record) ? 'notFound' : !data && error ? 'failed' : !record ? 'loading' : 'ready';
  return {
    record,
    status,
    error,
    retry: () => void refetch(),
    reload: async () => void (await refetch()),
  };
}
