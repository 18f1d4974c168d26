import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatCount, formatLocalDate } from '../../common/formatters';
import type { SortKey } from './list-params';
import type { ListReturnState } from './list-return';
import type { MemberAssociation, SortDirection } from './member-association-operations';
import { StatusBadge } from './status-badge';

interface AssociationTableProps {
  rows: readonly MemberAssociation[];
  sort: SortKey;
  direction: SortDirection;
  onSort(key: SortKey): void;
  showProvince: boolean;
  canEdit: boolean;
  busy: boolean;
}

/** The list of associations with sortable headers (name, founding date, members). */
export function AssociationTable({ rows, sort, direction, onSort, showProvince, canEdit, busy }: AssociationTableProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const returnState: ListReturnState = { listSearch: location.search };

  return (
    <div className="table-scroll" aria-busy={busy}>
      <table className={busy ? 'data-table data-table-busy' : 'data-table'} data-testid="associations-table">
        <caption className="visually-hidden">{t('associations.tableCaption')}</caption>
        <thead>
          <tr>
            <SortableHeader current={sort} direction={direction} onSort={onSort} sortKey="name" label={t('associations.column.name')} />
            <th scope="col">{t('associations.column.abbreviation')}</th>
            <th scope="col">{t('associations.column.field')}</th>
            <SortableHeader current={sort} direction={direction} onSort={onSort} sortKey="founded" label={t('associations.column.foundedOn')} />
            <th scope="col">{t('associations.column.status')}</th>
            <th scope="col">{t('associations.column.congressTerm')}</th>
            <SortableHeader current={sort} direction={direction} onSort={onSort} sortKey="members" label={t('associations.column.individualMemberCount')} numeric />
            <th scope="col" className="numeric">
              {t('associations.column.collectiveMemberCount')}
            </th>
            {showProvince ? <th scope="col">{t('associations.column.province')}</th> : null}
            {canEdit ? (
              <th scope="col">
                <span className="visually-hidden">{t('associations.column.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id} data-testid="association-row">
              <th scope="row" className="cell-name">
                <Link to={`/associations/${a.id}`} state={returnState}>
                  {a.name}
                </Link>
              </th>
              <td className="nowrap">{a.abbreviation}</td>
              <td>{a.field}</td>
              <td className="nowrap">{formatLocalDate(a.foundedOn)}</td>
              <td>
                <StatusBadge status={a.status} />
              </td>
              <td className="nowrap">{a.congressTerm}</td>
              <td className="numeric">{formatCount(a.individualMemberCount)}</td>
              <td className="numeric">{formatCount(a.collectiveMemberCount)}</td>
              {showProvince ? <td data-testid="association-province">{a.province.name}</td> : null}
              {canEdit ? (
                <td>
                  <Link
                    to={`/associations/${a.id}`}
                    state={returnState}
                    className="button button-small button-secondary" aria-label={t('associations.editNamed', { name: a.name })}>
                    {t('associations.edit')}
                  </Link>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface SortableHeaderProps {
  sortKey: SortKey;
  label: string;
  numeric?: boolean;
  current: SortKey;
  direction: SortDirection;
  onSort(key: SortKey): void;
}

/** A column header that sorts by its column; aria-sort tells assistive technology the current order. */
function SortableHeader({ sortKey, label, numeric, current, direction, onSort }: SortableHeaderProps) {
  const active = current === sortKey;
  const ariaSort = active ? (direction === 'ASC' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} className={numeric ? 'numeric' : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(sortKey)} data-testid={`sort-${sortKey}`}>
        <span>{label}</span>
        <span className={active ? 'sort-icon sort-icon-active' : 'sort-icon'} aria-hidden="true">
          {active ? (direction === 'ASC' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
