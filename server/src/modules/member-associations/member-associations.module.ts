import type { DomainModule } from '../module';
import { MemberAssociation } from './member-association.entity';
import { MemberAssociationResolver } from './member-association.resolver';

export const memberAssociationsModule: DomainModule = { resolvers: [MemberAssociationResolver], entities: [MemberAssociation] };
