import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { SortInput } from '../../../common/sorting';
import { AgencyKind } from '../agency.entity';

export enum AgencySortField {
  NAME = 'NAME',
  KIND = 'KIND',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(AgencySortField, {
  name: 'AgencySortField',
  description: 'Sort key for agencies (sắp xếp cơ quan, đơn vị).',
  valuesConfig: {
    NAME: { description: 'Name in Vietnamese alphabetical order (tên).' },
    KIND: { description: 'Kind of agency (loại), then name.' },
    CREATED_AT: { description: 'When the record was created (ngày tạo).' },
    UPDATED_AT: { description: 'When the record last changed (ngày cập nhật).' },
  },
});

@InputType({ description: 'Filter for agencies (lọc cơ quan, đơn vị).' })
export class AgencyFilter {
  @Field(() => String, { nullable: true, description: 'Words of the name or short name (tìm theo tên); ignores case and diacritics ("so khoa hoc" finds "Sở Khoa học").' })
  @IsOptional()
  @MaxLength(200, { message: 'search must be at most 200 characters' })
  search?: string;

  @Field(() => AgencyKind, { nullable: true, description: 'Only this kind (loại cơ quan).' })
  @IsOptional()
  @IsIn(Object.values(AgencyKind), { message: 'kind must be one of the agency kinds' })
  kind?: AgencyKind;

  @Field(() => ID, { nullable: true, description: 'Only the direct sub-units of this agency (đơn vị trực thuộc).' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be an id returned by this API' })
  parentId?: string;

  @Field(() => String, { nullable: true, description: 'Only this province (mã tỉnh, official code); for ministry users and successor provinces.' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only top-level agencies, those with no parent (cơ quan cấp trên cùng).' })
  @IsOptional()
  @IsBoolean({ message: 'rootsOnly must be true or false' })
  rootsOnly?: boolean;
}

export const AgencySort = SortInput<AgencySortField>(AgencySortField, 'AgencySort', 'agencies');
export type AgencySort = InstanceType<typeof AgencySort>;

@InputType({ description: 'A new agency or unit (cơ quan, đơn vị) in your province.' })
export class CreateAgencyInput {
  @Field({ description: 'Full name (tên), 2 to 300 characters, unique within the province ignoring case.' })
  @Length(2, 300, { message: 'name must be 2 to 300 characters' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Short name (tên viết tắt), up to 60 characters, e.g. "Sở KH&CN".' })
  @IsOptional()
  @MaxLength(60, { message: 'shortName must be at most 60 characters' })
  shortName?: string | null;

  @Field(() => AgencyKind, { description: 'Kind of agency (loại cơ quan).' })
  @IsIn(Object.values(AgencyKind), { message: 'kind must be one of the agency kinds' })
  kind: AgencyKind;

  @Field(() => ID, { nullable: true, description: 'Parent agency (cơ quan cấp trên), in the same province; omit for a top-level agency.' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be an id returned by this API' })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: "Province code (mã tỉnh); needed only by a successor province entering a predecessor's record." })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}

@InputType({ description: 'Changes to an agency; omitted fields stay as they are.' })
export class UpdateAgencyInput {
  @Field(() => ID, { description: 'The agency to change.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one in the database gives CONFLICT.' })
  @IsInt({ message: 'version must be an integer' })
  @Min(1, { message: 'version must be at least 1' })
  version: number;

  @Field(() => String, { nullable: true, description: 'New full name (tên), 2 to 300 characters.' })
  @IsOptional()
  @Length(2, 300, { message: 'name must be 2 to 300 characters' })
  name?: string;

  @Field(() => String, { nullable: true, description: 'New short name (tên viết tắt); null clears it.' })
  @IsOptional()
  @MaxLength(60, { message: 'shortName must be at most 60 characters' })
  shortName?: string | null;

  @Field(() => AgencyKind, { nullable: true, description: 'New kind (loại cơ quan).' })
  @IsOptional()
  @IsIn(Object.values(AgencyKind), { message: 'kind must be one of the agency kinds' })
  kind?: AgencyKind;

  @Field(() => ID, { nullable: true, description: 'New parent (cơ quan cấp trên) in the same province; null makes it top-level. Must not be the agency itself or one of its sub-units.' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be an id returned by this API' })
  parentId?: string | null;
}

@InputType({ description: 'Which agency to delete (soft delete: it disappears from lists, stays in the audit log).' })
export class DeleteAgencyInput {
  @Field(() => ID, { description: 'The agency to delete; it must have no live sub-units and be cited by no live record.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read.' })
  @IsInt({ message: 'version must be an integer' })
  @Min(1, { message: 'version must be at least 1' })
  version: number;
}
