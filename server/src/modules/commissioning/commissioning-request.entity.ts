import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LocalDateResolver, SafeIntResolver } from 'graphql-scalars';
import { VersionedEntity } from '../../common/versioned-entity';

export enum CommissioningStage {
  PROPOSED = 'PROPOSED',
  DETERMINED = 'DETERMINED',
  SELECTED = 'SELECTED',
  DIRECTLY_ASSIGNED = 'DIRECTLY_ASSIGNED',
  APPRAISED = 'APPRAISED',
  CONTRACTED = 'CONTRACTED',
  IN_PROGRESS = 'IN_PROGRESS',
  ACCEPTED = 'ACCEPTED',
  RESULTS_REGISTERED = 'RESULTS_REGISTERED',
  APPLIED = 'APPLIED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(CommissioningStage, {
  name: 'CommissioningStage',
  description: 'Stage of a commissioned S&T task (giai đoạn đặt hàng nhiệm vụ KH&CN), Nghị định 08/2014/NĐ-CP and Thông tư 07/2014, 08/2017, 11/2014/TT-BKHCN.',
  valuesConfig: {
    PROPOSED: { description: 'Proposed (đề xuất đặt hàng): a body states a research need.' },
    DETERMINED: { description: 'Determined (xác định nhiệm vụ): the advisory council defined the task and it is on the approved list.' },
    SELECTED: { description: 'Selected (tuyển chọn): the host was chosen by open selection.' },
    DIRECTLY_ASSIGNED: { description: 'Directly assigned (giao trực tiếp), e.g. to the Union or a member association.' },
    APPRAISED: { description: 'Content and budget appraised (thẩm định nội dung và kinh phí).' },
    CONTRACTED: { description: 'Contract signed (ký hợp đồng).' },
    IN_PROGRESS: { description: 'Under way (đang thực hiện), with periodic checks (kiểm tra, đánh giá định kỳ).' },
    ACCEPTED: { description: 'Accepted (nghiệm thu) with a rating.' },
    RESULTS_REGISTERED: { description: 'Results registered (đăng ký kết quả) under a registration number.' },
    APPLIED: { description: 'Applied to practice (ứng dụng vào thực tiễn, chuyển giao), with the adopting agency as evidence. Final.' },
    REJECTED: { description: 'Rejected (không được phê duyệt, không đạt). Final.' },
    CANCELLED: { description: 'Cancelled (hủy bỏ, dừng thực hiện). Final.' },
    SUSPENDED: { description: 'Suspended (tạm dừng); may resume.' },
  },
});

export enum CommissioningAssigneeKind {
  UNION = 'UNION',
  ASSOCIATION = 'ASSOCIATION',
}
registerEnumType(CommissioningAssigneeKind, {
  name: 'CommissioningAssigneeKind',
  description: 'Who carries out a commissioned task (đơn vị chủ trì thực hiện).',
  valuesConfig: {
    UNION: { description: "The province's Union of S&T Associations itself (Liên hiệp Hội)." },
    ASSOCIATION: { description: 'A member association of the Union (Hội thành viên), named in assignedAssociation.' },
  },
});

export enum AcceptanceRating {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  PASS = 'PASS',
  FAIL = 'FAIL',
}
registerEnumType(AcceptanceRating, {
  name: 'AcceptanceRating',
  description: 'Acceptance rating (xếp loại nghiệm thu, Thông tư 11/2014/TT-BKHCN).',
  valuesConfig: {
    EXCELLENT: { description: 'Excellent (xuất sắc).' },
    GOOD: { description: 'Good (khá).' },
    PASS: { description: 'Pass (đạt).' },
    FAIL: { description: 'Fail (không đạt): the results cannot be registered.' },
  },
});

@ObjectType({ description: 'A commissioned S&T task (nhiệm vụ KH&CN đặt hàng): from the research need through acceptance to application in practice.' })
@Entity('commissioning_requests')
export class CommissioningRequest extends VersionedEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('smallint', { name: 'province_id' })
  provinceId: number;

  @Field(() => String, { nullable: true, description: 'Task code (mã nhiệm vụ), up to 60 characters.' })
  @Column('text', { nullable: true })
  code: string | null;

  @Field({ description: 'Title (tên nhiệm vụ).' })
  @Column('text')
  title: string;

  @Field(() => String, { nullable: true, description: 'Objectives and main content (mục tiêu, nội dung chính).' })
  @Column('text', { nullable: true })
  objectives: string | null;

  @Column('uuid', { name: 'requesting_agency_id' })
  requestingAgencyId: string;

  @Column('smallint', { name: 'research_area_id' })
  researchAreaId: number;

  @Field(() => CommissioningAssigneeKind, { nullable: true, description: 'Who carries out the task (đơn vị chủ trì): the Union or a member association; null until decided.' })
  @Column('text', { name: 'assignee_kind', nullable: true })
  assigneeKind: CommissioningAssigneeKind | null;

  @Column('uuid', { name: 'assigned_association_id', nullable: true })
  assignedAssociationId: string | null;

  @Field(() => String, { nullable: true, description: 'Principal investigator (chủ nhiệm nhiệm vụ).' })
  @Column('text', { name: 'principal_investigator', nullable: true })
  principalInvestigator: string | null;

  @Field(() => SafeIntResolver, { description: 'Budget in VND (kinh phí, đồng); 0 until appraised.' })
  @Column('bigint', { name: 'budget_vnd' })
  budgetVnd: number;

  @Field(() => CommissioningStage, { description: 'Current stage (giai đoạn); changed only by transitionCommissioningRequest.' })
  @Column('text')
  stage: CommissioningStage;

  @Field(() => Int, { description: 'Plan year (năm kế hoạch đặt hàng).' })
  @Column('smallint')
  year: number;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Planned start (thời gian bắt đầu theo kế hoạch).' })
  @Column('date', { name: 'planned_start', nullable: true })
  plannedStart: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Planned end (thời gian kết thúc theo kế hoạch).' })
  @Column('date', { name: 'planned_end', nullable: true })
  plannedEnd: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Actual start (ngày bắt đầu thực tế); set when the task moves to IN_PROGRESS.' })
  @Column('date', { name: 'actual_start', nullable: true })
  actualStart: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Actual end (ngày kết thúc thực tế); set at acceptance.' })
  @Column('date', { name: 'actual_end', nullable: true })
  actualEnd: string | null;

  @Field(() => AcceptanceRating, { nullable: true, description: 'Acceptance rating (xếp loại nghiệm thu), from ACCEPTED on.' })
  @Column('text', { name: 'acceptance_rating', nullable: true })
  acceptanceRating: AcceptanceRating | null;

  @Field(() => String, { nullable: true, description: 'Result registration number (số đăng ký kết quả), e.g. "ĐT-2016-30218-ĐT".' })
  @Column('text', { name: 'registration_number', nullable: true })
  registrationNumber: string | null;

  @Column('uuid', { name: 'adopting_agency_id', nullable: true })
  adoptingAgencyId: string | null;

  @Field(() => String, { nullable: true, description: 'How the results are applied (ghi chú ứng dụng, chuyển giao).' })
  @Column('text', { name: 'application_note', nullable: true })
  applicationNote: string | null;

  @Field({ description: 'True for generated demonstration records (dữ liệu minh họa), false for real ones.' })
  @Column('boolean', { name: 'is_synthetic' })
  isSynthetic: boolean;

  /** Computed in SQL (DELAY_DAYS_SQL in the service); not a column. */
  @Field(() => Int, {
    nullable: true,
    description: 'Days behind plan (số ngày chậm): actual end − planned end once finished (negative when early); '
      + 'today − planned end while still open past the plan; 0 while open within the plan; null without a planned end '
      + 'or when rejected or cancelled before finishing.',
  })
  delayDays: number | null;
}
