import { Link, useLocation } from 'react-router';
import { useApolloClient } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ExportButtons } from '../../common/export/export-buttons';
import { exportRows, fetchAllPages, type ExportColumn } from '../../common/export/list-export';
import { formatCount, formatDateTime } from '../../common/formatters';
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
import type { AgencyFilter, SortDirection } from '../../generated/schema-types';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { ProvinceSelect } from '../work-lists/province-select';
import { AGENCIES, AGENCY_KINDS, type AgencyRow, type AgencySortField } from './agencies-operations';

const PAGE_SIZE = 20;
const SORT_FIELDS: readonly AgencySortField[] = ['NAME', 'KIND', 'CREATED_AT', 'UPDATED_AT'];

/** /agencies: the province's agencies and units, searchable, filterable by kind, sortable and exportable. */
export function AgenciesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = canWriteProvinceData(user.role);
  const scope = useProvinceScope(user);
  const client = useApolloClient();
  const location = useLocation();
  const { flash, dismiss: dismissFlash } = useRecordFlash();
  usePageTitle(t('agencies.title'));

  const [params, setParams] = useUrlState();
  const set = (key: string, value: string) => setParams((p) => withParams(p, { [key]: value }));
  const q = params.get('q') ?? '';
  const kind = oneOf(params.get('kind'), AGENCY_KINDS, '');
  const sortField = oneOf(params.get('sort'), SORT_FIELDS, 'NAME');
  const direction: SortDirection = params.get('dir') === 'DESC' ? 'DESC' : 'ASC';
  const provinceCode = provinceParam(params);

  const search = useSearchText(q, (text) => set('q', text));

  const filter: AgencyFilter = { search: q || null, kind: kind || null, provinceCode: provinceCode || null };
  const sort = { field: sortField, direction };
  const list = useCursorList(AGENCIES, 'agencies', filter, sort, PAGE_SIZE);
  const { shown } = list;
  const hasFilters = Boolean(q || kind || provinceCode);

  const exportColumns: ExportColumn<AgencyRow>[] = [
    { header: t('agencies.column.name'), value: (a) => a.name },
    { header: t('agencies.column.shortName'), value: (a) => a.shortName },
    { header: t('agencies.column.kind'), value: (a) => t(`agencies.kindName.${a.kind}`) },
    { header: t('agencies.column.parent'), value: (a) => a.parent?.name ?? null },
    { header: t('agencies.column.province'), value: (a) => a.province.name },
  ];

  const columns: Column[] = [
    { label: t('agencies.column.name') },
    { label: t('agencies.column.shortName') },
    { label: t('agencies.column.kind') },
    { label: t('agencies.column.parent') },
    ...(scope.multiProvince ? [{ label: t('agencies.column.province') }] : []),
    { label: t('agencies.column.updatedAt') },
  ];

  return (
    <section className="page" data-testid="agencies-page">
      <ListPageHeader
        title={t('agencies.title')}
        intro={t('agencies.intro')}
        create={canWrite ? { to: '/agencies/new', label: t('agencies.create'), testId: 'create-agency' } : null}
      />
      <FlashAlert message={flash} onDismiss={dismissFlash} />

      <form className="filters" role="search" aria-label={t('lists.filters')} onSubmit={(e) => e.preventDefault()}>
        <SearchField id="agency-search" label={t('agencies.search')} hint={t('agencies.searchHint')} value={search.text} onChange={search.setText} testId="agency-search" />
        {scope.multiProvince ? <ProvinceSelect id="agency-province" provinces={scope.provinces} value={provinceCode} onChange={(c) => set('province', c)} /> : null}
        <SelectFilter
          id="agency-kind"
          label={t('agencies.kind')}
          value={kind}
          onChange={(v) => set('kind', v)}
          testId="kind-filter"
          allLabel={t('agencies.allKinds')}
          options={AGENCY_KINDS.map((k) => ({ value: k, label: t(`agencies.kindName.${k}`) }))}
        />
        <SelectFilter
          id="agency-sort"
          label={t('agencies.sort')}
          value={sortField}
          onChange={(v) => set('sort', v === 'NAME' ? '' : v)}
          options={SORT_FIELDS.map((f) => ({ value: f, label: t(`agencies.sortField.${f}`) }))}
        />
        <SortDirectionSelect id="agency-direction" value={direction} defaultDirection="ASC" onChange={(v) => set('dir', v)} />
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

      <section className="results" aria-labelledby="agencies-total">
        <ResultsBar
          id="agencies-total"
          total={shown ? t('agencies.total', { formatted: formatCount(shown.totalCount) }) : ''}
          actions={
            <ExportButtons
              disabled={!shown || shown.totalCount === 0}
              onExport={async (format) =>
                exportRows(format, t('agencies.exportFileName'), exportColumns, await fetchAllPages(client, AGENCIES, { filter, sort }, (d) => d.agencies))
              }
            />
          }
        />
        <PagedTable
          list={list}
          loadFailed={t('agencies.loadFailed')}
          loadingLabel={t('agencies.loading')}
          errorTestId="agencies-error"
          emptyText={hasFilters ? t('agencies.empty') : t('agencies.emptyNone')}
          testId="agencies-table"
          caption={t('agencies.tableCaption')}
          columns={columns}
          row={(a) => (
            <tr key={a.id} data-testid="agency-row">
              <th scope="row" className="cell-name">
                <Link to={`/agencies/${a.id}`} state={{ listSearch: location.search } satisfies ReturnState}>{a.name}</Link>
              </th>
              <td className="nowrap">{a.shortName}</td>
              <td>{t(`agencies.kindName.${a.kind}`)}</td>
              <td>{a.parent?.name}</td>
              {scope.multiProvince ? <td>{a.province.name}</td> : null}
              <td className="nowrap">{formatDateTime(a.updatedAt)}</td>
            </tr>
          )}
        />
      </section>
    </section>
  );
}
