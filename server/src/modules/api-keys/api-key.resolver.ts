import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../tenancy/request-context';
import { Role } from '../../tenancy/roles';
import { Province } from '../provinces/province.entity';
import { ApiKey } from './api-key.entity';
import { ApiKeyService } from './api-key.service';
import { CreateApiKeyInput, CreateApiKeyPayload, RevokeApiKeyInput } from './dto/api-key.inputs';

const KEY_MANAGERS = [Role.PROVINCE_ADMIN, Role.MINISTRY_ANALYST];

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  private readonly service = new ApiKeyService();

  @Authorized(KEY_MANAGERS)
  @Query(() => [ApiKey], {
    description: "API keys you manage, newest first, revoked ones included: your province's (province admins) or the ministry-wide ones (ministry analysts). Never the key itself.",
  })
  apiKeys(@Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    return this.service.list(ctx);
  }

  @Authorized(KEY_MANAGERS)
  @Mutation(() => CreateApiKeyPayload, {
    description: 'Creates an API key: province admins for their province (READ_ONLY or READ_WRITE), ministry analysts ministry-wide READ_ONLY keys. The key is returned only in this answer.',
  })
  createApiKey(@Arg('input') input: CreateApiKeyInput, @Ctx() ctx: RequestContext): Promise<CreateApiKeyPayload> {
    return this.service.create(ctx, input);
  }

  @Authorized(KEY_MANAGERS)
  @Mutation(() => ApiKey, { description: 'Revokes an API key; it is refused from the next request on. Revoking a revoked key changes nothing.' })
  revokeApiKey(@Arg('input') input: RevokeApiKeyInput, @Ctx() ctx: RequestContext): Promise<ApiKey> {
    return this.service.revoke(ctx, input);
  }

  @FieldResolver(() => Province, { nullable: true, description: 'The province the key acts in; null for a ministry-wide key.' })
  province(@Root() k: ApiKey, @Ctx() ctx: RequestContext): Province | null {
    return k.provinceId === null ? null : ctx.provinces.byIdOrThrow(k.provinceId);
  }
}
