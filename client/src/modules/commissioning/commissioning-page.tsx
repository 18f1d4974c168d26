import { useEffect, useRef, useState } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { exportRows, fetchAllPages, type ExportColumn } from '../../common/export/list-export';
import { ExportButtons } from '../../common/export/export-buttons';
import { formatCount } from '../../common/formatters';
import { useDebouncedValue } from '../../common/use-debounced-value';
import { usePageTitle } from '../../common/use-page-title';
import { useUrlState } from '../../common/use-url-state';
import { Alert } from '../../common/ui/alert';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { ProvinceSelect } from '../work-lists/province-select';
import { CommissioningBoard } from './commissioning-board';
import {
  COMMISSIONING_REQUESTS,
  COMMISSIONING_STAGES,
  STALLED_STAGES,
  type CommissioningRecord,
  type CommissioningRow,
  type CommissioningStage,
} from './commissioning-operations';
import { CommissioningTable } from './commissioning-table';
import { DEFAULT_DIRECTION, filterOf, hasFilters, PAGE_SIZES, readListParams, readStages, SORT_FIELDS, writeListParams, type ListParams, type SortKey } from './list-params';
import { TransitionDialog } from './transition-dialog';
import { useParties, useResearchAreas } from './use-references';

const SEARCH_DELAY_MS = 350;
const STALLED = STALLED_STAGES.join(',');

/**
 * /commissioning: the commissioned tasks as a board by stage or as a sortable, paged table; every
 * filter, the view and the order live in the URL. Writers move tasks between stages from the board.
 */
export function CommissioningPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const canWrite = canWriteProvinceData(user.role);
  const scope = useProvinceScope(user);
  const client = useApolloClient();
  const [searchParams, setSearchParams] = useUrlState();
  const params = readListParams(searchParams);
  usePageTitle(t('commissioningBoard.title'));

  const update = (changes: Partial<ListParams>) => setSearchParams((current) => writeListParams({ ...readListParams(current), ...changes }));

  // The box answers at once; the list follows when typing pauses.
  const [searchText, setSearchText] = useState(params.search);
  const debounced = useDebouncedValue(searchText, SEARCH_DELAY_MS);
  const applied = useRef(debounced);
  useEffect(() => {
    if (debounced === applied.current) return;
    applied.current = debounced;
    setSearchParams((current) => writeListParams({ ...readListParams(current), search: debounced }));
  }, [debounced, setSearchParams]);

  // Agencies and associations belong to a province: the chosen one, else the user's own.
  const partiesProvince = params.provinceCode || user.province?.code || '';
  const parties = useParties(partiesProvince, !partiesProvince);
  const areas = useResearchAreas();

  const boardFilter = filterOf(params, false);
  const filter = filterOf(params);
  const sort = params.sort ? { field: SORT_FIELDS[params.sort], direction: params.direction } : undefined;
  const { data: countData } = useQuery(COMMISSIONING_REQUESTS, {
    variables: { first: 1, filter },
    fetchPolicy: 'cache-and-network',
  });
  const total = countData?.commissioningRequests.totalCount;

  const [moving, setMoving] = useState<{ row: CommissioningRow; to: CommissioningStage } | null>(null);
  const [flash, setFlash] = useState<string | null>(null);

  async function onMoved(record: CommissioningRecord) {
    setMoving(null);
    setFlash(t('commissioningBoard.transition.done', { title: record.title, stage: t(`commissioningBoard.stages.${record.stage}`) }));
    await client.refetchQueries({ include: ['CommissioningRequests'] });
  }

  const onSort = (key: SortKey) =>
    update({ sort: key, direction: params.sort === key ? (params.direction === 'ASC' ? 'DESC' : 'ASC') : DEFAULT_DIRECTION[key] });

  const clear = () => {
    setSearchText('');
    applied.current = '';
    update({ search: '', stages: [], delayed: false, provinceCode: '', agencyId: '', associationId: '', areaId: '', year: '' });
  };

  const stageValue = params.stages.join(',');
  const areaName = (a: { name: string; nameEn: string }) => (i18n.language === 'en' ? a.nameEn : a.name);

  const exportColumns: ExportColumn<CommissioningRow>[] = [
    { header: t('commissioningBoard.column.code'), value: (r) => r.code },
    { header: t('commissioningBoard.column.title'), value: (r) => r.title },
    { header: t('commissioningBoard.column.year'), value: (r) => r.year, kind: 'number' },
    { header: t('commissioningBoard.column.stage'), value: (r) => t(`commissioningBoard.stages.${r.stage}`) },
    { header: t('commissioningBoard.column.requestingAgency'), value: (r) => r.requestingAgency.name },
    {
      header: t('commissioningBoard.column.assignee'),
      value: (r) => (r.assigneeKind === 'ASSOCIATION' ? (r.assignedAssociation?.name ?? '') : r.assigneeKind === 'UNION' ? t('commissioningBoard.union') : ''),
    },
    { header: t('commissioningBoard.column.researchArea'), value: (r) => areaName(r.researchArea) },
    { header: t('commissioningBoard.column.budget'), value: (r) => r.budgetVnd, kind: 'money' },
    { header: t('commissioningBoard.column.plannedStart'), value: (r) => r.plannedStart, kind: 'date' },
    { header: t('commissioningBoard.column.plannedEnd'), value: (r) => r.plannedEnd, kind: 'date' },
    { header: t('commissioningBoard.column.delayDays'), value: (r) => r.delayDays, kind: 'number' },
    ...(scope.multiProvince ? [{ header: t('commissioningBoard.column.province'), value: (r: CommissioningRow) => r.province.name }] : []),
  ];

  return (
    <section className="page commissioning-page">
      <div className="page-header">
        <div>
          <h1>{t('commissioningBoard.title')}</h1>
          <p className="page-intro">
            {t('commissioningBoard.intro')}
            {canWrite ? '' : ` ${t('commissioningBoard.readOnlyIntro')}`}
          </p>
        </div>
        {canWrite ? (
          <Link to="/commissioning/new" className="button button-primary" data-testid="create-commissioning">
            <span aria-hidden="true">+ </span>
            {t('commissioningBoard.create')}
          </Link>
        ) : null}
      </div>

      {flash ? (
        <Alert
          tone="success"
          testId="commissioning-flash"
          actions={
            <button type="button" className="button button-ghost button-small" onClick={() => setFlash(null)}>
              {t('associations.dismiss')}
            </button>
          }
        >
          {flash}
        </Alert>
      ) : null}

      <form className="filters" role="search" aria-label={t('lists.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="form-field filter-search">
          <label htmlFor="commissioning-search">{t('commissioningBoard.search')}</label>
          <input
            id="commissioning-search"
            type="search"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            maxLength={200}
            autoComplete="off"
            aria-describedby="commissioning-search-hint"
            data-testid="commissioning-search"
          />
          <p id="commissioning-search-hint" className="field-hint">
            {t('commissioningBoard.searchHint')}
          </p>
        </div>
        {scope.multiProvince ? (
          <ProvinceSelect
            id="commissioning-province"
            provinces={scope.provinces}
            value={params.provinceCode}
            onChange={(code) => update({ provinceCode: code, agencyId: '', associationId: '' })}
          />
        ) : null}
        <div className="form-field">
          <label htmlFor="commissioning-stage">{t('commissioningBoard.stage')}</label>
          <select id="commissioning-stage" value={stageValue} onChange={(e) => update({ stages: readStages(e.target.value) })} data-testid="stage-filter">
            <option value="">{t('commissioningBoard.allStages')}</option>
            <option value={STALLED}>{t('commissioningBoard.stalledStages')}</option>
            {COMMISSIONING_STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`commissioningBoard.stages.${s}`)}
              </option>
            ))}
            {params.stages.length > 1 && stageValue !== STALLED ? (
              <option value={stageValue}>{params.stages.map((s) => t(`commissioningBoard.stages.${s}`)).join(', ')}</option>
            ) : null}
          </select>
        </div>
        {partiesProvince ? (
          <>
            <div className="form-field">
              <label htmlFor="commissioning-agency">{t('commissioningBoard.agency')}</label>
              <select id="commissioning-agency" value={params.agencyId} onChange={(e) => update({ agencyId: e.target.value })} data-testid="agency-filter">
                <option value="">{t('commissioningBoard.allAgencies')}</option>
                {parties.agencies.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-field">
              <label htmlFor="commissioning-association">{t('commissioningBoard.association')}</label>
              <select
                id="commissioning-association"
                value={params.associationId}
                onChange={(e) => update({ associationId: e.target.value })}
                data-testid="association-filter"
              >
                <option value="">{t('commissioningBoard.allAssociations')}</option>
                {parties.associations.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : null}
        <div className="form-field">
          <label htmlFor="commissioning-area">{t('commissioningBoard.researchArea')}</label>
          <select id="commissioning-area" value={params.areaId} onChange={(e) => update({ areaId: e.target.value })} data-testid="area-filter">
            <option value="">{t('commissioningBoard.allResearchAreas')}</option>
            <optgroup label={t('commissioningBoard.areaFields')}>
              {areas
                .filter((a) => a.kind === 'FIELD')
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.code} {areaName(a)}
                  </option>
                ))}
            </optgroup>
            <optgroup label={t('commissioningBoard.areaPriorities')}>
              {areas
                .filter((a) => a.kind !== 'FIELD')
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {areaName(a)}
                  </option>
                ))}
            </optgroup>
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="commissioning-year">{t('commissioningBoard.year')}</label>
          <input
            id="commissioning-year"
            type="number"
            inputMode="numeric"
            min={2000}
            max={2100}
            value={params.year}
            onChange={(e) => update({ year: e.target.value })}
            className="input-narrow"
            data-testid="year-filter"
          />
        </div>
        <div className="form-field filter-check">
          <label className="checkbox">
            <input type="checkbox" checked={params.delayed} onChange={(e) => update({ delayed: e.target.checked })} data-testid="delayed-filter" />
            {t('commissioningBoard.delayedOnly')}
          </label>
        </div>
        {params.view === 'table' ? (
          <div className="form-field">
            <label htmlFor="commissioning-page-size">{t('commissioningBoard.pageSize')}</label>
            <select id="commissioning-page-size" value={params.pageSize} onChange={(e) => update({ pageSize: Number(e.target.value) })}>
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {hasFilters(params) ? (
          <div className="filter-clear">
            <button type="button" className="button button-ghost" onClick={clear}>
              {t('commissioningBoard.clearFilters')}
            </button>
          </div>
        ) : null}
      </form>

      <section className="results" aria-labelledby="commissioning-total">
        <div className="results-bar">
          <p id="commissioning-total" className="results-total" aria-live="polite" data-testid="total-count">
            {total === undefined ? '' : t('commissioningBoard.total', { formatted: formatCount(total) })}
          </p>
          <div className="results-actions">
            <div className="commissioning-view-toggle" role="group" aria-label={t('commissioningBoard.viewLabel')}>
              {(['board', 'table'] as const).map((v) => (
                <button
                  key={v}
                  type="button"
                  className="button button-secondary"
                  aria-pressed={params.view === v}
                  onClick={() => update({ view: v })}
                  data-testid={`view-${v}`}
                >
                  {t(v === 'board' ? 'commissioningBoard.viewBoard' : 'commissioningBoard.viewTable')}
                </button>
              ))}
            </div>
            <ExportButtons
              disabled={total === 0}
              onExport={async (format) =>
                exportRows(
                  format,
                  t('commissioningBoard.exportFileName'),
                  exportColumns,
                  await fetchAllPages(client, COMMISSIONING_REQUESTS, { filter, sort }, (d) => d.commissioningRequests),
                )
              }
            />
          </div>
        </div>

        {params.view === 'board' ? (
          <CommissioningBoard
            filter={boardFilter}
            stages={params.stages}
            showProvince={scope.multiProvince}
            canWrite={canWrite}
            onMove={(row, to) => {
              setFlash(null);
              setMoving({ row, to });
            }}
          />
        ) : (
          <CommissioningTable params={params} filter={filter} sort={sort} showProvince={scope.multiProvince} onSort={onSort} />
        )}
      </section>

      {moving ? (
        <TransitionDialog
          key={`${moving.row.id}:${moving.to}`}
          request={moving.row}
          initialStage={moving.to}
          stageChoices={COMMISSIONING_STAGES.filter((s) => s !== moving.row.stage)}
          onDone={(record) => void onMoved(record)}
          onCancel={() => setMoving(null)}
          onReload={() => {
            setMoving(null);
            void client.refetchQueries({ include: ['CommissioningRequests'] });
          }}
        />
      ) : null}
    </section>
  );
}
