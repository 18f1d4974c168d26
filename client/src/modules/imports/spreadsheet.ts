import type { RowInput, TemplateColumn } from './import-operations';

/** Lower case without diacritics and extra spaces: how file headers are matched to template headers. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export type RawCell = string | number | boolean | Date | null | undefined;

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the server reads it: dates dd/mm/yyyy, numbers without grouping, booleans Có/Không. */
export function cellText(value: RawCell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  return String(value).trim();
}

export interface ParsedSheet {
  rows: RowInput[];
  missing: TemplateColumn[];
  unknownHeaders: string[];
}

/**
 * Rows keyed by template column from a sheet whose first row is the header. Headers match the
 * template's (or the column keys) ignoring case and diacritics; blank rows are skipped but keep
 * their place in the numbering, so row numbers are those the user sees in the file.
 */
export function rowsFromSheet(sheet: readonly (readonly RawCell[])[], columns: readonly TemplateColumn[]): ParsedSheet {
  const header = (sheet[0] ?? []).map((h) => cellText(h));
  const byFolded = new Map<string, TemplateColumn>();
  for (const c of columns) {
    byFolded.set(fold(c.header), c);
    byFolded.set(fold(c.key), c);
  }
  const keyAt: Array<string | null> = [];
  const unknownHeaders: string[] = [];
  header.forEach((h, i) => {
    const c = h ? byFolded.get(fold(h.replace(/\s*\*$/, ''))) : undefined;
    keyAt[i] = c ? c.key : null;
    if (h && !c) unknownHeaders.push(h);
  });
  const present = new Set(keyAt.filter((k): k is string => k !== null));
  const missing = columns.filter((c) => c.required && !present.has(c.key));
  const rows: RowInput[] = [];
  for (let i = 1; i < sheet.length; i++) {
    const cells: RowInput['cells'] = [];
    sheet[i].forEach((v, j) => {
      const key = keyAt[j];
      const value = cellText(v);
      if (key && value !== '') cells.push({ key, value });
    });
    if (cells.length > 0) rows.push({ rowNumber: i + 1, cells });
  }
  return { rows, missing, unknownHeaders };
}

/** The sheet of a file: the first worksheet of an XLSX, or the records of a CSV (comma or semicolon). */
export async function readSpreadsheet(file: File): Promise<RawCell[][]> {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) {
    const { readSheet } = await import('read-excel-file/browser');
    return (await readSheet(file)) as RawCell[][];
  }
  if (name.endsWith('.csv')) {
    const { default: Papa } = await import('papaparse');
    const text = (await file.text()).replace(/^\uFEFF/, '');
    const result = Papa.parse<string[]>(text, { skipEmptyLines: false });
    return result.data;
  }
  throw new UnsupportedFileError();
}

export class UnsupportedFileError extends Error {
  constructor() {
    super('unsupported file');
  }
}
