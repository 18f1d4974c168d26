import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import type { CurrentUser } from '../auth/auth-operations';
import { isMinistryRole } from '../auth/roles';
import { PROVINCES, type Province } from './member-association-operations';

export interface ProvinceScope {
  /** Provinces whose records the user sees: all for the ministry; the home province and the ones merged into it otherwise. */
  provinces: Province[];
  /** More than one province in scope: lists show a province column and filter. */
  multiProvince: boolean;
  /** Every province by code, for names of merge targets. */
  byCode: Map<string, Province>;
}

const collator = new Intl.Collator('vi');

/** The provinces the current user works with, from the public `provinces` reference list. */
export function useProvinceScope(user: CurrentUser): ProvinceScope {
  const { data } = useQuery(PROVINCES, { fetchPolicy: 'cache-first' });
  return useMemo(() => {
    const all = data?.provinces ?? [];
    const byCode = new Map(all.map((p) => [p.code, p]));
    const sorted = [...all].sort((a, b) => collator.compare(a.name, b.name));
    if (isMinistryRole(user.role) || !user.province) {
      return { provinces: sorted, multiProvince: true, byCode };
    }
    const home = user.province.code;
    const own = sorted.filter((p) => p.code === home || p.mergedInto?.code === home);
    // Home province first, then the former provinces merged into it.
    own.sort((a, b) => (a.code === home ? -1 : b.code === home ? 1 : 0));
    return { provinces: own, multiProvince: own.length > 1, byCode };
  }, [data, user]);
}
