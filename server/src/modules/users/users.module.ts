import type { DomainModule } from '../module';
import { UserAdminResolver } from './user-admin.resolver';
import { User } from './user.entity';
import { UserResolver } from './user.resolver';

export const usersModule: DomainModule = { resolvers: [UserResolver, UserAdminResolver], entities: [User] };
