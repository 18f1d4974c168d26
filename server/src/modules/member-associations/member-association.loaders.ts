import { byIdLoader, byIdLoaderReading } from '../../common/loaders';
import type { Projection } from '../../common/selection';
import { MemberAssociation } from './member-association.entity';

export const memberAssociationById = byIdLoader(MemberAssociation);

/** What a selection of MemberAssociation reads (`propertiesFor`). */
export const MEMBER_ASSOCIATION_PROJECTION: Projection = {
  always: ['id', 'provinceId'],
  reads: { members: ['id'], province: ['provinceId'] },
};
/** Live associations by id, reading only the properties of MEMBER_ASSOCIATION_PROJECTION asked for. */
export const memberAssociationReading = byIdLoaderReading(MemberAssociation);
