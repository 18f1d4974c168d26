import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { VersionedEntity } from '../../common/versioned-entity';

export enum MemberKind {
  INDIVIDUAL = 'INDIVIDUAL',
  COLLECTIVE = 'COLLECTIVE',
}
registerEnumType(MemberKind, {
  name: 'MemberKind',
  description: 'Individual or collective member (loại hội viên).',
  valuesConfig: {
    INDIVIDUAL: { description: 'Individual member (hội viên cá nhân): a person; name and contact details are personal data.' },
    COLLECTIVE: { description: 'Collective member (hội viên tập thể): an organisation such as an enterprise, school or institute.' },
  },
});

export enum AcademicTitle {
  GS = 'GS',
  PGS = 'PGS',
}
registerEnumType(AcademicTitle, {
  name: 'AcademicTitle',
  description: 'Academic title (chức danh khoa học) of an individual member.',
  valuesConfig: {
    GS: { description: 'Professor (Giáo sư).' },
    PGS: { description: 'Associate professor (Phó Giáo sư).' },
  },
});

export enum Degree {
  TSKH = 'TSKH',
  TS = 'TS',
  THS = 'THS',
  CKII = 'CKII',
  CKI = 'CKI',
  DH = 'DH',
  CD = 'CD',
  OTHER = 'OTHER',
}
registerEnumType(Degree, {
  name: 'Degree',
  description: 'Highest degree (học vị, trình độ) of an individual member.',
  valuesConfig: {
    TSKH: { description: 'Doctor of Science (Tiến sĩ khoa học).' },
    TS: { description: 'Doctor, PhD (Tiến sĩ).' },
    THS: { description: 'Master (Thạc sĩ).' },
    CKII: { description: 'Medical specialist level II (Bác sĩ chuyên khoa II).' },
    CKI: { description: 'Medical specialist level I (Bác sĩ chuyên khoa I).' },
    DH: { description: "Bachelor, university degree (Đại học)." },
    CD: { description: 'College degree (Cao đẳng).' },
    OTHER: { description: 'Other qualification (khác).' },
  },
});

/**
 * A member (hội viên) of member associations. Personal data of individual members (fullName, email,
 * phone, birthYear) has no @Field here: MemberResolver exposes it only to province admins and editors.
 */
@ObjectType({
  description: 'A member (hội viên) of one or more member associations: a person (hội viên cá nhân) or an organisation (hội viên tập thể). '
    + 'For individual members, fullName, email, phone and birthYear are personal data shown only to province admins and editors; everyone else gets null.',
})
@Entity('members')
export class Member extends VersionedEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('smallint', { name: 'province_id' })
  provinceId: number;

  @Field(() => MemberKind, { description: 'Individual or collective (loại hội viên).' })
  @Column('text')
  kind: MemberKind;

  @Column('text', { name: 'full_name' })
  fullName: string;

  @Field(() => AcademicTitle, { nullable: true, description: 'Academic title (chức danh khoa học: GS, PGS); individuals only.' })
  @Column('text', { name: 'academic_title', nullable: true })
  academicTitle: AcademicTitle | null;

  @Field(() => Degree, { nullable: true, description: 'Highest degree (học vị); individuals only.' })
  @Column('text', { nullable: true })
  degree: Degree | null;

  @Field(() => String, { nullable: true, description: 'Field of expertise (chuyên ngành, lĩnh vực), e.g. "Y học".' })
  @Column('text', { nullable: true })
  field: string | null;

  @Field(() => String, { nullable: true, description: 'Workplace (nơi công tác), or the sector of a collective member.' })
  @Column('text', { nullable: true })
  workplace: string | null;

  @Column('smallint', { name: 'birth_year', nullable: true })
  birthYear: number | null;

  @Field({ description: 'Young intellectual (trí thức trẻ); individuals only.' })
  @Column('boolean', { name: 'is_young_intellectual' })
  isYoungIntellectual: boolean;

  @Field({ description: 'Works in an enterprise (trí thức trong doanh nghiệp), or, for a collective member, is an enterprise.' })
  @Column('boolean', { name: 'in_enterprise' })
  inEnterprise: boolean;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  phone: string | null;

  @Field({ description: 'True for generated demonstration records (dữ liệu mô phỏng), never for real people; set by the data loaders, not through the API.' })
  @Column('boolean', { name: 'is_synthetic' })
  isSynthetic: boolean;
}

@ObjectType({
  description: 'A membership (tư cách hội viên): one member in one member association from joinedOn until leftOn. '
    + 'A member may belong to several associations at once; counts of people use distinct members, never memberships.',
})
@Entity('memberships')
export class Membership {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('smallint', { name: 'province_id' })
  provinceId: number;

  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Column('uuid', { name: 'association_id' })
  associationId: string;

  @Field(() => LocalDateResolver, { description: 'Day the member joined the association (ngày gia nhập).' })
  @Column('date', { name: 'joined_on' })
  joinedOn: string;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Day the membership ended (ngày ra khỏi hội); from that day on the member no longer counts. Null while open.',
  })
  @Column('date', { name: 'left_on', nullable: true })
  leftOn: string | null;

  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back with endMembership.' })
  @Column('integer')
  version: number;

  @Field(() => DateTimeResolver, { description: 'When the record was created.' })
  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}

@ObjectType({
  description: 'Member counts (số liệu hội viên) on one day. People are counted once however many associations they belong to; '
    + '`memberships` counts every open membership. Deleted members and deleted associations are left out.',
})
export class MemberStats {
  @Field(() => LocalDateResolver, { description: 'The day counted (tính đến ngày).' })
  asOf: string;

  @Field(() => Int, { description: 'Distinct individual members (hội viên cá nhân) with at least one open membership.' })
  individualMembers: number;

  @Field(() => Int, { description: 'Distinct collective members (hội viên tập thể) with at least one open membership.' })
  collectiveMembers: number;

  @Field(() => Int, { description: 'Distinct individual members who are young intellectuals (trí thức trẻ).' })
  youngIntellectuals: number;

  @Field(() => Int, { description: 'Distinct individual members working in enterprises (trí thức trong doanh nghiệp).' })
  inEnterprise: number;

  @Field(() => Int, { description: 'Open memberships (lượt hội viên): a person in two associations counts twice here.' })
  memberships: number;
}
