import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';

@ObjectType({ description: 'One audit row (nhật ký thay đổi): who changed which record, when, and what it was before and after.' })
@Entity('audit_log')
export class AuditEntry {
  @Field(() => ID, { description: 'Sequence number of the entry.' })
  @PrimaryColumn('bigint')
  id: number;

  @Column('smallint', { name: 'province_id' })
  provinceId: number;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Field({ description: 'What was done: CREATE, UPDATE, DELETE, TRANSITION, ...' })
  @Column('text')
  action: string;

  @Field({ description: 'GraphQL type of the changed record, e.g. MemberAssociation.' })
  @Column('text', { name: 'entity_type' })
  entityType: string;

  @Field({ description: 'Id of the changed record.' })
  @Column('text', { name: 'entity_id' })
  entityId: string;

  @Field(() => JSONObjectResolver, { nullable: true, description: 'The record before the change (null for a creation).' })
  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => JSONObjectResolver, { nullable: true, description: 'The record after the change.' })
  @Column('jsonb', { nullable: true })
  after: Record<string, unknown> | null;

  @Field(() => DateTimeResolver, { description: 'When the change was committed (thời điểm).' })
  @Column('timestamptz')
  at: Date;
}
