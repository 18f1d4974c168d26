import { badField, forbidden, notFound } from '../../common/errors';
import { isUuid } from '../../common/input-rules';
import { returnedRows, rowToEntity } from '../../common/rows';
import type { RequestContext } from '../../tenancy/request-context';
import { Role } from '../../tenancy/roles';
import { targetProvince } from '../../tenancy/target-province';
import { recordAudit } from '../audit/audit.service';
import { CreateApiKeyInput, CreateApiKeyPayload, RevokeApiKeyInput } from './dto/api-key.inputs';
import { ApiKey, ApiKeyScope } from './api-key.entity';
import { generateApiKey, hashApiKey, visiblePrefix } from './api-key.secret';

const ENTITY = 'ApiKey';
/** Columns safe to return and audit: never key_hash. */
const PUBLIC_COLUMNS = 'id, province_id, name, scope, prefix, created_by, created_at, last_used_at, revoked_at, revoked_by';

/** Keys are managed by people: a request made with a key cannot create, list or revoke keys. */
function refuseKeyCallers(ctx: RequestContext): void {
  if (ctx.apiKeyId) throw forbidden('API keys cannot manage API keys; log in as a person.');
}

/**
 * Audit rows belong to a province (audit_log.province_id is NOT NULL and written under
 * app_can_write), so ministry-wide keys, which the ministry manages without write rights to any
 * province, leave no audit row; their created_by/revoked_by/revoked_at columns are the record.
 */
async function audit(ctx: RequestContext, action: string, provinceId: number | null, id: string, before: object | null, after: object | null): Promise<void> {
  if (provinceId === null) return;
  const manager = await ctx.tx.manager();
  await recordAudit(manager, ctx, { action, entityType: ENTITY, entityId: id, provinceId, before, after });
}

export class ApiKeyService {
  async list(ctx: RequestContext): Promise<ApiKey[]> {
    refuseKeyCallers(ctx);
    const manager = await ctx.tx.manager();
    const qb = manager.getRepository(ApiKey).createQueryBuilder('k');
    // RLS shows only keys the caller manages; say which in the query as well.
    if (ctx.user?.role === Role.MINISTRY_ANALYST) qb.where('k.province_id IS NULL');
    else qb.where('k.province_id = ANY(:ids)', { ids: ctx.scope.provinceIds });
    return qb.orderBy('k.created_at', 'DESC').addOrderBy('k.id', 'ASC').getMany();
  }

  async create(ctx: RequestContext, input: CreateApiKeyInput): Promise<CreateApiKeyPayload> {
    refuseKeyCallers(ctx);
    const name = input.name.trim();
    if (!name) throw badField('name', 'length', 'name must be 1 to 100 characters');
    let provinceId: number | null;
    if (ctx.user?.role === Role.MINISTRY_ANALYST) {
      if (input.provinceCode) throw forbidden('The ministry creates ministry-wide keys only; leave provinceCode empty.');
      if (input.scope !== ApiKeyScope.READ_ONLY) throw forbidden('Ministry-wide keys are read-only: the ministry writes no province data.');
      provinceId = null;
    } else if (ctx.user?.role === Role.PROVINCE_ADMIN) {
      provinceId = targetProvince(ctx, input.provinceCode);
    } else {
      throw forbidden();
    }
    const key = generateApiKey();
    const manager = await ctx.tx.manager();
    const [row] = returnedRows(await manager.query(
      `INSERT INTO api_keys (province_id, name, scope, prefix, key_hash, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${PUBLIC_COLUMNS}`,
      [provinceId, name, input.scope, visiblePrefix(key), hashApiKey(key), ctx.user.id],
    ));
    await audit(ctx, 'CREATE', provinceId, row.id as string, null, row);
    return { key, apiKey: rowToEntity(manager, ApiKey, row) };
  }

  async revoke(ctx: RequestContext, input: RevokeApiKeyInput): Promise<ApiKey> {
    refuseKeyCallers(ctx);
    if (!isUuid(input.id)) throw notFound('API key');
    const manager = await ctx.tx.manager();
    const [before] = returnedRows(await manager.query(
      `SELECT ${PUBLIC_COLUMNS} FROM api_keys WHERE id = $1 FOR UPDATE`, [input.id]));
    if (!before) throw notFound('API key');
    if (before.revoked_at) return rowToEntity(manager, ApiKey, before);
    const [after] = returnedRows(await manager.query(
      `UPDATE api_keys SET revoked_at = now(), revoked_by = $2 WHERE id = $1 RETURNING ${PUBLIC_COLUMNS}`,
      [input.id, ctx.user?.id],
    ));
    if (!after) throw notFound('API key');
    await audit(ctx, 'REVOKE', before.province_id as number | null, input.id, before, after);
    return rowToEntity(manager, ApiKey, after);
  }
}
