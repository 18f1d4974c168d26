import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageInfo } from '../connection';

/**
 * Cursor paging of a list: the cursors of the pages before the current one are kept, so "previous"
 * returns exactly where it was; a new `queryKey` (filter, order, page size) starts from page one.
 */
export function useCursorPages(queryKey: string) {
  const [paging, setPaging] = useState<{ key: string; afters: Array<string | null> }>({ key: queryKey, afters: [null] });
  const afters = paging.key === queryKey ? paging.afters : [null];
  return {
    after: afters[afters.length - 1],
    page: afters.length,
    back: () => afters.length > 1 && setPaging({ key: queryKey, afters: afters.slice(0, -1) }),
    next: (end: string) => setPaging({ key: queryKey, afters: [...afters, end] }),
  };
}

/** Previous / page x of y / next, under a list. */
export function Pager({
  page,
  total,
  pageSize,
  hasNext,
  endCursor,
  busy,
  paging,
}: {
  page: number;
  total: number;
  pageSize: number;
  hasNext: boolean;
  endCursor: string | null | undefined;
  busy: boolean;
  paging: ReturnType<typeof useCursorPages>;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const canBack = page > 1 && !busy;
  const canNext = hasNext && Boolean(endCursor) && !busy;
  return (
    <nav className="pagination" aria-label={t('associations.pagination.label')}>
      <button type="button" className="button button-secondary" aria-disabled={!canBack} onClick={() => canBack && paging.back()} data-testid="previous-page">
        <span aria-hidden="true">‹ </span>
        {t('associations.pagination.previous')}
      </button>
      <span className="pagination-status">{t('associations.pagination.page', { page, pages })}</span>
      <button
        type="button"
        className="button button-secondary"
        aria-disabled={!canNext}
        onClick={() => canNext && endCursor && paging.next(endCursor)}
        data-testid="next-page"
      >
        {t('associations.pagination.next')}
        <span aria-hidden="true"> ›</span>
      </button>
    </nav>
  );
}

/** "Load more" under a growing list (see usePagedQuery); nothing once the last page is shown. */
export function LoadMore({ pageInfo, loading, onLoadMore, label }: { pageInfo: PageInfo; loading: boolean; onLoadMore: (after: string) => void; label: string }) {
  if (!pageInfo.hasNextPage) return null;
  return (
    <div className="pagination">
      <button
        type="button"
        className="button button-secondary"
        onClick={() => (pageInfo.endCursor ? onLoadMore(pageInfo.endCursor) : undefined)}
        disabled={loading}
        data-testid="load-more"
      >
        {label}
      </button>
    </div>
  );
}
