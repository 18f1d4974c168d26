import { getNamedType, GraphQLObjectType, GraphQLSchema, isObjectType } from 'graphql';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { Projection } from '../src/common/selection';
import { Agency } from '../src/modules/agencies/agency.entity';
import { AGENCY_PROJECTION } from '../src/modules/agencies/agency.loaders';
import { CommissioningRequest } from '../src/modules/commissioning/commissioning-request.entity';
import { COMMISSIONING_REQUEST_PROJECTION } from '../src/modules/commissioning/commissioning-request.rows';
import { MemberAssociation } from '../src/modules/member-associations/member-association.entity';
import { MEMBER_ASSOCIATION_PROJECTION } from '../src/modules/member-associations/member-association.loaders';
import { Member } from '../src/modules/members/member.entity';
import { MEMBER_PROJECTION } from '../src/modules/members/member.loaders';
import { createSchema } from '../src/schema';
import { makeAgency, makeRequest, makeRunningRequest } from './factories/commissioning';
import { asOwner, DONG_NAI, makeAssociation, startTestServer, TestServer, unique } from './helpers';

/**
 * Lists read only the columns their selection needs (`propertiesFor` with a type's Projection).
 * Guards: each projection names every field of its type that is not a property of the same name,
 * and every field, asked through the list, answers what the same item answers read whole by id,
 * alone and beside all other fields.
 */

/** Every field of a GraphQL type that can be asked without arguments, objects as `{ id }`. */
function askableFields(schema: GraphQLSchema, typeName: string): string[] {
  const type = schema.getType(typeName) as GraphQLObjectType;
  return Object.values(type.getFields())
    .filter((f) => f.args.every((a) => a.defaultValue !== undefined || !String(a.type).endsWith('!')))
    .map((f) => {
      const named = getNamedType(f.type);
      return isObjectType(named) ? `${f.name} { ${'id' in named.getFields() ? 'id' : '__typename'} }` : f.name;
    });
}

// One server and one schema for the whole file.
let s: TestServer;
let admin: string;
let schema: GraphQLSchema;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login('admin@dongnai.demo');
  schema = await createSchema();
});
afterAll(() => s.close());

describe('each projection covers every field of its type', () => {
  const projections: Array<[string, EntityTarget<ObjectLiteral>, Projection]> = [
    ['Member', Member, MEMBER_PROJECTION],
    ['CommissioningRequest', CommissioningRequest, COMMISSIONING_REQUEST_PROJECTION],
    ['MemberAssociation', MemberAssociation, MEMBER_ASSOCIATION_PROJECTION],
    ['Agency', Agency, AGENCY_PROJECTION],
  ];
  it.each(projections)('%s: each field is a column property or says what it reads', (typeName, entity, projection) => {
    const columns = new Set(s.dataSource.getMetadata(entity).columns.map((c) => c.propertyName));
    const fields = Object.keys((schema.getType(typeName) as GraphQLObjectType).getFields());
    expect(fields.filter((f) => !columns.has(f) && !(f in projection.reads))).toEqual([]);
    for (const p of projection.always) expect(columns.has(p)).toBe(true);
  });
});

describe('a list of commissioned tasks reads only the columns asked for', () => {
  const YEAR = 2031;
  let fields: string[];
  beforeAll(async () => {
    fields = askableFields(schema, 'CommissioningRequest');
    // Tasks of a plan year of their own, at different stages, with and without what a field resolver reads.
    const association = await makeAssociation(DONG_NAI);
    const adopter = await makeAgency(DONG_NAI);
    const parent = await makeAgency(DONG_NAI);
    await asOwner((db) => db.query('UPDATE agencies SET parent_id = $1 WHERE id = $2', [parent.id, adopter.id]));
    await makeRequest(DONG_NAI, { year: YEAR });
    await makeRunningRequest(DONG_NAI, { year: YEAR, code: 'NV-1', plannedEnd: '2025-01-31' });
    await makeRunningRequest(DONG_NAI, { year: YEAR, assigneeKind: 'ASSOCIATION', assignedAssociationId: association.id, researchAreaId: 102 });
    await makeRunningRequest(DONG_NAI, {
      year: YEAR, stage: 'APPLIED', actualEnd: '2025-03-01', acceptanceRating: 'GOOD', registrationNumber: 'ĐT-1', adoptingAgencyId: adopter.id,
    });
  });

  const byId = async (id: string, selection: string) =>
    (await s.gql(`query($id: ID!) { commissioningRequest(id: $id) { ${selection} } }`, { id }, admin)).data!.commissioningRequest;
  const list = async (selection: string) => {
    const fragment = selection.includes('...All') ? ` fragment All on CommissioningRequest { ${fields.join(' ')} }` : '';
    const r = await s.gql(`query($y: Int) { commissioningRequests(first: 100, filter: { year: $y }) { edges { node { ${selection} } } } }${fragment}`, { y: YEAR }, admin);
    expect(r.errors).toBeUndefined();
    return (r.data!.commissioningRequests.edges as Array<{ node: Record<string, unknown> }>).map((e) => e.node);
  };

  it('every field alone answers as the task read whole', async () => {
    expect(fields.length).toBeGreaterThan(20);
    for (const field of fields) {
      const tasks = await list(`id ${field} ...on CommissioningRequest { __typename }`);
      expect(tasks).toHaveLength(4);
      for (const t of tasks) expect(t).toEqual({ ...(await byId(t.id as string, `id ${field}`)), __typename: 'CommissioningRequest' });
    }
  });

  it('all fields together, through a fragment, answer as the task read whole', async () => {
    const tasks = await list('...All');
    for (const t of tasks) expect(t).toEqual(await byId(t.id as string, fields.join(' ')));
    // The demo data has tasks with and without an assignee, an adopting agency and a delay.
    expect(tasks.filter((t) => t.assignedAssociation)).toHaveLength(1);
    expect(tasks.filter((t) => t.adoptingAgency)).toHaveLength(1);
    expect(tasks.filter((t) => t.delayDays === null)).toHaveLength(1);
  });

  it("every field of a task's association and agencies answers as read whole", async () => {
    const cases: Array<[string, string, string]> = [
      ['assignedAssociation', 'MemberAssociation', 'memberAssociation'],
      ['requestingAgency', 'Agency', 'agency'],
      ['adoptingAgency', 'Agency', 'agency'],
    ];
    for (const [field, type, single] of cases) {
      const own = askableFields(schema, type);
      expect(own.length).toBeGreaterThan(5);
      for (const f of [...own, own.join(' ')]) {
        const items = (await list(`${field} { id ${f} }`)).map((t) => t[field] as Record<string, unknown> | null).filter((x) => x);
        expect(items.length).toBeGreaterThan(0);
        for (const item of items) {
          const whole = await s.gql(`query($id: ID!) { ${single}(id: $id) { id ${f} } }`, { id: item!.id }, admin);
          expect(item).toEqual(whole.data![single]);
        }
      }
    }
  });
});

describe("an association's members read only the columns asked for", () => {
  let fields: string[];
  let associationId: string;

  beforeAll(async () => {
    fields = askableFields(schema, 'Member');

    associationId = (await s.gql(`mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { id } }`,
      { i: { name: `Hội Cột đọc ${unique('a')}`, status: 'ACTIVE', foundedOn: '2018-01-01' } }, admin)).data!.createMemberAssociation.id;
    const people = [
      { kind: 'INDIVIDUAL', fullName: `Phạm Văn ${unique('m')}`, academicTitle: 'PGS', degree: 'TS', field: 'Hóa học', workplace: 'Đại học Đồng Nai',
        birthYear: 1980, isYoungIntellectual: false, inEnterprise: true, email: 'pham@example.vn', phone: '0912345678' },
      { kind: 'COLLECTIVE', fullName: `Công ty ${unique('m')}`, field: 'Cơ khí', workplace: 'Doanh nghiệp', email: 'ct@example.vn' },
    ];
    for (const [i, input] of people.entries()) {
      const created = await s.gql(`mutation($i: CreateMemberInput!) { createMember(input: $i) { id } }`, { i: input }, admin);
      expect(created.errors).toBeUndefined();
      expect((await s.gql(`mutation($i: AddMembershipInput!) { addMembership(input: $i) { id } }`,
        { i: { memberId: created.data!.createMember.id, associationId, joinedOn: `202${i}-02-01` } }, admin)).errors).toBeUndefined();
    }
  });

  const byId = async (id: string, selection: string) =>
    (await s.gql(`query($id: ID!) { member(id: $id) { ${selection} } }`, { id }, admin)).data!.member;

  it('every field alone answers as the member read whole', async () => {
    expect(fields.length).toBeGreaterThan(15);
    for (const field of fields) {
      const r = await s.gql(`query($id: ID!) { memberAssociation(id: $id) { members { id ${field} } } }`, { id: associationId }, admin);
      expect(r.errors).toBeUndefined();
      const members = r.data!.memberAssociation.members as Array<Record<string, unknown>>;
      expect(members).toHaveLength(2);
      for (const m of members) expect(m).toEqual(await byId(m.id as string, `id ${field}`));
    }
  });

  it('all fields together, through a fragment, answer as the member read whole', async () => {
    const r = await s.gql(`query($id: ID!) { memberAssociation(id: $id) { members { ...All } } } fragment All on Member { ${fields.join(' ')} }`,
      { id: associationId }, admin);
    expect(r.errors).toBeUndefined();
    for (const m of r.data!.memberAssociation.members as Array<Record<string, unknown>>) {
      expect(m).toEqual(await byId(m.id as string, fields.join(' ')));
    }
  });
});

describe('one association read with its members in one statement (`memberAssociation(id) { members }`)', () => {
  let associationFields: string[];
  let full: string;
  let empty: string;
  let people: string[];

  beforeAll(async () => {
    associationFields = askableFields(schema, 'MemberAssociation').filter((f) => !f.startsWith('members'));
    const create = async (name: string) => (await s.gql(`mutation($i: CreateMemberAssociationInput!) { createMemberAssociation(input: $i) { id } }`,
      { i: { name, abbreviation: 'HĐN', field: 'Đa ngành', foundedOn: '2010-05-06', congressTerm: '2022–2027', individualMemberCount: 40, collectiveMemberCount: 2 } },
      admin)).data!.createMemberAssociation.id as string;
    full = await create(`Hội Đọc cùng ${unique('a')}`);
    empty = await create(`Hội Chưa có ai ${unique('a')}`);
    // Joined in 2019, 2021, 2023, and one who left: the current ones, longest-standing first.
    people = [];
    for (const [i, joinedOn] of ['2021-03-01', '2019-03-01', '2023-03-01', '2018-03-01'].entries()) {
      const created = await s.gql(`mutation($i: CreateMemberInput!) { createMember(input: $i) { id } }`,
        { i: { kind: 'INDIVIDUAL', fullName: `Lê Thị ${unique('m')}`, field: 'Tin học', birthYear: 1985 + i } }, admin);
      const id = created.data!.createMember.id as string;
      const added = await s.gql(`mutation($i: AddMembershipInput!) { addMembership(input: $i) { id version } }`,
        { i: { memberId: id, associationId: full, joinedOn } }, admin);
      expect(added.errors).toBeUndefined();
      if (joinedOn === '2018-03-01') {
        const ended = await s.gql(`mutation($i: EndMembershipInput!) { endMembership(input: $i) { id } }`,
          { i: { id: added.data!.addMembership.id, version: added.data!.addMembership.version, leftOn: '2020-01-01' } }, admin);
        expect(ended.errors).toBeUndefined();
      } else {
        people.push(id);
      }
    }
  });

  // `$n` (Int) and `$with` (Boolean!) are declared when the selection uses them.
  const one = (selection: string, id: string, token = admin, variables: Record<string, unknown> = {}) => {
    const declared = [['$n', 'Int'], ['$with', 'Boolean!']].filter(([v]) => selection.includes(v)).map(([v, t]) => `, ${v}: ${t}`).join('');
    return s.gql(`query($id: ID!${declared}) { memberAssociation(id: $id) { ${selection} } }`, { id, ...variables }, token);
  };

  it('answers every field of the association, and its members, as they are read apart', async () => {
    const alone = await one(associationFields.join(' '), full);
    expect(alone.errors).toBeUndefined();
    const together = await one(`${associationFields.join(' ')} members(first: $n) { id fullName birthYear province { code } }`, full, admin, { n: 2 });
    expect(together.errors).toBeUndefined();
    const { members, ...association } = together.data!.memberAssociation;
    expect(association).toEqual(alone.data!.memberAssociation);
    // The same members as through the list of associations (the batched loader, a statement of its own).
    const listed = await s.gql(`query($q: String) { memberAssociations(filter: { search: $q }) { edges { node { id
      members(first: 2) { id fullName birthYear province { code } } } } } }`, { q: association.name }, admin);
    expect(members).toEqual(listed.data!.memberAssociations.edges[0].node.members);
    // 2019, then 2021: longest-standing first, the one who left not among them.
    expect(members.map((m: { id: string }) => m.id)).toEqual([people[1], people[0]]);
  });

  it('an association without current members has an empty list; default page size when `first` is omitted', async () => {
    const r = await one('id name members { id }', empty);
    expect(r.errors).toBeUndefined();
    expect(r.data!.memberAssociation).toMatchObject({ id: empty, members: [] });
    const all = await one('members { id }', full);
    expect(all.data!.memberAssociation.members).toHaveLength(3);
  });

  it("another province's association, a deleted one and an unknown id are null, members and all", async () => {
    const hcm = await s.login('admin@hcm.demo');
    const foreign = await one('id members { id fullName }', full, hcm);
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data!.memberAssociation).toBeNull();

    const gone = await makeAssociation(DONG_NAI);
    await asOwner((db) => db.query('UPDATE member_associations SET deleted_at = now() WHERE id = $1', [gone.id]));
    expect((await one('id members { id }', gone.id)).data!.memberAssociation).toBeNull();
    expect((await one('id members { id }', '00000000-0000-4000-8000-000000000000')).data!.memberAssociation).toBeNull();
  });

  it('two pages under two names, a refused `first` and a skipped list answer as asked (each list then reads on its own)', async () => {
    const twice = await one('a: members(first: 1) { id } b: members(first: 3) { id }', full);
    expect(twice.errors).toBeUndefined();
    expect(twice.data!.memberAssociation.a.map((m: { id: string }) => m.id)).toEqual([people[1]]);
    expect(twice.data!.memberAssociation.b).toHaveLength(3);

    const refused = await one('id members(first: $n) { id }', full, admin, { n: 0 });
    expect(refused.errors?.[0]).toMatchObject({ message: 'first must be between 1 and 100', path: ['memberAssociation', 'members'] });

    const skipped = await one('id members(first: 2) @include(if: $with) { id }', full, admin, { with: false });
    expect(skipped.errors).toBeUndefined();
    expect(skipped.data!.memberAssociation).toEqual({ id: full });
  });
});
