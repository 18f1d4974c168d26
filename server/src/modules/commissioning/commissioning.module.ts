import type { DomainModule } from '../module';

export const commissioningModule: DomainModule = { resolvers: [], entities: [] };
