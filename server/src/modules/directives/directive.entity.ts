import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LocalDateResolver } from 'graphql-scalars';
import { DirectiveDocType, DirectiveSystem } from './directive.enums';
import { VersionedEntity } from '../../common/versioned-entity';

@ObjectType({
  description: 'A directing document (văn bản chỉ đạo) of a province: a conclusion, official letter, plan… that assigns numbered tasks, e.g. Kết luận 463-KL/TU or Công văn 2640/UBND-KGVX.',
})
@Entity('directives')
export class Directive extends VersionedEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('smallint', { name: 'province_id' })
  provinceId: number;

  @Field(() => DirectiveSystem, { description: 'State or Party document (hệ thống văn bản).' })
  @Column('text')
  system: DirectiveSystem;

  @Field(() => DirectiveDocType, { description: 'Type of document (loại văn bản).' })
  @Column('text', { name: 'doc_type' })
  docType: DirectiveDocType;

  @Field(() => Int, { nullable: true, description: 'Number (số), e.g. 463; null for a draft that has no number yet.' })
  @Column('integer', { nullable: true })
  number: number | null;

  @Field({ description: 'Symbol (ký hiệu), e.g. "KL/TU", "UBND-KGVX", "KH-SKHCN".' })
  @Column('text')
  symbol: string;

  @Field({ description: 'Number and symbol as written (số, ký hiệu): "463-KL/TU" for Party documents, "2640/UBND-KGVX" for state ones, "/KH-SKHCN" for a draft.' })
  @Column('text', { name: 'number_symbol' })
  numberSymbol: string;

  @Column('uuid', { name: 'issuer_agency_id' })
  issuerAgencyId: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Date of issue (ngày ban hành); required once the document has a number.' })
  @Column('date', { name: 'issued_on', nullable: true })
  issuedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Party committee term (nhiệm kỳ) such as "2020–2025"; required for numbered Party documents.' })
  @Column('text', { name: 'party_term', nullable: true })
  partyTerm: string | null;

  @Field({ description: 'Subject (trích yếu, "V/v …").' })
  @Column('text')
  subject: string;

  @Field(() => String, { nullable: true, description: 'Signer (người ký), e.g. "Phó Chủ tịch Nguyễn Văn A".' })
  @Column('text', { nullable: true })
  signer: string | null;

  @Field(() => [String], { description: 'Recipients (nơi nhận) as written on the document.' })
  @Column('text', { array: true })
  recipients: string[];

  @Field(() => String, { nullable: true, description: 'Summary of the content (tóm tắt nội dung).' })
  @Column('text', { nullable: true })
  summary: string | null;
}
