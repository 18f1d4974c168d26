import type { DomainModule } from '../module';
import { Activity } from './activity.entity';
import { ActivityResolver } from './activity.resolver';

export const activitiesModule: DomainModule = { resolvers: [ActivityResolver], entities: [Activity] };
