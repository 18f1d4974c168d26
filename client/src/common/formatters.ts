/**
 * Display formats used across the client. Dates are shown as dd/MM/yyyy and numbers with vi-VN
 * thousands separators (1.250), in both languages, as officials expect in reports.
 */

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** 1250 → "1.250". */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : numberFormat.format(value);
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "1994-05-12" → "12/05/1994"; the value is a calendar date, so no time zone is involved. */
export function formatLocalDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = LOCAL_DATE.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO date-time → "dd/MM/yyyy HH:mm" in the browser's time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Today's date as yyyy-mm-dd in the browser's time zone (for date inputs and file names). */
export function todayLocalDate(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** An ISO date-time → "dd/MM/yyyy" in the browser's time zone. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}
