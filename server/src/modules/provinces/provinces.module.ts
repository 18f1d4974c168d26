import type { DomainModule } from '../module';
import { Province } from './province.entity';
import { ProvinceResolver } from './province.resolver';

export const provincesModule: DomainModule = { resolvers: [ProvinceResolver], entities: [Province] };
