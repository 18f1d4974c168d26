import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';

export enum CommissioningCheckResult {
  ON_TRACK = 'ON_TRACK',
  DELAYED = 'DELAYED',
  ADJUSTED = 'ADJUSTED',
  AT_RISK = 'AT_RISK',
}
registerEnumType(CommissioningCheckResult, {
  name: 'CommissioningCheckResult',
  description: 'Finding of a periodic progress check (kết quả kiểm tra, đánh giá định kỳ).',
  valuesConfig: {
    ON_TRACK: { description: 'On schedule (đúng tiến độ).' },
    DELAYED: { description: 'Behind schedule (chậm tiến độ).' },
    ADJUSTED: { description: 'Content, schedule or budget adjusted (điều chỉnh).' },
    AT_RISK: { description: 'At risk of failing (có nguy cơ không hoàn thành).' },
  },
});

@ObjectType({ description: 'A periodic progress check of a commissioned task under way (kiểm tra, đánh giá định kỳ).' })
@Entity('commissioning_checks')
export class CommissioningCheck {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('smallint', { name: 'province_id' })
  provinceId: number;

  @Field(() => ID, { description: 'The commissioned task checked.' })
  @Column('uuid', { name: 'request_id' })
  requestId: string;

  @Field(() => LocalDateResolver, { description: 'Day of the check (ngày kiểm tra).' })
  @Column('date', { name: 'checked_on' })
  checkedOn: string;

  @Field(() => CommissioningCheckResult, { description: 'Finding (kết quả).' })
  @Column('text')
  result: CommissioningCheckResult;

  @Field(() => String, { nullable: true, description: 'Remarks (ghi chú), e.g. what was adjusted.' })
  @Column('text', { nullable: true })
  note: string | null;

  @Field(() => DateTimeResolver, { description: 'When the check was recorded.' })
  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
