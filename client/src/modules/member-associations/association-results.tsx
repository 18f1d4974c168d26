import { useState } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ExportButtons } from '../../common/export/export-buttons';
import { exportRows } from '../../common/export/list-export';
import { formatCount } from '../../common/formatters';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { AssociationTable } from './association-table';
import { associationExportColumns, fetchAllAssociations } from './export-associations-csv';
import { filterOf, SORT_FIELDS, type ListParams, type SortKey } from './list-params';
import { MEMBER_ASSOCIATIONS } from './member-association-operations';

interface AssociationResultsProps {
  params: ListParams;
  showProvince: boolean;
  canEdit: boolean;
  hasFilters: boolean;
  onSort(key: SortKey): void;
  onClearFilters(): void;
}

/**
 * One page of the filtered list, with the total, CSV export and cursor pagination. The cursors of
 * the pages before the current one are kept on a stack, so "previous" returns exactly where it was;
 * a new filter or order starts again from the first page.
 */
export function AssociationResults({ params, showProvince, canEdit, hasFilters, onSort, onClearFilters }: AssociationResultsProps) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const errorText = useErrorText();

  const filter = filterOf(params);
  const sort = { field: SORT_FIELDS[params.sort], direction: params.direction };
  const queryKey = JSON.stringify([filter, sort, params.pageSize]);
  const [paging, setPaging] = useState<{ key: string; afters: Array<string | null> }>({ key: queryKey, afters: [null] });
  const afters = paging.key === queryKey ? paging.afters : [null];
  const after = afters[afters.length - 1];

  const { data, previousData, loading, error, refetch } = useQuery(MEMBER_ASSOCIATIONS, {
    variables: { first: params.pageSize, after, filter, sort },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const shown = (data ?? previousData)?.memberAssociations;
  const busy = loading && !data;

  async function exportList(format: 'csv' | 'xlsx') {
    const rows = await fetchAllAssociations(client, { filter, sort });
    await exportRows(format, t('associations.exportFileName'), associationExportColumns(t, showProvince), rows);
  }

  // A failed request shows only the error: rows of the previous filter would be misleading.
  if (error) {
    return (
      <Alert
        tone="error"
        title={t('associations.loadFailed')}
        testId="associations-error"
        actions={
          <button type="button" className="button button-primary" onClick={() => void refetch()}>
            {t('errors.retry')}
          </button>
        }
      >
        {errorText(error)}
      </Alert>
    );
  }
  if (!shown) return <LoadingIndicator label={t('associations.loadingList')} />;

  const total = shown.totalCount;
  const pages = Math.max(1, Math.ceil(total / params.pageSize));
  const page = afters.length;
  const canGoBack = afters.length > 1 && !busy;
  const canGoOn = Boolean(data?.memberAssociations.pageInfo.hasNextPage && data.memberAssociations.pageInfo.endCursor) && !busy;

  return (
    <section className="results" aria-labelledby="results-total">
      <div className="results-bar">
        <p id="results-total" className="results-total" aria-live="polite" data-testid="total-count">
          {t('associations.total', { count: total, formatted: formatCount(total) })}
        </p>
        <div className="results-actions">
          {busy ? <LoadingIndicator label={t('app.loading')} /> : null}
          <ExportButtons onExport={exportList} disabled={total === 0} />
        </div>
      </div>

      {total === 0 && !busy ? (
        <div className="empty-state" data-testid="empty-state">
          <p className="empty-state-title">{hasFilters ? t('associations.empty') : t('associations.emptyNone')}</p>
          {hasFilters ? (
            <>
              <p>{t('associations.emptyHint')}</p>
              <button type="button" className="button button-secondary" onClick={onClearFilters}>
                {t('associations.clearFilters')}
              </button>
            </>
          ) : null}
        </div>
      ) : (
        <>
          <AssociationTable
            rows={shown.edges.map((e) => e.node)}
            sort={params.sort}
            direction={params.direction}
            onSort={onSort}
            showProvince={showProvince}
            canEdit={canEdit}
            busy={busy}
          />
          <nav className="pagination" aria-label={t('associations.pagination.label')}>
            <button
              type="button"
              className="button button-secondary"
              aria-disabled={!canGoBack}
              onClick={() => canGoBack && setPaging({ key: queryKey, afters: afters.slice(0, -1) })}
              data-testid="previous-page"
            >
              <span aria-hidden="true">‹ </span>
              {t('associations.pagination.previous')}
            </button>
            <span className="pagination-status">{t('associations.pagination.page', { page, pages })}</span>
            <button
              type="button"
              className="button button-secondary"
              aria-disabled={!canGoOn}
              onClick={() => {
                const end = data?.memberAssociations.pageInfo.endCursor;
                if (canGoOn && end) setPaging({ key: queryKey, afters: [...afters, end] });
              }}
              data-testid="next-page"
            >
              {t('associations.pagination.next')}
              <span aria-hidden="true"> ›</span>
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
