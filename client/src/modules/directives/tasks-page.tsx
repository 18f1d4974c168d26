import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { exportRows, fetchAllPages, type ExportColumn } from '../../common/export/list-export';
import { ExportButtons } from '../../common/export/export-buttons';
import { formatCount, formatLocalDate } from '../../common/formatters';
import { useDebouncedValue } from '../../common/use-debounced-value';
import { usePageTitle } from '../../common/use-page-title';
import { useUrlState } from '../../common/use-url-state';
import { DataTable, type Column } from '../../common/ui/data-table';
import { LoadError } from '../../common/ui/load-error';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { useCurrentUser } from '../auth/current-user-context';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { ProvinceSelect } from '../work-lists/province-select';
import { DIRECTIVE_CHOICES, DIRECTIVE_NAME, DIRECTIVE_TASKS, TASK_STATUSES, type DirectiveTaskFilter, type DirectiveTaskStatus, type TaskRow } from './directive-operations';
import { UrgencyBadge, urgencyOf } from './task-timing';
import { agencyLabel, useAgencies } from './use-agencies';
import { usePagedQuery } from './use-paged-query';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * /tasks: the tasks of directing documents, most urgent first (overdue, then due soon, then the rest),
 * filtered by province (ministry), agency, status, document, overdue and words; the filters live in the URL.
 */
export function TasksPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const scope = useProvinceScope(user);
  const client = useApolloClient();
  usePageTitle(t('directives.taskList.title'));

  const [params, setParams] = useUrlState();
  const provinceRaw = params.get('province') ?? '';
  const province = /^\d{2}$/.test(provinceRaw) ? provinceRaw : '';
  const q = params.get('q') ?? '';
  const agencyRaw = params.get('agency') ?? '';
  const agency = UUID.test(agencyRaw) ? agencyRaw : '';
  const directiveRaw = params.get('directive') ?? '';
  const directive = UUID.test(directiveRaw) ? directiveRaw : '';
  const statusRaw = params.get('status') ?? '';
  const status = (TASK_STATUSES as readonly string[]).includes(statusRaw) ? (statusRaw as DirectiveTaskStatus) : '';
  const overdue = params.get('overdue') === '1';

  const set = (changes: Record<string, string>) =>
    setParams((cur) => {
      for (const [k, v] of Object.entries(changes)) {
        if (v) cur.set(k, v);
        else cur.delete(k);
      }
      return cur;
    });

  const [searchText, setSearchText] = useState(q);
  const debounced = useDebouncedValue(searchText.trim(), 350);
  const applied = useRef(debounced);
  useEffect(() => {
    if (debounced === applied.current) return;
    applied.current = debounced;
    setParams((cur) => {
      if (debounced) cur.set('q', debounced);
      else cur.delete('q');
      return cur;
    });
  }, [debounced, setParams]);

  // Agencies and documents to filter by: those of the chosen province, or of the user's own scope.
  // The ministry picks a province first (every agency of every province would make no useful list).
  const pickScope = province || (scope.multiProvince && !user.province ? '' : 'own');
  const { agencies } = useAgencies(province || null, pickScope === '');
  const directiveChoices = useQuery(DIRECTIVE_CHOICES, {
    variables: { first: 100, filter: province ? { provinceCode: province } : {} },
    fetchPolicy: 'cache-and-network',
    skip: pickScope === '',
  });
  const docs = directiveChoices.data?.directives.edges.map((e) => e.node) ?? [];
  const chosenMissing = Boolean(directive) && !docs.some((d) => d.id === directive);
  const chosenDoc = useQuery(DIRECTIVE_NAME, { variables: { id: directive }, skip: !chosenMissing }).data?.directive;

  const filter: DirectiveTaskFilter = {};
  if (province) filter.provinceCode = province;
  if (q.trim()) filter.search = q.trim();
  if (agency) filter.agencyId = agency;
  if (directive) filter.directiveId = directive;
  if (status) filter.status = status;
  if (overdue) filter.overdue = true;
  const variables = { filter, sort: { field: 'URGENCY' as const } };
  const { list, loading, error, onRetry, onLoadMore } = usePagedQuery(DIRECTIVE_TASKS, 'directiveTasks', variables);
  const hasFilters = Boolean(q || agency || directive || status || overdue || province);
  const showProvince = scope.multiProvince;

  const columns: Column[] = [
    { label: t('directives.taskList.column.title') },
    { label: t('directives.taskList.column.directive') },
    { label: t('directives.taskList.column.leadAgency') },
    { label: t('directives.taskList.column.deadline') },
    { label: t('directives.taskList.column.status') },
    { label: t('directives.taskList.column.daysLate'), numeric: true },
    { label: t('directives.taskList.column.percent'), numeric: true },
    ...(showProvince ? [{ label: t('directives.taskList.column.province') }] : []),
  ];

  const exportColumns: ExportColumn<TaskRow>[] = [
    { header: t('directives.taskList.column.directive'), value: (r) => r.directive.numberSymbol },
    { header: t('directives.taskList.column.seq'), value: (r) => r.seq, kind: 'number' },
    { header: t('directives.taskList.column.title'), value: (r) => r.title },
    { header: t('directives.taskList.column.leadAgency'), value: (r) => r.leadAgency.name },
    { header: t('directives.taskList.column.coordinating'), value: (r) => r.coordinatingAgencies.map((a) => a.name).join('; ') },
    { header: t('directives.taskList.column.deadline'), value: (r) => r.deadline.label ?? '' },
    { header: t('directives.taskList.column.dueOn'), value: (r) => r.dueOn, kind: 'date' },
    { header: t('directives.taskList.column.status'), value: (r) => t(`directives.status.${r.status}`) },
    { header: t('directives.taskList.column.overdue'), value: (r) => (r.isOverdue ? t('directives.taskList.yes') : t('directives.taskList.no')) },
    { header: t('directives.taskList.column.daysLate'), value: (r) => r.daysLate, kind: 'number' },
    { header: t('directives.taskList.column.percent'), value: (r) => r.latestPercent, kind: 'number' },
    { header: t('directives.taskList.column.province'), value: (r) => r.province.name },
  ];

  return (
    <section className="page" data-testid="tasks-page">
      <div className="page-header">
        <div>
          <h1>{t('directives.taskList.title')}</h1>
          <p className="page-intro">{t('directives.taskList.intro')}</p>
        </div>
      </div>
      <form className="filters" role="search" aria-label={t('lists.filters')} onSubmit={(e) => e.preventDefault()}>
        {showProvince ? (
          <ProvinceSelect id="tasks-province" provinces={scope.provinces} value={province} onChange={(code) => set({ province: code, agency: '', directive: '' })} />
        ) : null}
        <div className="form-field filter-search">
          <label htmlFor="task-search">{t('directives.taskList.searchLabel')}</label>
          <input
            id="task-search"
            type="search"
            value={searchText}
            placeholder={t('directives.taskList.searchPlaceholder')}
            onChange={(e) => setSearchText(e.target.value)}
            autoComplete="off"
            maxLength={200}
            data-testid="task-search"
          />
        </div>
        {pickScope ? (
          <>
            <div className="form-field">
              <label htmlFor="task-agency">{t('directives.taskList.agency')}</label>
              <select id="task-agency" value={agency} onChange={(e) => set({ agency: e.target.value })} data-testid="agency-filter">
                <option value="">{t('directives.taskList.allAgencies')}</option>
                {agencies.map((a) => (
                  <option key={a.id} value={a.id}>
                    {agencyLabel(a)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-field">
              <label htmlFor="task-directive">{t('directives.taskList.directive')}</label>
              <select id="task-directive" value={directive} onChange={(e) => set({ directive: e.target.value })} data-testid="directive-filter">
                <option value="">{t('directives.taskList.allDirectives')}</option>
                {chosenMissing ? <option value={directive}>{chosenDoc ? `${chosenDoc.numberSymbol} – ${chosenDoc.subject}` : directive}</option> : null}
                {docs.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.numberSymbol} – {d.subject}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : null}
        <div className="form-field">
          <label htmlFor="task-status">{t('directives.taskList.status')}</label>
          <select id="task-status" value={status} onChange={(e) => set({ status: e.target.value })} data-testid="task-status-filter">
            <option value="">{t('directives.taskList.allStatuses')}</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`directives.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field filter-check">
          <label className="checkbox">
            <input type="checkbox" checked={overdue} onChange={(e) => set({ overdue: e.target.checked ? '1' : '' })} data-testid="overdue-filter" />
            {t('directives.taskList.overdueOnly')}
          </label>
        </div>
        {hasFilters ? (
          <div className="filter-clear">
            <button
              type="button"
              className="button button-ghost"
              onClick={() => {
                setSearchText('');
                applied.current = '';
                setParams(() => new URLSearchParams());
              }}
            >
              {t('directives.taskList.clear')}
            </button>
          </div>
        ) : null}
      </form>

      {error && !list ? (
        <LoadError title={t('directives.taskList.loadFailed')} error={error} onRetry={onRetry} />
      ) : !list ? (
        <LoadingIndicator label={t('directives.taskList.loading')} />
      ) : (
        <section className="results" aria-labelledby="tasks-total">
          <div className="results-bar">
            <p id="tasks-total" className="results-total" aria-live="polite" data-testid="total-count">
              {t('directives.taskList.total', { formatted: formatCount(list.totalCount) })}
            </p>
            {loading ? <LoadingIndicator label={t('app.loading')} /> : null}
            <ExportButtons
              disabled={list.totalCount === 0}
              onExport={async (format) =>
                exportRows(format, t('directives.taskList.exportFileName'), exportColumns, await fetchAllPages(client, DIRECTIVE_TASKS, variables, (d) => d.directiveTasks))
              }
            />
          </div>
          {list.edges.length === 0 ? (
            <div className="empty-state" data-testid="empty-state">
              <p className="empty-state-title">{t('directives.taskList.empty')}</p>
            </div>
          ) : (
            <DataTable testId="tasks-table" caption={t('directives.taskList.caption')} columns={columns}>
              {list.edges.map(({ node }) => {
                const urgency = urgencyOf(node);
                return (
                  <tr
                    key={node.id}
                    data-testid="task-row"
                    data-overdue={node.isOverdue ? 'true' : 'false'}
                    className={urgency ? `task-row-${urgency.kind}` : undefined}
                  >
                    <th scope="row">
                      <span className="task-seq">{node.seq}.</span> {node.title}
                      {node.coordinatingAgencies.length ? (
                        <span className="cell-sub task-row-sub">
                          {t('directives.taskList.column.coordinating')}: {node.coordinatingAgencies.map((a) => a.shortName ?? a.name).join('; ')}
                        </span>
                      ) : null}
                    </th>
                    <td className="nowrap">
                      <Link to={`/directives/${node.directive.id}`} title={node.directive.subject} data-testid="task-directive-link">
                        {node.directive.numberSymbol}
                      </Link>
                    </td>
                    <td>{node.leadAgency.name}</td>
                    <td className="nowrap">
                      {node.deadline.label ?? t('directives.tasks.noDeadline')}
                      {node.dueOn && node.deadline.kind !== 'DATE' ? <span className="cell-sub task-row-sub">{formatLocalDate(node.dueOn)}</span> : null}
                    </td>
                    <td>
                      <span data-testid="task-status">{t(`directives.status.${node.status}`)}</span> <UrgencyBadge task={node} />
                    </td>
                    <td className="numeric">{node.daysLate ? formatCount(node.daysLate) : ''}</td>
                    <td className="numeric">{node.latestPercent === null ? '' : formatCount(node.latestPercent)}</td>
                    {showProvince ? <td>{node.province.name}</td> : null}
                  </tr>
                );
              })}
            </DataTable>
          )}
          {list.pageInfo.hasNextPage ? (
            <div className="pagination">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => (list.pageInfo.endCursor ? onLoadMore(list.pageInfo.endCursor) : undefined)}
                disabled={loading}
                data-testid="load-more"
              >
                {t('directives.taskList.loadMore')}
              </button>
            </div>
          ) : null}
        </section>
      )}
    </section>
  );
}
