import type { DomainModule } from '../module';
import { Agency } from './agency.entity';

export const agenciesModule: DomainModule = { resolvers: [], entities: [Agency] };
