import { getNamedType, GraphQLObjectType, isObjectType } from 'graphql';
import { createSchema } from '../src/schema';
import { startTestServer, TestServer, unique } from './helpers';

/**
 * An association's members are read with only the columns their selection needs
 * (`memberPropertiesFor`). Guard: every field of Member, asked through an association's members,
 * answers what the same member answers read by id (all columns), alone and beside other fields.
 */
describe("an association's members read only the columns asked for", () => {
  let s: TestServer;
  let admin: string;
  let fields: string[];
  let associationId: string;

  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin@dongnai.demo');
    const member = (await createSchema()).getType('Member') as GraphQLObjectType;
    fields = Object.values(member.getFields())
      .filter((f) => f.args.every((a) => a.defaultValue !== undefined || !String(a.type).endsWith('!')))
      .map((f) => {
        const type = getNamedType(f.type);
        return isObjectType(type) ? `${f.name} { ${'id' in type.getFields() ? 'id' : '__typename'} }` : f.name;
      });

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
  afterAll(() => s.close());

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
