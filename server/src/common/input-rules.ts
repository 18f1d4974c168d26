import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../tenancy/request-context';
import { badField } from './errors';

/** Small rules every service applies to input, in one place. */

export function badFieldThrow(field: string, constraint: string, message: string): never {
  throw badField(field, constraint, message);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when the text can be cast to uuid (PostgreSQL would otherwise fail the whole statement). */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/**
 * Trims text fields and turns blank optional text into null, so "  " never lands in the database.
 * `required` fields (a name, a title) have their inner whitespace collapsed and are never nulled:
 * validation refuses them instead.
 */
export function clean<T extends object>(input: T, required: string[]): T {
  const out = { ...input } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) {
    if (typeof v !== 'string') continue;
    if (required.includes(k)) out[k] = v.trim().replace(/\s+/g, ' ');
    else out[k] = v.trim() === '' ? null : v.trim();
  }
  return out as T;
}

/** The province id a `provinceCode` filter names; an unknown code is BAD_USER_INPUT. */
export function provinceIdOf(ctx: RequestContext, provinceCode: string): number {
  const province = ctx.provinces.findByCode(provinceCode);
  if (!province) badFieldThrow('provinceCode', 'exists', `provinceCode ${provinceCode} is not the code of any province`);
  return province.id;
}

// Made on first use, not at start (ICU time zone data).
let vietnamDate: Intl.DateTimeFormat | undefined;

/**
 * Today's date in Vietnam (yyyy-mm-dd), for "not in the future" rules: a clerk entering today's date
 * at 06:00 in Đồng Nai must not be refused because it is still yesterday in UTC.
 */
export function today(): string {
  vietnamDate ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });
  return vietnamDate.format(new Date());
}

/** The database's app_today() (Vietnam's date, or the request's as-of day): the clock of the timing view. */
export async function dbToday(manager: EntityManager): Promise<string> {
  const [row] = (await manager.query(`SELECT app_today()::text AS today`)) as Array<{ today: string }>;
  return row.today;
}

/** dd/mm/yyyy, the way Vietnamese documents write dates. */
export function viDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** Unique values, first occurrence kept. */
export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
