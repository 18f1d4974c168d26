import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export interface Proc {
  name: string;
  child: ChildProcess;
  url: string;
  log: () => string;
  /** Milliseconds from spawn to its "ready" line. */
  startMs: number;
}

/** Spawns a process and resolves once it prints `ready: <url>` (or just `ready`). */
export function startProcess(name: string, command: string, args: string[], env: Record<string, string | undefined>, timeoutMs = 180_000): Promise<Proc> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      child.kill('SIGKILL');
      reject(new Error(`${name} not ready after ${timeoutMs} ms:\n${log}`));
    }, timeoutMs);
    const onData = (b: Buffer) => {
      log += b.toString();
      if (log.length > 200_000) log = log.slice(-100_000);
      const m = /^(?:\[stp\] )?ready(?::\s*(http:\/\/\S+))?/m.exec(log);
      if (m && !done) {
        done = true;
        clearTimeout(timer);
        resolve({ name, child, url: m[1] ?? '', log: () => log, startMs: performance.now() - t0 });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(new Error(`${name} exited (code ${code}, signal ${signal}) before it was ready:\n${log}`));
    });
  });
}

/** Stops a process gracefully (SIGTERM), then for good after a grace period. */
export async function stopProcess(p: Proc | undefined, graceMs = 20_000): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => p.child.once('exit', () => r()));
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Peak resident memory of a live process (VmHWM), in MB. */
export function peakRssMb(p: Proc): number {
  try {
    const status = fs.readFileSync(`/proc/${p.child.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}
