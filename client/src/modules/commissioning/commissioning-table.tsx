import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatCount, formatLocalDate } from '../../common/formatters';
import { LoadError } from '../../common/ui/load-error';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { COMMISSIONING_REQUESTS, type CommissioningRequestFilter, type CommissioningRequestsVariables } from './commissioning-operations';
import { AssigneeText, formatVnd, StageBadge } from './commissioning-card-parts';
import type { ListParams, SortKey } from './list-params';

interface TableProps {
  params: ListParams;
  filter: CommissioningRequestFilter;
  sort: CommissioningRequestsVariables['sort'];
  showProvince: boolean;
  onSort(key: SortKey): void;
}

type ColumnKey = 'code' | 'title' | 'year' | 'stage' | 'requestingAgency' | 'assignee' | 'researchArea' | 'budget' | 'plannedEnd' | 'delayDays' | 'province';

const SORTABLE: Partial<Record<ColumnKey, SortKey>> = {
  code: 'code',
  title: 'title',
  year: 'year',
  budget: 'budget',
  plannedEnd: 'plannedEnd',
  delayDays: 'delay',
};
const NUMERIC = new Set<ColumnKey>(['year', 'budget', 'delayDays']);

/** One page of the filtered tasks, sortable by its headers, with previous/next paging by cursor. */
export function CommissioningTable({ params, filter, sort, showProvince, onSort }: TableProps) {
  const { t, i18n } = useTranslation();
  const queryKey = JSON.stringify([filter, sort, params.pageSize]);
  const [paging, setPaging] = useState<{ key: string; afters: Array<string | null> }>({ key: queryKey, afters: [null] });
  const afters = paging.key === queryKey ? paging.afters : [null];
  const after = afters[afters.length - 1];
  const { data, previousData, loading, error, refetch } = useQuery(COMMISSIONING_REQUESTS, {
    variables: { first: params.pageSize, after, filter, sort },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const list = (data ?? previousData)?.commissioningRequests;

  if (error) return <LoadError title={t('commissioningBoard.loadFailed')} error={error} onRetry={() => void refetch()} />;
  if (!list) return <LoadingIndicator label={t('commissioningBoard.loading')} />;

  const columns: ColumnKey[] = ['code', 'title', 'year', 'stage', 'requestingAgency', 'assignee', 'researchArea', 'budget', 'plannedEnd', 'delayDays', ...(showProvince ? (['province'] as const) : [])];
  const pages = Math.max(1, Math.ceil(list.totalCount / params.pageSize));
  const busy = loading && !data;
  const canGoBack = afters.length > 1 && !busy;
  const end = data?.commissioningRequests.pageInfo.endCursor;
  const canGoOn = Boolean(data?.commissioningRequests.pageInfo.hasNextPage && end) && !busy;

  if (list.edges.length === 0) {
    return (
      <div className="empty-state" data-testid="empty-state">
        <p className="empty-state-title">{t('commissioningBoard.empty')}</p>
      </div>
    );
  }

  return (
    <>
      <div className="table-scroll">
        <table className="data-table" data-testid="commissioning-table">
          <caption className="visually-hidden">{t('commissioningBoard.caption')}</caption>
          <thead>
            <tr>
              {columns.map((c) => {
                const key = SORTABLE[c];
                const label = t(`commissioningBoard.column.${c}`);
                const active = key && params.sort === key;
                return (
                  <th
                    key={c}
                    scope="col"
                    className={NUMERIC.has(c) ? 'numeric' : undefined}
                    aria-sort={active ? (params.direction === 'ASC' ? 'ascending' : 'descending') : undefined}
                  >
                    {key ? (
                      <button type="button" className="sort-button" onClick={() => onSort(key)} data-testid={`sort-${key}`} aria-label={t('commissioningBoard.sortBy', { column: label })}>
                        {label}
                        <span aria-hidden="true">{active ? (params.direction === 'ASC' ? ' ▲' : ' ▼') : ''}</span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {list.edges.map(({ node }) => (
              <tr key={node.id} data-testid="commissioning-row" data-id={node.id}>
                <td className="nowrap">{node.code}</td>
                <th scope="row">
                  <Link to={`/commissioning/${node.id}`}>{node.title}</Link>
                </th>
                <td className="numeric">{node.year}</td>
                <td>
                  <StageBadge stage={node.stage} />
                </td>
                <td>{node.requestingAgency.name}</td>
                <td>
                  <AssigneeText row={node} />
                </td>
                <td>{i18n.language === 'en' ? node.researchArea.nameEn : node.researchArea.name}</td>
                <td className="numeric nowrap">{formatVnd(node.budgetVnd)}</td>
                <td className="nowrap">{formatLocalDate(node.plannedEnd)}</td>
                <td className="numeric">{node.delayDays ? formatCount(node.delayDays) : ''}</td>
                {showProvince ? <td>{node.province.name}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pagination" aria-label={t('commissioningBoard.pagination')}>
        <button
          type="button"
          className="button button-secondary"
          aria-disabled={!canGoBack}
          onClick={() => canGoBack && setPaging({ key: queryKey, afters: afters.slice(0, -1) })}
          data-testid="previous-page"
        >
          <span aria-hidden="true">‹ </span>
          {t('commissioningBoard.previous')}
        </button>
        <span className="pagination-status">{t('commissioningBoard.page', { page: afters.length, pages })}</span>
        <button
          type="button"
          className="button button-secondary"
          aria-disabled={!canGoOn}
          onClick={() => {
            if (canGoOn && end) setPaging({ key: queryKey, afters: [...afters, end] });
          }}
          data-testid="next-page"
        >
          {t('commissioningBoard.next')}
          <span aria-hidden="true"> ›</span>
        </button>
      </nav>
    </>
  );
}
