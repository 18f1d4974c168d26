import type { DomainModule } from '../module';

export const activitiesModule: DomainModule = { resolvers: [], entities: [] };
