import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import {
  ArrayMaxSize, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min,
} from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { SortDirection } from '../../../common/sorting';
import { DirectiveDocType, DirectiveSystem } from '../directive.enums';

export { SortDirection };

const TERM = /^\d{4}[–-]\d{4}$/;
/** Symbols as written on documents: letters (Đ included), digits, "/", "-", "&", "." — e.g. KL/TU, UBND-KGVX, CV/ĐU (outer spaces are trimmed). */
const SYMBOL = /^\s*[\p{L}\p{N}][\p{L}\p{N}/&.-]*\s*$/u;
const PROVINCE_CODE = /^\d{2}$/;
const REFERENCE_ID = /^\d{1,5}$/;

export enum DirectiveSortField {
  ISSUED_ON = 'ISSUED_ON',
  NUMBER = 'NUMBER',
  SUBJECT = 'SUBJECT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(DirectiveSortField, {
  name: 'DirectiveSortField',
  description: 'Sort key for directing documents.',
  valuesConfig: {
    ISSUED_ON: { description: 'Date of issue (ngày ban hành); drafts without a date last. Default, newest first.' },
    NUMBER: { description: 'Number (số); drafts without a number last.' },
    SUBJECT: { description: 'Subject (trích yếu) in Vietnamese alphabetical order.' },
    UPDATED_AT: { description: 'Last change.' },
  },
});

@InputType({ description: 'Filter for directing documents (văn bản chỉ đạo).' })
export class DirectiveFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Number and symbol as written ("463-KL/TU", "2640/UBND-KGVX", "463") or words of the subject; ignores case and diacritics.',
  })
  @IsOptional()
  @MaxLength(200, { message: 'search must be at most 200 characters' })
  search?: string;

  @Field(() => DirectiveSystem, { nullable: true, description: 'Only State or only Party documents.' })
  @IsOptional()
  system?: DirectiveSystem;

  @Field(() => DirectiveDocType, { nullable: true, description: 'Only this type of document.' })
  @IsOptional()
  docType?: DirectiveDocType;

  @Field(() => Int, { nullable: true, description: 'Only documents issued in this calendar year.' })
  @IsOptional()
  @IsInt()
  @Min(1900, { message: 'year must be between 1900 and 2100' })
  @Max(2100, { message: 'year must be between 1900 and 2100' })
  year?: number;

  @Field(() => ID, { nullable: true, description: 'Only documents issued by this agency (cơ quan ban hành).' })
  @IsOptional()
  @IsUUID('all', { message: 'issuerAgencyId must be an id returned by this API' })
  issuerAgencyId?: string;

  @Field(() => String, { nullable: true, description: 'Only this province (official code); for ministry users and successor provinces.' })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}

@InputType({ description: 'Sort order for directing documents.' })
export class DirectiveSort {
  @Field(() => DirectiveSortField, { description: 'Sort key.' })
  field: DirectiveSortField;

  @Field(() => SortDirection, { nullable: true, description: 'Direction; newest first for dates, ascending otherwise, when omitted.' })
  @IsOptional()
  direction?: SortDirection;
}

/** Fields shared by create and update, validated the same way. */
@InputType('DirectiveFieldsInput', { description: 'Fields shared by create and update (not used on its own).' })
abstract class DirectiveFields {
  @Field(() => Int, { nullable: true, description: 'Number (số); leave empty for a draft. Unique per issuer and year (State) or per issuer, term and type (Party).' })
  @IsOptional()
  @IsInt({ message: 'number must be a whole number' })
  @Min(1, { message: 'number must be a positive whole number' })
  @Max(2_000_000_000, { message: 'number is too large' })
  number?: number | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Date of issue (ngày ban hành); required once the document has a number.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'issuedOn must be a date yyyy-mm-dd' })
  issuedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Party committee term (nhiệm kỳ) as "yyyy–yyyy", e.g. "2020–2025"; required for numbered Party documents, not allowed on State ones.' })
  @IsOptional()
  @Matches(TERM, { message: 'partyTerm must look like 2020–2025' })
  partyTerm?: string | null;

  @Field(() => String, { nullable: true, description: 'Signer (người ký), up to 200 characters.' })
  @IsOptional()
  @MaxLength(200, { message: 'signer must be at most 200 characters' })
  signer?: string | null;

  @Field(() => [String], { nullable: true, description: 'Recipients (nơi nhận), up to 100, each up to 300 characters.' })
  @IsOptional()
  @ArrayMaxSize(100, { message: 'recipients must list at most 100 entries' })
  @Length(1, 300, { each: true, message: 'each of recipients must be 1 to 300 characters' })
  recipients?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Summary of the content (tóm tắt), up to 20,000 characters.' })
  @IsOptional()
  @MaxLength(20_000, { message: 'summary must be at most 20000 characters' })
  summary?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Earlier documents of the same province this one is based on ("Căn cứ…", "Thực hiện…"). On update, replaces the list when given.' })
  @IsOptional()
  @ArrayMaxSize(100, { message: 'citedDirectiveIds must list at most 100 documents' })
  @IsUUID('all', { each: true, message: 'citedDirectiveIds must hold ids returned by this API' })
  citedDirectiveIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'National documents cited (ReferenceDocument ids, e.g. that of 57-NQ/TW). On update, replaces the list when given.' })
  @IsOptional()
  @ArrayMaxSize(100, { message: 'citedReferenceIds must list at most 100 documents' })
  @Matches(REFERENCE_ID, { each: true, message: 'citedReferenceIds must hold ids of reference documents' })
  citedReferenceIds?: string[] | null;
}

@InputType({ description: 'A new directing document in your province (or a predecessor you act for).' })
export class CreateDirectiveInput extends DirectiveFields {
  @Field(() => DirectiveSystem, { description: 'State or Party document.' })
  @IsIn(Object.values(DirectiveSystem), { message: 'system must be STATE or PARTY' })
  system: DirectiveSystem;

  @Field(() => DirectiveDocType, { description: 'Type of document.' })
  @IsIn(Object.values(DirectiveDocType), { message: 'docType is not a known document type' })
  docType: DirectiveDocType;

  @Field({ description: 'Symbol (ký hiệu), 1 to 60 characters, e.g. "KL/TU", "UBND-KGVX", "KH-SKHCN".' })
  @Length(1, 60, { message: 'symbol must be 1 to 60 characters' })
  @Matches(SYMBOL, { message: 'symbol must be letters, digits, "/" and "-" as written, e.g. KL/TU or UBND-KGVX' })
  symbol: string;

  @Field(() => ID, { description: 'The issuing agency (cơ quan ban hành), an agency of the same province.' })
  @IsUUID('all', { message: 'issuerAgencyId must be an id returned by this API' })
  issuerAgencyId: string;

  @Field({ description: 'Subject (trích yếu, "V/v …"), 2 to 1000 characters.' })
  @Length(2, 1000, { message: 'subject must be 2 to 1000 characters' })
  subject: string;

  @Field(() => String, { nullable: true, description: "Province code; needed only by a successor province entering a predecessor's record." })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}

@InputType({ description: 'Changes to a directing document; omitted fields stay as they are.' })
export class UpdateDirectiveInput extends DirectiveFields {
  @Field(() => ID, { description: 'The document to change.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one in the database gives CONFLICT.' })
  @IsInt()
  @Min(1, { message: 'version must be a positive whole number' })
  version: number;

  @Field(() => DirectiveSystem, { nullable: true, description: 'New system.' })
  @IsOptional()
  @IsIn(Object.values(DirectiveSystem), { message: 'system must be STATE or PARTY' })
  system?: DirectiveSystem;

  @Field(() => DirectiveDocType, { nullable: true, description: 'New type of document.' })
  @IsOptional()
  @IsIn(Object.values(DirectiveDocType), { message: 'docType is not a known document type' })
  docType?: DirectiveDocType;

  @Field(() => String, { nullable: true, description: 'New symbol.' })
  @IsOptional()
  @Length(1, 60, { message: 'symbol must be 1 to 60 characters' })
  @Matches(SYMBOL, { message: 'symbol must be letters, digits, "/" and "-" as written, e.g. KL/TU or UBND-KGVX' })
  symbol?: string;

  @Field(() => ID, { nullable: true, description: 'New issuing agency.' })
  @IsOptional()
  @IsUUID('all', { message: 'issuerAgencyId must be an id returned by this API' })
  issuerAgencyId?: string;

  @Field(() => String, { nullable: true, description: 'New subject.' })
  @IsOptional()
  @Length(2, 1000, { message: 'subject must be 2 to 1000 characters' })
  subject?: string;
}

@InputType({ description: 'Which directing document to delete (soft delete: it and its tasks disappear from lists, stay in the audit log).' })
export class DeleteDirectiveInput {
  @Field(() => ID, { description: 'The document to delete.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read.' })
  @IsInt()
  @Min(1, { message: 'version must be a positive whole number' })
  version: number;
}
