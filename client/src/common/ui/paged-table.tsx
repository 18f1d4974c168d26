import type { ReactNode } from 'react';
import type { CursorList } from '../use-cursor-list';
import { DataTable, type Column } from './data-table';
import { LoadError } from './load-error';
import { LoadingIndicator } from './loading-indicator';
import { Pager } from './pager';

interface PagedTableProps<N> {
  list: CursorList<N>;
  loadFailed: string;
  loadingLabel: string;
  errorTestId: string;
  /** Shown instead of the table when there are no rows. */
  emptyText: string;
  testId: string;
  caption: string;
  columns: readonly Column[];
  row(node: N): ReactNode;
}

/** The rows of a cursor-paged list with the pager under them, or what stands in for them (loading, failure, none). */
export function PagedTable<N>({ list, loadFailed, loadingLabel, errorTestId, emptyText, testId, caption, columns, row }: PagedTableProps<N>) {
  const { shown, busy, error } = list;
  if (error && !shown) return <LoadError title={loadFailed} error={error} onRetry={list.retry} testId={errorTestId} />;
  if (!shown) return <LoadingIndicator label={loadingLabel} />;
  if (shown.totalCount === 0)
    return (
      <p className="empty-state" data-testid="empty-state">
        {emptyText}
      </p>
    );
  return (
    <>
      <DataTable testId={testId} caption={caption} columns={columns} busy={busy}>
        {shown.edges.map(({ node }) => row(node))}
      </DataTable>
      <Pager
        page={list.paging.page}
        total={shown.totalCount}
        pageSize={list.pageSize}
        hasNext={Boolean(list.pageInfo?.hasNextPage)}
        endCursor={list.pageInfo?.endCursor}
        busy={busy}
        paging={list.paging}
      />
    </>
  );
}
