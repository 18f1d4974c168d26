import type { DomainModule } from '../module';
import { IndicatorResolver } from './indicator.resolver';

export const indicatorsModule: DomainModule = { resolvers: [IndicatorResolver], entities: [] };
