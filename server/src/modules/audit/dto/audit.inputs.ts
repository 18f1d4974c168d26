import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { DateTimeResolver } from 'graphql-scalars';

@InputType({ description: 'Filter for the audit log.' })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: "One record's history: its id." })
  @IsOptional()
  @MaxLength(100)
  entityId?: string;

  @Field(() => String, { nullable: true, description: 'Only this record type, e.g. MemberAssociation.' })
  @IsOptional()
  @MaxLength(100)
  entityType?: string;

  @Field(() => String, { nullable: true, description: 'Only this action, e.g. UPDATE.' })
  @IsOptional()
  @MaxLength(40)
  action?: string;

  @Field(() => ID, { nullable: true, description: 'Only changes by this user.' })
  @IsOptional()
  actorId?: string;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Changes at or after this time.' })
  @IsOptional()
  from?: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Changes before this time.' })
  @IsOptional()
  to?: Date;

  @Field(() => String, { nullable: true, description: 'Only this province (a predecessor, for successor provinces).' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}
