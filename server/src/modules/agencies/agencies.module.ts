import type { DomainModule } from '../module';

export const agenciesModule: DomainModule = { resolvers: [], entities: [] };
