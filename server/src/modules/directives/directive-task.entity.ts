import { Field, Int, ObjectType, ID } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { DirectiveTaskStatus, TaskDeadlineKind } from './directive.enums';
import { VersionedEntity } from '../../common/versioned-entity';

@ObjectType({
  description: 'The deadline of a task (thời hạn) as the document states it: none, a date, a quarter, or a day every year. Only the parts of its kind are set.',
})
export class TaskDeadline {
  @Field(() => TaskDeadlineKind, { description: 'How the deadline is expressed.' })
  kind: TaskDeadlineKind;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The date, for kind DATE.' })
  date: string | null;

  @Field(() => Int, { nullable: true, description: 'The year, for kind QUARTER.' })
  year: number | null;

  @Field(() => Int, { nullable: true, description: 'The quarter 1–4 (quý), for kind QUARTER.' })
  quarter: number | null;

  @Field(() => Int, { nullable: true, description: 'The month 1–12, for kind YEARLY.' })
  month: number | null;

  @Field(() => Int, { nullable: true, description: 'The day of the month, for kind YEARLY.' })
  day: number | null;

  @Field(() => String, { nullable: true, description: 'Vietnamese label: "31/12/2024", "Quý I/2024", "15/11 hằng năm"; null when there is no deadline.' })
  label: string | null;
}

@ObjectType({ description: 'A task (nhiệm vụ) assigned by a directing document to one lead unit (đơn vị chủ trì) with coordinating units (đơn vị phối hợp).' })
@Entity('directive_tasks')
export class DirectiveTask extends VersionedEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('smallint', { name: 'province_id' })
  provinceId: number;

  @Column('uuid', { name: 'directive_id' })
  directiveId: string;

  @Field(() => Int, { description: 'Number of the task within its document (số thứ tự), 1, 2, 3…; unique per document.' })
  @Column('smallint')
  seq: number;

  @Field({ description: 'Title (tên nhiệm vụ), e.g. "Rà soát quy định về chính sách đãi ngộ trí thức".' })
  @Column('text')
  title: string;

  @Field(() => String, { nullable: true, description: 'Content and expected result (nội dung, sản phẩm).' })
  @Column('text', { nullable: true })
  content: string | null;

  @Column('uuid', { name: 'lead_agency_id' })
  leadAgencyId: string;

  @Column('text', { name: 'deadline_kind' })
  deadlineKind: TaskDeadlineKind;

  @Column('date', { name: 'deadline_date', nullable: true })
  deadlineDate: string | null;

  @Column('smallint', { name: 'deadline_year', nullable: true })
  deadlineYear: number | null;

  @Column('smallint', { name: 'deadline_quarter', nullable: true })
  deadlineQuarter: number | null;

  @Column('smallint', { name: 'deadline_month', nullable: true })
  deadlineMonth: number | null;

  @Column('smallint', { name: 'deadline_day', nullable: true })
  deadlineDay: number | null;

  @Field(() => DirectiveTaskStatus, { description: 'Status (tình trạng).' })
  @Column('text')
  status: DirectiveTaskStatus;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Completion date (ngày hoàn thành); set exactly when the status is COMPLETED.' })
  @Column('date', { name: 'completed_on', nullable: true })
  completedOn: string | null;
}

@ObjectType({ description: 'A progress report on a task (báo cáo tiến độ) sent by the lead or a coordinating unit.' })
@Entity('task_progress_reports')
export class TaskProgressReport {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('smallint', { name: 'province_id' })
  provinceId: number;

  @Column('uuid', { name: 'task_id' })
  taskId: string;

  @Field(() => LocalDateResolver, { description: 'Date of the report (ngày báo cáo).' })
  @Column('date', { name: 'reported_on' })
  reportedOn: string;

  @Field(() => Int, { description: 'Estimated completion in percent (tỷ lệ hoàn thành), 0–100.' })
  @Column('smallint')
  percent: number;

  @Field({ description: 'What was done (nội dung báo cáo).' })
  @Column('text')
  text: string;

  @Field({ description: 'Who reported (người, đơn vị báo cáo).' })
  @Column('text')
  reporter: string;

  @Field(() => [String], { description: 'Names of attached files (tệp đính kèm).' })
  @Column('text', { name: 'attachment_names', array: true })
  attachmentNames: string[];

  @Field(() => DateTimeResolver, { description: 'When the report was entered.' })
  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}

/** One task's timing as of app_today(), read from the directive_task_timing view. */
export interface TaskTiming {
  dueOn: string | null;
  isOverdue: boolean;
  daysLate: number;
}
