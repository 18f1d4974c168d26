import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import {
  ArrayMaxSize, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min,
} from 'class-validator';
import { LocalDateResolver, SafeIntResolver } from 'graphql-scalars';
import { SortDirection, SortInput } from '../../../common/sorting';
import { CommissioningCheckResult } from '../commissioning-check.entity';
import { AcceptanceRating, CommissioningAssigneeKind, CommissioningStage } from '../commissioning-request.entity';

const PROVINCE_CODE = /^\d{2}$/;
const SMALL_ID = /^\d{1,4}$/;
const DATE = { strict: true } as const;

export { SortDirection };

export enum CommissioningRequestSortField {
  YEAR = 'YEAR',
  TITLE = 'TITLE',
  CODE = 'CODE',
  PLANNED_END = 'PLANNED_END',
  DELAY_DAYS = 'DELAY_DAYS',
  BUDGET = 'BUDGET',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(CommissioningRequestSortField, {
  name: 'CommissioningRequestSortField',
  description: 'Sort key for commissioned tasks.',
  valuesConfig: {
    YEAR: { description: 'Plan year (năm), then title.' },
    TITLE: { description: 'Title in Vietnamese alphabetical order.' },
    CODE: { description: 'Task code (mã).' },
    PLANNED_END: { description: 'Planned end (hạn kết thúc).' },
    DELAY_DAYS: { description: 'Days behind plan (số ngày chậm); tasks without a planned end last.' },
    BUDGET: { description: 'Budget (kinh phí).' },
    UPDATED_AT: { description: 'Last change.' },
  },
});

@InputType({ description: 'Filter for commissioned tasks (nhiệm vụ đặt hàng); all given conditions must hold.' })
export class CommissioningRequestFilter {
  @Field(() => String, { nullable: true, description: 'Words of the code or title; ignores case and diacritics ("xu ly chat thai" finds "Xử lý chất thải").' })
  @IsOptional()
  @MaxLength(200, { message: 'search must be at most 200 characters' })
  search?: string;

  @Field(() => CommissioningStage, { nullable: true, description: 'Only this stage.' })
  @IsOptional()
  @IsIn(Object.values(CommissioningStage))
  stage?: CommissioningStage;

  @Field(() => [CommissioningStage], { nullable: true, description: 'Only these stages (any of them); an empty list filters nothing.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsIn(Object.values(CommissioningStage), { each: true })
  stages?: CommissioningStage[];

  @Field(() => Int, { nullable: true, description: 'Only this plan year (năm).' })
  @IsOptional()
  @IsInt()
  @Min(2000, { message: 'year must be between 2000 and 2100' })
  @Max(2100, { message: 'year must be between 2000 and 2100' })
  year?: number;

  @Field(() => ID, { nullable: true, description: 'Only this research area.' })
  @IsOptional()
  @Matches(SMALL_ID, { message: 'researchAreaId must be an id returned by this API' })
  researchAreaId?: string;

  @Field(() => ID, { nullable: true, description: 'Only tasks proposed by this agency (cơ quan đặt hàng).' })
  @IsOptional()
  @IsUUID('all', { message: 'requestingAgencyId must be an id returned by this API' })
  requestingAgencyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only tasks assigned to this member association.' })
  @IsOptional()
  @IsUUID('all', { message: 'assignedAssociationId must be an id returned by this API' })
  assignedAssociationId?: string;

  @Field(() => Boolean, { nullable: true, description: 'true: only tasks behind plan (delayDays > 0); false: only tasks not behind plan.' })
  @IsOptional()
  @IsBoolean()
  delayed?: boolean;

  @Field(() => String, { nullable: true, description: 'Only this province (official code); for ministry users and successor provinces.' })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}

export const CommissioningRequestSort = SortInput<CommissioningRequestSortField>(CommissioningRequestSortField, 'CommissioningRequestSort', 'commissioned tasks');
export type CommissioningRequestSort = InstanceType<typeof CommissioningRequestSort>;

/** Fields shared by create and update, validated the same way. */
@InputType('CommissioningRequestFieldsInput', { description: 'Fields shared by create and update (not used on its own).' })
abstract class CommissioningRequestFields {
  @Field(() => String, { nullable: true, description: 'Task code (mã nhiệm vụ), up to 60 characters.' })
  @IsOptional()
  @MaxLength(60, { message: 'code must be at most 60 characters' })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'Objectives and main content (mục tiêu, nội dung chính), up to 10,000 characters.' })
  @IsOptional()
  @MaxLength(10_000, { message: 'objectives must be at most 10000 characters' })
  objectives?: string | null;

  @Field(() => String, { nullable: true, description: 'Principal investigator (chủ nhiệm nhiệm vụ), up to 200 characters.' })
  @IsOptional()
  @MaxLength(200, { message: 'principalInvestigator must be at most 200 characters' })
  principalInvestigator?: string | null;

  @Field(() => SafeIntResolver, { nullable: true, description: 'Budget in VND (kinh phí, đồng), 0 or more; needed (above 0) to sign the contract.' })
  @IsOptional()
  @IsInt({ message: 'budgetVnd must be a whole number of đồng' })
  @Min(0, { message: 'budgetVnd must not be negative' })
  budgetVnd?: number;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Planned start (bắt đầu theo kế hoạch); needed to sign the contract.' })
  @IsOptional()
  @IsISO8601(DATE, { message: 'plannedStart must be a date yyyy-mm-dd' })
  plannedStart?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Planned end (kết thúc theo kế hoạch), not before the planned start; needed to sign the contract.' })
  @IsOptional()
  @IsISO8601(DATE, { message: 'plannedEnd must be a date yyyy-mm-dd' })
  plannedEnd?: string | null;

  @Field(() => CommissioningAssigneeKind, { nullable: true, description: 'Intended or actual host (đơn vị chủ trì): the Union or a member association.' })
  @IsOptional()
  @IsIn(Object.values(CommissioningAssigneeKind))
  assigneeKind?: CommissioningAssigneeKind | null;

  @Field(() => ID, { nullable: true, description: 'The member association hosting the task, when assigneeKind is ASSOCIATION; of the same province.' })
  @IsOptional()
  @IsUUID('all', { message: 'assignedAssociationId must be an id returned by this API' })
  assignedAssociationId?: string | null;

  @Field(() => String, { nullable: true, description: 'How the results are applied (ghi chú ứng dụng), up to 10,000 characters.' })
  @IsOptional()
  @MaxLength(10_000, { message: 'applicationNote must be at most 10000 characters' })
  applicationNote?: string | null;
}

@InputType({ description: 'A new commissioned task (đề xuất đặt hàng); it starts at PROPOSED.' })
export class CreateCommissioningRequestInput extends CommissioningRequestFields {
  @Field({ description: 'Title (tên nhiệm vụ), 2 to 500 characters.' })
  @Length(2, 500, { message: 'title must be 2 to 500 characters' })
  title: string;

  @Field(() => ID, { description: 'The agency that commissions the task (cơ quan đặt hàng), of the same province.' })
  @IsUUID('all', { message: 'requestingAgencyId must be an id returned by this API' })
  requestingAgencyId: string;

  @Field(() => ID, { description: 'Research area (lĩnh vực), from researchAreas.' })
  @Matches(SMALL_ID, { message: 'researchAreaId must be an id returned by this API' })
  researchAreaId: string;

  @Field(() => Int, { description: 'Plan year (năm kế hoạch), 2000 to 2100.' })
  @IsInt()
  @Min(2000, { message: 'year must be between 2000 and 2100' })
  @Max(2100, { message: 'year must be between 2000 and 2100' })
  year: number;

  @Field(() => String, { nullable: true, description: "Province code; needed only by a successor province entering a predecessor's record." })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}

@InputType({ description: 'Changes to the details of a commissioned task; omitted fields stay as they are. The stage changes only through transitionCommissioningRequest.' })
export class UpdateCommissioningRequestInput extends CommissioningRequestFields {
  @Field(() => ID, { description: 'The task to change.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one in the database gives CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => String, { nullable: true, description: 'New title, 2 to 500 characters.' })
  @IsOptional()
  @Length(2, 500, { message: 'title must be 2 to 500 characters' })
  title?: string;

  @Field(() => ID, { nullable: true, description: 'New commissioning agency, of the same province.' })
  @IsOptional()
  @IsUUID('all', { message: 'requestingAgencyId must be an id returned by this API' })
  requestingAgencyId?: string;

  @Field(() => ID, { nullable: true, description: 'New research area.' })
  @IsOptional()
  @Matches(SMALL_ID, { message: 'researchAreaId must be an id returned by this API' })
  researchAreaId?: string;

  @Field(() => Int, { nullable: true, description: 'New plan year, 2000 to 2100.' })
  @IsOptional()
  @IsInt()
  @Min(2000, { message: 'year must be between 2000 and 2100' })
  @Max(2100, { message: 'year must be between 2000 and 2100' })
  year?: number;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Correct the actual start (ngày bắt đầu thực tế); not in the future.' })
  @IsOptional()
  @IsISO8601(DATE, { message: 'actualStart must be a date yyyy-mm-dd' })
  actualStart?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Correct the actual end (ngày kết thúc thực tế); not before the actual start, not in the future.' })
  @IsOptional()
  @IsISO8601(DATE, { message: 'actualEnd must be a date yyyy-mm-dd' })
  actualEnd?: string | null;
}

@InputType({ description: 'Moves a commissioned task to its next stage (chuyển giai đoạn), with the evidence that stage needs.' })
export class TransitionCommissioningRequestInput {
  @Field(() => ID, { description: 'The task to move.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one in the database gives CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => CommissioningStage, { description: 'The stage to move to; must be one of allowedNextStages.' })
  @IsIn(Object.values(CommissioningStage))
  toStage: CommissioningStage;

  @Field({ description: 'Why (lý do, căn cứ), at least 2 characters, e.g. "Quyết định 123/QĐ-UBND phê duyệt danh mục".' })
  @Length(2, 2000, { message: 'reason must be 2 to 2000 characters' })
  reason: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The day the move took effect (ngày); today when omitted; not in the future, not before the previous move.' })
  @IsOptional()
  @IsISO8601(DATE, { message: 'happenedOn must be a date yyyy-mm-dd' })
  happenedOn?: string;

  @Field(() => CommissioningAssigneeKind, { nullable: true, description: 'Host (đơn vị chủ trì), for SELECTED and DIRECTLY_ASSIGNED; kept from the record when omitted.' })
  @IsOptional()
  @IsIn(Object.values(CommissioningAssigneeKind))
  assigneeKind?: CommissioningAssigneeKind;

  @Field(() => ID, { nullable: true, description: 'Host association, for SELECTED and DIRECTLY_ASSIGNED with assigneeKind ASSOCIATION; of the same province.' })
  @IsOptional()
  @IsUUID('all', { message: 'assignedAssociationId must be an id returned by this API' })
  assignedAssociationId?: string;

  @Field(() => AcceptanceRating, { nullable: true, description: 'Acceptance rating (xếp loại nghiệm thu), required for ACCEPTED.' })
  @IsOptional()
  @IsIn(Object.values(AcceptanceRating))
  acceptanceRating?: AcceptanceRating;

  @Field(() => String, { nullable: true, description: 'Registration number (số đăng ký kết quả), required for RESULTS_REGISTERED unless already recorded; up to 60 characters.' })
  @IsOptional()
  @Length(2, 60, { message: 'registrationNumber must be 2 to 60 characters' })
  registrationNumber?: string;

  @Field(() => ID, { nullable: true, description: 'The agency applying the results (đơn vị tiếp nhận, ứng dụng), the evidence for APPLIED; of the same province.' })
  @IsOptional()
  @IsUUID('all', { message: 'adoptingAgencyId must be an id returned by this API' })
  adoptingAgencyId?: string;
}

@InputType({ description: 'A periodic progress check (kiểm tra, đánh giá định kỳ) of a task IN_PROGRESS.' })
export class AddCommissioningCheckInput {
  @Field(() => ID, { description: 'The task checked; it must be IN_PROGRESS.' })
  @IsUUID('all', { message: 'requestId must be an id returned by this API' })
  requestId: string;

  @Field(() => LocalDateResolver, { description: 'Day of the check (ngày kiểm tra); not in the future, not before the actual start.' })
  @IsISO8601(DATE, { message: 'checkedOn must be a date yyyy-mm-dd' })
  checkedOn: string;

  @Field(() => CommissioningCheckResult, { description: 'Finding (kết quả).' })
  @IsIn(Object.values(CommissioningCheckResult))
  result: CommissioningCheckResult;

  @Field(() => String, { nullable: true, description: 'Remarks (ghi chú), up to 5,000 characters.' })
  @IsOptional()
  @MaxLength(5000, { message: 'note must be at most 5000 characters' })
  note?: string | null;
}
