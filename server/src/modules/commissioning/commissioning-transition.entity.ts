import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { CommissioningStage } from './commissioning-request.entity';

@ObjectType({ description: 'One move of a commissioned task between stages (lịch sử chuyển giai đoạn); append-only.' })
@Entity('commissioning_transitions')
export class CommissioningTransition {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('smallint', { name: 'province_id' })
  provinceId: number;

  @Column('uuid', { name: 'request_id' })
  requestId: string;

  @Field(() => CommissioningStage, { description: 'Stage before the move (từ giai đoạn).' })
  @Column('text', { name: 'from_stage' })
  fromStage: CommissioningStage;

  @Field(() => CommissioningStage, { description: 'Stage after the move (sang giai đoạn).' })
  @Column('text', { name: 'to_stage' })
  toStage: CommissioningStage;

  @Field(() => LocalDateResolver, { description: 'The day the move took effect (ngày), e.g. the date of the decision or contract.' })
  @Column('date', { name: 'happened_on' })
  happenedOn: string;

  @Field({ description: 'Why (lý do, căn cứ), e.g. the decision that approved the list.' })
  @Column('text')
  reason: string;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Field(() => DateTimeResolver, { description: 'When the move was recorded (thời điểm ghi nhận).' })
  @Column('timestamptz')
  at: Date;
}
