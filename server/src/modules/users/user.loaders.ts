import { byIdLoader } from '../../common/loaders';
import { User } from './user.entity';

export const userById = byIdLoader(User);
