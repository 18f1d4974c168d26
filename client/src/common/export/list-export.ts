import type { ApolloClient, TypedDocumentNode } from '@apollo/client';
import type { Cell, SheetData } from 'write-excel-file/browser';
import { downloadTextFile, toCsv, type CsvCell } from '../csv';
import { todayLocalDate } from '../formatters';

export type ExportFormat = 'csv' | 'xlsx';

/** One column of an exported list: its header in the current language and how to read it from a row. */
export interface ExportColumn<Row> {
  header: string;
  value: (row: Row) => CsvCell;
  /** `date` values are yyyy-mm-dd strings: shown dd/MM/yyyy in CSV, real dates in XLSX. `money` are VND. */
  kind?: 'text' | 'number' | 'date' | 'money';
}

/** The same rows in CSV (UTF-8 with BOM) or XLSX; the file name gets today's date and the extension. */
export async function exportRows<Row>(format: ExportFormat, baseName: string, columns: readonly ExportColumn<Row>[], rows: readonly Row[]): Promise<void> {
  const fileName = `${baseName}-${todayLocalDate()}.${format}`;
  if (format === 'csv') {
    const body = rows.map((row) => columns.map((c) => csvValue(c, row)));
    downloadTextFile(toCsv(columns.map((c) => c.header), body), fileName);
    return;
  }
  // write-excel-file is loaded only when someone exports.
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const header: Cell[] = columns.map((c) => ({ value: c.header, fontWeight: 'bold' }));
  const data: SheetData = [header, ...rows.map((row) => columns.map((c) => xlsxCell(c, row)))];
  await writeXlsxFile(data, { stickyRowsCount: 1 }, { fontFamily: 'Arial' }).toFile(fileName);
}

function csvValue<Row>(column: ExportColumn<Row>, row: Row): CsvCell {
  const value = column.value(row);
  if (column.kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const [y, m, d] = value.slice(0, 10).split('-');
    return `${d}/${m}/${y}`;
  }
  return value;
}

function xlsxCell<Row>(column: ExportColumn<Row>, row: Row): Cell {
  const value = column.value(row);
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return column.kind === 'money' ? { value, type: Number, format: '#,##0' } : { value, type: Number };
  if (column.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return { value: new Date(Date.UTC(y, m - 1, d)), type: Date, format: 'dd/mm/yyyy' };
  }
  return { value: String(value), type: String };
}

/** The server's largest page. */
const EXPORT_PAGE_SIZE = 100;

interface ConnectionLike<Node> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: ReadonlyArray<{ node: Node }>;
}

/**
 * Every row of a cursor-paged list (the list's own filter and order), page after page, for export.
 * `pick` returns the connection from the query's data.
 */
export async function fetchAllPages<Data, Vars extends { first?: number | null; after?: string | null }, Node>(
  client: ApolloClient,
  query: TypedDocumentNode<Data, Vars>,
  variables: Omit<Vars, 'first' | 'after'>,
  pick: (data: Data) => ConnectionLike<Node>,
): Promise<Node[]> {
  const rows: Node[] = [];
  let after: string | null = null;
  // Never more pages than the count allows, even if the server kept answering hasNextPage.
  let maxPages = Infinity;
  for (let page = 0; page < maxPages; page++) {
    const result = await client.query({
      query,
      variables: { ...variables, first: EXPORT_PAGE_SIZE, after } as unknown as Vars,
      fetchPolicy: 'network-only',
    });
    if (!result.data) break;
    const connection = pick(result.data as Data);
    maxPages = Math.ceil(connection.totalCount / EXPORT_PAGE_SIZE) + 1;
    rows.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
    after = connection.pageInfo.endCursor;
  }
  return rows;
}
