import DataLoader from 'dataloader';
import { byIdLoader, childrenLoader, LoaderFactory } from '../../common/loaders';
import { Agency } from '../agencies/agency.entity';
import { CommissioningCheck } from './commissioning-check.entity';
import { CommissioningRequest } from './commissioning-request.entity';
import { requestColumnsSql, toRequest } from './commissioning-request.rows';
import { CommissioningTransition } from './commissioning-transition.entity';
import { ResearchArea } from './research-area.entity';

/** Research areas by id (reference data). */
export const researchAreaById = byIdLoader<ResearchArea, number>(ResearchArea);

/**
 * Agencies by id including soft-deleted ones: a task keeps showing who commissioned or adopted it
 * even after that agency is removed from the directory.
 */
export const agencyByIdWithDeleted = byIdLoader(Agency, { includeDeleted: true });

/** A task's stage history, oldest first. */
export const transitionsByRequest = childrenLoader(CommissioningTransition, 'requestId', 'e.at');

/** A task's progress checks, by day checked. */
export const checksByRequest = childrenLoader(CommissioningCheck, 'requestId', 'e.checked_on');

/** Commissioned tasks by id, with their computed delay. */
export const commissioningRequestById: LoaderFactory<string, CommissioningRequest | null> = (tx) =>
  new DataLoader<string, CommissioningRequest | null>(async (ids) => {
    const manager = await tx.manager();
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT ${requestColumnsSql('r')} FROM commissioning_requests r WHERE r.id = ANY($1::uuid[]) AND r.deleted_at IS NULL`,
      [[...ids]],
    );
    const byId = new Map(rows.map((row) => [row.id as string, toRequest(manager, row)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
