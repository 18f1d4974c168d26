import fs from 'node:fs';
import { stopServer, type RunningServer } from '../e2e/support';
import { STATE_FILE, sharedServer } from './support';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as any).__STP_SECURITY_SERVER__ as RunningServer | undefined;
  await stopServer(server?.child);
  if (fs.existsSync(STATE_FILE)) {
    const { dataDir } = sharedServer();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(STATE_FILE, { force: true });
  }
}
