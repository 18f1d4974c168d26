import type { Client } from 'pg';

/** Random but reproducible base data for the indicator tests, written as the owner in one statement per table. */

/** mulberry32: a tiny seeded PRNG, so a failing case can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Provinces that get data: the merged ones and their successors, plus two others. */
export const DATA_PROVINCES = [1, 31, 70, 74, 75, 77, 79];

const pad = (n: number) => String(n).padStart(2, '0');

async function insertRows(db: Client, table: string, rows: Array<Record<string, unknown>>): Promise<Array<Record<string, any>>> {
  if (rows.length === 0) return [];
  const cols = Object.keys(rows[0]);
  const types = await db.query(
    `SELECT attname AS column_name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attname = ANY($2)`,
    [table, cols]);
  const typeOf = new Map(types.rows.map((r) => [r.column_name, r.type]));
  const r = await db.query(
    `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${cols.map((c) => `${c} ${typeOf.get(c)}`).join(', ')}) RETURNING *`,
    [JSON.stringify(rows)]);
  return r.rows;
}

/** Fills associations, people in one or two associations, directives and tasks with every deadline kind, requests in every stage, activities. */
export async function fillRandomIndicatorData(db: Client, seed: number, today: string): Promise<void> {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const date = (y0: number, y1: number) => `${int(y0, y1)}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
  const notFuture = (d: string) => (d > today ? today : d);

  const agencies = await insertRows(db, 'agencies', DATA_PROVINCES.map((p) => ({ province_id: p, kind: 'DEPARTMENT', name: `Sở chỉ tiêu ${p}-${seed}` })));
  const agencyOf = new Map(agencies.map((a) => [a.province_id, a.id]));

  const assocRows = DATA_PROVINCES.flatMap((p) => [1, 2, 3, 4].map((i) => ({
    province_id: p, name: `Hội chỉ tiêu ${p}-${i}-${seed}`,
    status: pick(['ACTIVE', 'ACTIVE', 'ACTIVE', 'SUSPENDED', 'CONSOLIDATING']),
    founded_on: rnd() < 0.2 ? null : date(2015, 2026),
  })));
  const associations = await insertRows(db, 'member_associations', assocRows);

  const members = await insertRows(db, 'members', DATA_PROVINCES.flatMap((p) => Array.from({ length: 40 }, (_, i) => {
    const kind = rnd() < 0.8 ? 'INDIVIDUAL' : 'COLLECTIVE';
    return { province_id: p, kind, full_name: `Hội viên ${p}-${i}-${seed}`, is_young_intellectual: kind === 'INDIVIDUAL' && rnd() < 0.35 };
  })));
  const memberships: Array<Record<string, unknown>> = [];
  for (const m of members) {
    const own = associations.filter((a) => a.province_id === m.province_id);
    const first = pick(own);
    const chosen = rnd() < 0.4 ? [first, pick(own.filter((a) => a.id !== first.id))] : [first];
    for (const a of chosen) {
      const joined = date(2019, 2026);
      const left = rnd() < 0.35 ? date(Number(joined.slice(0, 4)), 2026) : null;
      memberships.push({ province_id: m.province_id, member_id: m.id, association_id: a.id, joined_on: joined, left_on: left && left >= joined ? left : null });
    }
  }
  await insertRows(db, 'memberships', memberships);

  const directives = await insertRows(db, 'directives', DATA_PROVINCES.flatMap((p) => [1, 2, 3].map((i) => ({
    province_id: p, system: 'STATE', doc_type: 'PLAN', number: 900 + i, symbol: `KH-CT${seed}`, issuer_agency_id: agencyOf.get(p),
    issued_on: rnd() < 0.15 ? null : date(2022, 2025), subject: `Kế hoạch chỉ tiêu ${i}`,
  }))));
  const tasks = await insertRows(db, 'directive_tasks', directives.flatMap((d) => Array.from({ length: 8 }, (_, i) => {
    const kind = pick(['DATE', 'QUARTER', 'YEARLY', 'YEARLY', 'NONE', 'DATE']);
    const status = pick(['NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'COMPLETED', 'CANCELLED']);
    return {
      province_id: d.province_id, directive_id: d.id, seq: i + 1, title: `Nhiệm vụ ${i + 1}`, lead_agency_id: d.issuer_agency_id,
      deadline_kind: kind,
      deadline_date: kind === 'DATE' ? date(2023, 2026) : null,
      deadline_year: kind === 'QUARTER' ? int(2023, 2026) : null,
      deadline_quarter: kind === 'QUARTER' ? int(1, 4) : null,
      deadline_month: kind === 'YEARLY' ? int(1, 12) : null,
      deadline_day: kind === 'YEARLY' ? int(1, 31) : null,
      status, completed_on: status === 'COMPLETED' ? notFuture(date(2023, 2026)) : null,
    };
  })));
  await insertRows(db, 'task_progress_reports', tasks.filter(() => rnd() < 0.6).flatMap((t) => Array.from({ length: int(1, 3) }, () => ({
    province_id: t.province_id, task_id: t.id, reported_on: notFuture(date(2022, 2026)), percent: int(0, 100), text: 'Báo cáo', reporter: 'Cán bộ',
  }))));

  const STAGES = ['PROPOSED', 'DETERMINED', 'SELECTED', 'DIRECTLY_ASSIGNED', 'APPRAISED', 'CONTRACTED', 'IN_PROGRESS', 'ACCEPTED',
    'RESULTS_REGISTERED', 'APPLIED', 'REJECTED', 'CANCELLED', 'SUSPENDED'];
  const ACCEPTED = ['ACCEPTED', 'RESULTS_REGISTERED', 'APPLIED'];
  await insertRows(db, 'commissioning_requests', DATA_PROVINCES.flatMap((p) => Array.from({ length: 24 }, (_, i) => {
    const stage = pick(STAGES);
    const accepted = ACCEPTED.includes(stage);
    const year = int(2023, 2026);
    return {
      province_id: p, title: `Đề tài chỉ tiêu ${i}`, requesting_agency_id: agencyOf.get(p), research_area_id: 1,
      budget_vnd: int(1, 50) * 10_000_000, stage, year,
      planned_end: rnd() < 0.9 ? date(year, year + 1) : null,
      actual_end: accepted && rnd() < 0.9 ? date(year, year + 1) : null,
      acceptance_rating: accepted ? (stage === 'ACCEPTED' ? pick(['EXCELLENT', 'GOOD', 'PASS', 'FAIL']) : pick(['EXCELLENT', 'GOOD', 'PASS'])) : null,
    };
  })));

  const KINDS = ['WORKSHOP', 'CONTEST', 'TRAINING', 'RECOGNITION', 'CONSULTATION', 'SOCIAL_CRITIQUE', 'DISSEMINATION'];
  await insertRows(db, 'activities', DATA_PROVINCES.flatMap((p) => Array.from({ length: 30 }, (_, i) => {
    const kind = pick(KINDS);
    const consult = kind === 'CONSULTATION' || kind === 'SOCIAL_CRITIQUE';
    return {
      province_id: p, kind, title: `Hoạt động ${i}`, held_on: date(2023, 2026),
      response: consult ? pick([null, 'PENDING', 'ACCEPTED', 'PARTLY_ACCEPTED', 'REJECTED']) : null,
    };
  })));

  // Updates and soft deletes after the fact, so the triggers see every kind of write.
  await db.query(`UPDATE members SET deleted_at = now() WHERE id = ANY($1)`, [members.filter(() => rnd() < 0.05).map((m) => m.id)]);
  await db.query(`UPDATE member_associations SET deleted_at = now() WHERE id = ANY($1)`, [associations.filter(() => rnd() < 0.08).map((a) => a.id)]);
  await db.query(`UPDATE directives SET deleted_at = now() WHERE id = ANY($1)`, [directives.filter(() => rnd() < 0.1).map((d) => d.id)]);
  await db.query(`UPDATE directive_tasks SET deleted_at = now() WHERE id = ANY($1)`, [tasks.filter(() => rnd() < 0.05).map((t) => t.id)]);
  await db.query(`UPDATE activities SET deleted_at = now() WHERE province_id = 75 AND title = 'Hoạt động 3'`);
  await db.query(`DELETE FROM task_progress_reports WHERE ctid IN (SELECT ctid FROM task_progress_reports WHERE province_id = 74 LIMIT 3)`);
}
