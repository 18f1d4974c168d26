import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LocalDateResolver } from 'graphql-scalars';
import { VersionedEntity } from '../../common/versioned-entity';

export enum MemberAssociationStatus {
  ACTIVE = 'ACTIVE',
  CONSOLIDATING = 'CONSOLIDATING',
  SUSPENDED = 'SUSPENDED',
  DISSOLVED = 'DISSOLVED',
}
registerEnumType(MemberAssociationStatus, {
  name: 'MemberAssociationStatus',
  description: 'Status of a member association (tình trạng hoạt động).',
  valuesConfig: {
    ACTIVE: { description: 'Active (đang hoạt động).' },
    CONSOLIDATING: { description: 'Being consolidated (đang kiện toàn, củng cố).' },
    SUSPENDED: { description: 'Suspended (tạm ngừng hoạt động).' },
    DISSOLVED: { description: 'Dissolved (đã giải thể).' },
  },
});

@ObjectType({ description: "A member association (Hội thành viên) of a province's Union of S&T Associations." })
@Entity('member_associations')
export class MemberAssociation extends VersionedEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('smallint', { name: 'province_id' })
  provinceId: number;

  @Field({ description: 'Full name (tên hội), e.g. "Hội Y học tỉnh Đồng Nai"; unique within the province.' })
  @Column('text')
  name: string;

  @Field(() => String, { nullable: true, description: 'Abbreviation (tên viết tắt).' })
  @Column('text', { nullable: true })
  abbreviation: string | null;

  @Field(() => String, { nullable: true, description: 'Field of activity (lĩnh vực), e.g. "Y học".' })
  @Column('text', { nullable: true })
  field: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Founding date (ngày thành lập).' })
  @Column('date', { name: 'founded_on', nullable: true })
  foundedOn: string | null;

  @Field(() => MemberAssociationStatus, { description: 'Status (tình trạng).' })
  @Column('text')
  status: MemberAssociationStatus;

  @Field(() => String, { nullable: true, description: 'Current congress term (nhiệm kỳ), e.g. "2025–2030".' })
  @Column('text', { name: 'congress_term', nullable: true })
  congressTerm: string | null;

  @Field(() => Int, { description: 'Individual members (hội viên cá nhân) as declared by the association.' })
  @Column('integer', { name: 'individual_member_count' })
  individualMemberCount: number;

  @Field(() => Int, { description: 'Collective members (hội viên tập thể: organisations) as declared.' })
  @Column('integer', { name: 'collective_member_count' })
  collectiveMemberCount: number;
}
