import type { Contender, Workload } from './common';

export interface Figures {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  statementsPerRequest: number;
  peakRssMb: number;
  /** min–max over the repetitions. */
  ranges?: { reqPerSec: [number, number]; p50Ms: [number, number]; p99Ms: [number, number] };
  failed?: number;
  error?: string;
  note?: string;
}

export type Results = Record<Workload, Partial<Record<Contender, Figures>>>;

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

/** ours ÷ other for each figure; for req/s above 1 is better, for the rest below 1 is better. */
export function ratioTable(results: Results): string {
  const others: Contender[] = ['floor', 'naive', 'postgraphile'];
  const lines = [
    '| query | vs | req/s ratio | p50 ratio | p99 ratio | statements ratio | memory ratio |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const [w, byContender] of Object.entries(results)) {
    const ours = byContender.ours;
    for (const o of others) {
      const them = byContender[o];
      if (!ours || !them) {
        lines.push(`| ${w} | ${o} | n/a | n/a | n/a | n/a | n/a |`);
        continue;
      }
      const r = (k: keyof Figures) => fmt((ours[k] as number) / (them[k] as number));
      lines.push(`| ${w} | ${o} | ${r('reqPerSec')} | ${r('p50Ms')} | ${r('p99Ms')} | ${r('statementsPerRequest')} | ${r('peakRssMb')} |`);
    }
  }
  return lines.join('\n');
}

export function absoluteTable(results: Results): string {
  const lines = [
    '| query | contender | req/s (min–max) | p50 ms (min–max) | p99 ms | statements/req | peak RSS MB | failures |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const [w, byContender] of Object.entries(results)) {
    for (const [c, f] of Object.entries(byContender)) {
      if (!f) continue;
      const rg = f.ranges;
      lines.push(`| ${w} | ${c} | ${fmt(f.reqPerSec)}${rg ? ` (${fmt(rg.reqPerSec[0])}–${fmt(rg.reqPerSec[1])})` : ''} | ${fmt(f.p50Ms)}${rg ? ` (${fmt(rg.p50Ms[0])}–${fmt(rg.p50Ms[1])})` : ''} | ${fmt(f.p99Ms)} | ${fmt(f.statementsPerRequest)} | ${fmt(f.peakRssMb)} | ${f.failed ?? 0}${f.error ? ` ${f.error.slice(0, 80).replace(/\|/g, '/')}` : ''} |`);
    }
  }
  return lines.join('\n');
}
