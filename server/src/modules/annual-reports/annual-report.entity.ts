import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';

export enum AnnualReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  REOPENED = 'REOPENED',
}
registerEnumType(AnnualReportStatus, {
  name: 'AnnualReportStatus',
  description: 'Where an annual report stands (trạng thái báo cáo năm).',
  valuesConfig: {
    DRAFT: { description: 'Being prepared, not yet submitted (dự thảo).' },
    SUBMITTED: { description: 'Submitted; the year is locked and its figures are the snapshot (đã nộp).' },
    REOPENED: { description: 'Reopened by the administrator to correct the year; the last snapshot is kept until the next submission (mở lại).' },
  },
});

export enum FigureSource {
  LIVE = 'LIVE',
  SUBMITTED = 'SUBMITTED',
}
registerEnumType(FigureSource, {
  name: 'FigureSource',
  description: 'Where a figure comes from, so it can be labelled (nguồn số liệu).',
  valuesConfig: {
    LIVE: { description: 'Computed now from the live records; may still change (số liệu hiện tại).' },
    SUBMITTED: { description: 'The snapshot taken when the report was submitted (số liệu đã nộp).' },
  },
});

@ObjectType({ description: 'One figure of an annual report (chỉ tiêu báo cáo): an indicator of one province and year.' })
export class AnnualReportFigure {
  @Field({ description: 'Indicator code (mã chỉ tiêu), e.g. "COMMISSIONING_APPLIED_RATE".' })
  indicatorCode: string;

  @Field({ description: 'Name of the indicator in Vietnamese (tên chỉ tiêu).' })
  name: string;

  @Field({ description: 'Name of the indicator in English.' })
  nameEn: string;

  @Field({ description: 'Unit (đơn vị tính), e.g. "hội", "%".' })
  unit: string;

  @Field(() => Int, { description: 'Year of the figure (năm).' })
  year: number;

  @Field({ description: 'Official code of the province (mã tỉnh).' })
  provinceCode: string;

  @Field(() => Float, { nullable: true, description: 'Numerator (tử số), or the count itself for a plain count.' })
  numerator: number | null;

  @Field(() => Float, { nullable: true, description: 'Denominator (mẫu số); null for a plain count.' })
  denominator: number | null;

  @Field(() => Float, { nullable: true, description: 'Value (giá trị) as the indicator defines it: a count, a sum, or a rate from 0 to 1; null when the denominator is 0.' })
  value: number | null;

  @Field(() => FigureSource, { description: 'LIVE (computed now) or SUBMITTED (the snapshot): label it as such.' })
  source: FigureSource;
}

@ObjectType({ description: "A province's yearly report to the province and the ministry (báo cáo kết quả hoạt động KH&CN hằng năm), due 15/11 of the year." })
@Entity('annual_reports')
export class AnnualReport {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('smallint', { name: 'province_id' })
  provinceId: number;

  @Field(() => Int, { description: 'Year reported on (năm báo cáo).' })
  @Column('smallint')
  year: number;

  @Field(() => AnnualReportStatus, { description: 'Status (trạng thái).' })
  @Column('text')
  status: AnnualReportStatus;

  @Field(() => LocalDateResolver, { description: 'Due date (hạn nộp): 15/11 of the year.' })
  @Column('date', { name: 'due_on' })
  dueOn: string;

  @Field(() => String, { nullable: true, description: 'Notes of the preparer (ghi chú).' })
  @Column('text', { nullable: true })
  notes: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the draft was last prepared (ngày lập).' })
  @Column('timestamptz', { name: 'prepared_at', nullable: true })
  preparedAt: Date | null;

  @Column('uuid', { name: 'prepared_by', nullable: true })
  preparedBy: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was last submitted (ngày nộp); kept while reopened.' })
  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column('uuid', { name: 'submitted_by', nullable: true })
  submittedBy: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was first submitted (ngày nộp lần đầu): what timeliness is judged on.' })
  @Column('timestamptz', { name: 'first_submitted_at', nullable: true })
  firstSubmittedAt: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was last reopened (ngày mở lại).' })
  @Column('timestamptz', { name: 'reopened_at', nullable: true })
  reopenedAt: Date | null;

  @Column('uuid', { name: 'reopened_by', nullable: true })
  reopenedBy: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was last reopened (lý do mở lại).' })
  @Column('text', { name: 'reopen_reason', nullable: true })
  reopenReason: string | null;

  @Field({ description: 'True when other provinces may read its submitted figures (công khai).' })
  @Column('boolean')
  published: boolean;

  @Field(() => Int, { description: 'Version for optimistic concurrency: send it back with every change.' })
  @Column('integer')
  version: number;

  @Field(() => DateTimeResolver, { description: 'When the record was created.' })
  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Field(() => DateTimeResolver, { description: 'When the record last changed.' })
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  /** Day of the first submission in Vietnam (yyyy-mm-dd), and the database's today: for timeliness. */
  firstSubmittedOn?: string | null;
  today?: string;
}
