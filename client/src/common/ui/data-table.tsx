import type { ReactNode } from 'react';
import type { ParseKeys, TFunction } from 'i18next';

export interface Column {
  label: string;
  numeric?: boolean;
}

/**
 * A scrollable data table with a caption for screen readers and one row of column headers (numeric
 * ones right-aligned). The rows are the children. `busy` dims the rows while the next page loads.
 */
export function DataTable({
  testId,
  caption,
  columns,
  busy,
  children,
}: {
  testId: string;
  caption: string;
  columns: readonly Column[];
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll" aria-busy={busy}>
      <table className={busy ? 'data-table data-table-busy' : 'data-table'} data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map(({ label, numeric }, i) => (
              <th key={i} scope="col" className={numeric ? 'numeric' : undefined}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Column headers from translation keys; those also in `numeric` are right-aligned. */
export function columnsOf(t: TFunction, keys: readonly ParseKeys[], numeric: readonly ParseKeys[] = []): Column[] {
  return keys.map((key) => ({ label: t(key), numeric: numeric.includes(key) }));
}
