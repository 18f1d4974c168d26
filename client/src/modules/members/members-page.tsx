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
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { ProvinceSelect } from '../work-lists/province-select';
import { MEMBER_KINDS, MEMBERS, type MemberFilter, type MemberRow, type MemberSortField, type SortDirection } from './members-operations';
import { associationOptions, useAssociationOptions } from './use-association-options';

const PAGE_SIZE = 20;
const SORT_FIELDS: readonly MemberSortField[] = ['NAME', 'CREATED_AT', 'UPDATED_AT'];

/** The name of a member as the reader may see it. */
export function useMemberName() {
  const { t } = useTranslation();
  return (m: Pick<MemberRow, 'fullName'>) => m.fullName ?? t('members.hiddenName');
}

/** /members: search, filter by association and kind, sort, page through and export the members. */
export function MembersPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = canWriteProvinceData(user.role);
  const scope = useProvinceScope(user);
  const client = useApolloClient();
  const location = useLocation();
  const { flash, dismiss: dismissFlash } = useRecordFlash();
  const associations = useAssociationOptions();
  const nameOf = useMemberName();
  usePageTitle(t('members.title'));

  const [params, setParams] = useUrlState();
  const set = (key: string, value: string) => setParams((p) => withParams(p, { [key]: value }));
  const q = params.get('q') ?? '';
  const associationId = params.get('association') ?? '';
  const kind = oneOf(params.get('kind'), MEMBER_KINDS, '');
  const sortField = oneOf(params.get('sort'), SORT_FIELDS, 'NAME');
  const direction: SortDirection = params.get('dir') === 'DESC' ? 'DESC' : 'ASC';
  const provinceCode = provinceParam(params);

  const search = useSearchText(q, (text) => set('q', text));

  const filter: MemberFilter = {
    search: q || null,
    associationId: associationId || null,
    kind: kind || null,
    provinceCode: provinceCode || null,
  };
  const sort = { field: sortField, direction };
  const list = useCursorList(MEMBERS, 'members', filter, sort, PAGE_SIZE);
  const { shown } = list;
  const hasFilters = Boolean(q || associationId || kind || provinceCode);

  const yesNo = (v: boolean) => (v ? t('members.yes') : t('members.no'));
  const currentAssociations = (m: MemberRow) =>
    m.memberships
      .filter((ms) => ms.isCurrent && ms.association)
      .map((ms) => ms.association?.name)
      .join('; ');
  const exportColumns: ExportColumn<MemberRow>[] = [
    { header: t('members.column.fullName'), value: nameOf },
    { header: t('members.column.kind'), value: (m) => t(`members.kindName.${m.kind}`) },
    { header: t('members.column.academicTitle'), value: (m) => (m.academicTitle ? t(`members.titleName.${m.academicTitle}`) : null) },
    { header: t('members.column.degree'), value: (m) => (m.degree ? t(`members.degreeName.${m.degree}`) : null) },
    { header: t('members.column.birthYear'), value: (m) => m.birthYear, kind: 'number' },
    { header: t('members.column.email'), value: (m) => m.email },
    { header: t('members.column.phone'), value: (m) => m.phone },
    { header: t('members.column.field'), value: (m) => m.field },
    { header: t('members.column.workplace'), value: (m) => m.workplace },
    { header: t('members.column.associations'), value: currentAssociations },
    { header: t('members.column.youngIntellectual'), value: (m) => yesNo(m.isYoungIntellectual) },
    { header: t('members.column.inEnterprise'), value: (m) => yesNo(m.inEnterprise) },
    { header: t('members.column.province'), value: (m) => m.province.name },
  ];

  const columns: Column[] = [
    { label: t('members.column.fullName') },
    { label: t('members.column.kind') },
    { label: t('members.column.degree') },
    { label: t('members.column.field') },
    { label: t('members.column.workplace') },
    { label: t('members.column.associations') },
    ...(scope.multiProvince ? [{ label: t('members.column.province') }] : []),
    { label: t('members.column.updatedAt') },
  ];

  return (
    <section className="page" data-testid="members-page">
      <ListPageHeader
        title={t('members.title')}
        intro={t('members.intro')}
        create={canWrite ? { to: '/members/new', label: t('members.create'), testId: 'create-member' } : null}
      />
      <FlashAlert message={flash} onDismiss={dismissFlash} />

      <form className="filters" role="search" aria-label={t('lists.filters')} onSubmit={(e) => e.preventDefault()}>
        <SearchField id="member-search" label={t('members.search')} hint={t('members.searchHint')} value={search.text} onChange={search.setText} testId="member-search" />
        {scope.multiProvince ? <ProvinceSelect id="member-province" provinces={scope.provinces} value={provinceCode} onChange={(c) => set('province', c)} /> : null}
        <SelectFilter
          id="member-association"
          label={t('members.association')}
          value={associationId}
          onChange={(v) => set('association', v)}
          testId="association-filter"
          allLabel={t('members.allAssociations')}
          options={associationOptions(associations, provinceCode)}
        />
        <SelectFilter
          id="member-kind"
          label={t('members.kind')}
          value={kind}
          onChange={(v) => set('kind', v)}
          testId="kind-filter"
          allLabel={t('members.allKinds')}
          options={MEMBER_KINDS.map((k) => ({ value: k, label: t(`members.kindName.${k}`) }))}
        />
        <SelectFilter
          id="member-sort"
          label={t('members.sort')}
          value={sortField}
          onChange={(v) => set('sort', v === 'NAME' ? '' : v)}
          testId="sort-field"
          options={SORT_FIELDS.map((f) => ({ value: f, label: t(`members.sortField.${f}`) }))}
        />
        <SortDirectionSelect id="member-direction" value={direction} defaultDirection="ASC" onChange={(v) => set('dir', v)} testId="sort-direction" />
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

      <section className="results" aria-labelledby="members-total">
        <ResultsBar
          id="members-total"
          total={shown ? t('members.total', { formatted: formatCount(shown.totalCount) }) : ''}
          actions={
            <ExportButtons
              disabled={!shown || shown.totalCount === 0}
              onExport={async (format) =>
                exportRows(format, t('members.exportFileName'), exportColumns, await fetchAllPages(client, MEMBERS, { filter, sort }, (d) => d.members))
              }
            />
          }
        />
        <PagedTable
          list={list}
          loadFailed={t('members.loadFailed')}
          loadingLabel={t('members.loading')}
          errorTestId="members-error"
          emptyText={hasFilters ? t('members.empty') : t('members.emptyNone')}
          testId="members-table"
          caption={t('members.tableCaption')}
          columns={columns}
          row={(m) => (
            <tr key={m.id} data-testid="member-row">
              <th scope="row" className="cell-name">
                <Link to={`/members/${m.id}`} state={{ listSearch: location.search } satisfies ReturnState}>{nameOf(m)}</Link>
              </th>
              <td>{t(`members.kindName.${m.kind}`)}</td>
              <td>{[m.academicTitle, m.degree ? t(`members.degreeName.${m.degree}`) : ''].filter(Boolean).join(', ')}</td>
              <td>{m.field}</td>
              <td>{m.workplace}</td>
              <td>{currentAssociations(m)}</td>
              {scope.multiProvince ? <td>{m.province.name}</td> : null}
              <td className="nowrap">{formatDateTime(m.updatedAt)}</td>
            </tr>
          )}
        />
      </section>
    </section>
  );
}
