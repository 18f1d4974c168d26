import http from 'node:http';
import { Writable } from 'node:stream';
import autocannon from 'autocannon';
import { median } from './common';

/** One request to send: a path and body, and the check its response must pass. */
export interface Target {
  next(): { path: string; body: string; token: string; check: (status: number, text: string) => string | null };
}

export interface ClosedResult { reqPerSec: number; ok: number; failed: number; firstError?: string }
export interface RateResult { p50Ms: number; p99Ms: number; ok: number; failed: number; firstError?: string; late: number }

/**
 * Closed loop (maximum throughput): autocannon with `connections` callers, each sending its next
 * request as soon as the previous answer arrives. Every response body is checked; only checked
 * answers count towards req/s.
 */
export async function closedLoop(base: string, target: Target, seconds: number, connections: number): Promise<ClosedResult> {
  let ok = 0;
  let failed = 0;
  let firstError: string | undefined;
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon({
      url: base,
      connections,
      pipelining: 1,
      duration: seconds,
      requests: [{
        method: 'POST',
        setupRequest: (req: any, context: any) => {
          const r = target.next();
          context.check = r.check;
          return { ...req, path: r.path, body: r.body, headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` } };
        },
        onResponse: (status: number, body: string, context: any) => {
          const err = context.check(status, body);
          if (err) {
            failed += 1;
            firstError ??= err;
          } else {
            ok += 1;
          }
        },
      } as any],
    }, (err: Error | null) => (err ? reject(err) : resolve()));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false, outputStream: devNull() });
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { reqPerSec: ok / Math.max(elapsed, seconds), ok, failed, firstError };
}

function devNull(): NodeJS.WritableStream {
  return new Writable({ write: (_c: unknown, _e: unknown, cb: () => void) => cb() });
}

/**
 * Fixed rate (latency): requests leave on a fixed schedule whatever the answers do (open loop),
 * and each latency is measured from its scheduled time, so a stall shows in p99 instead of
 * silently slowing the sender (no coordinated omission). Sub-millisecond resolution.
 */
export async function fixedRate(base: string, target: Target, seconds: number, ratePerSec: number, maxSockets: number): Promise<RateResult> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const latencies: number[] = [];
  let failed = 0;
  let late = 0;
  let firstError: string | undefined;
  const total = Math.max(1, Math.round(seconds * ratePerSec));
  const interval = 1000 / ratePerSec;
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    else if (wait < -interval * 10) late += 1;
    const r = target.next();
    pending.push(new Promise<void>((resolve) => {
      const req = http.request({
        host: url.hostname, port: url.port, path: r.path, method: 'POST', agent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}`, 'content-length': Buffer.byteLength(r.body) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const err = r.check(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
          if (err) {
            failed += 1;
            firstError ??= err;
          } else {
            latencies.push(performance.now() - due);
          }
          resolve();
        });
      });
      req.on('error', (e) => {
        failed += 1;
        firstError ??= e.message;
        resolve();
      });
      req.end(r.body);
    }));
  }
  await Promise.all(pending);
  agent.destroy();
  return { p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), ok: latencies.length, failed, firstError, late };
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Sequential requests, one at a time, timed with hrtime: for small differences (the tenant round trip). */
export async function sequentialLatencies(base: string, path: string, token: string, n: number): Promise<number[]> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await new Promise<void>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path, method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-length': 2 } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end('{}');
    });
    out.push(performance.now() - t);
  }
  agent.destroy();
  return out;
}

export { median };
