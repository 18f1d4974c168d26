export type Role = 'PROVINCE_ADMIN' | 'PROVINCE_EDITOR' | 'PROVINCE_VIEWER' | 'MINISTRY_ANALYST';

/** Roles that may create, change and delete their province's records (the server enforces the same rule). */
export function canWriteProvinceData(role: Role): boolean {
  return role === 'PROVINCE_ADMIN' || role === 'PROVINCE_EDITOR';
}

/** Ministry users read every province and have no home province. */
export function isMinistryRole(role: Role): boolean {
  return role === 'MINISTRY_ANALYST';
}
