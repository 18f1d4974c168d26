import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../tenancy/roles';

@ObjectType({ description: 'A person who logs in (người dùng).' })
@Entity('users')
export class User {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('smallint', { name: 'province_id', nullable: true })
  provinceId: number | null;

  @Field({ description: 'Login e-mail, lower case.' })
  @Column('text')
  email: string;

  @Field({ description: 'Full name (họ và tên).' })
  @Column('text', { name: 'full_name' })
  fullName: string;

  @Field(() => Role, { description: 'What the user may do.' })
  @Column('text')
  role: Role;

  @Column('text', { name: 'password_hash', select: false })
  passwordHash: string;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the account was disabled; null while it may log in.' })
  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  @Field(() => Int, { description: 'Row version; send it back with a change (optimistic locking).' })
  @Column('integer')
  version: number;
}
