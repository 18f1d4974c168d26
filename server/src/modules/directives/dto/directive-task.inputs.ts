import { Type } from 'class-transformer';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import {
  ArrayMaxSize, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { DirectiveTaskStatus, TaskDeadlineKind } from '../directive.enums';
import { SortDirection } from '../../../common/sorting';

export enum DirectiveTaskSortField {
  URGENCY = 'URGENCY',
  DUE_ON = 'DUE_ON',
  SEQ = 'SEQ',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(DirectiveTaskSortField, {
  name: 'DirectiveTaskSortField',
  description: 'Sort key for tasks.',
  valuesConfig: {
    URGENCY: { description: 'Most urgent first (default; direction is ignored): overdue tasks by days late, then open tasks by nearest due date, then the rest.' },
    DUE_ON: { description: 'Due date as of the day asked (hạn); tasks without a deadline last.' },
    SEQ: { description: 'By document (newest first) and the task number within it.' },
    UPDATED_AT: { description: 'Last change.' },
  },
});

@InputType({ description: 'Filter for tasks (nhiệm vụ).' })
export class DirectiveTaskFilter {
  @Field(() => String, { nullable: true, description: 'Words of the title or content; ignores case and diacritics.' })
  @IsOptional()
  @MaxLength(200, { message: 'search must be at most 200 characters' })
  search?: string;

  @Field(() => ID, { nullable: true, description: 'Only tasks of this document.' })
  @IsOptional()
  @IsUUID('all', { message: 'directiveId must be an id returned by this API' })
  directiveId?: string;

  @Field(() => ID, { nullable: true, description: 'Only tasks this agency leads (chủ trì).' })
  @IsOptional()
  @IsUUID('all', { message: 'leadAgencyId must be an id returned by this API' })
  leadAgencyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only tasks this agency leads or coordinates (chủ trì hoặc phối hợp).' })
  @IsOptional()
  @IsUUID('all', { message: 'agencyId must be an id returned by this API' })
  agencyId?: string;

  @Field(() => DirectiveTaskStatus, { nullable: true, description: 'Only this status.' })
  @IsOptional()
  status?: DirectiveTaskStatus;

  @Field(() => Boolean, { nullable: true, description: 'true: only overdue tasks (quá hạn); false: only tasks that are not overdue; as of `asOf`.' })
  @IsOptional()
  overdue?: boolean;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Only tasks due strictly before this day (as of `asOf` for yearly deadlines).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'dueBefore must be a date yyyy-mm-dd' })
  dueBefore?: string;

  @Field(() => String, { nullable: true, description: 'Only this province (official code); for ministry users and successor provinces.' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Compute due dates, overdue and days late as of this day instead of today (e.g. "overdue as of 2024-04-15"); applies to every task in the response.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be a date yyyy-mm-dd' })
  asOf?: string;
}

@InputType({ description: 'Sort order for tasks.' })
export class DirectiveTaskSort {
  @Field(() => DirectiveTaskSortField, { description: 'Sort key.' })
  field: DirectiveTaskSortField;

  @Field(() => SortDirection, { nullable: true, description: 'Direction (ascending when omitted, newest first for UPDATED_AT); ignored for URGENCY.' })
  @IsOptional()
  direction?: SortDirection;
}

@InputType({ description: 'A deadline (thời hạn): give only the parts of its kind — DATE: date; QUARTER: year and quarter; YEARLY: month and day; NONE: nothing.' })
export class TaskDeadlineInput {
  @Field(() => TaskDeadlineKind, { description: 'How the deadline is expressed.' })
  @IsIn(Object.values(TaskDeadlineKind), { message: 'deadline.kind must be NONE, DATE, QUARTER or YEARLY' })
  kind: TaskDeadlineKind;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The date, for DATE.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'deadline.date must be a date yyyy-mm-dd' })
  date?: string | null;

  @Field(() => Int, { nullable: true, description: 'The year, for QUARTER.' })
  @IsOptional()
  @IsInt()
  @Min(2000, { message: 'deadline.year must be between 2000 and 2100' })
  @Max(2100, { message: 'deadline.year must be between 2000 and 2100' })
  year?: number | null;

  @Field(() => Int, { nullable: true, description: 'The quarter 1–4, for QUARTER.' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'deadline.quarter must be 1 to 4' })
  @Max(4, { message: 'deadline.quarter must be 1 to 4' })
  quarter?: number | null;

  @Field(() => Int, { nullable: true, description: 'The month 1–12, for YEARLY.' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'deadline.month must be 1 to 12' })
  @Max(12, { message: 'deadline.month must be 1 to 12' })
  month?: number | null;

  @Field(() => Int, { nullable: true, description: 'The day of the month, for YEARLY; must exist in that month (29/02 falls on 28/02 in common years).' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'deadline.day must be 1 to 31' })
  @Max(31, { message: 'deadline.day must be 1 to 31' })
  day?: number | null;
}

/** Fields shared by create and update, validated the same way. */
@InputType('DirectiveTaskFieldsInput', { description: 'Fields shared by create and update (not used on its own).' })
abstract class DirectiveTaskFields {
  @Field(() => Int, { nullable: true, description: 'Task number within the document (1, 2, 3…); the next free number when omitted on create. Unique per document.' })
  @IsOptional()
  @IsInt({ message: 'seq must be a whole number' })
  @Min(1, { message: 'seq must be 1 to 32767' })
  @Max(32767, { message: 'seq must be 1 to 32767' })
  seq?: number;

  @Field(() => String, { nullable: true, description: 'Content and expected result (nội dung), up to 20,000 characters.' })
  @IsOptional()
  @MaxLength(20_000, { message: 'content must be at most 20000 characters' })
  content?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Coordinating units (đơn vị phối hợp): agencies of the same province, not the lead. On update, replaces the list when given.' })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'coordinatingAgencyIds must list at most 50 agencies' })
  @IsUUID('all', { each: true, message: 'coordinatingAgencyIds must hold ids returned by this API' })
  coordinatingAgencyIds?: string[] | null;

  @Field(() => TaskDeadlineInput, { nullable: true, description: 'Deadline (thời hạn); none when omitted on create. On update, replaces the deadline when given.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TaskDeadlineInput)
  deadline?: TaskDeadlineInput | null;

  @Field(() => DirectiveTaskStatus, { nullable: true, description: 'Status; NOT_STARTED when omitted on create.' })
  @IsOptional()
  @IsIn(Object.values(DirectiveTaskStatus), { message: 'status is not a known task status' })
  status?: DirectiveTaskStatus;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Completion date, only with status COMPLETED (today when omitted); not in the future.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'completedOn must be a date yyyy-mm-dd' })
  completedOn?: string | null;
}

@InputType({ description: 'A new task of a document; it belongs to the province of its document.' })
export class CreateDirectiveTaskInput extends DirectiveTaskFields {
  @Field(() => ID, { description: 'The document that assigns the task.' })
  @IsUUID('all', { message: 'directiveId must be an id returned by this API' })
  directiveId: string;

  @Field({ description: 'Title (tên nhiệm vụ), 2 to 500 characters.' })
  @Length(2, 500, { message: 'title must be 2 to 500 characters' })
  title: string;

  @Field(() => ID, { description: 'The lead unit (đơn vị chủ trì), exactly one agency of the same province.' })
  @IsUUID('all', { message: 'leadAgencyId must be an id returned by this API' })
  leadAgencyId: string;
}

@InputType({ description: 'Changes to a task; omitted fields stay as they are.' })
export class UpdateDirectiveTaskInput extends DirectiveTaskFields {
  @Field(() => ID, { description: 'The task to change.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one in the database gives CONFLICT.' })
  @IsInt()
  @Min(1, { message: 'version must be a positive whole number' })
  version: number;

  @Field(() => String, { nullable: true, description: 'New title.' })
  @IsOptional()
  @Length(2, 500, { message: 'title must be 2 to 500 characters' })
  title?: string;

  @Field(() => ID, { nullable: true, description: 'New lead unit.' })
  @IsOptional()
  @IsUUID('all', { message: 'leadAgencyId must be an id returned by this API' })
  leadAgencyId?: string;
}

@InputType({ description: 'Which task to delete (soft delete: it disappears from lists, stays in the audit log).' })
export class DeleteDirectiveTaskInput {
  @Field(() => ID, { description: 'The task to delete.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read.' })
  @IsInt()
  @Min(1, { message: 'version must be a positive whole number' })
  version: number;
}

@InputType({ description: 'A progress report (báo cáo tiến độ) on a task.' })
export class AddTaskProgressReportInput {
  @Field(() => ID, { description: 'The task reported on.' })
  @IsUUID('all', { message: 'taskId must be an id returned by this API' })
  taskId: string;

  @Field(() => LocalDateResolver, { description: 'Date of the report (ngày báo cáo), not in the future.' })
  @IsISO8601({ strict: true }, { message: 'reportedOn must be a date yyyy-mm-dd' })
  reportedOn: string;

  @Field(() => Int, { description: 'Estimated completion in percent, 0 to 100.' })
  @IsInt({ message: 'percent must be a whole number' })
  @Min(0, { message: 'percent must be 0 to 100' })
  @Max(100, { message: 'percent must be 0 to 100' })
  percent: number;

  @Field({ description: 'What was done (nội dung), 2 to 20,000 characters.' })
  @Length(2, 20_000, { message: 'text must be 2 to 20000 characters' })
  text: string;

  @Field({ description: 'Who reports (người, đơn vị báo cáo), 2 to 200 characters.' })
  @Length(2, 200, { message: 'reporter must be 2 to 200 characters' })
  reporter: string;

  @Field(() => [String], { nullable: true, description: 'Names of attached files, up to 20, each up to 255 characters.' })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'attachmentNames must list at most 20 files' })
  @Length(1, 255, { each: true, message: 'each of attachmentNames must be 1 to 255 characters' })
  attachmentNames?: string[] | null;
}
