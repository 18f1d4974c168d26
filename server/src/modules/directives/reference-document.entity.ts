import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LocalDateResolver } from 'graphql-scalars';
import { DirectiveDocType } from './directive.enums';

@ObjectType({
  description: 'A national document (văn bản trung ương) every province may cite, e.g. Nghị quyết 57-NQ/TW or 03/NQ-CP. Shared reference data, read-only.',
})
@Entity('reference_documents')
export class ReferenceDocument {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryColumn('smallint')
  id: number;

  @Field({ description: 'Number and symbol as written (số, ký hiệu), e.g. "57-NQ/TW", "03/NQ-CP".' })
  @Column('text', { name: 'number_symbol' })
  numberSymbol: string;

  @Field(() => DirectiveDocType, { description: 'Type of document (loại văn bản).' })
  @Column('text', { name: 'doc_type' })
  docType: DirectiveDocType;

  @Field({ description: 'Issuing body (cơ quan ban hành), e.g. "Bộ Chính trị", "Chính phủ".' })
  @Column('text')
  issuer: string;

  @Field(() => LocalDateResolver, { description: 'Date of issue (ngày ban hành).' })
  @Column('date', { name: 'issued_on' })
  issuedOn: string;

  @Field({ description: 'Subject (trích yếu).' })
  @Column('text')
  subject: string;
}
