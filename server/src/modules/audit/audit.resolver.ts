import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionShape, pageOf, toConnection } from '../../common/pagination';
import { provinceIdOf } from '../../common/input-rules';
import type { RequestContext } from '../../tenancy/request-context';
import { Role } from '../../tenancy/roles';
import { Province } from '../provinces/province.entity';
import { User } from '../users/user.entity';
import { userById } from '../users/user.loaders';
import { AuditEntry } from './audit-entry.entity';
import { AuditLogFilter } from './dto/audit.inputs';

const AuditEntryConnection = Connection(AuditEntry, 'AuditEntry', 'audit entries');

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized([Role.PROVINCE_ADMIN])
  @Query(() => AuditEntryConnection, {
    description: "The audit log of your province (newest first): every change with actor, time, before and after. With `filter.entityId`, one record's history. Province administrators only.",
  })
  async auditLog(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after?: string,
    @Arg('filter', () => AuditLogFilter, { nullable: true }) filter?: AuditLogFilter,
  ): Promise<ConnectionShape<AuditEntry>> {
    const page = pageOf(first, after);
    const manager = await ctx.tx.manager();
    const qb = manager.getRepository(AuditEntry).createQueryBuilder('a');
    if (filter?.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter?.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter?.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter?.actorId) qb.andWhere('a.actor_id::text = :actorId', { actorId: filter.actorId });
    if (filter?.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter?.to) qb.andWhere('a.at < :to', { to: filter.to });
    if (filter?.provinceCode) {
      qb.andWhere('a.province_id = :provinceId', { provinceId: provinceIdOf(ctx, filter.provinceCode) });
    }
    qb.orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').addSelect('count(*) OVER ()', 'total_count').offset(page.offset).limit(page.limit);
    const { entities, raw } = await qb.getRawAndEntities<{ total_count: number }>();
    const total = raw.length > 0 ? Number(raw[0].total_count) : page.offset === 0 ? 0 : await qb.getCount();
    return toConnection(entities, total, page);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who made the change (null for system loads).' })
  actor(@Root() a: AuditEntry, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return a.actorId ? ctx.loaders.get(userById).load(a.actorId) : null;
  }

  @FieldResolver(() => Province, { description: 'The province whose record changed.' })
  province(@Root() a: AuditEntry, @Ctx() ctx: RequestContext): Province {
    return ctx.provinces.byIdOrThrow(a.provinceId);
  }
}
