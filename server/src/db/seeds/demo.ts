import { Client } from 'pg';
import { hashPassword } from '../../modules/users/passwords';
import { loadSourceDocuments } from './source-documents';

/** Demo-only accounts (README): every one has this password. Never created on a real deployment unless asked. */
export const DEMO_PASSWORD = 'demo-password';

export const DEMO_USERS = [
  { email: 'admin@dongnai.demo', fullName: 'Quản trị Đồng Nai (demo)', role: 'PROVINCE_ADMIN', province: 75 },
  { email: 'editor@dongnai.demo', fullName: 'Biên tập viên Đồng Nai (demo)', role: 'PROVINCE_EDITOR', province: 75 },
  { email: 'viewer@dongnai.demo', fullName: 'Người xem Đồng Nai (demo)', role: 'PROVINCE_VIEWER', province: 75 },
  { email: 'admin@binhduong.demo', fullName: 'Quản trị Bình Dương (demo)', role: 'PROVINCE_ADMIN', province: 74 },
  { email: 'admin@hcm.demo', fullName: 'Quản trị TP. Hồ Chí Minh (demo)', role: 'PROVINCE_ADMIN', province: 79 },
  { email: 'analyst@ministry.demo', fullName: 'Chuyên viên Bộ KH&CN (demo)', role: 'MINISTRY_ANALYST', province: null },
] as const;

/** A handful of member associations per province; illustrative demo records, not official lists. */
export const DEMO_ASSOCIATIONS: Array<{
  province: number; name: string; abbreviation: string; field: string; foundedOn: string;
  status: string; term: string; individual: number; collective: number;
}> = [
  { province: 75, name: 'Hội Y học tỉnh Đồng Nai', abbreviation: 'HYH-ĐN', field: 'Y học', foundedOn: '1994-05-12', status: 'ACTIVE', term: '2023–2028', individual: 1250, collective: 18 },
  { province: 75, name: 'Hội Tin học tỉnh Đồng Nai', abbreviation: 'HTH-ĐN', field: 'Công nghệ thông tin', foundedOn: '2002-09-20', status: 'ACTIVE', term: '2022–2027', individual: 420, collective: 35 },
  { province: 75, name: 'Hội Kiến trúc sư tỉnh Đồng Nai', abbreviation: 'HKTS-ĐN', field: 'Kiến trúc, quy hoạch', foundedOn: '1998-03-02', status: 'ACTIVE', term: '2021–2026', individual: 210, collective: 6 },
  { province: 75, name: 'Hội Bảo vệ thiên nhiên và môi trường tỉnh Đồng Nai', abbreviation: 'HBVTN-ĐN', field: 'Môi trường', foundedOn: '2008-11-15', status: 'CONSOLIDATING', term: '2020–2025', individual: 180, collective: 9 },
  { province: 75, name: 'Hội Khoa học Kinh tế tỉnh Đồng Nai', abbreviation: 'HKHKT-ĐN', field: 'Kinh tế', foundedOn: '2005-07-01', status: 'ACTIVE', term: '2024–2029', individual: 300, collective: 12 },
  { province: 74, name: 'Hội Y học tỉnh Bình Dương', abbreviation: 'HYH-BD', field: 'Y học', foundedOn: '1999-04-10', status: 'ACTIVE', term: '2022–2027', individual: 980, collective: 14 },
  { province: 74, name: 'Hội Cơ khí tỉnh Bình Dương', abbreviation: 'HCK-BD', field: 'Cơ khí, chế tạo', foundedOn: '2006-06-06', status: 'ACTIVE', term: '2021–2026', individual: 350, collective: 40 },
  { province: 74, name: 'Hội Tin học tỉnh Bình Dương', abbreviation: 'HTH-BD', field: 'Công nghệ thông tin', foundedOn: '2010-01-15', status: 'SUSPENDED', term: '2019–2024', individual: 150, collective: 20 },
  { province: 79, name: 'Hội Điện tử – Tin học TP. Hồ Chí Minh', abbreviation: 'HĐTTH-HCM', field: 'Điện tử, tin học', foundedOn: '1990-10-10', status: 'ACTIVE', term: '2023–2028', individual: 2100, collective: 120 },
];

/**
 * Loads the demo accounts and associations once (skipped when any user exists) and the five source
 * documents (skipped when already loaded). Runs as the owner, which must bypass row-level security
 * (the embedded database's superuser does).
 */
export async function seedDemo(ownerUrl: string, log: (m: string) => void = () => undefined): Promise<boolean> {
  const db = new Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    const existing = await db.query('SELECT count(*)::int AS n FROM users');
    const loadAccounts = existing.rows[0].n === 0;
    if (loadAccounts) {
      for (const u of DEMO_USERS) {
        await db.query(
          `INSERT INTO users (province_id, email, full_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)`,
          [u.province, u.email, u.fullName, u.role, await hashPassword(DEMO_PASSWORD)],
        );
      }
      for (const a of DEMO_ASSOCIATIONS) {
        await db.query(
          `INSERT INTO member_associations (province_id, name, abbreviation, field, founded_on, status, congress_term,
             individual_member_count, collective_member_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [a.province, a.name, a.abbreviation, a.field, a.foundedOn, a.status, a.term, a.individual, a.collective],
        );
      }
      log(`demo data loaded: ${DEMO_USERS.length} accounts, ${DEMO_ASSOCIATIONS.length} member associations`);
    }
    const documents = await loadSourceDocuments(db);
    if (documents) log(`source documents loaded: ${documents.directives} directives, ${documents.tasks} tasks (Đồng Nai, Bình Dương)`);
    await db.query('COMMIT');
    return loadAccounts || documents !== null;
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await db.end();
  }
}
