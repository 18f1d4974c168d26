import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum ResearchAreaKind {
  FIELD = 'FIELD',
  PRIORITY = 'PRIORITY',
}
registerEnumType(ResearchAreaKind, {
  name: 'ResearchAreaKind',
  description: 'Kind of research area (loại lĩnh vực nghiên cứu).',
  valuesConfig: {
    FIELD: { description: 'A field of the national S&T classification (lĩnh vực KH&CN, Quyết định 12/2008/QĐ-BKHCN).' },
    PRIORITY: { description: 'A priority research need named by the province (hướng nghiên cứu ưu tiên), e.g. waste treatment.' },
  },
});

@ObjectType({ description: 'A research area (lĩnh vực nghiên cứu): shared reference data, the same for every province.' })
@Entity('research_areas')
export class ResearchArea {
  @Field(() => ID, { description: 'Stable identifier (a small number).' })
  @PrimaryColumn('smallint')
  id: number;

  @Field({ description: 'Code (mã), e.g. "2" for engineering and technology or "P-WASTE".' })
  @Column('text')
  code: string;

  @Field(() => ResearchAreaKind, { description: 'Classification field or priority need.' })
  @Column('text')
  kind: ResearchAreaKind;

  @Field({ description: 'Vietnamese name (tên), e.g. "Xử lý chất thải".' })
  @Column('text')
  name: string;

  @Field({ description: 'English name, e.g. "Waste treatment".' })
  @Column('text', { name: 'name_en' })
  nameEn: string;

  @Column('smallint', { name: 'parent_id', nullable: true })
  parentId: number | null;
}
