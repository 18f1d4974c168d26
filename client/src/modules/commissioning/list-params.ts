import {
  COMMISSIONING_STAGES,
  type CommissioningRequestFilter,
  type CommissioningRequestSortField,
  type CommissioningStage,
  type SortDirection,
} from './commissioning-operations';
import { isUuid } from '../../common/ids';

export type ViewMode = 'board' | 'table';

/** Sortable columns of the table, as they appear in the URL. */
export type SortKey = 'title' | 'code' | 'year' | 'budget' | 'plannedEnd' | 'delay' | 'updated';

export const SORT_FIELDS: Record<SortKey, CommissioningRequestSortField> = {
  title: 'TITLE',
  code: 'CODE',
  year: 'YEAR',
  budget: 'BUDGET',
  plannedEnd: 'PLANNED_END',
  delay: 'DELAY_DAYS',
  updated: 'UPDATED_AT',
};

/** First click on a column: text A→Z, earliest due first, the largest, latest and most delayed first. */
export const DEFAULT_DIRECTION: Record<SortKey, SortDirection> = {
  title: 'ASC',
  code: 'ASC',
  year: 'DESC',
  budget: 'DESC',
  plannedEnd: 'ASC',
  delay: 'DESC',
  updated: 'DESC',
};

export const PAGE_SIZES = [20, 50, 100] as const;
/** What the page shows, all of it in the URL so links (also from the dashboard), reloads and back keep the view. */
export interface ListParams {
  view: ViewMode;
  search: string;
  stages: CommissioningStage[];
  delayed: boolean;
  provinceCode: string;
  agencyId: string;
  associationId: string;
  areaId: string;
  year: string;
  sort: SortKey | null;
  direction: SortDirection;
  pageSize: number;
}

function isSortKey(v: string | null): v is SortKey {
  return v !== null && v in SORT_FIELDS;
}

export function readStages(value: string | null): CommissioningStage[] {
  return (value ?? '').split(',').filter((s): s is CommissioningStage => (COMMISSIONING_STAGES as readonly string[]).includes(s));
}

export function readListParams(p: URLSearchParams): ListParams {
  const sortRaw = p.get('sort');
  const sort = isSortKey(sortRaw) ? sortRaw : null;
  const dir = p.get('dir');
  const size = Number(p.get('size'));
  const province = p.get('province') ?? '';
  const id = (name: string) => {
    const v = p.get(name) ?? '';
    return isUuid(v) ? v : '';
  };
  const area = p.get('area') ?? '';
  const year = p.get('year') ?? '';
  return {
    view: p.get('view') === 'table' ? 'table' : 'board',
    search: p.get('q') ?? '',
    stages: readStages(p.get('stage')),
    delayed: p.get('delayed') === '1',
    provinceCode: /^\d{2}$/.test(province) ? province : '',
    agencyId: id('agency'),
    associationId: id('association'),
    areaId: /^\d+$/.test(area) ? area : '',
    year: /^\d{4}$/.test(year) ? year : '',
    sort,
    direction: dir === 'asc' ? 'ASC' : dir === 'desc' ? 'DESC' : sort ? DEFAULT_DIRECTION[sort] : 'DESC',
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : PAGE_SIZES[0],
  };
}

/** The URL form of `p`, leaving out defaults. */
export function writeListParams(p: ListParams): URLSearchParams {
  const out = new URLSearchParams();
  if (p.view === 'table') out.set('view', 'table');
  if (p.search.trim()) out.set('q', p.search);
  if (p.stages.length) out.set('stage', p.stages.join(','));
  if (p.delayed) out.set('delayed', '1');
  if (p.provinceCode) out.set('province', p.provinceCode);
  if (p.agencyId) out.set('agency', p.agencyId);
  if (p.associationId) out.set('association', p.associationId);
  if (p.areaId) out.set('area', p.areaId);
  if (p.year) out.set('year', p.year);
  if (p.sort) {
    out.set('sort', p.sort);
    out.set('dir', p.direction === 'ASC' ? 'asc' : 'desc');
  }
  if (p.pageSize !== PAGE_SIZES[0]) out.set('size', String(p.pageSize));
  return out;
}

/** The server filter for `p`; `stages` is left to the caller on the board, where each column has its own stage. */
export function filterOf(p: ListParams, withStages = true): CommissioningRequestFilter {
  const f: CommissioningRequestFilter = {};
  const search = p.search.trim();
  if (search) f.search = search;
  if (withStages && p.stages.length) f.stages = p.stages;
  if (p.delayed) f.delayed = true;
  if (p.provinceCode) f.provinceCode = p.provinceCode;
  if (p.agencyId) f.requestingAgencyId = p.agencyId;
  if (p.associationId) f.assignedAssociationId = p.associationId;
  if (p.areaId) f.researchAreaId = p.areaId;
  if (p.year) f.year = Number(p.year);
  return f;
}

export function hasFilters(p: ListParams): boolean {
  return Boolean(p.search.trim() || p.stages.length || p.delayed || p.provinceCode || p.agencyId || p.associationId || p.areaId || p.year);
}
