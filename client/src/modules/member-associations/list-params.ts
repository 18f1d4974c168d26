import { STATUSES, type MemberAssociationFilter, type MemberAssociationStatus, type SortDirection, type SortField } from './member-association-operations';

/** The sortable columns of the list, as they appear in the URL. */
export type SortKey = 'name' | 'founded' | 'members';

export const SORT_FIELDS: Record<SortKey, SortField> = {
  name: 'NAME',
  founded: 'FOUNDED_ON',
  members: 'MEMBER_COUNT',
};

/** First click on a column: names A→Z, oldest first, largest membership first. */
export const DEFAULT_DIRECTION: Record<SortKey, SortDirection> = {
  name: 'ASC',
  founded: 'ASC',
  members: 'DESC',
};

export const PAGE_SIZES = [20, 50, 100] as const;

/** What the list shows, kept in the URL so links, reloads and the back button keep the view. */
export interface ListParams {
  search: string;
  status: MemberAssociationStatus | '';
  provinceCode: string;
  sort: SortKey;
  direction: SortDirection;
  pageSize: number;
}

function isSortKey(v: string | null): v is SortKey {
  return v === 'name' || v === 'founded' || v === 'members';
}

function isStatus(v: string | null): v is MemberAssociationStatus {
  return v !== null && (STATUSES as readonly string[]).includes(v);
}

export function readListParams(params: URLSearchParams): ListParams {
  const sortRaw = params.get('sort');
  const sort = isSortKey(sortRaw) ? sortRaw : 'name';
  const dirRaw = params.get('dir');
  const size = Number(params.get('size'));
  const province = params.get('province') ?? '';
  return {
    search: params.get('q') ?? '',
    status: isStatus(params.get('status')) ? (params.get('status') as MemberAssociationStatus) : '',
    provinceCode: /^\d{2}$/.test(province) ? province : '',
    sort,
    direction: dirRaw === 'desc' ? 'DESC' : dirRaw === 'asc' ? 'ASC' : DEFAULT_DIRECTION[sort],
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : PAGE_SIZES[0],
  };
}

/** The URL form of `p`, leaving out defaults so plain links stay short. */
export function writeListParams(p: ListParams): URLSearchParams {
  const out = new URLSearchParams();
  if (p.search.trim()) out.set('q', p.search);
  if (p.status) out.set('status', p.status);
  if (p.provinceCode) out.set('province', p.provinceCode);
  if (p.sort !== 'name' || p.direction !== DEFAULT_DIRECTION.name) {
    out.set('sort', p.sort);
    out.set('dir', p.direction === 'DESC' ? 'desc' : 'asc');
  }
  if (p.pageSize !== PAGE_SIZES[0]) out.set('size', String(p.pageSize));
  return out;
}

/** The server filter for `p` (only the parts that are set). */
export function filterOf(p: ListParams): MemberAssociationFilter {
  const filter: MemberAssociationFilter = {};
  const search = p.search.trim();
  if (search) filter.search = search;
  if (p.status) filter.status = p.status;
  if (p.provinceCode) filter.provinceCode = p.provinceCode;
  return filter;
}
