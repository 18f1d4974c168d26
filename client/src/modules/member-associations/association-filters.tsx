import { useTranslation } from 'react-i18next';
import { STATUSES, type MemberAssociationStatus, type Province } from './member-association-operations';
import { PAGE_SIZES } from './list-params';

interface AssociationFiltersProps {
  searchText: string;
  onSearchText(value: string): void;
  status: MemberAssociationStatus | '';
  onStatus(value: MemberAssociationStatus | ''): void;
  /** Province choices, or null when the user sees a single province. */
  provinces: Province[] | null;
  provinceNames: Map<string, Province>;
  provinceCode: string;
  onProvince(code: string): void;
  pageSize: number;
  onPageSize(size: number): void;
  hasFilters: boolean;
  onClear(): void;
}

/** Search box and filters above the list. Changes apply as the user types or picks; there is no submit. */
export function AssociationFilters(props: AssociationFiltersProps) {
  const { t } = useTranslation();
  const { provinces, provinceNames } = props;
  const current = provinces?.filter((p) => p.status === 'ACTIVE') ?? [];
  const merged = provinces?.filter((p) => p.status === 'MERGED') ?? [];
  const mergedLabel = (p: Province) =>
    t('associations.mergedProvince', { name: p.name, into: provinceNames.get(p.mergedInto?.code ?? '')?.name ?? p.mergedInto?.code ?? '' });

  return (
    <form className="filters" role="search" aria-label={t('associations.filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="form-field filter-search">
        <label htmlFor="association-search">{t('associations.searchLabel')}</label>
        <input
          id="association-search"
          type="search"
          value={props.searchText}
          placeholder={t('associations.searchPlaceholder')}
          onChange={(e) => props.onSearchText(e.target.value)}
          aria-describedby="association-search-hint"
          autoComplete="off"
          maxLength={200}
          data-testid="association-search"
        />
        <p id="association-search-hint" className="field-hint">
          {t('associations.searchHint')}
        </p>
      </div>
      <div className="form-field">
        <label htmlFor="association-status">{t('associations.statusFilter')}</label>
        <select
          id="association-status"
          value={props.status}
          onChange={(e) => props.onStatus(e.target.value as MemberAssociationStatus | '')}
          data-testid="status-filter"
        >
          <option value="">{t('associations.allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {provinces ? (
        <div className="form-field">
          <label htmlFor="association-province">{t('associations.provinceFilter')}</label>
          <select
            id="association-province"
            value={props.provinceCode}
            onChange={(e) => props.onProvince(e.target.value)}
            data-testid="province-filter"
          >
            <option value="">{t('associations.allProvinces')}</option>
            {merged.length > 0 ? (
              <>
                <optgroup label={t('associations.currentProvinces')}>
                  {current.map((p) => (
                    <option key={p.code} value={p.code}>
                      {p.name}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('associations.mergedProvinces')}>
                  {merged.map((p) => (
                    <option key={p.code} value={p.code}>
                      {mergedLabel(p)}
                    </option>
                  ))}
                </optgroup>
              </>
            ) : (
              current.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))
            )}
          </select>
        </div>
      ) : null}
      <div className="form-field">
        <label htmlFor="association-page-size">{t('associations.pagination.pageSize')}</label>
        <select id="association-page-size" value={props.pageSize} onChange={(e) => props.onPageSize(Number(e.target.value))}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      {props.hasFilters ? (
        <div className="filter-clear">
          <button type="button" className="button button-ghost" onClick={props.onClear}>
            {t('associations.clearFilters')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
