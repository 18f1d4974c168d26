import { Field, Int, ObjectType } from 'type-graphql';
import { Column } from 'typeorm';
import { DateTimeResolver } from 'graphql-scalars';

/**
 * The columns every versioned, soft-deleted province record has (CONVENTIONS.md rule 6): entities
 * extend this instead of repeating them.
 */
// Not referenced by any field, so the base type itself never appears in the schema; its fields do.
@ObjectType()
export abstract class VersionedEntity {
  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back with updates.' })
  @Column('integer')
  version: number;

  @Field(() => DateTimeResolver, { description: 'When the record was created.' })
  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Field(() => DateTimeResolver, { description: 'When the record last changed.' })
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt: Date | null;
}
