import path from 'node:path';
import { SERVER_DIST } from './common';

/**
 * The two statements compareProvinces runs (national totals; cells with ranking), taken from the
 * built server itself by running its query builder against a recording manager, so the floor and
 * PostGraphile compute exactly the same answer with exactly the same SQL.
 */
export async function compareSql(years: number[], codes: string[]): Promise<{
  cells: { sql: string; params: unknown[] }; national: { sql: string; params: unknown[] }; cellRows: string;
}> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { IndicatorService, COMPARISON_CELLS_SQL } = require(path.join(SERVER_DIST, 'modules', 'indicators', 'indicator.service.js'));
  const seen: Array<{ sql: string; params: unknown[] }> = [];
  const recorder = { query: async (sql: string, params: unknown[]) => { seen.push({ sql, params }); return []; } };
  await new IndicatorService().run(recorder, { years, codes, units: null, boundaries: 'CURRENT', source: 'LIVE' });
  if (seen.length !== 2) throw new Error(`expected compareProvinces to run 2 statements, saw ${seen.length}`);
  // The server reads the national totals first, then the cells (the statement with the ranking).
  const cells = seen.find((s) => s.sql.includes('rank() OVER'));
  const national = seen.find((s) => s !== cells);
  if (!cells || !national) throw new Error('could not tell the cells statement from the national totals one');
  // cellRows: the cells a row each, which the cells statement returns as one JSON array of arrays.
  return { cells, national, cellRows: COMPARISON_CELLS_SQL as string };
}
