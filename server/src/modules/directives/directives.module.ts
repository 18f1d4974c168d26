import type { DomainModule } from '../module';

export const directivesModule: DomainModule = { resolvers: [], entities: [] };
