import { useEffect, useRef, type ReactNode } from 'react';

export type AlertTone = 'info' | 'success' | 'warning' | 'error';

interface AlertProps {
  tone: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** Buttons or links shown under the message (retry, reload, …). */
  actions?: ReactNode;
  /** Moves keyboard focus to the message when it appears, so screen readers and keyboard users land on it. */
  focusOnMount?: boolean;
  testId?: string;
  id?: string;
}

/** A message box. Errors are announced at once (role=alert); other tones politely (role=status). */
export function Alert({ tone, title, children, actions, focusOnMount, testId, id }: AlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    <div
      ref={ref}
      id={id}
      className={`alert alert-${tone}`}
      role={tone === 'error' || tone === 'warning' ? 'alert' : 'status'}
      tabIndex={focusOnMount ? -1 : undefined}
      data-testid={testId}
    >
      {title ? <p className="alert-title">{title}</p> : null}
      {children ? <div className="alert-body">{children}</div> : null}
      {actions ? <div className="alert-actions">{actions}</div> : null}
    </div>
  );
}
