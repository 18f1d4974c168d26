import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { SortDirection, SortInput } from '../../../common/sorting';
import { ActivityKind, ActivityResponse } from '../activity.entity';

const PROVINCE_CODE = /^\d{2}$/;

export { SortDirection };

export enum ActivitySortField {
  HELD_ON = 'HELD_ON',
  TITLE = 'TITLE',
  PARTICIPANTS = 'PARTICIPANTS',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ActivitySortField, {
  name: 'ActivitySortField',
  description: 'Sort key for activities.',
  valuesConfig: {
    HELD_ON: { description: 'Day held (ngày tổ chức).' },
    TITLE: { description: 'Title in Vietnamese alphabetical order.' },
    PARTICIPANTS: { description: 'Number of participants; activities without a count last.' },
    UPDATED_AT: { description: 'Last change.' },
  },
});

@InputType({ description: 'Filter for activities; all given conditions must hold.' })
export class ActivityFilter {
  @Field(() => String, { nullable: true, description: 'Words of the title or draft title; ignores case and diacritics ("hoi thao" finds "Hội thảo").' })
  @IsOptional()
  @MaxLength(200, { message: 'search must be at most 200 characters' })
  search?: string;

  @Field(() => ActivityKind, { nullable: true, description: 'Only this kind.' })
  @IsOptional()
  @IsIn(Object.values(ActivityKind))
  kind?: ActivityKind;

  @Field(() => Int, { nullable: true, description: 'Only activities held in this year.' })
  @IsOptional()
  @IsInt()
  @Min(1900, { message: 'year must be between 1900 and 2100' })
  @Max(2100, { message: 'year must be between 1900 and 2100' })
  year?: number;

  @Field(() => ID, { nullable: true, description: 'Only activities organised by this member association.' })
  @IsOptional()
  @IsUUID('all', { message: 'associationId must be an id returned by this API' })
  associationId?: string;

  @Field(() => ID, { nullable: true, description: 'Only activities carrying out this directive task.' })
  @IsOptional()
  @IsUUID('all', { message: 'directiveTaskId must be an id returned by this API' })
  directiveTaskId?: string;

  @Field(() => String, { nullable: true, description: 'Only this province (official code); for ministry users and successor provinces.' })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}

export const ActivitySort = SortInput<ActivitySortField>(ActivitySortField, 'ActivitySort', 'activities');
export type ActivitySort = InstanceType<typeof ActivitySort>;

/** Fields shared by create and update, validated the same way. */
@InputType('ActivityFieldsInput', { description: 'Fields shared by create and update (not used on its own).' })
abstract class ActivityFields {
  @Field(() => ID, { nullable: true, description: 'The organising member association (hội chủ trì), of the same province; null when the Union itself organises.' })
  @IsOptional()
  @IsUUID('all', { message: 'organizerAssociationId must be an id returned by this API' })
  organizerAssociationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The directive task this activity carries out, of the same province.' })
  @IsOptional()
  @IsUUID('all', { message: 'directiveTaskId must be an id returned by this API' })
  directiveTaskId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of participants (số người tham dự), 0 or more.' })
  @IsOptional()
  @IsInt({ message: 'participants must be a whole number' })
  @Min(0, { message: 'participants must not be negative' })
  @Max(10_000_000, { message: 'participants must be at most 10000000' })
  participants?: number | null;

  @Field(() => String, { nullable: true, description: 'Title of the draft consulted on or critiqued (tên dự thảo), up to 1,000 characters; CONSULTATION and SOCIAL_CRITIQUE only.' })
  @IsOptional()
  @MaxLength(1000, { message: 'draftTitle must be at most 1000 characters' })
  draftTitle?: string | null;

  @Field(() => ID, { nullable: true, description: 'The agency that drafted it (cơ quan soạn thảo), of the same province; CONSULTATION and SOCIAL_CRITIQUE only.' })
  @IsOptional()
  @IsUUID('all', { message: 'draftingAgencyId must be an id returned by this API' })
  draftingAgencyId?: string | null;

  @Field(() => ActivityResponse, { nullable: true, description: "The drafting agency's response (mức độ tiếp thu); CONSULTATION and SOCIAL_CRITIQUE only; PENDING when omitted." })
  @IsOptional()
  @IsIn(Object.values(ActivityResponse))
  response?: ActivityResponse | null;

  @Field(() => String, { nullable: true, description: 'Remarks (ghi chú), up to 5,000 characters.' })
  @IsOptional()
  @MaxLength(5000, { message: 'note must be at most 5000 characters' })
  note?: string | null;
}

@InputType({ description: 'A new activity in your province.' })
export class CreateActivityInput extends ActivityFields {
  @Field(() => ActivityKind, { description: 'Kind of activity.' })
  @IsIn(Object.values(ActivityKind))
  kind: ActivityKind;

  @Field({ description: 'Title (tên hoạt động), 2 to 500 characters.' })
  @Length(2, 500, { message: 'title must be 2 to 500 characters' })
  title: string;

  @Field(() => LocalDateResolver, { description: 'Day held (ngày tổ chức); may be in the future for a planned activity.' })
  @IsISO8601({ strict: true }, { message: 'heldOn must be a date yyyy-mm-dd' })
  heldOn: string;

  @Field(() => String, { nullable: true, description: "Province code; needed only by a successor province entering a predecessor's record." })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}

@InputType({ description: 'Changes to an activity; omitted fields stay as they are.' })
export class UpdateActivityInput extends ActivityFields {
  @Field(() => ID, { description: 'The activity to change.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one in the database gives CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => ActivityKind, { nullable: true, description: 'New kind.' })
  @IsOptional()
  @IsIn(Object.values(ActivityKind))
  kind?: ActivityKind;

  @Field(() => String, { nullable: true, description: 'New title, 2 to 500 characters.' })
  @IsOptional()
  @Length(2, 500, { message: 'title must be 2 to 500 characters' })
  title?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'New day held.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'heldOn must be a date yyyy-mm-dd' })
  heldOn?: string;
}

@InputType({ description: 'Which activity to delete (soft delete: it disappears from lists, stays in the audit log).' })
export class DeleteActivityInput {
  @Field(() => ID, { description: 'The activity to delete.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read.' })
  @IsInt()
  @Min(1)
  version: number;
}
