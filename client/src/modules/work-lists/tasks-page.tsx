import { useTranslation } from 'react-i18next';
import { formatCount, formatLocalDate } from '../../common/formatters';
import { columnsOf } from '../../common/ui/data-table';
import { DIRECTIVE_TASKS, type DirectiveTasksFilter } from './work-list-operations';
import { FilterCheck, useWorkListParams, useWorkListQuery, WorkListPage } from './work-list-page';

/** /tasks: directive tasks, most urgent first, read only; filters province and overdue live in the URL. */
export function TasksPage() {
  const { t } = useTranslation();
  const { scope, showProvince, province, searchParams, setSearchParams } = useWorkListParams();
  const overdue = searchParams.get('overdue') === '1';

  const set = (p: { province?: string; overdue?: boolean }) => {
    const next = new URLSearchParams();
    const pv = p.province ?? province;
    const od = p.overdue ?? overdue;
    if (pv) next.set('province', pv);
    if (od) next.set('overdue', '1');
    setSearchParams(next, { replace: true });
  };

  const filter: DirectiveTasksFilter = {};
  if (province) filter.provinceCode = province;
  if (overdue) filter.overdue = true;
  const query = useWorkListQuery(DIRECTIVE_TASKS, 'directiveTasks', { filter });

  return (
    <WorkListPage
      name="tasks"
      provinceFilter={showProvince ? { provinces: scope.provinces, value: province, onChange: (code) => set({ province: code }) } : null}
      filters={<FilterCheck checked={overdue} onChange={(checked) => set({ overdue: checked })} testId="overdue-filter" label={t('tasks.overdueOnly')} />}
      query={query}
      columns={columnsOf(
        t,
        [
          'tasks.column.title',
          'tasks.column.directive',
          'tasks.column.leadAgency',
          'tasks.column.status',
          'tasks.column.dueOn',
          'tasks.column.daysLate',
          ...(showProvince ? (['tasks.column.province'] as const) : []),
        ],
        ['tasks.column.daysLate'],
      )}
      row={(node) => (
        <tr key={node.id} data-testid="task-row">
          <th scope="row">{node.title}</th>
          <td className="nowrap">{node.directive.numberSymbol}</td>
          <td>{node.leadAgency.name}</td>
          <td>
            {t(`tasks.status.${node.status}`, { defaultValue: node.status })}
            {node.isOverdue ? (
              <>
                {' '}
                <span className="badge badge-report-late">{t('tasks.overdueBadge')}</span>
              </>
            ) : null}
          </td>
          <td className="nowrap">{formatLocalDate(node.dueOn)}</td>
          <td className="numeric">{node.daysLate ? formatCount(node.daysLate) : ''}</td>
          {showProvince ? <td>{node.province.name}</td> : null}
        </tr>
      )}
    />
  );
}
