interface LoadingIndicatorProps {
  label: string;
  /** Centre it in the whole viewport (start-up checks) instead of in its container. */
  fullPage?: boolean;
}

/** A spinner with a text that screen readers announce. */
export function LoadingIndicator({ label, fullPage }: LoadingIndicatorProps) {
  return (
    <div className={fullPage ? 'loading loading-full-page' : 'loading'} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
