import { useState } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { exportRows, fetchAllPages, type ExportColumn } from '../../common/export/list-export';
import { ExportButtons } from '../../common/export/export-buttons';
import { formatCount } from '../../common/formatters';
import { usePageTitle } from '../../common/use-page-title';
import { useSearchText } from '../../common/use-search-text';
import { useUrlState } from '../../common/use-url-state';
import { FlashAlert } from '../../common/ui/flash-alert';
import { ListPageHeader } from '../../common/ui/list-page-header';
import { ResultsBar } from '../../common/ui/results-bar';
import { SearchField } from '../../common/ui/search-field';
import { ClearFiltersButton, SelectFilter } from '../../common/ui/select-filter';
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

  // Not trimmed: the URL keeps the text as typed (filterOf trims it for the query).
  const search = useSearchText(params.search, (text) => update({ search: text }), { trim: false });

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
    search.reset();
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
      <ListPageHeader
        title={t('commissioningBoard.title')}
        intro={
          <>
            {t('commissioningBoard.intro')}
            {canWrite ? '' : ` ${t('commissioningBoard.readOnlyIntro')}`}
          </>
        }
        create={canWrite ? { to: '/commissioning/new', label: t('commissioningBoard.create'), testId: 'create-commissioning' } : null}
      />

      <FlashAlert message={flash} testId="commissioning-flash" onDismiss={() => setFlash(null)} />

      <form className="filters" role="search" aria-label={t('lists.filters')} onSubmit={(e) => e.preventDefault()}>
        <SearchField
          id="commissioning-search"
          label={t('commissioningBoard.search')}
          hint={t('commissioningBoard.searchHint')}
          value={search.text}
          onChange={search.setText}
          testId="commissioning-search"
        />
        {scope.multiProvince ? (
          <ProvinceSelect
            id="commissioning-province"
            provinces={scope.provinces}
            value={params.provinceCode}
            onChange={(code) => update({ provinceCode: code, agencyId: '', associationId: '' })}
          />
        ) : null}
        <SelectFilter
          id="commissioning-stage"
          label={t('commissioningBoard.stage')}
          value={stageValue}
          onChange={(v) => update({ stages: readStages(v) })}
          testId="stage-filter"
          allLabel={t('commissioningBoard.allStages')}
          options={[
            { value: STALLED, label: t('commissioningBoard.stalledStages') },
            ...COMMISSIONING_STAGES.map((s) => ({ value: s, label: t(`commissioningBoard.stages.${s}`) })),
          ]}
        >
          {params.stages.length > 1 && stageValue !== STALLED ? (
            <option value={stageValue}>{params.stages.map((s) => t(`commissioningBoard.stages.${s}`)).join(', ')}</option>
          ) : null}
        </SelectFilter>
        {partiesProvince ? (
          <>
            <SelectFilter
              id="commissioning-agency"
              label={t('commissioningBoard.agency')}
              value={params.agencyId}
              onChange={(v) => update({ agencyId: v })}
              testId="agency-filter"
              allLabel={t('commissioningBoard.allAgencies')}
              options={parties.agencies.map((a) => ({ value: a.id, label: a.name }))}
            />
            <SelectFilter
              id="commissioning-association"
              label={t('commissioningBoard.association')}
              value={params.associationId}
              onChange={(v) => update({ associationId: v })}
              testId="association-filter"
              allLabel={t('commissioningBoard.allAssociations')}
              options={parties.associations.map((a) => ({ value: a.id, label: a.name }))}
            />
          </>
        ) : null}
        <SelectFilter
          id="commissioning-area"
          label={t('commissioningBoard.researchArea')}
          value={params.areaId}
          onChange={(v) => update({ areaId: v })}
          testId="area-filter"
          allLabel={t('commissioningBoard.allResearchAreas')}
        >
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
        </SelectFilter>
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
          <SelectFilter
            id="commissioning-page-size"
            label={t('commissioningBoard.pageSize')}
            value={params.pageSize}
            onChange={(v) => update({ pageSize: Number(v) })}
            options={PAGE_SIZES.map((n) => ({ value: n, label: String(n) }))}
          />
        ) : null}
        {hasFilters(params) ? (
          <ClearFiltersButton label={t('commissioningBoard.clearFilters')} onClick={clear} />
        ) : null}
      </form>

      <section className="results" aria-labelledby="commissioning-total">
        <ResultsBar
          id="commissioning-total"
          total={total === undefined ? '' : t('commissioningBoard.total', { formatted: formatCount(total) })}
          actions={
            <>
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
            </>
          }
        />

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
