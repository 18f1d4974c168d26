import { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import { badField, ErrorCode, notFound } from '../../common/errors';
import { badFieldThrow, isUuid } from '../../common/input-rules';
import { MAX_PAGE_SIZE } from '../../common/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { targetProvince } from '../../tenancy/target-province';
import { recordAudit } from '../audit/audit.service';
import { AddImportRowsInput, CreateImportBatchInput } from './dto/import.inputs';
import { COLUMN_OF, HANDLERS, Problem, problemsOfError, Values } from './import-kinds';
import { ImportBatchStatus, ImportKind } from './import.enums';
import { ImportBatch, ImportRow, ImportRowPage, ImportTemplate } from './import.types';

type Row = Record<string, unknown>;
const LABEL = 'Import batch';

const BATCH_SQL = `SELECT b.*,
    (SELECT count(*)::int FROM import_rows r WHERE r.batch_id = b.id) AS received_rows,
    (SELECT count(*)::int FROM import_rows r WHERE r.batch_id = b.id AND r.errors <> '[]'::jsonb) AS invalid_rows
  FROM import_batches b WHERE b.id = $1`;

function toBatch(r: Row): ImportBatch {
  const received = r.received_rows as number;
  const invalid = r.invalid_rows as number;
  return {
    id: r.id as string, provinceId: r.province_id as number, kind: r.kind as ImportKind, fileName: r.file_name as string,
    status: r.status as ImportBatchStatus, totalRows: r.total_rows as number, receivedRows: received, validRows: received - invalid,
    invalidRows: invalid, ready: r.status === ImportBatchStatus.OPEN && received === r.total_rows && invalid === 0,
    createdAt: r.created_at as Date, committedAt: (r.committed_at as Date | null) ?? null,
  };
}

function toRow(r: Row): ImportRow {
  const values = r.values as Values;
  return {
    rowNumber: r.row_number as number,
    values: Object.entries(values).map(([key, value]) => ({ key, value })),
    problems: (r.errors as Problem[]).map((p) => ({ column: p.column ?? null, constraint: p.constraint, message: p.message, detail: p.detail ?? null })),
    createdId: (r.created_id as string | null) ?? null,
  };
}

/** Values keyed by the kind's columns; cells of unknown columns are dropped. */
function valuesOf(kind: ImportKind, cells: Array<{ key: string; value: string }>): Values {
  const keys = new Set(HANDLERS[kind].columns.map((c) => c.key));
  const values: Values = {};
  for (const c of cells) if (keys.has(c.key)) values[c.key] = c.value;
  return values;
}

export class ImportService {
  template(kind: ImportKind): ImportTemplate {
    return { kind, columns: HANDLERS[kind].columns };
  }

  async get(ctx: RequestContext, id: string): Promise<ImportBatch | null> {
    if (!isUuid(id)) return null;
    const manager = await ctx.tx.manager();
    const [row] = (await manager.query(BATCH_SQL, [id])) as Row[];
    return row ? toBatch(row) : null;
  }

  async rows(ctx: RequestContext, batchId: string, first: number, offset: number, onlyInvalid: boolean): Promise<ImportRowPage> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) badFieldThrow('first', 'max', `first must be between 1 and ${MAX_PAGE_SIZE}`);
    if (!Number.isInteger(offset) || offset < 0) badFieldThrow('offset', 'min', 'offset must not be negative');
    const manager = await ctx.tx.manager();
    const where = `batch_id = $1${onlyInvalid ? ` AND errors <> '[]'::jsonb` : ''}`;
    const rows = (await manager.query(
      `SELECT *, count(*) OVER () AS total_count FROM import_rows WHERE ${where} ORDER BY row_number LIMIT $2 OFFSET $3`,
      [batchId, first, offset])) as Row[];
    let total = rows.length > 0 ? Number(rows[0].total_count) : 0;
    if (rows.length === 0 && offset > 0) {
      total = ((await manager.query(`SELECT count(*)::int AS n FROM import_rows WHERE ${where}`, [batchId])) as Array<{ n: number }>)[0].n;
    }
    return { rows: rows.map(toRow), totalCount: total };
  }

  async create(ctx: RequestContext, input: CreateImportBatchInput): Promise<ImportBatch> {
    const provinceId = targetProvince(ctx, undefined);
    const fileName = input.fileName.trim();
    if (fileName === '') badFieldThrow('fileName', 'length', 'fileName must be 1 to 255 characters');
    const manager = await ctx.tx.manager();
    const [row] = (await manager.query(
      `INSERT INTO import_batches (province_id, kind, file_name, total_rows, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [provinceId, input.kind, fileName, input.totalRows, ctx.user?.id ?? null])) as Row[];
    return (await this.get(ctx, row.id as string))!;
  }

  /** The open batch, locked for the rest of the request; batches of other provinces are NOT_FOUND. */
  private async lockOpen(manager: EntityManager, id: string): Promise<Row> {
    if (!isUuid(id)) throw notFound(LABEL);
    const [row] = (await manager.query(
      `SELECT * FROM import_batches WHERE id = $1 AND app_can_write(province_id) FOR UPDATE`, [id])) as Row[];
    if (!row) throw notFound(LABEL);
    if (row.status !== ImportBatchStatus.OPEN) {
      throw new GraphQLError(`This import batch is already ${String(row.status).toLowerCase()}.`, { extensions: { code: ErrorCode.CONFLICT } });
    }
    return row;
  }

  /**
   * Checks a chunk of rows exactly as the create mutations would: each row is written through the
   * service inside a savepoint (so database rules such as unique names apply) and rolled back at once.
   * Duplicates within the file are found by each kind's key; agencies may name an earlier row as parent.
   * Only the rows and their problems stay.
   */
  async addRows(ctx: RequestContext, input: AddImportRowsInput): Promise<ImportBatch> {
    const manager = await ctx.tx.manager();
    const batch = await this.lockOpen(manager, input.batchId);
    const kind = batch.kind as ImportKind;
    const provinceId = batch.province_id as number;
    const handler = HANDLERS[kind];
    const rows = [...input.rows].sort((a, b) => a.rowNumber - b.rowNumber);
    for (let i = 0; i < rows.length; i++) {
      if (i > 0 && rows[i].rowNumber === rows[i - 1].rowNumber) badFieldThrow('rows', 'unique', `rowNumber ${rows[i].rowNumber} is sent twice`);
    }
    const numbers = rows.map((r) => r.rowNumber);
    await manager.query(`DELETE FROM import_rows WHERE batch_id = $1 AND row_number = ANY($2::int[])`, [input.batchId, numbers]);
    // Keys of the rows already staged: a duplicate of any of them is refused.
    const staged = (await manager.query(
      `SELECT row_number, dedupe_key FROM import_rows WHERE batch_id = $1 AND dedupe_key IS NOT NULL ORDER BY row_number`, [input.batchId])) as Row[];
    const seen = new Map<string, number>();
    for (const s of staged) if (!seen.has(s.dedupe_key as string)) seen.set(s.dedupe_key as string, s.row_number as number);
    const earlierNames = new Map<string, number>();
    if (kind === ImportKind.AGENCIES) {
      const valid = (await manager.query(
        `SELECT row_number, lower(btrim("values"->>'name')) AS name, lower(btrim("values"->>'shortName')) AS short_name
         FROM import_rows WHERE batch_id = $1 AND errors = '[]'::jsonb`,
        [input.batchId])) as Row[];
      for (const v of valid) {
        if (v.name) earlierNames.set(v.name as string, v.row_number as number);
        if (v.short_name) earlierNames.set(v.short_name as string, v.row_number as number);
      }
    }

    const results: Array<{ row_number: number; values: Values; errors: Problem[]; dedupe_key: string | null }> = [];
    // Every trial write is rolled back: the indicator figures need no recompute (see the Imports migration).
    await manager.query(`SELECT set_config('app.import_defer_indicators', 'on', true)`);
    for (const row of rows) {
      const values = valuesOf(kind, row.cells);
      const names = new Map([...earlierNames].filter(([, n]) => n < row.rowNumber));
      const prepared = await handler.prepare({ ctx, manager, provinceId, rowNumber: row.rowNumber, earlierNames: names }, values);
      const problems = [...prepared.problems];
      const key = prepared.dedupeKey;
      if (key !== null) {
        const other = seen.get(key);
        if (other !== undefined && other !== row.rowNumber) {
          problems.push({ column: null, constraint: 'duplicateInFile', message: `the same as row ${other} of the file`, detail: String(other) });
        } else if (other === undefined) {
          seen.set(key, row.rowNumber);
        }
      }
      if (problems.length === 0 && prepared.write) {
        // Written and rolled back at once: an aborted subtransaction leaves nothing behind, and many
        // committed ones would slow every later statement of the transaction.
        await manager.query('SAVEPOINT import_row');
        try {
          await prepared.write();
        } catch (e) {
          problems.push(...problemsOfError(e, COLUMN_OF[kind]));
        } finally {
          await manager.query('ROLLBACK TO SAVEPOINT import_row');
          await manager.query('RELEASE SAVEPOINT import_row');
        }
      }
      if (problems.length === 0 && kind === ImportKind.AGENCIES) {
        // Later rows of the file may name this one as their parent.
        for (const name of [values.name, values.shortName]) {
          const folded = name?.trim().replace(/\s+/g, ' ').toLowerCase();
          if (folded && !earlierNames.has(folded)) earlierNames.set(folded, row.rowNumber);
        }
      }
      results.push({ row_number: row.rowNumber, values, errors: problems, dedupe_key: key });
    }
    await manager.query(`SELECT set_config('app.import_defer_indicators', '', true)`);
    await manager.query(
      `INSERT INTO import_rows (province_id, batch_id, row_number, "values", errors, dedupe_key)
       SELECT $1, $2, x.row_number, x."values", x.errors, x.dedupe_key
       FROM jsonb_to_recordset($3::jsonb) AS x(row_number int, "values" jsonb, errors jsonb, dedupe_key text)`,
      [provinceId, input.batchId, JSON.stringify(results)]);
    return (await this.get(ctx, input.batchId))!;
  }

  /**
   * Writes every row through the services of the create mutations, in row order, in this request's
   * one transaction: any failure is thrown with the row number, and the whole request rolls back.
   */
  async commit(ctx: RequestContext, id: string): Promise<ImportBatch> {
    const manager = await ctx.tx.manager();
    const batch = await this.lockOpen(manager, id);
    const current = toBatch(((await manager.query(BATCH_SQL, [id])) as Row[])[0]);
    if (current.receivedRows !== current.totalRows) {
      throw badField('id', 'complete', `only ${current.receivedRows} of ${current.totalRows} rows have arrived`);
    }
    if (current.invalidRows > 0) throw badField('id', 'valid', `${current.invalidRows} row(s) have problems; correct the file first`);
    const kind = batch.kind as ImportKind;
    const provinceId = batch.province_id as number;
    const handler = HANDLERS[kind];
    const rows = (await manager.query(`SELECT row_number, "values" FROM import_rows WHERE batch_id = $1 ORDER BY row_number`, [id])) as Row[];
    const created: Array<{ row_number: number; created_id: string }> = [];
    // Indicator figures are recomputed once after the last row, not after each (see the Imports migration).
    await manager.query(`SELECT set_config('app.import_defer_indicators', 'on', true)`);
    for (const row of rows) {
      const rowNumber = row.row_number as number;
      const prepared = await handler.prepare({ ctx, manager, provinceId, rowNumber, earlierNames: new Map() }, row.values as Values);
      let problems = prepared.problems;
      if (problems.length === 0 && prepared.write) {
        try {
          created.push({ row_number: rowNumber, created_id: await prepared.write() });
        } catch (e) {
          problems = problemsOfError(e, COLUMN_OF[kind]);
        }
      }
      if (problems.length > 0) {
        throw new GraphQLError(`Row ${rowNumber}: ${problems.map((p) => p.message).join('; ')}`, {
          extensions: {
            code: ErrorCode.BAD_USER_INPUT, field: 'id', row: rowNumber,
            fields: problems.map((p) => ({ field: p.column ?? 'row', constraint: p.constraint, message: `Row ${rowNumber}: ${p.message}` })),
          },
        });
      }
    }
    await manager.query(`SELECT import_flush_indicators($1::smallint)`, [provinceId]);
    await manager.query(
      `UPDATE import_rows r SET created_id = x.created_id FROM jsonb_to_recordset($2::jsonb) AS x(row_number int, created_id uuid)
       WHERE r.batch_id = $1 AND r.row_number = x.row_number`,
      [id, JSON.stringify(created)]);
    await manager.query(`UPDATE import_batches SET status = 'COMMITTED', committed_at = now() WHERE id = $1`, [id]);
    await recordAudit(manager, ctx, {
      action: 'IMPORT', entityType: 'ImportBatch', entityId: id, provinceId, before: null,
      after: { kind, file_name: batch.file_name, rows: created.length },
    });
    return (await this.get(ctx, id))!;
  }

  async discard(ctx: RequestContext, id: string): Promise<ImportBatch> {
    const manager = await ctx.tx.manager();
    await this.lockOpen(manager, id);
    await manager.query(`DELETE FROM import_rows WHERE batch_id = $1`, [id]);
    await manager.query(`UPDATE import_batches SET status = 'DISCARDED' WHERE id = $1`, [id]);
    return (await this.get(ctx, id))!;
  }
}
