/**
 * Backup and restore drill: scripts/backup.sh on the shared seeded data directory (its server
 * running), scripts/restore.sh into a fresh one, then the server started on the restored directory.
 * Per-table, per-province row counts, the RLS flags and the policies must be identical, and a demo
 * login must work on the restored server.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from 'pg';
import { makeDataDir, ROOT, startServer, stopServer, type RunningServer } from '../e2e/support';
import { gqlOk, login, ownerClient, publicTables, sharedServer } from './support';

async function snapshot(db: Client): Promise<{ counts: Record<string, string>; rls: Record<string, string>; policies: string[]; grants: string[] }> {
  const counts: Record<string, string> = {};
  for (const t of await publicTables(db)) {
    const hasProvince = (await db.query(`SELECT 1 FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'province_id' AND NOT attisdropped`, [t])).rowCount;
    const r = hasProvince
      ? await db.query(`SELECT coalesce(string_agg(p || '=' || n, ' ' ORDER BY p), '') AS c FROM (SELECT coalesce(province_id::text, '-') AS p, count(*) AS n FROM "${t}" GROUP BY 1) x`)
      : await db.query(`SELECT 'all=' || count(*) AS c FROM "${t}"`);
    counts[t] = r.rows[0].c;
  }
  const rls: Record<string, string> = {};
  for (const r of (await db.query(`SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r','p') ORDER BY relname`)).rows) {
    rls[r.relname] = `enabled=${r.relrowsecurity} forced=${r.relforcerowsecurity}`;
  }
  const policies = (await db.query(`SELECT tablename || ' ' || policyname || ' ' || cmd || ' ' || roles::text || ' USING ' || coalesce(qual, '-') || ' CHECK ' || coalesce(with_check, '-') AS p
    FROM pg_policies WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.p);
  const grants = (await db.query(`SELECT table_name || ' ' || privilege_type AS g FROM information_schema.role_table_grants WHERE grantee = 'stp_app' ORDER BY 1`)).rows.map((r) => r.g);
  return { counts, rls, policies, grants };
}

describe('backup and restore drill', () => {
  const { dataDir } = sharedServer();
  let restoredDir = '';
  let restored: RunningServer | undefined;
  const file = path.join(makeDataDir('stp-security-backup-'), 'stp.dump');

  afterAll(async () => {
    await stopServer(restored?.child);
    if (restoredDir) fs.rmSync(restoredDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('restores a seeded database identically and the server runs on it', async () => {
    const source = await ownerClient(dataDir);
    const before = await snapshot(source).finally(() => source.end());

    const backup = spawnSync('bash', [path.join(ROOT, 'scripts', 'backup.sh'), dataDir, file], { encoding: 'utf8', timeout: 300_000 });
    if (backup.status !== 0) throw new Error(`backup.sh failed (${backup.status}):\n${backup.stdout}\n${backup.stderr}`);
    restoredDir = makeDataDir('stp-security-restored-');
    const restore = spawnSync('bash', [path.join(ROOT, 'scripts', 'restore.sh'), file, restoredDir], { encoding: 'utf8', timeout: 300_000 });
    if (restore.status !== 0) throw new Error(`restore.sh failed (${restore.status}):\n${restore.stdout}\n${restore.stderr}`);

    restored = await startServer(restoredDir);
    expect(restored.log()).not.toMatch(/migrations applied/);
    const target = await ownerClient(restoredDir);
    const after = await snapshot(target).finally(() => target.end());

    const differing = Object.keys({ ...before.counts, ...after.counts }).filter((t) => before.counts[t] !== after.counts[t]);
    const rows = Object.values(before.counts).reduce((n, c) => n + c.split(' ').reduce((m, x) => m + Number(x.split('=')[1] ?? 0), 0), 0);
    const token = await login(restored.url, 'admin@dongnai.demo');
    const data = await gqlOk(restored.url, token, '{ me { email province { code } } memberAssociations(first: 5) { totalCount } }');
    console.log(
      `[security] backup/restore: ${fs.statSync(file).size} bytes, ${Object.keys(before.counts).length} tables, ${rows} rows; ` +
        `tables with different per-province counts ${differing.length}; RLS flags ${JSON.stringify(before.rls) === JSON.stringify(after.rls) ? 'identical' : 'DIFFERENT'}; ` +
        `policies ${before.policies.length} -> ${after.policies.length}; stp_app grants ${before.grants.length} -> ${after.grants.length}; ` +
        `demo login on the restored server: ${data.me.email} (${data.me.province.code}), ${data.memberAssociations.totalCount} member associations`,
    );
    expect(differing).toEqual([]);
    expect(after.counts).toEqual(before.counts);
    expect(after.rls).toEqual(before.rls);
    expect(after.policies).toEqual(before.policies);
    expect(after.grants).toEqual(before.grants);
    expect(Object.values(after.rls).filter((f) => f === 'enabled=true forced=true').length).toBeGreaterThan(10);
    expect(data.me.email).toBe('admin@dongnai.demo');
    expect(data.memberAssociations.totalCount).toBeGreaterThan(0);
  }, 300_000);
});
