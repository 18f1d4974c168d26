import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SortDirection } from '../../generated/schema-types';

export interface SelectOption {
  value: string | number;
  label: string;
}

interface SelectFilterProps {
  id: string;
  label: string;
  value: string | number;
  onChange(value: string): void;
  testId?: string;
  /** The first choice, meaning "no filter" (value ''). */
  allLabel?: string;
  options?: readonly SelectOption[];
  /** Further choices after `options` (option groups, a chosen value not in the list, …). */
  children?: ReactNode;
}

/** A labelled drop-down of a list's filter bar. */
export function SelectFilter({ id, label, value, onChange, testId, allLabel, options, children }: SelectFilterProps) {
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </div>
  );
}

/**
 * Ascending / descending, the list's default first. `onChange` gets '' for the default, so the
 * default stays out of the URL.
 */
export function SortDirectionSelect({
  id,
  value,
  defaultDirection,
  onChange,
  testId,
}: {
  id: string;
  value: SortDirection;
  defaultDirection: SortDirection;
  onChange(value: string): void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const order: SortDirection[] = defaultDirection === 'ASC' ? ['ASC', 'DESC'] : ['DESC', 'ASC'];
  return (
    <SelectFilter
      id={id}
      label={t('members.directionLabel')}
      value={value}
      onChange={(v) => onChange(v === defaultDirection ? '' : v)}
      testId={testId}
      options={order.map((d) => ({ value: d, label: t(`members.direction.${d}`) }))}
    />
  );
}

/** "Clear filters", shown at the end of the filter bar while any filter is set. */
export function ClearFiltersButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <div className="filter-clear">
      <button type="button" className="button button-ghost" onClick={onClick}>
        {label}
      </button>
    </div>
  );
}
