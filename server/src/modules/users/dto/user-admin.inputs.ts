import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { DateTimeResolver } from 'graphql-scalars';
import { Role } from '../../../tenancy/roles';
import { User } from '../user.entity';

/** Roles a province admin may give: every province role, never the ministry's. */
export const PROVINCE_ROLES = [Role.PROVINCE_ADMIN, Role.PROVINCE_EDITOR, Role.PROVINCE_VIEWER] as const;
const ROLE_MESSAGE = 'role must be PROVINCE_ADMIN, PROVINCE_EDITOR or PROVINCE_VIEWER';

@InputType({ description: 'Filter for users.' })
export class UserFilter {
  @Field(() => String, { nullable: true, description: 'Part of the e-mail or full name; ignores case and diacritics.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field(() => Role, { nullable: true, description: 'Only this role.' })
  @IsOptional()
  role?: Role;

  @Field(() => Boolean, { nullable: true, description: 'true: only disabled accounts; false: only enabled ones.' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

@InputType({ description: 'A new user of your province, who sets a password by accepting the invitation.' })
export class InviteUserInput {
  @Field({ description: 'Login e-mail; must not have an account yet anywhere on the platform.' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email: string;

  @Field({ description: 'Full name (họ và tên), 2 to 200 characters.' })
  @Length(2, 200, { message: 'fullName must be 2 to 200 characters' })
  fullName: string;

  @Field(() => Role, { description: 'PROVINCE_ADMIN, PROVINCE_EDITOR or PROVINCE_VIEWER.' })
  @IsIn(PROVINCE_ROLES, { message: ROLE_MESSAGE })
  role: Role;

  @Field(() => String, { nullable: true, description: 'Province code; your own province when omitted (a successor may name a predecessor).' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}

@ObjectType({ description: 'The invited user and the one-time invitation token (shown only here, once).' })
export class InviteUserPayload {
  @Field(() => User, { description: 'The new user; cannot log in until the invitation is accepted.' })
  user: User;

  @Field({ description: 'One-time token for `acceptInvitation`; only its hash is stored, so it cannot be shown again.' })
  invitationToken: string;

  @Field(() => DateTimeResolver, { description: 'When the token stops working.' })
  expiresAt: Date;
}

@InputType({ description: 'An invitation token and the password to set.' })
export class AcceptInvitationInput {
  @Field({ description: 'The token from `inviteUser`.' })
  @Length(1, 200, { message: 'token must not be empty' })
  token: string;

  @Field({ description: 'New password, at least 12 characters.' })
  @Length(12, 200, { message: 'password must be 12 to 200 characters' })
  password: string;
}

@InputType({ description: 'Which user, at which version.' })
export class UserVersionInput {
  @Field(() => ID, { description: 'The user.' })
  @IsUUID('all', { message: 'id must be an id returned by this API' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one in the database gives CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;
}

@InputType({ description: 'A new role for a user of your province.' })
export class ChangeUserRoleInput extends UserVersionInput {
  @Field(() => Role, { description: 'PROVINCE_ADMIN, PROVINCE_EDITOR or PROVINCE_VIEWER.' })
  @IsIn(PROVINCE_ROLES, { message: ROLE_MESSAGE })
  role: Role;
}
