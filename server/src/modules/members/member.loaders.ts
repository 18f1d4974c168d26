import { byIdLoader, childrenLoader } from '../../common/loaders';
import { Member, Membership } from './member.entity';

/** Live members by id. */
export const memberById = byIdLoader(Member);
/** Members by id, deleted ones included: a membership always names its member. */
export const memberByIdWithDeleted = byIdLoader(Member, { includeDeleted: true });
/** Every membership of a member, oldest first. */
export const membershipsByMember = childrenLoader(Membership, 'memberId', 'e.joined_on');
