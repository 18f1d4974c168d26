import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as { __stpDb?: { stop(): Promise<void>; dataDir: string } }).__stpDb;
  if (!db) return;
  await db.stop();
  fs.rmSync(db.dataDir, { recursive: true, force: true });
}
