import { SortInput } from '../../../common/sorting';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { MemberAssociationStatus } from '../member-association.entity';

const TERM = /^\d{4}[–-]\d{4}$/;

export enum MemberAssociationSortField {
  NAME = 'NAME',
  FOUNDED_ON = 'FOUNDED_ON',
  MEMBER_COUNT = 'MEMBER_COUNT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(MemberAssociationSortField, { name: 'MemberAssociationSortField', description: 'Sort key for member associations.' });

@InputType({ description: 'Filter for member associations.' })
export class MemberAssociationFilter {
  @Field(() => String, { nullable: true, description: 'Words of the name, abbreviation or field; ignores case and diacritics ("hoi y hoc" finds "Hội Y học").' })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field(() => MemberAssociationStatus, { nullable: true, description: 'Only this status.' })
  @IsOptional()
  status?: MemberAssociationStatus;

  @Field(() => String, { nullable: true, description: 'Only this province (official code); for ministry users and successor provinces.' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}

export const MemberAssociationSort = SortInput<MemberAssociationSortField>(MemberAssociationSortField, 'MemberAssociationSort', 'member associations');
export type MemberAssociationSort = InstanceType<typeof MemberAssociationSort>;

/** Fields shared by create and update, validated the same way. */
@InputType('MemberAssociationFieldsInput', { description: 'Fields shared by create and update (not used on its own).' })
abstract class MemberAssociationFields {
  @Field(() => String, { nullable: true, description: 'Abbreviation (tên viết tắt), up to 50 characters.' })
  @IsOptional()
  @MaxLength(50, { message: 'abbreviation must be at most 50 characters' })
  abbreviation?: string | null;

  @Field(() => String, { nullable: true, description: 'Field of activity (lĩnh vực), up to 200 characters.' })
  @IsOptional()
  @MaxLength(200, { message: 'field must be at most 200 characters' })
  field?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Founding date (ngày thành lập), not in the future.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'foundedOn must be a date yyyy-mm-dd' })
  foundedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Congress term (nhiệm kỳ) as "yyyy–yyyy", e.g. "2025–2030".' })
  @IsOptional()
  @Matches(TERM, { message: 'congressTerm must look like 2025–2030' })
  congressTerm?: string | null;

  @Field(() => Int, { nullable: true, description: 'Individual members (hội viên cá nhân), 0 or more.' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'individualMemberCount must not be negative' })
  @Max(10_000_000)
  individualMemberCount?: number;

  @Field(() => Int, { nullable: true, description: 'Collective members (hội viên tập thể), 0 or more.' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'collectiveMemberCount must not be negative' })
  @Max(1_000_000)
  collectiveMemberCount?: number;
}

@InputType({ description: 'A new member association in your province.' })
export class CreateMemberAssociationInput extends MemberAssociationFields {
  @Field({ description: 'Full name (tên hội), 2 to 300 characters, unique within the province.' })
  @Length(2, 300, { message: 'name must be 2 to 300 characters' })
  name: string;

  @Field(() => MemberAssociationStatus, { nullable: true, description: 'Status; ACTIVE when omitted.' })
  @IsOptional()
  @IsIn(Object.values(MemberAssociationStatus))
  status?: MemberAssociationStatus;

  @Field(() => String, { nullable: true, description: 'Province code; needed only by a successor province entering a predecessor\'s record.' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}

@InputType({ description: 'Changes to a member association; omitted fields stay as they are.' })
export class UpdateMemberAssociationInput extends MemberAssociationFields {
  @Field(() => ID, { description: 'The association to change.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one in the database gives CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => String, { nullable: true, description: 'New full name.' })
  @IsOptional()
  @Length(2, 300, { message: 'name must be 2 to 300 characters' })
  name?: string;

  @Field(() => MemberAssociationStatus, { nullable: true, description: 'New status.' })
  @IsOptional()
  @IsIn(Object.values(MemberAssociationStatus))
  status?: MemberAssociationStatus;
}

@InputType({ description: 'Which member association to delete (soft delete: it disappears from lists, stays in the audit log).' })
export class DeleteMemberAssociationInput {
  @Field(() => ID, { description: 'The association to delete.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read.' })
  @IsInt()
  @Min(1)
  version: number;
}
