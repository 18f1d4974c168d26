import type { DomainModule } from '../module';
import { AuditEntry } from './audit-entry.entity';
import { AuditResolver } from './audit.resolver';

export const auditModule: DomainModule = { resolvers: [AuditResolver], entities: [AuditEntry] };
