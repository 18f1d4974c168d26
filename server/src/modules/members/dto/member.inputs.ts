import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import {
  IsBoolean, IsEmail, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min,
} from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { SortInput } from '../../../common/sorting';
import { AcademicTitle, Degree, MemberKind } from '../member.entity';

const PROVINCE_CODE = /^\d{2}$/;
const PHONE = /^\+?[0-9][0-9 .()-]{5,38}$/;

export enum MemberSortField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(MemberSortField, {
  name: 'MemberSortField',
  description: 'Sort key for members (sắp xếp hội viên).',
  valuesConfig: {
    NAME: {
      description: 'Name in Vietnamese alphabetical order (họ tên). For callers who may not see personal data, only collective members are ordered by name; individuals follow in a fixed order.',
    },
    CREATED_AT: { description: 'When the record was created (ngày tạo).' },
    UPDATED_AT: { description: 'When the record last changed (ngày cập nhật).' },
  },
});

@InputType({ description: 'Filter for members (lọc hội viên).' })
export class MemberFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Words to find (tìm kiếm), ignoring case and diacritics. Province admins and editors search names, field and workplace; '
      + 'everyone else searches field and workplace, and the names of collective members only (personal names are not searchable for them).',
  })
  @IsOptional()
  @MaxLength(200, { message: 'search must be at most 200 characters' })
  search?: string;

  @Field(() => MemberKind, { nullable: true, description: 'Only individual or only collective members (loại hội viên).' })
  @IsOptional()
  @IsIn(Object.values(MemberKind), { message: 'kind must be INDIVIDUAL or COLLECTIVE' })
  kind?: MemberKind;

  @Field(() => ID, { nullable: true, description: 'Only members with a membership open today in this association (hội thành viên).' })
  @IsOptional()
  @IsUUID('all', { message: 'associationId must be an id returned by this API' })
  associationId?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only young intellectuals (trí thức trẻ), or only the others.' })
  @IsOptional()
  @IsBoolean({ message: 'isYoungIntellectual must be true or false' })
  isYoungIntellectual?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Only members in enterprises (trong doanh nghiệp), or only the others.' })
  @IsOptional()
  @IsBoolean({ message: 'inEnterprise must be true or false' })
  inEnterprise?: boolean;

  @Field(() => String, { nullable: true, description: 'Only this province (mã tỉnh, official code); for ministry users and successor provinces.' })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}

export const MemberSort = SortInput<MemberSortField>(MemberSortField, 'MemberSort', 'members');
export type MemberSort = InstanceType<typeof MemberSort>;

/** Fields shared by create and update, validated the same way. */
@InputType('MemberFieldsInput', { description: 'Fields shared by create and update (not used on its own).' })
abstract class MemberFields {
  @Field(() => AcademicTitle, { nullable: true, description: 'Academic title (chức danh khoa học); individuals only.' })
  @IsOptional()
  @IsIn(Object.values(AcademicTitle), { message: 'academicTitle must be GS or PGS' })
  academicTitle?: AcademicTitle | null;

  @Field(() => Degree, { nullable: true, description: 'Highest degree (học vị); individuals only.' })
  @IsOptional()
  @IsIn(Object.values(Degree), { message: 'degree must be one of the degrees' })
  degree?: Degree | null;

  @Field(() => String, { nullable: true, description: 'Field of expertise (chuyên ngành), up to 200 characters.' })
  @IsOptional()
  @MaxLength(200, { message: 'field must be at most 200 characters' })
  field?: string | null;

  @Field(() => String, { nullable: true, description: 'Workplace (nơi công tác), up to 300 characters.' })
  @IsOptional()
  @MaxLength(300, { message: 'workplace must be at most 300 characters' })
  workplace?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year of birth (năm sinh), 1900 to this year; individuals only. Personal data.' })
  @IsOptional()
  @IsInt({ message: 'birthYear must be a year' })
  @Min(1900, { message: 'birthYear must be between 1900 and this year' })
  @Max(2100, { message: 'birthYear must be between 1900 and this year' })
  birthYear?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Young intellectual (trí thức trẻ); individuals only. False when omitted on create.' })
  @IsOptional()
  @IsBoolean({ message: 'isYoungIntellectual must be true or false' })
  isYoungIntellectual?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Works in, or is, an enterprise (doanh nghiệp). False when omitted on create.' })
  @IsOptional()
  @IsBoolean({ message: 'inEnterprise must be true or false' })
  inEnterprise?: boolean;

  @Field(() => String, { nullable: true, description: 'E-mail (thư điện tử), up to 200 characters. Personal data for individuals.' })
  @IsOptional()
  @MaxLength(200, { message: 'email must be at most 200 characters' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone (điện thoại), digits with optional + ( ) . - and spaces, up to 40 characters. Personal data for individuals.' })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number (digits, optional + ( ) . - and spaces, 6 to 40 characters)' })
  phone?: string | null;
}

@InputType({ description: 'A new member (hội viên) in your province.' })
export class CreateMemberInput extends MemberFields {
  @Field(() => MemberKind, { description: 'Individual or collective (loại hội viên).' })
  @IsIn(Object.values(MemberKind), { message: 'kind must be INDIVIDUAL or COLLECTIVE' })
  kind: MemberKind;

  @Field({ description: 'Full name of the person or organisation (họ tên, tên tổ chức), 2 to 300 characters.' })
  @Length(2, 300, { message: 'fullName must be 2 to 300 characters' })
  fullName: string;

  @Field(() => String, { nullable: true, description: "Province code (mã tỉnh); needed only by a successor province entering a predecessor's record." })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}

@InputType({ description: 'Changes to a member; omitted fields stay as they are, null clears an optional one.' })
export class UpdateMemberInput extends MemberFields {
  @Field(() => ID, { description: 'The member to change.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one in the database gives CONFLICT.' })
  @IsInt({ message: 'version must be an integer' })
  @Min(1, { message: 'version must be at least 1' })
  version: number;

  @Field(() => MemberKind, { nullable: true, description: 'New kind (loại hội viên); a collective member has no title, degree, birth year or young-intellectual flag.' })
  @IsOptional()
  @IsIn(Object.values(MemberKind), { message: 'kind must be INDIVIDUAL or COLLECTIVE' })
  kind?: MemberKind;

  @Field(() => String, { nullable: true, description: 'New full name (họ tên), 2 to 300 characters.' })
  @IsOptional()
  @Length(2, 300, { message: 'fullName must be 2 to 300 characters' })
  fullName?: string;
}

@InputType({ description: 'Which member to delete (soft delete: gone from lists and counts, kept in the audit log).' })
export class DeleteMemberInput {
  @Field(() => ID, { description: 'The member to delete.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read.' })
  @IsInt({ message: 'version must be an integer' })
  @Min(1, { message: 'version must be at least 1' })
  version: number;
}

@InputType({ description: 'A member joins a member association (gia nhập hội).' })
export class AddMembershipInput {
  @Field(() => ID, { description: 'The member (hội viên).' })
  @IsUUID('all', { message: 'memberId must be an id returned by this API' })
  memberId: string;

  @Field(() => ID, { description: "The member association (hội thành viên), in the member's province." })
  @IsUUID('all', { message: 'associationId must be an id returned by this API' })
  associationId: string;

  @Field(() => LocalDateResolver, { description: 'Day of joining (ngày gia nhập), not in the future.' })
  @IsISO8601({ strict: true }, { message: 'joinedOn must be a date yyyy-mm-dd' })
  joinedOn: string;
}

@InputType({ description: 'Ends an open membership (ra khỏi hội).' })
export class EndMembershipInput {
  @Field(() => ID, { description: 'The membership to end.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one in the database gives CONFLICT.' })
  @IsInt({ message: 'version must be an integer' })
  @Min(1, { message: 'version must be at least 1' })
  version: number;

  @Field(() => LocalDateResolver, { description: 'Day the membership ends (ngày ra khỏi hội): not before joinedOn, not in the future.' })
  @IsISO8601({ strict: true }, { message: 'leftOn must be a date yyyy-mm-dd' })
  leftOn: string;
}

@InputType({ description: 'What to count in memberStats (phạm vi thống kê hội viên).' })
export class MemberStatsFilter {
  @Field(() => String, { nullable: true, description: 'Only this province (mã tỉnh); all provinces you may see when omitted.' })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;

  @Field(() => ID, { nullable: true, description: 'Only memberships of this member association (hội thành viên).' })
  @IsOptional()
  @IsUUID('all', { message: 'associationId must be an id returned by this API' })
  associationId?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Count memberships open on this day (tính đến ngày); today when omitted.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be a date yyyy-mm-dd' })
  asOf?: string;
}
