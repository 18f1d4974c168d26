import type { DomainModule } from '../module';
import { Agency } from './agency.entity';
import { AgencyResolver } from './agency.resolver';

export const agenciesModule: DomainModule = { resolvers: [AgencyResolver], entities: [Agency] };
