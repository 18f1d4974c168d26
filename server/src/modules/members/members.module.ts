import type { DomainModule } from '../module';
import { Member, Membership } from './member.entity';
import { MemberResolver, MembershipResolver } from './member.resolver';

export const membersModule: DomainModule = { resolvers: [MemberResolver, MembershipResolver], entities: [Member, Membership] };
