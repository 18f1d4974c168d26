import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../common/use-page-title';
import { useDebouncedValue } from '../../common/use-debounced-value';
import { Alert } from '../../common/ui/alert';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { AssociationFilters } from './association-filters';
import { AssociationResults } from './association-results';
import { DEFAULT_DIRECTION, readListParams, writeListParams, type ListParams, type SortKey } from './list-params';
import type { ListReturnState } from './list-return';
import { useProvinceScope } from './use-province-scope';

/** What a form page reports back to the list after a change (shown once as a message). */
export interface ListFlash {
  flash: { kind: 'created' | 'updated' | 'deleted'; name: string };
}

const SEARCH_DELAY_MS = 350;

/** /associations: search, filter, sort, page through and export the member associations in the user's scope. */
export function MemberAssociationsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = canWriteProvinceData(user.role);
  const scope = useProvinceScope(user);
  const [searchParams, setSearchParams] = useSearchParams();
  const params = readListParams(searchParams);
  const location = useLocation();
  const navigate = useNavigate();
  const flash = (location.state as ListFlash | null)?.flash;
  usePageTitle(t('associations.title'));

  const update = (changes: Partial<ListParams>) =>
    setSearchParams(writeListParams({ ...params, ...changes }), { replace: true, state: location.state });

  // The box updates at once; the list follows when typing pauses.
  const [searchText, setSearchText] = useState(params.search);
  const debouncedSearch = useDebouncedValue(searchText, SEARCH_DELAY_MS);
  const appliedSearch = useRef(debouncedSearch);
  useEffect(() => {
    if (debouncedSearch === appliedSearch.current) return;
    appliedSearch.current = debouncedSearch;
    setSearchParams((prev) => writeListParams({ ...readListParams(prev), search: debouncedSearch }), {
      replace: true,
      state: location.state,
    });
  }, [debouncedSearch, setSearchParams, location.state]);

  const hasFilters = Boolean(params.search.trim() || params.status || params.provinceCode);
  const clearFilters = () => {
    setSearchText('');
    update({ search: '', status: '', provinceCode: '' });
  };
  const onSort = (key: SortKey) =>
    update({ sort: key, direction: params.sort === key ? (params.direction === 'ASC' ? 'DESC' : 'ASC') : DEFAULT_DIRECTION[key] });

  return (
    <section className="page">
      <div className="page-header">
        <div>
          <h1>{t('associations.title')}</h1>
          <p className="page-intro">{t('associations.intro')}</p>
        </div>
        {canWrite ? (
          <Link
            to="/associations/new"
            state={{ listSearch: location.search } satisfies ListReturnState}
            className="button button-primary"
            data-testid="create-association"
          >
            <span aria-hidden="true">+ </span>
            {t('associations.create')}
          </Link>
        ) : null}
      </div>

      {flash ? (
        <Alert
          tone="success"
          testId="flash"
          actions={
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => void navigate({ search: searchParams.toString() }, { replace: true, state: null })}
            >
              {t('associations.dismiss')}
            </button>
          }
        >
          {t(`associations.${flash.kind}`, { name: flash.name })}
        </Alert>
      ) : null}

      <AssociationFilters
        searchText={searchText}
        onSearchText={setSearchText}
        status={params.status}
        onStatus={(status) => update({ status })}
        provinces={scope.multiProvince ? scope.provinces : null}
        provinceNames={scope.byCode}
        provinceCode={params.provinceCode}
        onProvince={(provinceCode) => update({ provinceCode })}
        pageSize={params.pageSize}
        onPageSize={(pageSize) => update({ pageSize })}
        hasFilters={hasFilters}
        onClear={clearFilters}
      />

      <AssociationResults
        params={params}
        showProvince={scope.multiProvince}
        canEdit={canWrite}
        hasFilters={hasFilters}
        onSort={onSort}
        onClearFilters={clearFilters}
      />
    </section>
  );
}
