import type { DomainModule } from '../module';
import { CommissioningCheck } from './commissioning-check.entity';
import { CommissioningRequest } from './commissioning-request.entity';
import { CommissioningTransition } from './commissioning-transition.entity';
import {
  CommissioningCheckResolver, CommissioningRequestResolver, CommissioningTransitionResolver, ResearchAreaResolver,
} from './commissioning.resolver';
import { ResearchArea } from './research-area.entity';

export const commissioningModule: DomainModule = {
  resolvers: [CommissioningRequestResolver, CommissioningTransitionResolver, CommissioningCheckResolver, ResearchAreaResolver],
  entities: [CommissioningRequest, CommissioningTransition, CommissioningCheck, ResearchArea],
};
