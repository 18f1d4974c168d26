import type { EntityManager } from 'typeorm';
import { ConnectionShape, likeEscape, Page, toConnection } from '../../common/pagination';
import { pgError, PG_CHECK_VIOLATION, PG_UNIQUE_VIOLATION, returnedRows, rowToEntity } from '../../common/rows';
import type { RequestContext } from '../../tenancy/request-context';
import { targetProvince } from '../../tenancy/target-province';
import { recordAudit } from '../audit/audit.service';
import {
  CreateDirectiveInput,
  DeleteDirectiveInput,
  DirectiveFilter,
  DirectiveSort,
  DirectiveSortField,
  SortDirection,
  UpdateDirectiveInput,
} from './dto/directive.inputs';
import { Directive } from './directive.entity';
import { DirectiveSystem } from './directive.enums';
import { ReferenceDocument } from './reference-document.entity';
import { badFieldThrow, clean, distinct, isUuid, provinceIdOf } from '../../common/input-rules';
import { lockForChange } from '../../common/versioned-writes';

const ENTITY = 'Directive';
const LABEL = 'Directive';
type Row = Record<string, unknown>;

const SORT_SQL: Record<DirectiveSortField, string> = {
  [DirectiveSortField.ISSUED_ON]: 'd.issued_on',
  [DirectiveSortField.NUMBER]: 'd.number',
  // Vietnamese alphabetical order (a ă â b c d đ …) via ICU.
  [DirectiveSortField.SUBJECT]: 'd.subject COLLATE "vi-VN-x-icu"',
  [DirectiveSortField.UPDATED_AT]: 'd.updated_at',
};
const DEFAULT_DESC = new Set([DirectiveSortField.ISSUED_ON, DirectiveSortField.UPDATED_AT]);

/** Input property → column, for the plain fields an update may set. */
const COLUMN: Record<string, string> = {
  system: 'system', docType: 'doc_type', number: 'number', symbol: 'symbol', issuerAgencyId: 'issuer_agency_id',
  issuedOn: 'issued_on', partyTerm: 'party_term', subject: 'subject', signer: 'signer', recipients: 'recipients', summary: 'summary',
};
const REQUIRED = ['system', 'docType', 'symbol', 'issuerAgencyId', 'subject'];

/** The fields the numbering rules look at, after an update is applied. */
interface Numbering {
  system: DirectiveSystem;
  docType: string;
  number: number | null;
  symbol: string;
  issuerAgencyId: string;
  issuedOn: string | null;
  partyTerm: string | null;
}

function normalise<T extends Partial<CreateDirectiveInput & UpdateDirectiveInput>>(raw: T): T {
  const input = clean(raw, ['symbol', 'subject']);
  // One dash for terms, so "2020-2025" and "2020–2025" are the same key of the party numbering rule.
  if (typeof input.partyTerm === 'string') input.partyTerm = input.partyTerm.replace('-', '–');
  if (typeof input.symbol === 'string') input.symbol = input.symbol.replace(/\s+/g, '');
  if (Array.isArray(input.recipients)) input.recipients = input.recipients.map((r) => r.trim()).filter((r) => r !== '');
  // class-validator saw the text before trimming: "   " must not pass as a subject.
  if (typeof input.subject === 'string' && input.subject.length < 2) badFieldThrow('subject', 'length', 'subject must be 2 to 1000 characters');
  if (typeof input.symbol === 'string' && input.symbol.length < 1) badFieldThrow('symbol', 'length', 'symbol must be 1 to 60 characters');
  return input;
}

function checkRules(d: Numbering): void {
  if (d.number !== null && !d.issuedOn) {
    badFieldThrow('issuedOn', 'requiredWithNumber', 'issuedOn is required once the document has a number');
  }
  if (d.system === DirectiveSystem.STATE && d.partyTerm) {
    badFieldThrow('partyTerm', 'partyOnly', 'partyTerm applies only to Party documents');
  }
  if (d.system === DirectiveSystem.PARTY && d.number !== null && !d.partyTerm) {
    badFieldThrow('partyTerm', 'requiredForParty', 'partyTerm is required for a numbered Party document (e.g. 2020–2025)');
  }
  if (d.partyTerm) {
    const [from, to] = d.partyTerm.split('–').map(Number);
    if (!(to > from && to - from <= 10)) badFieldThrow('partyTerm', 'range', 'partyTerm must run from one year to a later one, e.g. 2020–2025');
  }
}

function translateWriteError(e: unknown): never {
  const err = pgError(e);
  if (err.code === PG_UNIQUE_VIOLATION && (err.constraint === 'directives_state_number_key' || err.constraint === 'directives_party_number_key')) {
    badFieldThrow('number', 'unique', 'number is already used by another document of this issuer');
  }
  if (err.code === PG_CHECK_VIOLATION) {
    const field = {
      directives_check: 'issuedOn', directives_check1: 'partyTerm', directives_party_term_check: 'partyTerm',
      directives_number_check: 'number', directives_symbol_check: 'symbol', directives_subject_check: 'subject',
      directives_signer_check: 'signer', directive_citations_check1: 'citedDirectiveIds',
    }[err.constraint ?? ''] ?? 'input';
    badFieldThrow(field, 'check', `${field} is not allowed here`);
  }
  throw e;
}

export class DirectiveService {
  async list(ctx: RequestContext, filter: DirectiveFilter | undefined, sort: DirectiveSort | undefined, page: Page): Promise<ConnectionShape<Directive>> {
    const manager = await ctx.tx.manager();
    const where = ['d.deleted_at IS NULL'];
    const params: unknown[] = [];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const search = filter?.search?.trim().replace(/\s+/g, ' ');
    if (search) where.push(`d.search_text LIKE '%' || app_fold(${add(likeEscape(search))}) || '%'`);
    if (filter?.system) where.push(`d.system = ${add(filter.system)}`);
    if (filter?.docType) where.push(`d.doc_type = ${add(filter.docType)}`);
    if (filter?.year) where.push(`d.issued_on >= make_date(${add(filter.year)}::int, 1, 1) AND d.issued_on < make_date($${params.length}::int + 1, 1, 1)`);
    if (filter?.issuerAgencyId) where.push(`d.issuer_agency_id = ${add(filter.issuerAgencyId)}::uuid`);
    if (filter?.provinceCode) where.push(`d.province_id = ${add(provinceIdOf(ctx, filter.provinceCode))}::smallint`);

    const whereParams = params.length;
    const field = sort?.field ?? DirectiveSortField.ISSUED_ON;
    const desc = sort?.direction ? sort.direction === SortDirection.DESC : DEFAULT_DESC.has(field);
    const dir = desc ? 'DESC' : 'ASC';
    // Drafts without a date or number go last whichever the direction.
    // A search that is exactly a document's number and symbol ("463-KL/TU") puts that document
    // first, ahead of documents that only mention it in their subject.
    const exact = search && !sort ? `(app_fold(d.number_symbol) = app_fold(${add(search)})) DESC, ` : '';
    const order = `${exact}${SORT_SQL[field]} ${dir} NULLS LAST, d.issued_on DESC NULLS LAST, d.number DESC NULLS LAST, d.id`;
    const sql = `SELECT d.*, count(*) OVER () AS total_count FROM directives d WHERE ${where.join(' AND ')}
      ORDER BY ${order} LIMIT ${add(page.limit)} OFFSET ${add(page.offset)}`;
    const rows: Row[] = await manager.query(sql, params);
    let total = rows.length > 0 ? Number(rows[0].total_count) : 0;
    if (rows.length === 0 && page.offset > 0) {
      const [c] = await manager.query(`SELECT count(*)::int AS n FROM directives d WHERE ${where.join(' AND ')}`, params.slice(0, whereParams));
      total = c.n;
    }
    return toConnection(rows.map((r) => rowToEntity(manager, Directive, r)), total, page);
  }

  async get(ctx: RequestContext, id: string): Promise<Directive | null> {
    if (!isUuid(id)) return null;
    const manager = await ctx.tx.manager();
    const [row] = (await manager.query(`SELECT * FROM directives WHERE id = $1 AND deleted_at IS NULL`, [id])) as Row[];
    return row ? rowToEntity(manager, Directive, row) : null;
  }

  async referenceDocuments(ctx: RequestContext, search: string | undefined): Promise<ReferenceDocument[]> {
    const manager = await ctx.tx.manager();
    const text = search?.trim().replace(/\s+/g, ' ');
    const rows: Row[] = text
      ? await manager.query(
        `SELECT * FROM reference_documents
         WHERE app_fold(number_symbol || ' ' || replace(number_symbol, '-', '/') || ' ' || issuer || ' ' || subject) LIKE '%' || app_fold($1) || '%'
         ORDER BY issued_on DESC, id`, [likeEscape(text)])
      : await manager.query(`SELECT * FROM reference_documents ORDER BY issued_on DESC, id`);
    return rows.map((r) => rowToEntity(manager, ReferenceDocument, r));
  }

  async create(ctx: RequestContext, raw: CreateDirectiveInput): Promise<Directive> {
    const input = normalise(raw);
    const d: Numbering = {
      system: input.system, docType: input.docType, number: input.number ?? null, symbol: input.symbol,
      issuerAgencyId: input.issuerAgencyId, issuedOn: input.issuedOn ?? null, partyTerm: input.partyTerm ?? null,
    };
    checkRules(d);
    const provinceId = targetProvince(ctx, input.provinceCode);
    const manager = await ctx.tx.manager();
    await this.checkIssuer(manager, d.issuerAgencyId, provinceId);
    await this.checkNumber(manager, provinceId, d, null);
    const citedDirectiveIds = distinct(input.citedDirectiveIds ?? []);
    const citedReferenceIds = distinct((input.citedReferenceIds ?? []).map(Number));
    await this.checkCitations(manager, provinceId, null, citedDirectiveIds, citedReferenceIds);

    const [row] = returnedRows(await manager.query(
      `INSERT INTO directives (province_id, system, doc_type, number, symbol, issuer_agency_id, issued_on, party_term,
         subject, signer, recipients, summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [provinceId, d.system, d.docType, d.number, d.symbol, d.issuerAgencyId, d.issuedOn, d.partyTerm,
        input.subject, input.signer ?? null, input.recipients ?? [], input.summary ?? null],
    ).catch(translateWriteError));
    const id = row.id as string;
    await this.writeCitations(manager, provinceId, id, citedDirectiveIds, citedReferenceIds);
    await recordAudit(manager, ctx, {
      action: 'CREATE', entityType: ENTITY, entityId: id, provinceId, before: null,
      after: { ...row, cited_directive_ids: citedDirectiveIds, cited_reference_ids: citedReferenceIds },
    });
    return rowToEntity(manager, Directive, row);
  }

  async update(ctx: RequestContext, raw: UpdateDirectiveInput): Promise<Directive> {
    const input = normalise(raw);
    const manager = await ctx.tx.manager();
    const before = await lockForChange(manager, 'directives', input.id, input.version, LABEL);
    const provinceId = before.province_id as number;
    for (const key of REQUIRED) {
      if ((input as unknown as Row)[key] === null) badFieldThrow(key, 'isDefined', `${key} cannot be empty`);
    }
    const pick = <T>(value: T | undefined, current: unknown): T => (value === undefined ? current as T : value);
    const d: Numbering = {
      system: pick(input.system, before.system),
      docType: pick(input.docType, before.doc_type),
      number: pick(input.number, before.number),
      symbol: pick(input.symbol, before.symbol),
      issuerAgencyId: pick(input.issuerAgencyId, before.issuer_agency_id),
      issuedOn: pick(input.issuedOn, before.issued_on),
      partyTerm: pick(input.partyTerm, before.party_term),
    };
    checkRules(d);
    if (input.issuerAgencyId !== undefined && input.issuerAgencyId !== before.issuer_agency_id) {
      await this.checkIssuer(manager, d.issuerAgencyId, provinceId);
    }
    await this.checkNumber(manager, provinceId, d, input.id);
    const citationsBefore = await this.citationsOf(manager, input.id);
    const citedDirectiveIds = input.citedDirectiveIds == null ? undefined : distinct(input.citedDirectiveIds);
    const citedReferenceIds = input.citedReferenceIds == null ? undefined : distinct(input.citedReferenceIds.map(Number));
    await this.checkCitations(manager, provinceId, input.id, citedDirectiveIds ?? [], citedReferenceIds ?? []);

    const sets: string[] = [];
    const params: unknown[] = [input.id];
    for (const [key, column] of Object.entries(COLUMN)) {
      let value = (input as unknown as Row)[key];
      if (value === undefined) continue;
      if (key === 'recipients' && value === null) value = [];
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
    const [after] = returnedRows(await manager.query(
      `UPDATE directives SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING *`,
      params,
    ).catch(translateWriteError));
    if (citedDirectiveIds) {
      await manager.query(`DELETE FROM directive_citations WHERE directive_id = $1 AND cited_directive_id IS NOT NULL`, [input.id]);
      await this.writeCitations(manager, provinceId, input.id, citedDirectiveIds, []);
    }
    if (citedReferenceIds) {
      await manager.query(`DELETE FROM directive_citations WHERE directive_id = $1 AND cited_reference_id IS NOT NULL`, [input.id]);
      await this.writeCitations(manager, provinceId, input.id, [], citedReferenceIds);
    }
    await recordAudit(manager, ctx, {
      action: 'UPDATE', entityType: ENTITY, entityId: input.id, provinceId,
      before: { ...before, cited_directive_ids: citationsBefore.directiveIds, cited_reference_ids: citationsBefore.referenceIds },
      after: {
        ...after,
        cited_directive_ids: citedDirectiveIds ?? citationsBefore.directiveIds,
        cited_reference_ids: citedReferenceIds ?? citationsBefore.referenceIds,
      },
    });
    return rowToEntity(manager, Directive, after);
  }

  /** Soft-deletes the document and its tasks; the one audit row lists the tasks that went with it. */
  async softDelete(ctx: RequestContext, input: DeleteDirectiveInput): Promise<Directive> {
    const manager = await ctx.tx.manager();
    const before = await lockForChange(manager, 'directives', input.id, input.version, LABEL);
    const [after] = returnedRows(await manager.query(
      `UPDATE directives SET deleted_at = now(), version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
      [input.id],
    ));
    const tasks = returnedRows(await manager.query(
      `UPDATE directive_tasks SET deleted_at = now(), version = version + 1, updated_at = now()
       WHERE directive_id = $1 AND deleted_at IS NULL RETURNING id`,
      [input.id],
    ));
    await recordAudit(manager, ctx, {
      action: 'DELETE', entityType: ENTITY, entityId: input.id, provinceId: before.province_id as number,
      before, after: { ...after, deleted_task_ids: tasks.map((t) => t.id) },
    });
    return rowToEntity(manager, Directive, after);
  }

  /** The issuer must be a live agency of the record's province (checked under RLS: other provinces' agencies are not there). */
  private async checkIssuer(manager: EntityManager, agencyId: string, provinceId: number): Promise<void> {
    const rows: Row[] = await manager.query(
      `SELECT 1 FROM agencies WHERE id = $1 AND province_id = $2 AND deleted_at IS NULL`, [agencyId, provinceId]);
    if (rows.length === 0) badFieldThrow('issuerAgencyId', 'exists', 'issuerAgencyId does not name an agency of this province');
  }

  /**
   * Numbering rules: a State number once per issuer and calendar year (Nghị định 30/2020/NĐ-CP); a
   * Party number once per issuer, term and type (Hướng dẫn 36-HD/VPTW). The unique indexes enforce
   * the same; this check gives the message that says which document holds the number.
   */
  private async checkNumber(manager: EntityManager, provinceId: number, d: Numbering, selfId: string | null): Promise<void> {
    if (d.number === null) return;
    if (d.system === DirectiveSystem.STATE) {
      const rows: Row[] = await manager.query(
        `SELECT symbol FROM directives WHERE province_id = $1 AND issuer_agency_id = $2 AND system = 'STATE' AND number = $3
           AND extract(year FROM issued_on) = extract(year FROM $4::date) AND deleted_at IS NULL AND id IS DISTINCT FROM $5::uuid LIMIT 1`,
        [provinceId, d.issuerAgencyId, d.number, d.issuedOn, selfId]);
      if (rows.length > 0) {
        badFieldThrow('number', 'unique',
          `number ${d.number} is already used by ${rows[0].symbol} of this issuer in ${d.issuedOn!.slice(0, 4)}`);
      }
    } else {
      const rows: Row[] = await manager.query(
        `SELECT symbol FROM directives WHERE province_id = $1 AND issuer_agency_id = $2 AND system = 'PARTY' AND party_term = $3
           AND doc_type = $4 AND number = $5 AND deleted_at IS NULL AND id IS DISTINCT FROM $6::uuid LIMIT 1`,
        [provinceId, d.issuerAgencyId, d.partyTerm, d.docType, d.number, selfId]);
      if (rows.length > 0) {
        badFieldThrow('number', 'unique', `number ${d.number} is already used by ${rows[0].symbol} of this issuer in term ${d.partyTerm}`);
      }
    }
  }

  /** Cited documents must be live documents of the same province; references must exist. */
  private async checkCitations(manager: EntityManager, provinceId: number, selfId: string | null, directiveIds: string[], referenceIds: number[]): Promise<void> {
    if (selfId && directiveIds.includes(selfId)) badFieldThrow('citedDirectiveIds', 'notSelf', 'citedDirectiveIds must not include the document itself');
    if (directiveIds.length > 0) {
      const rows: Array<{ id: string }> = await manager.query(
        `SELECT id FROM directives WHERE id = ANY($1::uuid[]) AND province_id = $2 AND deleted_at IS NULL`, [directiveIds, provinceId]);
      const found = new Set(rows.map((r) => r.id));
      const missing = directiveIds.find((id) => !found.has(id));
      if (missing) badFieldThrow('citedDirectiveIds', 'exists', `citedDirectiveIds: ${missing} is not a document of this province`);
    }
    if (referenceIds.length > 0) {
      const rows: Array<{ id: number }> = await manager.query(
        `SELECT id FROM reference_documents WHERE id = ANY($1::smallint[])`, [referenceIds]);
      const found = new Set(rows.map((r) => r.id));
      const missing = referenceIds.find((id) => !found.has(id));
      if (missing !== undefined) badFieldThrow('citedReferenceIds', 'exists', `citedReferenceIds: ${missing} is not a reference document`);
    }
  }

  private async writeCitations(manager: EntityManager, provinceId: number, id: string, directiveIds: string[], referenceIds: number[]): Promise<void> {
    if (directiveIds.length > 0) {
      await manager.query(
        `INSERT INTO directive_citations (province_id, directive_id, cited_directive_id) SELECT $1, $2, unnest($3::uuid[])`,
        [provinceId, id, directiveIds]);
    }
    if (referenceIds.length > 0) {
      await manager.query(
        `INSERT INTO directive_citations (province_id, directive_id, cited_reference_id) SELECT $1, $2, unnest($3::smallint[])`,
        [provinceId, id, referenceIds]);
    }
  }

  private async citationsOf(manager: EntityManager, id: string): Promise<{ directiveIds: string[]; referenceIds: number[] }> {
    const rows: Array<{ cited_directive_id: string | null; cited_reference_id: number | null }> = await manager.query(
      `SELECT cited_directive_id, cited_reference_id FROM directive_citations WHERE directive_id = $1`, [id]);
    return {
      directiveIds: rows.flatMap((r) => (r.cited_directive_id ? [r.cited_directive_id] : [])),
      referenceIds: rows.flatMap((r) => (r.cited_reference_id !== null ? [r.cited_reference_id] : [])),
    };
  }
}
