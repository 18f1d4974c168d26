import { byIdLoader } from '../../common/loaders';
import { MemberAssociation } from './member-association.entity';

export const memberAssociationById = byIdLoader(MemberAssociation);
