import type { DomainModule } from '../module';

export const membersModule: DomainModule = { resolvers: [], entities: [] };
