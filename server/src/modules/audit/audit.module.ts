import type { DomainModule } from '../module';

export const auditModule: DomainModule = { resolvers: [], entities: [] };
