import { badField, forbidden } from '../common/errors';
import type { RequestContext } from './request-context';

/**
 * The province a new record goes to: the user's own, or — with `provinceCode` — a predecessor the
 * user acts for (TP. Hồ Chí Minh entering a record for Bình Dương). Ministry users own no records.
 */
export function targetProvince(ctx: RequestContext, provinceCode: string | undefined | null): number {
  const home = ctx.user?.provinceId;
  if (home === null || home === undefined) throw forbidden('Only province users can create records.');
  if (!provinceCode) return home;
  const province = ctx.provinces.findByCode(provinceCode);
  if (!province) throw badField('provinceCode', 'exists', `provinceCode ${provinceCode} is not the code of any province`);
  if (!ctx.scope.provinceIds.includes(province.id)) throw forbidden('You cannot create records for that province.');
  return province.id;
}
