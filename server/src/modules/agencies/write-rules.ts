import { badField, forbidden } from '../../common/errors';
import type { RequestContext } from '../../tenancy/request-context';

/*
 * Small helpers shared by the agencies and members services. They repeat what the member-association
 * service does privately (targetProvince, clean); the lead may factor them into common/.
 */

export function badFieldThrow(field: string, constraint: string, message: string): never {
  throw badField(field, constraint, message);
}

const VIETNAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Today's date in Vietnam (yyyy-mm-dd), for "not in the future" rules: a clerk entering today's date
 * at 06:00 in Đồng Nai must not be refused because it is still yesterday in UTC.
 */
export function today(): string {
  return VIETNAM_DATE.format(new Date());
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when the text can be cast to uuid (PostgreSQL would otherwise fail the whole statement). */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/**
 * Trims text fields and turns blank optional text into null, so "  " never lands in the database.
 * `names` are the required name fields: their inner whitespace is collapsed and they are never nulled.
 */
export function clean<T extends object>(input: T, names: string[]): T {
  const out = { ...input } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) {
    if (typeof v !== 'string') continue;
    if (names.includes(k)) out[k] = v.trim().replace(/\s+/g, ' ');
    else out[k] = v.trim() === '' ? null : v.trim();
  }
  return out as T;
}

/** The province a new record goes to: the user's own, or a predecessor they act for. */
export function targetProvince(ctx: RequestContext, provinceCode: string | undefined | null): number {
  const home = ctx.user?.provinceId;
  if (home === null || home === undefined) throw forbidden('Only province users can create records.');
  if (!provinceCode) return home;
  const province = ctx.provinces.findByCode(provinceCode);
  if (!province) badFieldThrow('provinceCode', 'exists', `provinceCode ${provinceCode} is not the code of any province`);
  if (!ctx.scope.provinceIds.includes(province.id)) throw forbidden('You cannot create records for that province.');
  return province.id;
}

/** The province id a `provinceCode` filter names; an unknown code is BAD_USER_INPUT. */
export function provinceIdOf(ctx: RequestContext, provinceCode: string): number {
  const province = ctx.provinces.findByCode(provinceCode);
  if (!province) badFieldThrow('provinceCode', 'exists', `provinceCode ${provinceCode} is not the code of any province`);
  return province.id;
}
