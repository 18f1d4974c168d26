import { asOwner, unique } from '../helpers';

export interface MemberRow {
  id: string;
  full_name: string;
  version: number;
  province_id: number;
  kind: string;
}

/** Factory: a member row in the given province, written as the owner (bypasses RLS). */
export async function makeMember(
  provinceId: number,
  overrides: Partial<{
    kind: 'INDIVIDUAL' | 'COLLECTIVE'; fullName: string; field: string | null; workplace: string | null; birthYear: number | null;
    email: string | null; phone: string | null; isYoungIntellectual: boolean; inEnterprise: boolean; deleted: boolean;
  }> = {},
): Promise<MemberRow> {
  return asOwner(async (db) => {
    const r = await db.query(
      `INSERT INTO members (province_id, kind, full_name, field, workplace, birth_year, email, phone, is_young_intellectual, in_enterprise, deleted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $11 THEN now() END)
       RETURNING id, full_name, version, province_id, kind`,
      [provinceId, overrides.kind ?? 'INDIVIDUAL', overrides.fullName ?? `Nguyễn Văn ${unique()}`, overrides.field ?? null,
        overrides.workplace ?? null, overrides.birthYear ?? null, overrides.email ?? null, overrides.phone ?? null,
        overrides.isYoungIntellectual ?? false, overrides.inEnterprise ?? false, overrides.deleted ?? false],
    );
    return r.rows[0];
  });
}

/** Factory: a membership of a member in an association (the member's province), written as the owner. */
export async function makeMembership(
  member: { id: string; province_id: number },
  associationId: string,
  joinedOn: string,
  leftOn: string | null = null,
): Promise<{ id: string; version: number }> {
  return asOwner(async (db) => (await db.query(
    `INSERT INTO memberships (province_id, member_id, association_id, joined_on, left_on) VALUES ($1, $2, $3, $4, $5) RETURNING id, version`,
    [member.province_id, member.id, associationId, joinedOn, leftOn],
  )).rows[0]);
}

/** The stored member row as it really is (owner's view). */
export async function memberRow(id: string): Promise<Record<string, any> | undefined> {
  return asOwner(async (db) => (await db.query(
    'SELECT full_name, kind, field, workplace, birth_year, email, phone, version, deleted_at, province_id FROM members WHERE id = $1', [id])).rows[0]);
}

