import { Link, useLocation } from 'react-router';
import { useApolloClient } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ExportButtons } from '../../common/export/export-buttons';
import { exportRows, fetchAllPages, type ExportColumn } from '../../common/export/list-export';
import { formatCount, formatLocalDate } from '../../common/formatters';
import { useRecordFlash, type ReturnState } from '../../common/record-navigation';
import { usePageTitle } from '../../common/use-page-title';
import { useCursorList } from '../../common/use-cursor-list';
import { useSearchText } from '../../common/use-search-text';
import { oneOf, provinceParam, useUrlState, withParams } from '../../common/use-url-state';
import type { Column } from '../../common/ui/data-table';
import { FlashAlert } from '../../common/ui/flash-alert';
import { ListPageHeader } from '../../common/ui/list-page-header';
import { PagedTable } from '../../common/ui/paged-table';
import { ResultsBar } from '../../common/ui/results-bar';
import { SearchField } from '../../common/ui/search-field';
import { ClearFiltersButton, SelectFilter, SortDirectionSelect } from '../../common/ui/select-filter';
import type { ActivityFilter, SortDirection } from '../../generated/schema-types';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { associationOptions, useAssociationOptions } from '../members/use-association-options';
import { ProvinceSelect } from '../work-lists/province-select';
import { ACTIVITIES, ACTIVITY_KINDS, DRAFT_KINDS, type ActivityRow, type ActivitySortField } from './activities-operations';

const PAGE_SIZE = 20;
const SORT_FIELDS: readonly ActivitySortField[] = ['HELD_ON', 'TITLE', 'PARTICIPANTS', 'UPDATED_AT'];
const FIRST_YEAR = 2010;

/** The years offered by the year filter: next year down to 2010. */
export function yearChoices(now = new Date()): number[] {
  const years: number[] = [];
  for (let y = now.getFullYear() + 1; y >= FIRST_YEAR; y--) years.push(y);
  return years;
}

/** /activities: activities by kind (consultations included) and year, with search, sort, paging and export. */
export function ActivitiesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = canWriteProvinceData(user.role);
  const scope = useProvinceScope(user);
  const client = useApolloClient();
  const location = useLocation();
  const associations = useAssociationOptions();
  const { flash, dismiss: dismissFlash } = useRecordFlash();
  usePageTitle(t('activities.title'));

  const [params, setParams] = useUrlState();
  const set = (key: string, value: string) => setParams((p) => withParams(p, { [key]: value }));
  const q = params.get('q') ?? '';
  const kind = oneOf(params.get('kind'), ACTIVITY_KINDS, '');
  const yearText = /^\d{4}$/.test(params.get('year') ?? '') ? (params.get('year') ?? '') : '';
  const associationId = params.get('association') ?? '';
  const sortField = oneOf(params.get('sort'), SORT_FIELDS, 'HELD_ON');
  const direction: SortDirection = params.get('dir') === 'ASC' ? 'ASC' : 'DESC';
  const provinceCode = provinceParam(params);

  const search = useSearchText(q, (text) => set('q', text));

  const filter: ActivityFilter = {
    search: q || null,
    kind: kind || null,
    year: yearText ? Number(yearText) : null,
    associationId: associationId || null,
    provinceCode: provinceCode || null,
  };
  const sort = { field: sortField, direction };
  const list = useCursorList(ACTIVITIES, 'activities', filter, sort, PAGE_SIZE);
  const { shown } = list;
  const hasFilters = Boolean(q || kind || yearText || associationId || provinceCode);
  const isDraft = (a: ActivityRow) => DRAFT_KINDS.includes(a.kind);

  const exportColumns: ExportColumn<ActivityRow>[] = [
    { header: t('activities.column.heldOn'), value: (a) => a.heldOn, kind: 'date' },
    { header: t('activities.column.title'), value: (a) => a.title },
    { header: t('activities.column.kind'), value: (a) => t(`activities.kindName.${a.kind}`) },
    { header: t('activities.column.organizer'), value: (a) => a.organizerAssociation?.name ?? null },
    { header: t('activities.column.participants'), value: (a) => a.participants, kind: 'number' },
    { header: t('activities.column.draftTitle'), value: (a) => a.draftTitle },
    { header: t('activities.column.draftingAgency'), value: (a) => a.draftingAgency?.name ?? null },
    { header: t('activities.column.response'), value: (a) => (isDraft(a) && a.response ? t(`activities.responseName.${a.response}`) : null) },
    { header: t('activities.column.note'), value: (a) => a.note },
    { header: t('activities.column.province'), value: (a) => a.province.name },
  ];

  const columns: Column[] = [
    { label: t('activities.column.heldOn') },
    { label: t('activities.column.title') },
    { label: t('activities.column.kind') },
    { label: t('activities.column.organizer') },
    { label: t('activities.column.participants'), numeric: true },
    { label: t('activities.column.draftingAgency') },
    { label: t('activities.column.response') },
    ...(scope.multiProvince ? [{ label: t('activities.column.province') }] : []),
  ];

  return (
    <section className="page" data-testid="activities-page">
      <ListPageHeader
        title={t('activities.title')}
        intro={t('activities.intro')}
        create={canWrite ? { to: '/activities/new', label: t('activities.create'), testId: 'create-activity' } : null}
      />
      <FlashAlert message={flash} onDismiss={dismissFlash} />

      <form className="filters" role="search" aria-label={t('lists.filters')} onSubmit={(e) => e.preventDefault()}>
        <SearchField id="activity-search" label={t('activities.search')} hint={t('activities.searchHint')} value={search.text} onChange={search.setText} testId="activity-search" />
        {scope.multiProvince ? <ProvinceSelect id="activity-province" provinces={scope.provinces} value={provinceCode} onChange={(c) => set('province', c)} /> : null}
        <SelectFilter
          id="activity-kind"
          label={t('activities.kind')}
          value={kind}
          onChange={(v) => set('kind', v)}
          testId="kind-filter"
          allLabel={t('activities.allKinds')}
          options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kindName.${k}`) }))}
        />
        <SelectFilter
          id="activity-year"
          label={t('activities.year')}
          value={yearText}
          onChange={(v) => set('year', v)}
          testId="year-filter"
          allLabel={t('activities.allYears')}
          options={yearChoices().map((y) => ({ value: y, label: String(y) }))}
        />
        <SelectFilter
          id="activity-association"
          label={t('activities.association')}
          value={associationId}
          onChange={(v) => set('association', v)}
          allLabel={t('activities.allAssociations')}
          options={associationOptions(associations, provinceCode)}
        />
        <SelectFilter
          id="activity-sort"
          label={t('activities.sort')}
          value={sortField}
          onChange={(v) => set('sort', v === 'HELD_ON' ? '' : v)}
          options={SORT_FIELDS.map((f) => ({ value: f, label: t(`activities.sortField.${f}`) }))}
        />
        <SortDirectionSelect id="activity-direction" value={direction} defaultDirection="DESC" onChange={(v) => set('dir', v)} />
        {hasFilters ? (
          <ClearFiltersButton
            label={t('lists.clear')}
            onClick={() => {
              search.reset();
              setParams(() => new URLSearchParams());
            }}
          />
        ) : null}
      </form>

      <section className="results" aria-labelledby="activities-total">
        <ResultsBar
          id="activities-total"
          total={shown ? t('activities.total', { formatted: formatCount(shown.totalCount) }) : ''}
          actions={
            <ExportButtons
              disabled={!shown || shown.totalCount === 0}
              onExport={async (format) =>
                exportRows(format, t('activities.exportFileName'), exportColumns, await fetchAllPages(client, ACTIVITIES, { filter, sort }, (d) => d.activities))
              }
            />
          }
        />
        <PagedTable
          list={list}
          loadFailed={t('activities.loadFailed')}
          loadingLabel={t('activities.loading')}
          errorTestId="activities-error"
          emptyText={hasFilters ? t('activities.empty') : t('activities.emptyNone')}
          testId="activities-table"
          caption={t('activities.tableCaption')}
          columns={columns}
          row={(a) => (
            <tr key={a.id} data-testid="activity-row">
              <td className="nowrap">{formatLocalDate(a.heldOn)}</td>
              <th scope="row" className="cell-name">
                <Link to={`/activities/${a.id}`} state={{ listSearch: location.search } satisfies ReturnState}>{a.title}</Link>
                {a.draftTitle ? <div className="muted">{a.draftTitle}</div> : null}
              </th>
              <td>{t(`activities.kindName.${a.kind}`)}</td>
              <td>{a.organizerAssociation?.name}</td>
              <td className="numeric">{formatCount(a.participants)}</td>
              <td>{a.draftingAgency?.name}</td>
              <td data-testid="activity-response">{isDraft(a) && a.response ? <ResponseBadge response={a.response} /> : null}</td>
              {scope.multiProvince ? <td>{a.province.name}</td> : null}
            </tr>
          )}
        />
      </section>
    </section>
  );
}

/** The drafting agency's response in words, with a colour that is never the only cue. */
export function ResponseBadge({ response }: { response: NonNullable<ActivityRow['response']> }) {
  const { t } = useTranslation();
  const tone = response === 'ACCEPTED' ? 'badge-active' : response === 'PARTLY_ACCEPTED' ? 'badge-consolidating' : response === 'REJECTED' ? 'badge-dissolved' : 'badge-suspended';
  return <span className={`badge ${tone}`}>{t(`activities.responseName.${response}`)}</span>;
}
