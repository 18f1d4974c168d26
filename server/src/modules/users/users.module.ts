import type { DomainModule } from '../module';
import { User } from './user.entity';
import { UserResolver } from './user.resolver';

export const usersModule: DomainModule = { resolvers: [UserResolver], entities: [User] };
