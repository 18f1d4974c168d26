import { Field, InputType, ObjectType } from 'type-graphql';
import { IsEmail, Length } from 'class-validator';
import { DateTimeResolver } from 'graphql-scalars';
import { User } from '../user.entity';

@InputType({ description: 'E-mail and password (đăng nhập).' })
export class LoginInput {
  @Field({ description: 'Login e-mail.' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email: string;

  @Field({ description: 'Password.' })
  @Length(1, 200, { message: 'password must not be empty' })
  password: string;
}

@ObjectType({ description: 'A bearer token for `Authorization: Bearer <token>`, with the user it belongs to.' })
export class LoginPayload {
  @Field({ description: 'Signed token; send it as `Authorization: Bearer <token>`.' })
  token: string;

  @Field(() => DateTimeResolver, { description: 'When the token stops working.' })
  expiresAt: Date;

  @Field(() => User, { description: 'Who logged in.' })
  user: User;
}
