/**
 * Builds GraphQL operations from the committed SDL: a selection of every scalar field of the result
 * (nested records reduced to __typename, id and province code), and variables generated from the
 * argument and input types, with record ids taken from a chosen province. New fields and
 * operations are covered without editing the suites.
 */
import type { Client } from 'pg';
import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

const MAX_NESTING = 6;

function hasRequiredArgs(f: GraphQLField<unknown, unknown>): boolean {
  return f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);
}

function minimal(t: GraphQLObjectType): string {
  const fields = t.getFields();
  const parts = ['__typename'];
  if (fields.id) parts.push('id');
  if (fields.code && t.name === 'Province') parts.push('code');
  if (fields.province && isObjectType(getNamedType(fields.province.type))) parts.push('province { code }');
  if (fields.provinceCode) parts.push('provinceCode');
  if (fields.year && isLeafType(getNamedType(fields.year.type))) parts.push('year');
  return parts.join(' ');
}

/**
 * Every scalar field of `t`; record-typed fields below the top record reduced to their identity;
 * structural types (connections, edges, figures) followed down to the records they hold.
 */
export function selection(t: GraphQLNamedType, recordDepth = 0, nesting = 0): string {
  if (isLeafType(t)) return '';
  if (isAbstractType(t)) return '{ __typename }';
  const obj = t as GraphQLObjectType;
  if (obj.name === 'Province') return '{ __typename code }';
  const fields = obj.getFields();
  const isRecord = 'id' in fields;
  const depth = recordDepth + (isRecord ? 1 : 0);
  const parts: string[] = ['__typename'];
  for (const f of Object.values(fields)) {
    if (hasRequiredArgs(f)) continue;
    const target = getNamedType(f.type);
    if (isLeafType(target)) {
      parts.push(f.name);
      continue;
    }
    if (!isObjectType(target)) {
      parts.push(`${f.name} { __typename }`);
      continue;
    }
    const targetIsRecord = 'id' in target.getFields() || target.name === 'Province';
    if ((targetIsRecord && depth >= 1) || nesting >= MAX_NESTING) parts.push(`${f.name} { ${minimal(target)} }`);
    else parts.push(`${f.name} ${selection(target, depth, nesting + 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

/** A record picked for a type in a province: its id and version. */
export interface RecordRef {
  id: string;
  version?: number;
  province: number | null;
}

/** Record ids of the database, by GraphQL type name and province, read as the owner. */
export class RecordDirectory {
  /** table of each GraphQL record type (Activity → activities, MemberAssociation → member_associations). */
  readonly tableOf = new Map<string, string>();
  /** Record types whose table has a province_id. */
  readonly provinceOwned = new Set<string>();
  readonly provinceOfId = new Map<string, number | null>();
  private readonly byType = new Map<string, RecordRef[]>();
  readonly published = new Set<string>();
  indicatorCodes: string[] = [];
  provinceIdByCode = new Map<string, number>();
  provinceCodeById = new Map<number, string>();
  /** Province id → itself plus the provinces merged into it. */
  family = new Map<number, number[]>();

  static async load(db: Client, schema: GraphQLSchema): Promise<RecordDirectory> {
    const dir = new RecordDirectory();
    const tables = new Set(
      (await db.query(`SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind IN ('r','p','v')`)).rows.map(
        (r) => r.relname as string,
      ),
    );
    for (const t of Object.values(schema.getTypeMap())) {
      if (!isObjectType(t) || t.name.startsWith('__') || !('id' in t.getFields())) continue;
      const snake = t.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
      const plural = snake.endsWith('y') ? `${snake.slice(0, -1)}ies` : `${snake}s`;
      const table = [plural, snake].find((n) => tables.has(n)) ?? (t.name === 'AuditEntry' ? 'audit_log' : undefined);
      if (table) dir.tableOf.set(t.name, table);
    }
    for (const [type, table] of dir.tableOf) {
      const cols = new Set(
        (await db.query(`SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`, [table])).rows.map(
          (r) => r.attname as string,
        ),
      );
      const province = cols.has('province_id') ? 'province_id' : 'NULL::smallint';
      if (cols.has('province_id')) dir.provinceOwned.add(type);
      const version = cols.has('version') ? 'version' : 'NULL::int';
      const alive = cols.has('deleted_at') ? 'WHERE deleted_at IS NULL' : cols.has('revoked_at') ? 'WHERE revoked_at IS NULL' : '';
      const rows = (await db.query(`SELECT id::text AS id, ${version} AS version, ${province} AS province FROM ${table} ${alive} ORDER BY created_at NULLS LAST, id`).catch(
        () => db.query(`SELECT id::text AS id, ${version} AS version, ${province} AS province FROM ${table} ${alive} ORDER BY id`),
      )).rows as RecordRef[];
      dir.byType.set(type, rows);
      const all = (await db.query(`SELECT id::text AS id, ${province} AS province FROM ${table}`)).rows;
      for (const r of all) dir.provinceOfId.set(r.id, r.province);
    }
    for (const r of (await db.query(`SELECT province_id, year FROM annual_reports WHERE published`)).rows) dir.published.add(`${r.province_id}:${r.year}`);
    dir.indicatorCodes = (await db.query(`SELECT code FROM indicator_definitions ORDER BY code`)).rows.map((r) => r.code);
    for (const r of (await db.query(`SELECT id, code, merged_into_id AS merged_into FROM provinces`)).rows) {
      dir.provinceIdByCode.set(r.code, r.id);
      dir.provinceCodeById.set(r.id, r.code);
      dir.family.set(r.id, [...(dir.family.get(r.id) ?? []), r.id]);
      if (r.merged_into) dir.family.set(r.merged_into, [...(dir.family.get(r.merged_into) ?? []), r.id]);
    }
    return dir;
  }

  /** A record of `type` in one of `provinces` (null: any province, or reference data). */
  pick(type: string, provinces: number[] | null, nth = 0): RecordRef | undefined {
    const rows = this.byType.get(type) ?? [];
    const fit = provinces === null ? rows : rows.filter((r) => r.province !== null && provinces.includes(r.province));
    const pool = fit.length ? fit : rows.filter((r) => r.province === null);
    return pool.length ? pool[nth % pool.length] : undefined;
  }

  isRecordType(type: string): boolean {
    return this.tableOf.has(type);
  }

}

/** The record type an ID-valued field points at: `leadAgencyId` → Agency, `requestId` → CommissioningRequest. */
export function idTarget(schema: GraphQLSchema, fieldName: string, ownerType: string): string | undefined {
  if (fieldName === 'id' || fieldName === 'parentId') return ownerType;
  const base = fieldName.replace(/Ids?$/, '');
  const cap = base[0].toUpperCase() + base.slice(1);
  const records = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && !t.name.startsWith('__') && 'id' in t.getFields()).map((t) => t.name);
  const exact = records.filter((n) => cap.endsWith(n)).sort((a, b) => b.length - a.length)[0];
  if (exact) return exact;
  const lastWord = /[A-Z][a-z0-9]*$/.exec(cap)?.[0] ?? cap;
  return records.filter((n) => n.endsWith(lastWord)).sort((a, b) => a.length - b.length)[0];
}

export interface GenContext {
  schema: GraphQLSchema;
  dir: RecordDirectory;
  /** Provinces the ids and province codes are taken from. */
  provinces: number[];
  /** The record type an `id` at the top of the input refers to (the mutation's result type). */
  ownerType: string;
  /** Include optional ID and province fields (the handles that point at a province's records). */
  handles: boolean;
  /** Only these optional handle fields (by name); undefined: all of them. */
  onlyHandles?: Set<string>;
  /** Leave province codes out (the principal's own province applies). */
  omitProvinceCode?: boolean;
  counter: { n: number };
  /** With foreignField: that one ID field takes `provinces`, every other ID these. */
  ownProvinces?: number[];
  foreignField?: string;
  /** Version of the record picked for `id`, for the sibling `version` field. */
  picked?: RecordRef;
}

const DATE = '2024-06-01';

function isHandleField(name: string, type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  return (isScalarType(named) && named.name === 'ID') || /^provinceCodes?$/.test(name);
}

function stringFor(name: string, ctx: GenContext): string {
  const n = ++ctx.counter.n;
  if (/email/i.test(name)) return `security-${n}-${Date.now()}@example.com`;
  if (/password/i.test(name)) return 'security-password-123456';
  if (/term$/i.test(name)) return '2020–2025';
  if (/phone/i.test(name)) return '0901234567';
  if (/provinceCode/.test(name)) return ctx.dir.provinceCodeById.get(ctx.provinces[0]) ?? '01';
  if (/symbol/i.test(name)) return 'KH-UBND';
  if (/registrationNumber/.test(name)) return `ĐT-2024-${n}`;
  if (/^code$/.test(name)) return `SEC-${n}`;
  if (/indicator/i.test(name)) return ctx.dir.indicatorCodes[0] ?? 'X';
  return `Kiểm thử bảo mật ${n}`;
}

function scalarFor(typeName: string, name: string, ctx: GenContext, ownerType: string): unknown {
  switch (typeName) {
    case 'ID': {
      const target = idTarget(ctx.schema, name, ownerType);
      const from = ctx.foreignField && ctx.ownProvinces && name !== ctx.foreignField ? ctx.ownProvinces : ctx.provinces;
      const ref = target ? ctx.dir.pick(target, ctx.dir.isRecordType(target) ? from : null) : undefined;
      if (name === 'id' && ref) ctx.picked = ref;
      return ref?.id ?? '00000000-0000-4000-8000-000000000000';
    }
    case 'String':
      return stringFor(name, ctx);
    case 'Int':
      if (name === 'version') return ctx.picked?.version ?? 1;
      if (/year/i.test(name)) return 2024;
      if (/percent/i.test(name)) return 50;
      if (/month/i.test(name)) return 6;
      if (/day/i.test(name)) return 15;
      if (/quarter/i.test(name)) return 2;
      if (/first/i.test(name)) return 5;
      return 1;
    case 'Float':
      return 1;
    case 'SafeInt':
      return 1_000_000;
    case 'Boolean':
      return true;
    case 'LocalDate':
      return DATE;
    case 'DateTime':
      return `${DATE}T00:00:00.000Z`;
    case 'JSONObject':
      return {};
    default:
      return stringFor(name, ctx);
  }
}

/** A value for an input type; required fields always, optional handles when ctx.handles. */
export function valueFor(type: GraphQLInputType, name: string, ctx: GenContext, ownerType = ctx.ownerType): unknown {
  const required = isNonNullType(type);
  const inner = required ? (type as any).ofType : type;
  if (isListType(inner)) {
    if (/provinceCodes/.test(name)) return ctx.provinces.map((p) => ctx.dir.provinceCodeById.get(p));
    if (/^indicators$/.test(name)) return ctx.dir.indicatorCodes.slice(0, 3);
    if (/^years$/.test(name)) return [2024];
    return [valueFor(inner.ofType as GraphQLInputType, name, ctx, ownerType)];
  }
  if (isEnumType(inner)) return inner.getValues()[0].value;
  if (isScalarType(inner)) return scalarFor(inner.name, name, ctx, ownerType);
  if (isInputObjectType(inner)) {
    const out: Record<string, unknown> = {};
    const fields = Object.values(inner.getFields());
    // `id` first, so `version` can take the picked record's version.
    fields.sort((a, b) => (a.name === 'id' ? -1 : b.name === 'id' ? 1 : 0));
    for (const f of fields) {
      const req = isNonNullType(f.type) && f.defaultValue === undefined;
      const handle = isHandleField(f.name, f.type);
      if (/^provinceCodes?$/.test(f.name) && ctx.omitProvinceCode) continue;
      if (req || (handle && ctx.handles && (!ctx.onlyHandles || ctx.onlyHandles.has(f.name)))) out[f.name] = valueFor(f.type, f.name, ctx, ownerType);
    }
    return out;
  }
  return null;
}

export function argsFor(field: GraphQLField<unknown, unknown>, ctx: GenContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of field.args) {
    const req = isNonNullType(a.type) && a.defaultValue === undefined;
    if (req || (ctx.handles && (isHandleField(a.name, a.type) || isInputObjectType(getNamedType(a.type))))) out[a.name] = valueFor(a.type, a.name, ctx);
  }
  return out;
}

/** `query Op($a: T!) { field(a: $a) { …selection } }` for one root field. */
export function documentFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>): string {
  const used = field.args.filter((a: GraphQLArgument) => a.name in variables);
  const defs = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = used.map((a) => `${a.name}: $${a.name}`).join(', ');
  const sel = selection(getNamedType(field.type));
  return `${kind} Op${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''} ${sel} }`;
}

/** ID-valued field names of a mutation's input (top level of the input object). */
export function inputHandleFields(field: GraphQLField<unknown, unknown>): string[] {
  const input = field.args.find((a) => a.name === 'input');
  if (!input) return [];
  const t = getNamedType(input.type);
  if (!isInputObjectType(t)) return [];
  return Object.values(t.getFields()).filter((f) => isHandleField(f.name, f.type)).map((f) => f.name);
}

/** The record type a root field is about: its result, or the node of a connection. */
export function resultType(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  if (isObjectType(named) && named.name.endsWith('Connection')) {
    const edges = named.getFields().edges;
    const edge = edges && getNamedType(edges.type);
    const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
    if (node) return getNamedType(node.type).name;
  }
  if (isObjectType(named) && named.name.endsWith('Payload')) {
    const inner = Object.values(named.getFields()).find((f) => isObjectType(getNamedType(f.type)) && 'id' in (getNamedType(f.type) as GraphQLObjectType).getFields());
    if (inner) return getNamedType(inner.type).name;
  }
  return named.name;
}
