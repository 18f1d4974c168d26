import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LocalDateResolver } from 'graphql-scalars';
import { VersionedEntity } from '../../common/versioned-entity';

export enum ActivityKind {
  WORKSHOP = 'WORKSHOP',
  CONTEST = 'CONTEST',
  TRAINING = 'TRAINING',
  RECOGNITION = 'RECOGNITION',
  CONSULTATION = 'CONSULTATION',
  SOCIAL_CRITIQUE = 'SOCIAL_CRITIQUE',
  DISSEMINATION = 'DISSEMINATION',
}
registerEnumType(ActivityKind, {
  name: 'ActivityKind',
  description: 'Kind of professional activity of the Union and its associations (loại hoạt động chuyên môn).',
  valuesConfig: {
    WORKSHOP: { description: 'Workshop or scientific conference (hội thảo, tọa đàm).' },
    CONTEST: { description: 'Contest (hội thi), e.g. Hội thi Sáng tạo Kỹ thuật.' },
    TRAINING: { description: 'Training course (tập huấn, bồi dưỡng).' },
    RECOGNITION: { description: 'Honouring outstanding intellectuals and enterprises (tôn vinh, khen thưởng).' },
    CONSULTATION: { description: 'Consultation (tư vấn) on a draft policy or project, QĐ 14/2014/QĐ-TTg.' },
    SOCIAL_CRITIQUE: { description: 'Social critique and assessment (phản biện và giám định xã hội) of a draft, QĐ 14/2014/QĐ-TTg.' },
    DISSEMINATION: { description: 'Popularisation and propaganda (phổ biến kiến thức, tuyên truyền).' },
  },
});

export enum ActivityResponse {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  PARTLY_ACCEPTED = 'PARTLY_ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(ActivityResponse, {
  name: 'ActivityResponse',
  description: "How the drafting agency took up a consultation or critique (mức độ tiếp thu ý kiến).",
  valuesConfig: {
    PENDING: { description: 'No answer yet (chưa phản hồi).' },
    ACCEPTED: { description: 'Taken up (tiếp thu).' },
    PARTLY_ACCEPTED: { description: 'Partly taken up (tiếp thu một phần).' },
    REJECTED: { description: 'Not taken up (không tiếp thu).' },
  },
});

@ObjectType({ description: 'A professional activity (hoạt động chuyên môn) of the Union or a member association: workshop, contest, training, consultation, critique, dissemination.' })
@Entity('activities')
export class Activity extends VersionedEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('smallint', { name: 'province_id' })
  provinceId: number;

  @Field(() => ActivityKind, { description: 'Kind of activity (loại hoạt động).' })
  @Column('text')
  kind: ActivityKind;

  @Field({ description: 'Title (tên hoạt động).' })
  @Column('text')
  title: string;

  @Field(() => LocalDateResolver, { description: 'Day held (ngày tổ chức); the first day for activities of several days.' })
  @Column('date', { name: 'held_on' })
  heldOn: string;

  @Column('uuid', { name: 'organizer_association_id', nullable: true })
  organizerAssociationId: string | null;

  @Field(() => ID, { nullable: true, description: 'The directive task (nhiệm vụ được giao) this activity carries out, if any.' })
  @Column('uuid', { name: 'directive_task_id', nullable: true })
  directiveTaskId: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of participants (số người tham dự).' })
  @Column('integer', { nullable: true })
  participants: number | null;

  @Field(() => String, { nullable: true, description: 'Title of the draft consulted on or critiqued (tên dự thảo); CONSULTATION and SOCIAL_CRITIQUE only.' })
  @Column('text', { name: 'draft_title', nullable: true })
  draftTitle: string | null;

  @Column('uuid', { name: 'drafting_agency_id', nullable: true })
  draftingAgencyId: string | null;

  @Field(() => ActivityResponse, { nullable: true, description: "The drafting agency's response (mức độ tiếp thu); CONSULTATION and SOCIAL_CRITIQUE only, PENDING until answered." })
  @Column('text', { nullable: true })
  response: ActivityResponse | null;

  @Field(() => String, { nullable: true, description: 'Remarks (ghi chú), e.g. results or prizes.' })
  @Column('text', { nullable: true })
  note: string | null;
}
