import type { ProvinceDirectory } from '../modules/provinces/province-directory';
import type { AuthUser } from './auth-token';
import { canWrite, Role } from './roles';

/** The tenant settings one request runs under; written into the transaction, read by every policy. */
export interface TenantScope {
  userId: string | null;
  role: Role | null;
  /** Provinces the user acts in: the home province and its predecessors. Empty for the ministry and anonymous. */
  provinceIds: number[];
  canWrite: boolean;
  readAll: boolean;
  /** Only during login: the one e-mail whose user row may be read. */
  loginEmail?: string;
  /**
   * A logged-in user (not an API key) whose account must still be enabled: checked in the statement
   * that opens the transaction (`RequestTransaction.userActive`), at no extra round trip.
   */
  checkActiveUserId?: string;
}

export const ANONYMOUS_SCOPE: TenantScope = { userId: null, role: null, provinceIds: [], canWrite: false, readAll: false };

export function scopeFor(user: AuthUser | undefined, provinces: ProvinceDirectory): TenantScope {
  if (!user) return ANONYMOUS_SCOPE;
  if (user.role === Role.MINISTRY_ANALYST) {
    return { userId: user.id, role: user.role, provinceIds: [], canWrite: false, readAll: true };
  }
  return {
    userId: user.id,
    role: user.role,
    provinceIds: user.provinceId === null ? [] : provinces.jurisdictionOf(user.provinceId),
    canWrite: canWrite(user.role),
    readAll: false,
  };
}
