import { currentToken, endSession } from '../auth/session-store';

export type ReportFileKind = 'xlsx' | 'html';

/** A download the server refused or could not serve, with the HTTP status. */
export class ReportFileError extends Error {
  constructor(readonly status: number) {
    super(`report file request failed with HTTP ${status}`);
    this.name = 'ReportFileError';
  }
}

export function reportFileUrl(provinceCode: string, year: number, kind: ReportFileKind): string {
  return `/reports/annual/${encodeURIComponent(provinceCode)}/${year}.${kind}`;
}

export function reportFileName(provinceCode: string, year: number, kind: ReportFileKind): string {
  return `bao-cao-nam-${year}-${provinceCode}.${kind}`;
}

/** Fetches a report file with the session's bearer token (never in the URL). */
async function fetchReportFile(provinceCode: string, year: number, kind: ReportFileKind): Promise<Blob> {
  const token = currentToken();
  const res = await fetch(reportFileUrl(provinceCode, year, kind), {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    cache: 'no-store',
  });
  if (res.status === 401) endSession('expired');
  if (!res.ok) throw new ReportFileError(res.status);
  return res.blob();
}

/** The file name the server suggests in Content-Disposition is the same as ours; we set it ourselves. */
export async function downloadReportXlsx(provinceCode: string, year: number): Promise<void> {
  const blob = await fetchReportFile(provinceCode, year, 'xlsx');
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = reportFileName(provinceCode, year, 'xlsx');
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Opens the printable page in a new tab. The tab is opened at once (inside the click, so popup
 * blockers allow it) and shown the page once it has arrived; it is closed again if that fails.
 */
export async function openReportPrintPage(provinceCode: string, year: number, loadingText: string): Promise<void> {
  const win = window.open('', '_blank');
  if (win) {
    win.document.title = loadingText;
    win.document.body.textContent = loadingText;
  }
  try {
    const blob = await fetchReportFile(provinceCode, year, 'html');
    const url = URL.createObjectURL(new Blob([blob], { type: 'text/html;charset=utf-8' }));
    if (win && !win.closed) win.location.href = url;
    else window.open(url, '_blank');
    // The tab keeps its copy of the page; the URL can go once it has loaded.
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (e) {
    win?.close();
    throw e;
  }
}
