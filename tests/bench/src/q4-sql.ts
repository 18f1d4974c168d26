import path from 'node:path';
import { SERVER_DIST } from './common';

/**
 * The two statements compareProvinces runs (cells with ranking; national totals), taken from the
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
  // cellRows: the cells a row each, which the cells statement returns as one JSON array of arrays.
  return { cells: seen[0], national: seen[1], cellRows: COMPARISON_CELLS_SQL as string };
}
