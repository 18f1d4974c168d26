import type { DomainModule } from '../module';
import { ApiKey } from './api-key.entity';
import { ApiKeyResolver } from './api-key.resolver';

export const apiKeysModule: DomainModule = { resolvers: [ApiKeyResolver], entities: [ApiKey] };
