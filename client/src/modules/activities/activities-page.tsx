import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ExportButtons } from '../../common/export/export-buttons';
import { exportRows, fetchAllPages, type ExportColumn } from '../../common/export/list-export';
import { formatCount, formatLocalDate } from '../../common/formatters';
import { useDebouncedValue } from '../../common/use-debounced-value';
import { usePageTitle } from '../../common/use-page-title';
import { useUrlState } from '../../common/use-url-state';
import { Alert } from '../../common/ui/alert';
import { LoadError } from '../../common/ui/load-error';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import type { ActivityFilter, SortDirection } from '../../generated/schema-types';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import type { RecordFlash } from '../members/members-page';
import { Pager, useCursorPages, type ReturnState } from '../members/record-list';
import { useAssociationOptions } from '../members/use-association-options';
import { ProvinceSelect } from '../work-lists/province-select';
import { ACTIVITIES, ACTIVITY_KINDS, DRAFT_KINDS, type ActivityKind, type ActivityRow, type ActivitySortField } from './activities-operations';

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
  const navigate = useNavigate();
  const associations = useAssociationOptions();
  const flash = (location.state as RecordFlash | null)?.flash;
  usePageTitle(t('activities.title'));

  const [params, setParams] = useUrlState();
  const set = (key: string, value: string) =>
    setParams((p) => {
      if (value) p.set(key, value);
      else p.delete(key);
      return p;
    });
  const q = params.get('q') ?? '';
  const kind = (ACTIVITY_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as ActivityKind) : '';
  const yearText = /^\d{4}$/.test(params.get('year') ?? '') ? (params.get('year') ?? '') : '';
  const associationId = params.get('association') ?? '';
  const sortField = (SORT_FIELDS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as ActivitySortField) : 'HELD_ON';
  const direction: SortDirection = params.get('dir') === 'ASC' ? 'ASC' : 'DESC';
  const provinceCode = /^\d{2}$/.test(params.get('province') ?? '') ? (params.get('province') ?? '') : '';

  const [searchText, setSearchText] = useState(q);
  const debounced = useDebouncedValue(searchText.trim(), 350);
  useEffect(() => {
    if (debounced !== q) set('q', debounced);
    // Only the typed text drives this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const filter: ActivityFilter = {
    search: q || null,
    kind: kind || null,
    year: yearText ? Number(yearText) : null,
    associationId: associationId || null,
    provinceCode: provinceCode || null,
  };
  const sort = { field: sortField, direction };
  const paging = useCursorPages(JSON.stringify([filter, sort]));
  const { data, previousData, loading, error, refetch } = useQuery(ACTIVITIES, {
    variables: { first: PAGE_SIZE, after: paging.after, filter, sort },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const shown = (data ?? previousData)?.activities;
  const busy = loading && !data;
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

  let list;
  if (error && !shown) list = <LoadError title={t('activities.loadFailed')} error={error} onRetry={() => void refetch()} testId="activities-error" />;
  else if (!shown) list = <LoadingIndicator label={t('activities.loading')} />;
  else if (shown.totalCount === 0)
    list = (
      <p className="empty-state" data-testid="empty-state">
        {hasFilters ? t('activities.empty') : t('activities.emptyNone')}
      </p>
    );
  else
    list = (
      <>
        <div className="table-scroll" aria-busy={busy}>
          <table className={busy ? 'data-table data-table-busy' : 'data-table'} data-testid="activities-table">
            <caption className="visually-hidden">{t('activities.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('activities.column.heldOn')}</th>
                <th scope="col">{t('activities.column.title')}</th>
                <th scope="col">{t('activities.column.kind')}</th>
                <th scope="col">{t('activities.column.organizer')}</th>
                <th scope="col" className="numeric">
                  {t('activities.column.participants')}
                </th>
                <th scope="col">{t('activities.column.draftingAgency')}</th>
                <th scope="col">{t('activities.column.response')}</th>
                {scope.multiProvince ? <th scope="col">{t('activities.column.province')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {shown.edges.map(({ node: a }) => (
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
              ))}
            </tbody>
          </table>
        </div>
        <Pager
          page={paging.page}
          total={shown.totalCount}
          pageSize={PAGE_SIZE}
          hasNext={Boolean(data?.activities.pageInfo.hasNextPage)}
          endCursor={data?.activities.pageInfo.endCursor}
          busy={busy}
          paging={paging}
        />
      </>
    );

  return (
    <section className="page" data-testid="activities-page">
      <div className="page-header">
        <div>
          <h1>{t('activities.title')}</h1>
          <p className="page-intro">{t('activities.intro')}</p>
        </div>
        {canWrite ? (
          <Link to="/activities/new" className="button button-primary" data-testid="create-activity">
            <span aria-hidden="true">+ </span>
            {t('activities.create')}
          </Link>
        ) : null}
      </div>
      {flash ? (
        <Alert
          tone="success"
          testId="flash"
          actions={
            <button type="button" className="button button-ghost button-small" onClick={() => void navigate({ search: location.search }, { replace: true, state: null })}>
              {t('associations.dismiss')}
            </button>
          }
        >
          {flash}
        </Alert>
      ) : null}

      <form className="filters" role="search" aria-label={t('lists.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="form-field filter-search">
          <label htmlFor="activity-search">{t('activities.search')}</label>
          <input
            id="activity-search"
            type="search"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            maxLength={200}
            autoComplete="off"
            aria-describedby="activity-search-hint"
            data-testid="activity-search"
          />
          <p id="activity-search-hint" className="field-hint">
            {t('activities.searchHint')}
          </p>
        </div>
        {scope.multiProvince ? <ProvinceSelect id="activity-province" provinces={scope.provinces} value={provinceCode} onChange={(c) => set('province', c)} /> : null}
        <div className="form-field">
          <label htmlFor="activity-kind">{t('activities.kind')}</label>
          <select id="activity-kind" value={kind} onChange={(e) => set('kind', e.target.value)} data-testid="kind-filter">
            <option value="">{t('activities.allKinds')}</option>
            {ACTIVITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`activities.kindName.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="activity-year">{t('activities.year')}</label>
          <select id="activity-year" value={yearText} onChange={(e) => set('year', e.target.value)} data-testid="year-filter">
            <option value="">{t('activities.allYears')}</option>
            {yearChoices().map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="activity-association">{t('activities.association')}</label>
          <select id="activity-association" value={associationId} onChange={(e) => set('association', e.target.value)}>
            <option value="">{t('activities.allAssociations')}</option>
            {associations
              .filter((a) => !provinceCode || a.province.code === provinceCode)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="activity-sort">{t('activities.sort')}</label>
          <select id="activity-sort" value={sortField} onChange={(e) => set('sort', e.target.value === 'HELD_ON' ? '' : e.target.value)}>
            {SORT_FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`activities.sortField.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="activity-direction">{t('members.directionLabel')}</label>
          <select id="activity-direction" value={direction} onChange={(e) => set('dir', e.target.value === 'DESC' ? '' : e.target.value)}>
            <option value="DESC">{t('members.direction.DESC')}</option>
            <option value="ASC">{t('members.direction.ASC')}</option>
          </select>
        </div>
        {hasFilters ? (
          <div className="filter-clear">
            <button
              type="button"
              className="button button-ghost"
              onClick={() => {
                setSearchText('');
                setParams(() => new URLSearchParams());
              }}
            >
              {t('lists.clear')}
            </button>
          </div>
        ) : null}
      </form>

      <section className="results" aria-labelledby="activities-total">
        <div className="results-bar">
          <p id="activities-total" className="results-total" aria-live="polite" data-testid="total-count">
            {shown ? t('activities.total', { formatted: formatCount(shown.totalCount) }) : ''}
          </p>
          <div className="results-actions">
            <ExportButtons
              disabled={!shown || shown.totalCount === 0}
              onExport={async (format) =>
                exportRows(format, t('activities.exportFileName'), exportColumns, await fetchAllPages(client, ACTIVITIES, { filter, sort }, (d) => d.activities))
              }
            />
          </div>
        </div>
        {list}
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
