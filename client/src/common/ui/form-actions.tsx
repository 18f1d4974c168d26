import type { ReactNode } from 'react';
import { Link } from 'react-router';

interface FormActionsProps {
  saving: boolean;
  saveLabel: string;
  savingLabel: string;
  saveTestId: string;
  /** Where "cancel" leads (the list). */
  cancelTo: string;
  cancelLabel: string;
  /** Set apart at the end, e.g. "delete". */
  extraActions?: ReactNode;
}

/** Save and cancel under a record form, with any further actions at the far end. */
export function FormActions({ saving, saveLabel, savingLabel, saveTestId, cancelTo, cancelLabel, extraActions }: FormActionsProps) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={saving} data-testid={saveTestId}>
        {saving ? savingLabel : saveLabel}
      </button>
      <Link to={cancelTo} className="button button-secondary">
        {cancelLabel}
      </Link>
      {extraActions ? <div className="form-actions-end">{extraActions}</div> : null}
    </div>
  );
}
