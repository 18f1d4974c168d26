import { useTranslation } from 'react-i18next';
import { formatCount, formatLocalDate } from '../../common/formatters';
import { columnsOf } from '../../common/ui/data-table';
import { COMMISSIONING_REQUESTS, COMMISSIONING_STAGES, STALLED_STAGES, type CommissioningFilter, type CommissioningStage } from './work-list-operations';
import { FilterCheck, useWorkListParams, useWorkListQuery, WorkListPage } from './work-list-page';

const STALLED = STALLED_STAGES.join(',');

function readStages(value: string | null): CommissioningStage[] {
  return (value ?? '').split(',').filter((s): s is CommissioningStage => (COMMISSIONING_STAGES as readonly string[]).includes(s));
}

/** /commissioning: commissioned S&T tasks, read only; filters province, stage and delay live in the URL. */
export function CommissioningPage() {
  const { t } = useTranslation();
  const { scope, showProvince, province, searchParams, setSearchParams } = useWorkListParams();
  const stages = readStages(searchParams.get('stage'));
  const stageValue = stages.join(',');
  const delayed = searchParams.get('delayed') === '1';

  const set = (p: { province?: string; stage?: string; delayed?: boolean }) => {
    const next = new URLSearchParams();
    const pv = p.province ?? province;
    const st = p.stage ?? stageValue;
    const dl = p.delayed ?? delayed;
    if (pv) next.set('province', pv);
    if (st) next.set('stage', st);
    if (dl) next.set('delayed', '1');
    setSearchParams(next, { replace: true });
  };

  const filter: CommissioningFilter = {};
  if (province) filter.provinceCode = province;
  if (stages.length) filter.stages = stages;
  if (delayed) filter.delayed = true;
  const query = useWorkListQuery(COMMISSIONING_REQUESTS, 'commissioningRequests', { filter, ...(delayed ? { sort: { field: 'DELAY_DAYS', direction: 'DESC' as const } } : {}) });
  const stageOptions = [...COMMISSIONING_STAGES.map((s) => ({ value: s, label: t(`commissioning.stages.${s}`) }))];

  return (
    <WorkListPage
      name="commissioning"
      provinceFilter={showProvince ? { provinces: scope.provinces, value: province, onChange: (code) => set({ province: code }) } : null}
      filters={
        <>
          <div className="form-field">
            <label htmlFor="commissioning-stage">{t('commissioning.stage')}</label>
            <select id="commissioning-stage" value={stageValue} onChange={(e) => set({ stage: e.target.value })} data-testid="stage-filter">
              <option value="">{t('commissioning.allStages')}</option>
              <option value={STALLED}>{t('commissioning.stalledStages')}</option>
              {stageOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
              {stages.length > 1 && stageValue !== STALLED ? <option value={stageValue}>{stages.map((s) => t(`commissioning.stages.${s}`)).join(', ')}</option> : null}
            </select>
          </div>
          <FilterCheck checked={delayed} onChange={(checked) => set({ delayed: checked })} testId="delayed-filter" label={t('commissioning.delayedOnly')} />
        </>
      }
      query={query}
      columns={columnsOf(
        t,
        [
          'commissioning.column.code',
          'commissioning.column.title',
          'commissioning.column.year',
          'commissioning.column.stage',
          'commissioning.column.plannedEnd',
          'commissioning.column.delayDays',
          'commissioning.column.requestingAgency',
          ...(showProvince ? (['commissioning.column.province'] as const) : []),
        ],
        ['commissioning.column.year', 'commissioning.column.delayDays'],
      )}
      row={(node) => (
        <tr key={node.id} data-testid="commissioning-row">
          <td className="nowrap">{node.code}</td>
          <th scope="row">{node.title}</th>
          <td className="numeric">{node.year}</td>
          <td>{t(`commissioning.stages.${node.stage}`, { defaultValue: node.stage })}</td>
          <td className="nowrap">{formatLocalDate(node.plannedEnd)}</td>
          <td className="numeric">{node.delayDays ? formatCount(node.delayDays) : ''}</td>
          <td>{node.requestingAgency.name}</td>
          {showProvince ? <td>{node.province.name}</td> : null}
        </tr>
      )}
    />
  );
}
