import type { ReactNode } from 'react';

/**
 * The line above a list: the total (announced politely when it changes), then `children` as they
 * are and `actions` (export, view switch) grouped on the right.
 */
export function ResultsBar({ id, total, actions, children }: { id: string; total: ReactNode; actions?: ReactNode; children?: ReactNode }) {
  return (
    <div className="results-bar">
      <p id={id} className="results-total" aria-live="polite" data-testid="total-count">
        {total}
      </p>
      {children}
      {actions ? <div className="results-actions">{actions}</div> : null}
    </div>
  );
}
