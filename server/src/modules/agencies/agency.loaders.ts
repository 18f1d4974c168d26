import { byIdLoader, childrenLoader } from '../../common/loaders';
import { Agency } from './agency.entity';

/** Agencies by id (lead and coordinating units, issuers, requesting and adopting agencies). */
export const agencyById = byIdLoader(Agency);
/** Direct sub-units of an agency, by name. */
export const agencyChildren = childrenLoader(Agency, 'parentId', 'e.name');
