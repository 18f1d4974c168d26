/**
 * Cross-province matrix, generated from packages/schema/schema.graphql: every query and mutation,
 * called as each kind of principal against records of foreign provinces. Reads must return nothing
 * of a foreign province (or refuse); writes must leave every table's checksum unchanged. Then the
 * same attempts as raw SQL under the server's role with one province's tenant settings.
 */
import type { Client } from 'pg';
import type { GraphQLField, GraphQLObjectType, GraphQLSchema } from 'graphql';
import {
  appClient,
  changedTables,
  checksums,
  createApiKey,
  gql,
  gqlOk,
  loadSchema,
  pool as runAll,
  login,
  ownerClient,
  provinceOwnedTables,
  sharedServer,
  type GqlResponse,
} from './support';
import { argsFor, documentFor, idTarget, inputHandleFields, RecordDirectory, resultType, type GenContext } from './generator';

interface Principal {
  name: string;
  token?: string;
  /** Provinces whose records it may read and (if canWrite) change; 'all' for the ministry. */
  own: number[] | 'all';
  canWrite: boolean;
  /** Provinces whose records it is tried against. */
  foreign: number[];
}

interface Leak {
  principal: string;
  operation: string;
  detail: string;
}

/** Calls in flight at once (the server's pool has 3 connections). RATE_LIMITED is not an accepted
 * refusal: a throttled call tests nothing, so it counts as unexpected. */
const CONCURRENCY = 6;

const ALLOWED_REFUSALS = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'BAD_REQUEST', 'YEAR_LOCKED', 'GRAPHQL_VALIDATION_FAILED']);

/** Objects of foreign provinces in a response: by province { code }, provinceCode, or a known record id. */
export function foreignObjects(data: unknown, own: number[] | 'all', dir: RecordDirectory): string[] {
  if (own === 'all') return [];
  const found: string[] = [];
  const walk = (v: unknown, at: string) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${at}[${i}]`));
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, any>;
    if (o.__typename !== 'Province') {
      let province: number | null | undefined;
      if (o.province && typeof o.province.code === 'string') province = dir.provinceIdByCode.get(o.province.code);
      else if (typeof o.provinceCode === 'string') province = dir.provinceIdByCode.get(o.provinceCode);
      else if (typeof o.id === 'string' && dir.provinceOfId.has(o.id)) province = dir.provinceOfId.get(o.id);
      const publishedFigure = province != null && typeof o.year === 'number' && dir.published.has(`${province}:${o.year}`);
      // A record (with an id) of a foreign province is a leak by itself. An object without an id that
      // is only labelled with a foreign province (figures asked for by province code) leaks when it
      // carries that province's figures: a non-null value, numerator, denominator or count outside
      // its national totals and indicator catalogue entries.
      const leaks = typeof o.id === 'string' || hasFigures(o);
      if (province != null && !own.includes(province) && !publishedFigure && leaks) found.push(`${at} ${o.__typename ?? ''} of province ${province}`);
    }
    for (const [k, x] of Object.entries(o)) if (k !== 'province') walk(x, `${at}.${k}`);
  };
  walk(data, '');
  return found;
}

function hasFigures(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasFigures);
  if (!v || typeof v !== 'object') return false;
  return Object.entries(v as Record<string, unknown>).some(([k, x]) => {
    if (/^(national|indicator|province)/i.test(k)) return false;
    if (/value|numerator|denominator|count|total/i.test(k) && x !== null && typeof x !== 'object') return true;
    return typeof x === 'object' && hasFigures(x);
  });
}

function errorCodes(r: GqlResponse): string[] {
  return ((r.body?.errors ?? []) as Array<{ extensions?: { code?: string } }>).map((e) => e.extensions?.code ?? '(none)');
}

describe('cross-province matrix (generated from the schema)', () => {
  const { url, dataDir } = sharedServer();
  let schema: GraphQLSchema;
  let owner: Client;
  let dir: RecordDirectory;
  const principals: Principal[] = [];
  const leaks: Leak[] = [];
  const unexpected: string[] = [];
  const covered = new Map<string, Set<string>>();
  let calls = 0;
  let answered = 0;

  const note = (op: string, principal: string) => {
    if (!covered.has(op)) covered.set(op, new Set());
    covered.get(op)!.add(principal);
  };

  beforeAll(async () => {
    schema = loadSchema();
    owner = await ownerClient(dataDir);
    const [dnAdmin, dnEditor, dnViewer, hcmAdmin, bdAdmin, analyst] = await Promise.all(
      ['admin@dongnai.demo', 'editor@dongnai.demo', 'viewer@dongnai.demo', 'admin@hcm.demo', 'admin@binhduong.demo', 'analyst@ministry.demo'].map((e) => login(url, e)),
    );
    // Records the seed does not make in several provinces: API keys and annual reports.
    const keyRo = await createApiKey(url, dnAdmin, 'READ_ONLY', '75');
    const keyRw = await createApiKey(url, dnAdmin, 'READ_WRITE', '75');
    const keyMinistry = await createApiKey(url, analyst, 'READ_ONLY');
    await createApiKey(url, bdAdmin, 'READ_ONLY', '74');
    await createApiKey(url, hcmAdmin, 'READ_WRITE', '79');
    const prepare = 'mutation($input: PrepareAnnualReportInput!) { prepareAnnualReport(input: $input) { id } }';
    await gqlOk(url, dnAdmin, prepare, { input: { year: 2024 } });
    await gqlOk(url, bdAdmin, prepare, { input: { year: 2024 } });
    await gqlOk(url, hcmAdmin, prepare, { input: { year: 2024 } });
    dir = await RecordDirectory.load(owner, schema);
    const dn = dir.family.get(75)!;
    const hcm = dir.family.get(79)!;
    expect(dn).toEqual(expect.arrayContaining([75, 70]));
    expect(hcm).toEqual(expect.arrayContaining([79, 74, 77]));
    const dnForeign = [74, 79, 1];
    const everyone = [75, 74, 79, 1];
    principals.push(
      { name: 'admin 75', token: dnAdmin, own: dn, canWrite: true, foreign: dnForeign },
      { name: 'editor 75', token: dnEditor, own: dn, canWrite: true, foreign: dnForeign },
      { name: 'viewer 75', token: dnViewer, own: dn, canWrite: false, foreign: dnForeign },
      { name: 'admin 79 (successor of 74)', token: hcmAdmin, own: hcm, canWrite: true, foreign: [75, 1, 48] },
      { name: 'ministry analyst', token: analyst, own: 'all', canWrite: false, foreign: everyone },
      { name: 'API key read-only 75', token: keyRo.key, own: dn, canWrite: false, foreign: dnForeign },
      { name: 'API key read-write 75', token: keyRw.key, own: dn, canWrite: true, foreign: dnForeign },
      { name: 'API key ministry', token: keyMinistry.key, own: 'all', canWrite: false, foreign: everyone },
      { name: 'anonymous', token: undefined, own: [], canWrite: false, foreign: everyone },
    );
  }, 120_000);

  afterAll(async () => {
    await owner?.end();
  });

  const ctxFor = (field: GraphQLField<unknown, unknown>, provinces: number[], handles: boolean, extra: Partial<GenContext> = {}): GenContext => ({
    schema,
    dir,
    provinces,
    ownerType: resultType(field),
    handles,
    counter: { n: 0 },
    ...extra,
  });

  it('detects a foreign record when there is one (self-check of the read detector)', async () => {
    const hcmAdmin = principals.find((p) => p.name.startsWith('admin 79'))!;
    const ref = dir.pick('Activity', [79])!;
    const data = await gqlOk(url, hcmAdmin.token, 'query($id: ID!) { activity(id: $id) { __typename id province { code } title } }', { id: ref.id });
    expect(data.activity?.id).toBe(ref.id);
    expect(foreignObjects(data, dir.family.get(75)!, dir)).toHaveLength(1);
    expect(foreignObjects(data, dir.family.get(79)!, dir)).toHaveLength(0);
    // A list read by the successor holds records of its predecessor (74), which the detector
    // flags for Đồng Nai: it sees nested records too.
    const list = await gqlOk(url, hcmAdmin.token, 'query { memberAssociations(first: 50) { edges { node { __typename id province { code } } } } }');
    expect(foreignObjects(list, dir.family.get(75)!, dir).length).toBeGreaterThan(0);
  });

  it('reads return nothing of a foreign province', async () => {
    const query = schema.getQueryType()!;
    const tasks: Array<() => Promise<void>> = [];
    for (const p of principals) {
      for (const field of Object.values(query.getFields())) {
        const variants: GenContext[] = [ctxFor(field, p.foreign.slice(0, 1), false)];
        if (field.args.length) for (const f of p.foreign) variants.push(ctxFor(field, [f], true));
        for (const ctx of variants) {
          const variables = argsFor(field, ctx);
          const doc = documentFor('query', field, variables);
          tasks.push(async () => {
          const r = await gql(url, p.token, doc, variables);
          calls++;
          note(`Query.${field.name}`, p.name);
          if (r.status >= 500 || errorCodes(r).some((c) => !ALLOWED_REFUSALS.has(c))) unexpected.push(`${p.name} Query.${field.name}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
          for (const f of foreignObjects(r.body?.data, p.own, dir)) leaks.push({ principal: p.name, operation: `Query.${field.name}`, detail: f });
          if (r.body?.data?.[field.name] != null && !r.body.errors) answered++;
          });
        }
      }
    }
    await runAll(CONCURRENCY, tasks);
    console.log(`[security] reads: ${tasks.length} calls, ${answered} answered with data (the rest refused or empty)`);
    // The matrix is only as good as its answered reads: most of them must carry data.
    expect(answered).toBeGreaterThan(tasks.length / 3);
    expect(leaks).toEqual([]);
  }, 240_000);

  it('writes against foreign records (and any write by a read-only principal) change nothing', async () => {
    const mutation = schema.getMutationType()!;
    const untargetable = new Set<string>();
    // One checksum window around every principal's attempts (the accepted calls name the culprit).
    const before = await checksums(owner);
    const accepted: string[] = [];
    const tasks: Array<() => Promise<void>> = [];
    for (const p of principals) {
      for (const field of Object.values(mutation.getFields())) {
        const handles = inputHandleFields(field);
        if (p.canWrite && handles.length === 0) {
          untargetable.add(field.name);
          continue;
        }
        const variants: GenContext[] = p.foreign.map((f) => ctxFor(field, [f], true));
        const own = p.own === 'all' ? [75] : p.own;
        if (!handles.includes('id')) {
          // A record of one's own province pointing at a foreign one, through each reference.
          const targets = handles.filter((h) => {
            const t = idTarget(schema, h, resultType(field));
            return t !== undefined && dir.provinceOwned.has(t);
          });
          for (const h of targets) {
            variants.push(ctxFor(field, p.foreign.slice(0, 1), true, { ownProvinces: own, foreignField: h, omitProvinceCode: true, onlyHandles: new Set([h]) }));
          }
        }
        // Principals that may not write at all are also tried on their own province's records.
        if (!p.canWrite && own.length) variants.push(ctxFor(field, own, true));
        for (const ctx of variants) {
          const variables = argsFor(field, ctx);
          const doc = documentFor('mutation', field, variables);
          tasks.push(async () => {
            const r = await gql(url, p.token, doc, variables);
            calls++;
            note(`Mutation.${field.name}`, p.name);
            if (r.status >= 500 || errorCodes(r).some((c) => !ALLOWED_REFUSALS.has(c))) unexpected.push(`${p.name} Mutation.${field.name}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
            if (r.body?.data?.[field.name]) accepted.push(`${p.name}: Mutation.${field.name} ${JSON.stringify(variables).slice(0, 300)}`);
          });
        }
      }
    }
    await runAll(CONCURRENCY, tasks);
    const changed = changedTables(before, await checksums(owner));
    for (const p of principals) {
      // A mutation with no id and no province code in its input cannot be aimed at another province:
      // a writer's call of it is its own province's business. Called after the window, for coverage;
      // whatever it returns must be of the caller's own province.
      if (p.canWrite) {
        for (const name of untargetable) {
          const field = mutation.getFields()[name];
          const variables = argsFor(field, ctxFor(field, p.own === 'all' ? [75] : p.own, true));
          const r = await gql(url, p.token, documentFor('mutation', field, variables), variables);
          calls++;
          note(`Mutation.${name}`, p.name);
          if (r.status >= 500 || errorCodes(r).some((c) => !ALLOWED_REFUSALS.has(c))) unexpected.push(`${p.name} Mutation.${name}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
          for (const f of foreignObjects(r.body?.data, p.own, dir)) leaks.push({ principal: p.name, operation: `Mutation.${name}`, detail: f });
        }
      }
    }
    for (const a of accepted) leaks.push({ principal: a.split(':')[0], operation: a, detail: 'accepted' });
    if (changed.length) leaks.push({ principal: '(all principals)', operation: '(all mutations)', detail: `tables changed: ${changed.join(', ')}` });
    console.log(`[security] mutations with no id or province code in their input (not aimable at another province; writers call them outside the checksum window): ${[...untargetable].join(', ') || 'none'}`);
    expect(leaks).toEqual([]);
  }, 300_000);

  it('detects a change when there is one (self-check of the checksums)', async () => {
    const admin = principals[0];
    const ref = dir.pick('MemberAssociation', [75])!;
    const current = await owner.query('SELECT version FROM member_associations WHERE id = $1', [ref.id]);
    const before = await checksums(owner);
    await gqlOk(url, admin.token, 'mutation($input: UpdateMemberAssociationInput!) { updateMemberAssociation(input: $input) { id version } }', {
      input: { id: ref.id, version: current.rows[0].version, field: `Kiểm tra ${Date.now()}` },
    });
    expect(changedTables(before, await checksums(owner))).toEqual(expect.arrayContaining(['member_associations', 'audit_log']));
  });

  it('raw SQL under the server role with one province set sees and changes no other province', async () => {
    const app = await appClient(dataDir);
    const tables = await provinceOwnedTables(owner);
    const own = dir.family.get(75)!;
    const adminId = (await owner.query(`SELECT id FROM users WHERE email = 'admin@dongnai.demo'`)).rows[0].id;
    const tenant = `SELECT set_config('app.user_id', '${adminId}', true), set_config('app.role', 'PROVINCE_ADMIN', true),
      set_config('app.province_ids', '${own.join(',')}', true), set_config('app.can_write', 'on', true), set_config('app.read_all', 'off', true)`;
    const crossRows: string[] = [];
    const ownInsertOk: string[] = [];
    const foreignInsert: Record<string, string> = {};
    const attempt = async (sql: string, params: unknown[] = []): Promise<{ rows: number; error?: string }> => {
      await app.query('BEGIN');
      try {
        await app.query(tenant);
        const r = await app.query(sql, params);
        return { rows: r.rowCount ?? 0 };
      } catch (e) {
        return { rows: 0, error: (e as Error).message };
      } finally {
        await app.query('ROLLBACK');
      }
    };
    const foreignList = `province_id NOT IN (${own.join(',')})`;
    for (const t of tables) {
      const foreignTotal = Number((await owner.query(`SELECT count(*) FROM ${t} WHERE ${foreignList}`)).rows[0].count);
      const sel = await attempt(`SELECT 1 FROM ${t} WHERE ${foreignList}`);
      const upd = await attempt(`UPDATE ${t} SET province_id = province_id WHERE ${foreignList}`);
      const del = await attempt(`DELETE FROM ${t} WHERE ${foreignList}`);
      for (const [what, r] of [['SELECT', sel], ['UPDATE', upd], ['DELETE', del]] as const) {
        if (r.rows > 0) crossRows.push(`${what} ${t}: ${r.rows} of ${foreignTotal} foreign rows`);
      }
      // INSERT: a copy of a foreign row with a new id, once with a foreign province (must fail) and
      // once with the own province (must work: proves the row is otherwise valid).
      const cols = (await owner.query(`SELECT attname, attidentity, attgenerated, format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`, [t])).rows.filter((c) => !c.attidentity && !c.attgenerated);
      const sample = (await owner.query(`SELECT to_jsonb(x) AS row FROM ${t} x WHERE ${foreignList} AND province_id IS NOT NULL LIMIT 1`)).rows[0]?.row;
      if (!sample) continue;
      const insertAs = async (province: number) => {
        const row = { ...sample, province_id: province };
        if (cols.some((c) => c.attname === 'id') && /uuid/.test(cols.find((c) => c.attname === 'id')!.type)) row.id = (await owner.query('SELECT gen_random_uuid() AS id')).rows[0].id;
        if ('email' in row && row.email) row.email = `sql-${Date.now()}-${province}@example.com`;
        const names = cols.map((c) => `"${c.attname}"`).join(', ');
        return attempt(`INSERT INTO ${t} (${names}) SELECT ${names} FROM jsonb_populate_record(NULL::${t}, $1::jsonb)`, [JSON.stringify(row)]);
      };
      const foreignTry = await insertAs(sample.province_id);
      if (foreignTry.rows > 0) crossRows.push(`INSERT ${t} with province_id ${sample.province_id}: accepted`);
      foreignInsert[t] = foreignTry.error ?? 'accepted';
      const ownTry = await insertAs(75);
      if (ownTry.rows === 1) ownInsertOk.push(t);
    }
    await app.end();
    console.log(
      `[security] raw SQL as stp_server with province 75 set: ${tables.length} province-owned tables; rows across provinces: ${crossRows.length}; ` +
        `own-province INSERT of the same row accepted on ${ownInsertOk.length} (${ownInsertOk.join(', ')}); foreign INSERT refused by: ` +
        Object.entries(foreignInsert).map(([t, e]) => `${t}=${/row-level security/.test(e) ? 'RLS' : /permission denied/.test(e) ? 'no grant' : e.slice(0, 60)}`).join(', '),
    );
    expect(crossRows).toEqual([]);
    // Self-check: the own-province copy goes in wherever the role may insert at all.
    expect(ownInsertOk.length).toBeGreaterThan(5);
  }, 120_000);

  it('covers every operation of the schema as every principal', () => {
    const all = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((n) => `Query.${n}`),
      ...Object.keys((schema.getMutationType() as GraphQLObjectType).getFields()).map((n) => `Mutation.${n}`),
    ];
    const full = all.filter((op) => covered.get(op)?.size === principals.length);
    console.log(
      `[security] cross-province matrix: operations covered ${full.length}/${all.length} in schema, calls made ${calls}, ` +
        `principals ${principals.length}, leaks ${leaks.length}, unexpected errors ${unexpected.length}`,
    );
    if (leaks.length) console.log(`[security] leaks:\n${leaks.map((l) => `  ${l.principal} ${l.operation}: ${l.detail}`).join('\n')}`);
    if (unexpected.length) console.log(`[security] unexpected errors:\n  ${unexpected.slice(0, 30).join('\n  ')}`);
    expect(full).toEqual(all);
    expect(leaks).toHaveLength(0);
    expect(unexpected).toEqual([]);
  });
});
