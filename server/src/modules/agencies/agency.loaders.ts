import { byIdLoader, byIdLoaderReading, childrenLoader } from '../../common/loaders';
import type { Projection } from '../../common/selection';
import { Agency } from './agency.entity';

/** Agencies by id (lead and coordinating units, issuers, requesting and adopting agencies). */
export const agencyById = byIdLoader(Agency);
/** Direct sub-units of an agency, by name. */
export const agencyChildren = childrenLoader(Agency, 'parentId', 'e.name');

/** What a selection of Agency reads (`propertiesFor`). */
export const AGENCY_PROJECTION: Projection = {
  always: ['id', 'provinceId'],
  reads: { province: ['provinceId'], parent: ['parentId'], children: ['id'] },
};
/**
 * Agencies by id, deleted ones included (a record keeps showing who commissioned or adopted it),
 * reading only the properties of AGENCY_PROJECTION asked for.
 */
export const agencyWithDeletedReading = byIdLoaderReading(Agency, { includeDeleted: true });
