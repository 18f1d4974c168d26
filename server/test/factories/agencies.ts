import { asOwner, unique } from '../helpers';

export interface AgencyRow {
  id: string;
  name: string;
  version: number;
  province_id: number;
  parent_id: string | null;
}

/** Factory: an agency row in the given province, written as the owner (bypasses RLS). */
export async function makeAgency(
  provinceId: number,
  overrides: Partial<{ name: string; shortName: string | null; kind: string; parentId: string | null }> = {},
): Promise<AgencyRow> {
  return asOwner(async (db) => {
    const r = await db.query(
      `INSERT INTO agencies (province_id, parent_id, kind, name, short_name) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, name, version, province_id, parent_id`,
      [provinceId, overrides.parentId ?? null, overrides.kind ?? 'DEPARTMENT', overrides.name ?? `Sở thử nghiệm ${unique()}`, overrides.shortName ?? null],
    );
    return r.rows[0];
  });
}

/** The stored agency row as it really is (owner's view), or undefined. */
export async function agencyRow(id: string): Promise<Record<string, any> | undefined> {
  return asOwner(async (db) => (await db.query(
    'SELECT name, short_name, kind, parent_id, version, deleted_at, province_id FROM agencies WHERE id = $1', [id])).rows[0]);
}
