import type { ReactNode } from 'react';

/** A read-only definition list of label/value pairs (for viewers). */
export function DetailList({ rows, testId }: { rows: ReadonlyArray<[string, ReactNode]>; testId?: string }) {
  return (
    <dl className="details" data-testid={testId}>
      {rows.map(([label, value]) => (
        <div className="details-row" key={label}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}
