import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { IsIn, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { ApiKey, ApiKeyScope } from '../api-key.entity';

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, 1 to 100 characters.' })
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  name: string;

  @Field(() => ApiKeyScope, { description: 'READ_ONLY or READ_WRITE; ministry-wide keys are READ_ONLY.' })
  @IsIn(Object.values(ApiKeyScope))
  scope: ApiKeyScope;

  @Field(() => String, {
    nullable: true,
    description: 'Province admins: your province (default) or a predecessor you act for. Ministry analysts: leave empty, the key is ministry-wide.',
  })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string | null;
}

@InputType({ description: 'The API key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an API key id' })
  id: string;
}

@ObjectType({ description: 'A created API key. `key` is shown only here, once: store it now.' })
export class CreateApiKeyPayload {
  @Field({ description: 'The full key; send it as `Authorization: Bearer <key>`. It cannot be shown again.' })
  key: string;

  @Field(() => ApiKey)
  apiKey: ApiKey;
}
