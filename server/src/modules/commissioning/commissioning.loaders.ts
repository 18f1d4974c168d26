import DataLoader from 'dataloader';
import { childrenLoader, LoaderFactory } from '../../common/loaders';
import { CommissioningCheck } from './commissioning-check.entity';
import { CommissioningRequest } from './commissioning-request.entity';
import { requestColumnsSql, toRequest } from './commissioning-request.rows';
import { CommissioningTransition } from './commissioning-transition.entity';
import { ResearchArea } from './research-area.entity';

/**
 * The research-area catalogue is reference data: read-only for the server role (SELECT only) and
 * changed by migrations alone, which run before the server starts. It is read once per process, on
 * a request's own transaction, and served from memory after that, so a list of requests with their
 * research areas costs no statement for them (one fewer per page; measured in tests/bench Q3).
 */
let researchAreaCatalogue: Promise<Map<number, ResearchArea>> | undefined;

/** Research areas by id (reference data, cached per process). */
export const researchAreaById: LoaderFactory<number, ResearchArea | null> = (tx) =>
  new DataLoader<number, ResearchArea | null>(async (ids) => {
    const catalogue = (researchAreaCatalogue ??= (async () => {
      const manager = await tx.manager();
      const rows = await manager.getRepository(ResearchArea).find();
      return new Map(rows.map((r) => [Number(r.id), r]));
    })());
    // A failed first read (e.g. the request's transaction failed) is retried by the next request.
    catalogue.catch(() => {
      if (researchAreaCatalogue === catalogue) researchAreaCatalogue = undefined;
    });
    const byId = await catalogue;
    return ids.map((id) => byId.get(Number(id)) ?? null);
  });

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
