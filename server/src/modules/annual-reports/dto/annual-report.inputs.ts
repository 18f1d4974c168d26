import { Field, ID, InputType, Int } from 'type-graphql';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { AnnualReportStatus, FigureSource } from '../annual-report.entity';

const PROVINCE_CODE = /^\d{2}$/;

@InputType({ description: 'Filter for annual reports.' })
export class AnnualReportFilter {
  @Field(() => Int, { nullable: true, description: 'Only this year (năm báo cáo).' })
  @IsOptional()
  @IsInt()
  @Min(2000, { message: 'year must be between 2000 and 2100' })
  @Max(2100, { message: 'year must be between 2000 and 2100' })
  year?: number;

  @Field(() => String, { nullable: true, description: 'Only this province (official code).' })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;

  @Field(() => AnnualReportStatus, { nullable: true, description: 'Only this status.' })
  @IsOptional()
  @IsIn(Object.values(AnnualReportStatus))
  status?: AnnualReportStatus;
}

@InputType({ description: 'Prepare (or refresh) the draft annual report of a year (lập báo cáo năm).' })
export class PrepareAnnualReportInput {
  @Field(() => Int, { description: 'Year reported on, 2000 to the current year.' })
  @IsInt()
  @Min(2000, { message: 'year must be between 2000 and 2100' })
  @Max(2100, { message: 'year must be between 2000 and 2100' })
  year: number;

  @Field(() => String, { nullable: true, description: "Province code; only for a successor province reporting a predecessor's year. Your own province when omitted." })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;

  @Field(() => String, { nullable: true, description: 'Notes of the preparer (ghi chú), up to 5,000 characters; omitted keeps the current notes.' })
  @IsOptional()
  @MaxLength(5000, { message: 'notes must be at most 5000 characters' })
  notes?: string | null;
}

@InputType({ description: 'Submit an annual report (nộp báo cáo): its live figures become the snapshot and the year is locked.' })
export class SubmitAnnualReportInput {
  @Field(() => ID, { description: 'The report to submit.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one in the database gives CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;
}

@InputType({ description: 'Reopen a submitted annual report to correct its year (mở lại báo cáo).' })
export class ReopenAnnualReportInput {
  @Field(() => ID, { description: 'The report to reopen.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one in the database gives CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field({ description: 'Why it is reopened (lý do), 10 to 2,000 characters; kept in the audit log.' })
  @Length(10, 2000, { message: 'reason must be 10 to 2000 characters' })
  reason: string;
}

@InputType({ description: 'Publish or withdraw the figures of an annual report for other provinces (công khai).' })
export class PublishAnnualReportInput {
  @Field(() => ID, { description: 'The report.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one in the database gives CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field({ description: 'True: other provinces may read it; false: only your province and the ministry.' })
  @IsBoolean()
  published: boolean;
}

@InputType({ description: 'Which figures to compare across provinces (so sánh số liệu).' })
export class AnnualFiguresFilter {
  @Field(() => Int, { description: 'Year.' })
  @IsInt()
  @Min(2000, { message: 'year must be between 2000 and 2100' })
  @Max(2100, { message: 'year must be between 2000 and 2100' })
  year: number;

  @Field(() => FigureSource, { description: 'SUBMITTED: only snapshots of submitted reports; LIVE: computed now, for the provinces you may read.' })
  @IsIn(Object.values(FigureSource))
  source: FigureSource;

  @Field(() => [String], { nullable: true, description: 'Only these provinces (official codes); every province you may read when omitted.' })
  @IsOptional()
  @Matches(PROVINCE_CODE, { each: true, message: 'provinceCodes must be two-digit province codes' })
  provinceCodes?: string[];
}
