import { Link } from 'react-router';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { exportRows, fetchAllPages, type ExportColumn } from '../../common/export/list-export';
import { ExportButtons } from '../../common/export/export-buttons';
import { formatCount, formatLocalDate } from '../../common/formatters';
import { usePagedQuery } from '../../common/use-paged-query';
import { usePageTitle } from '../../common/use-page-title';
import { useSearchText } from '../../common/use-search-text';
import { oneOf, provinceParam, useUrlState, withParams } from '../../common/use-url-state';
import { DataTable, type Column } from '../../common/ui/data-table';
import { LoadError } from '../../common/ui/load-error';
import { ListPageHeader } from '../../common/ui/list-page-header';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { LoadMore } from '../../common/ui/pager';
import { ResultsBar } from '../../common/ui/results-bar';
import { SearchField } from '../../common/ui/search-field';
import { ClearFiltersButton, SelectFilter } from '../../common/ui/select-filter';
import { useCurrentUser } from '../auth/current-user-context';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { ProvinceSelect } from '../work-lists/province-select';
import { DIRECTIVE_CHOICES, DIRECTIVE_NAME, DIRECTIVE_TASKS, TASK_STATUSES, type DirectiveTaskFilter, type TaskRow } from './directive-operations';
import { UrgencyBadge, urgencyOf } from './task-timing';
import { agencyLabel, useAgencies } from './use-agencies';
import { isUuid } from '../../common/ids';

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
  const province = provinceParam(params);
  const q = params.get('q') ?? '';
  const agencyRaw = params.get('agency') ?? '';
  const agency = isUuid(agencyRaw) ? agencyRaw : '';
  const directiveRaw = params.get('directive') ?? '';
  const directive = isUuid(directiveRaw) ? directiveRaw : '';
  const status = oneOf(params.get('status'), TASK_STATUSES, '');
  const overdue = params.get('overdue') === '1';

  const set = (changes: Record<string, string>) => setParams((cur) => withParams(cur, changes));
  const search = useSearchText(q, (text) => set({ q: text }));

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
      <ListPageHeader title={t('directives.taskList.title')} intro={t('directives.taskList.intro')} />
      <form className="filters" role="search" aria-label={t('lists.filters')} onSubmit={(e) => e.preventDefault()}>
        {showProvince ? (
          <ProvinceSelect id="tasks-province" provinces={scope.provinces} value={province} onChange={(code) => set({ province: code, agency: '', directive: '' })} />
        ) : null}
        <SearchField
          id="task-search"
          label={t('directives.taskList.searchLabel')}
          placeholder={t('directives.taskList.searchPlaceholder')}
          value={search.text}
          onChange={search.setText}
          testId="task-search"
        />
        {pickScope ? (
          <>
            <SelectFilter
              id="task-agency"
              label={t('directives.taskList.agency')}
              value={agency}
              onChange={(v) => set({ agency: v })}
              testId="agency-filter"
              allLabel={t('directives.taskList.allAgencies')}
              options={agencies.map((a) => ({ value: a.id, label: agencyLabel(a) }))}
            />
            <SelectFilter
              id="task-directive"
              label={t('directives.taskList.directive')}
              value={directive}
              onChange={(v) => set({ directive: v })}
              testId="directive-filter"
              allLabel={t('directives.taskList.allDirectives')}
            >
              {chosenMissing ? <option value={directive}>{chosenDoc ? `${chosenDoc.numberSymbol} – ${chosenDoc.subject}` : directive}</option> : null}
              {docs.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.numberSymbol} – {d.subject}
                </option>
              ))}
            </SelectFilter>
          </>
        ) : null}
        <SelectFilter
          id="task-status"
          label={t('directives.taskList.status')}
          value={status}
          onChange={(v) => set({ status: v })}
          testId="task-status-filter"
          allLabel={t('directives.taskList.allStatuses')}
          options={TASK_STATUSES.map((st) => ({ value: st, label: t(`directives.status.${st}`) }))}
        />
        <div className="form-field filter-check">
          <label className="checkbox">
            <input type="checkbox" checked={overdue} onChange={(e) => set({ overdue: e.target.checked ? '1' : '' })} data-testid="overdue-filter" />
            {t('directives.taskList.overdueOnly')}
          </label>
        </div>
        {hasFilters ? (
          <ClearFiltersButton
            label={t('directives.taskList.clear')}
            onClick={() => {
              search.reset();
              setParams(() => new URLSearchParams());
            }}
          />
        ) : null}
      </form>

      {error && !list ? (
        <LoadError title={t('directives.taskList.loadFailed')} error={error} onRetry={onRetry} />
      ) : !list ? (
        <LoadingIndicator label={t('directives.taskList.loading')} />
      ) : (
        <section className="results" aria-labelledby="tasks-total">
          <ResultsBar id="tasks-total" total={t('directives.taskList.total', { formatted: formatCount(list.totalCount) })}>
            {loading ? <LoadingIndicator label={t('app.loading')} /> : null}
            <ExportButtons
              disabled={list.totalCount === 0}
              onExport={async (format) =>
                exportRows(format, t('directives.taskList.exportFileName'), exportColumns, await fetchAllPages(client, DIRECTIVE_TASKS, variables, (d) => d.directiveTasks))
              }
            />
          </ResultsBar>
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
          <LoadMore pageInfo={list.pageInfo} loading={loading} onLoadMore={onLoadMore} label={t('directives.taskList.loadMore')} />
        </section>
      )}
    </section>
  );
}
