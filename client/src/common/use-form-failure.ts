import { useRef, useState } from 'react';

/**
 * The failure of a form's last save, with the summary element above the fields: `fail` shows a
 * failure and, once it has rendered, moves keyboard and screen reader focus to the summary.
 */
export function useFormFailure<F>() {
  const [failure, setFailure] = useState<F | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  function fail(next: F) {
    setFailure(next);
    window.requestAnimationFrame(() => summaryRef.current?.focus());
  }
  return { failure, setFailure, fail, summaryRef };
}

/** "Reload the latest" after a conflict, with `reloading` set while it runs. */
export function useReloading(onReload: (() => Promise<void>) | undefined) {
  const [reloading, setReloading] = useState(false);
  async function reload() {
    if (!onReload) return;
    setReloading(true);
    try {
      await onReload();
    } finally {
      setReloading(false);
    }
  }
  return { reloading, reload };
}
