import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedEntity } from '../../common/versioned-entity';

export enum AgencyKind {
  PARTY_COMMITTEE = 'PARTY_COMMITTEE',
  PARTY_BOARD = 'PARTY_BOARD',
  PEOPLES_COMMITTEE = 'PEOPLES_COMMITTEE',
  DEPARTMENT = 'DEPARTMENT',
  DIVISION = 'DIVISION',
  CENTRE = 'CENTRE',
  LOCAL_COMMITTEE = 'LOCAL_COMMITTEE',
  UNION = 'UNION',
  FATHERLAND_FRONT = 'FATHERLAND_FRONT',
  PRESS = 'PRESS',
  UNIVERSITY = 'UNIVERSITY',
  ENTERPRISE = 'ENTERPRISE',
  OTHER = 'OTHER',
}
registerEnumType(AgencyKind, {
  name: 'AgencyKind',
  description: 'Kind of agency or unit (loại cơ quan, đơn vị).',
  valuesConfig: {
    PARTY_COMMITTEE: { description: 'Party committee or its standing board (Tỉnh ủy, Ban Thường vụ, Thường trực).' },
    PARTY_BOARD: { description: 'A board of the party committee (Ban Tuyên giáo, Ban Cán sự đảng, Đảng đoàn, Đảng ủy).' },
    PEOPLES_COMMITTEE: { description: "Provincial People's Committee (UBND tỉnh)." },
    DEPARTMENT: { description: 'Department (sở, ban, ngành), e.g. Sở Khoa học và Công nghệ.' },
    DIVISION: { description: 'Division of a department (phòng).' },
    CENTRE: { description: 'Centre or public unit under a department (trung tâm).' },
    LOCAL_COMMITTEE: { description: "Local People's Committee (UBND cấp huyện, xã)." },
    UNION: { description: 'The Union of S&T Associations (Liên hiệp các Hội KH&KT).' },
    FATHERLAND_FRONT: { description: 'Vietnam Fatherland Front committee (Ủy ban MTTQ).' },
    PRESS: { description: 'Newspaper, radio or television (Báo, Đài PT-TH).' },
    UNIVERSITY: { description: 'University or research institute (trường, viện).' },
    ENTERPRISE: { description: 'Enterprise (doanh nghiệp).' },
    OTHER: { description: 'Any other body.' },
  },
});

@ObjectType({ description: 'An agency or unit (cơ quan, đơn vị) of a province; agencies form a tree (a division under its department).' })
@Entity('agencies')
export class Agency extends VersionedEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('smallint', { name: 'province_id' })
  provinceId: number;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Field(() => AgencyKind, { description: 'Kind of agency.' })
  @Column('text')
  kind: AgencyKind;

  @Field({ description: 'Full name (tên), e.g. "Sở Khoa học và Công nghệ"; unique within the province.' })
  @Column('text')
  name: string;

  @Field(() => String, { nullable: true, description: 'Short name (tên viết tắt), e.g. "Sở KH&CN".' })
  @Column('text', { name: 'short_name', nullable: true })
  shortName: string | null;
}
