import DataLoader from 'dataloader';
import type { RequestTransaction } from './tenancy/request-transaction';
import { User } from './modules/users/user.entity';

/**
 * Per-request DataLoaders: one batched statement per relation and page, on the request's own
 * transaction (so row-level security applies), never shared between requests.
 */
export interface Loaders {
  userById: DataLoader<string, User | null>;
}

export function createLoaders(tx: RequestTransaction): Loaders {
  return {
    userById: new DataLoader(async (ids) => {
      const manager = await tx.manager();
      const users = await manager.getRepository(User).createQueryBuilder('u').where('u.id = ANY(:ids)', { ids: [...ids] }).getMany();
      const byId = new Map(users.map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
