import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeResolver } from 'graphql-scalars';

export enum ApiKeyScope {
  READ_ONLY = 'READ_ONLY',
  READ_WRITE = 'READ_WRITE',
}
registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  description: 'What an API key may do.',
  valuesConfig: {
    READ_ONLY: { description: 'Reads, like a province viewer (or the ministry, for a ministry-wide key); writes nothing.' },
    READ_WRITE: { description: 'Reads and writes province data, like a province editor. Province keys only.' },
  },
});

@ObjectType({ description: 'An API key for scripts and integrations (`Authorization: Bearer stpk_…`). The key itself is shown only once, when created; the server keeps only its hash.' })
@Entity('api_keys')
export class ApiKey {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null for a ministry-wide key. */
  @Column('smallint', { name: 'province_id', nullable: true })
  provinceId: number | null;

  @Field({ description: 'What the key is for, e.g. "Nightly export".' })
  @Column('text')
  name: string;

  @Field(() => ApiKeyScope, { description: 'Read-only or read-write.' })
  @Column('text')
  scope: ApiKeyScope;

  @Field({ description: 'The first characters of the key, to recognise it (e.g. "stpk_AbC1234").' })
  @Column('text')
  prefix: string;

  @Column('text', { name: 'key_hash', select: false })
  keyHash: string;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @Field(() => DateTimeResolver, { description: 'When the key was created.' })
  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the key was last used (to the minute); null if never.' })
  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the key was revoked; a revoked key is refused.' })
  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('uuid', { name: 'revoked_by', nullable: true })
  revokedBy: string | null;
}
