import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../tenancy/request-context';

export interface AuditEntry {
  action: 'CREATE' | 'UPDATE' | 'DELETE' | string;
  entityType: string;
  entityId: string;
  provinceId: number;
  before: object | null;
  after: object | null;
}

/** Writes the one audit row every mutation leaves, in the mutation's own transaction. */
export async function recordAudit(manager: EntityManager, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await manager.query(
    `INSERT INTO audit_log (province_id, actor_id, action, entity_type, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [entry.provinceId, ctx.user?.id ?? null, entry.action, entry.entityType, entry.entityId,
      entry.before === null ? null : JSON.stringify(entry.before), entry.after === null ? null : JSON.stringify(entry.after)],
  );
}
