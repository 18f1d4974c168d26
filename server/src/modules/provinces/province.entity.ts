import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum ProvinceStatus {
  ACTIVE = 'ACTIVE',
  MERGED = 'MERGED',
}
registerEnumType(ProvinceStatus, {
  name: 'ProvinceStatus',
  description: 'Whether a provincial unit exists today or was merged in the 2025 reform.',
  valuesConfig: {
    ACTIVE: { description: 'One of the 34 current provincial-level units.' },
    MERGED: { description: 'A former province merged into another from 01/07/2025 (Nghị quyết 202/2025/QH15).' },
  },
});

export enum ProvinceKind {
  CITY = 'CITY',
  PROVINCE = 'PROVINCE',
}
registerEnumType(ProvinceKind, {
  name: 'ProvinceKind',
  description: 'Centrally-run city (thành phố trực thuộc trung ương) or province (tỉnh).',
});

@ObjectType({ description: 'A provincial-level unit (tỉnh, thành phố): the tenant that owns province data.' })
@Entity('provinces')
export class Province {
  @PrimaryColumn('smallint')
  id: number;

  @Field({ description: 'Official two-digit code (mã tỉnh, Quyết định 19/2025/QĐ-TTg), e.g. "75" for Đồng Nai.' })
  @Column('text')
  code: string;

  @Field({ description: 'Vietnamese name (tên), e.g. "Đồng Nai".' })
  @Column('text')
  name: string;

  @Field(() => ProvinceKind, { description: 'City or province.' })
  @Column('text')
  kind: ProvinceKind;

  @Field(() => ProvinceStatus, { description: 'ACTIVE, or MERGED into another unit.' })
  @Column('text')
  status: ProvinceStatus;

  @Column('smallint', { name: 'merged_into_id', nullable: true })
  mergedIntoId: number | null;

  @Field(() => String, { nullable: true, description: 'Date of the merger (ngày sáp nhập), yyyy-mm-dd; null when active.' })
  @Column('date', { name: 'merged_on', nullable: true })
  mergedOn: string | null;
}
