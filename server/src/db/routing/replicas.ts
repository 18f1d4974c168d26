import type { DataSource } from 'typeorm';

/** Settings of the read replicas (DATABASE_REPLICA_URLS, REPLICA_MAX_LAG_MS, REPLICA_POLL_MS). */
export interface ReplicaSettings {
  /** A replica further behind the primary than this is taken out of rotation. */
  maxLagMs: number;
  /** How often each replica's replay position is read. */
  pollMs: number;
}

export const DEFAULT_REPLICA_SETTINGS: ReplicaSettings = { maxLagMs: 5000, pollMs: 1000 };

export type ReplicaStateName = 'starting' | 'in rotation' | 'lagging' | 'unreachable' | 'not a standby';

/** One streaming replica: its pool, where it stands, and what it served. */
export interface Replica {
  /** "replica 1", as /healthz shows it. */
  name: string;
  /** "replica 1 (host:port)", for the log only: /healthz is public and shows no addresses or errors. */
  label: string;
  dataSource: DataSource;
  state: ReplicaStateName;
  /** Last replay position read from it (pg_last_wal_replay_lsn), as a number. */
  replayLsn: bigint;
  lagBytes: number | null;
  lagMs: number | null;
  lastError?: string;
  /** Request transactions it served in this process. */
  served: number;
}

/** Where a read should go: a replica (with the LSN it must have replayed, for read-your-writes) or the primary. */
export interface ReadChoice {
  replica?: Replica;
  /** The principal's last write position; the replica must have replayed it (checked on its connection). */
  mustHaveReplayed?: string;
  reason: 'replica' | 'no replica in rotation' | 'recent write';
}

/** Counts of this process, for /healthz. */
export interface RoutingCounters {
  /** Read requests whose transaction ran on a replica. */
  readsOnReplica: number;
  /** Read requests sent to the primary: no replica in rotation. */
  readsOnPrimaryNoReplica: number;
  /** Read requests sent to the primary because no replica had replayed the caller's last write. */
  readsOnPrimaryRecentWrite: number;
  /** Read requests that started on a replica and finished on the primary after a replica error. */
  readsFallenBack: number;
  /** Mutation requests (always on the primary). */
  writes: number;
}

/** "16/B374D848" → 0x16B374D848. */
export function parseLsn(lsn: string): bigint {
  const m = /^([0-9A-F]+)\/([0-9A-F]+)$/i.exec(lsn.trim());
  if (!m) throw new Error(`not an LSN: ${lsn}`);
  return (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`);
}

/** Errors that take a replica out of rotation: the connection or the replica went away, or it takes no more connections. */
export function isReplicaFailure(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true; // network errors, "Connection terminated"
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

/**
 * Errors after which the rest of a read request runs on the primary: a replica failure, or what only
 * a standby refuses — a write in a read-only transaction (25006), a statement cancelled by a recovery
 * conflict (40001), a function not allowed during recovery (55000).
 */
export function movesToPrimary(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code;
  return isReplicaFailure(e) || code === '25006' || code === '40001' || code === '55000';
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}`;
  } catch {
    return '?';
  }
}

/**
 * Read/write routing over a primary and its streaming replicas (docs/SCALING.md).
 *
 * - Mutations, and anything that is not a GraphQL query, run on the primary.
 * - A query runs on a replica in rotation. A replica leaves rotation when it cannot be reached, is
 *   not in recovery, or is more than `maxLagMs` behind; it comes back when a poll finds it well.
 * - Read-your-writes: after a principal's mutation commits, the primary's WAL insert position is
 *   kept for that principal in `principal_write_lsns` on the primary (shared by every process).
 *   A later read of that principal goes to a replica only if the replica has replayed that
 *   position: first against the position polled every `pollMs`, else checked on the replica's own
 *   connection in the round trip that opens its transaction; otherwise it goes to the primary.
 * - A replica error during a read moves the rest of that request to the primary (RequestTransaction).
 *
 * Lag is measured in bytes (primary's current LSN minus the replica's replay LSN) and in time: how
 * long ago the primary was first seen past the replica's replay position (polled samples).
 */
export class DatabaseRouter {
  readonly replicas: Replica[];
  readonly counters: RoutingCounters = { readsOnReplica: 0, readsOnPrimaryNoReplica: 0, readsOnPrimaryRecentWrite: 0, readsFallenBack: 0, writes: 0 };
  private readonly samples: Array<{ at: number; lsn: bigint }> = [];
  private primaryLsn?: bigint;
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private next = 0;
  private stopped = false;

  constructor(
    readonly primary: DataSource,
    replicaSources: Array<{ url: string; dataSource: DataSource }>,
    readonly settings: ReplicaSettings = DEFAULT_REPLICA_SETTINGS,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.replicas = replicaSources.map((r, i) => ({
      name: `replica ${i + 1}`,
      label: `replica ${i + 1} (${hostOf(r.url)})`,
      dataSource: r.dataSource,
      state: 'starting',
      replayLsn: 0n,
      lagBytes: null,
      lagMs: null,
      served: 0,
    }));
  }

  get hasReplicas(): boolean {
    return this.replicas.length > 0;
  }

  /** First poll (replicas that are down stay out of rotation), then one every `pollMs`. */
  async start(): Promise<void> {
    await this.poll();
    const tick = () => {
      if (this.stopped) return;
      this.polling = this.poll().finally(() => {
        this.polling = undefined;
        if (!this.stopped) this.timer = setTimeout(tick, this.settings.pollMs);
      });
    };
    this.timer = setTimeout(tick, this.settings.pollMs);
  }

  /** Stops polling and closes the replica pools (the primary's pool belongs to the caller). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling?.catch(() => undefined);
    for (const r of this.replicas) if (r.dataSource.isInitialized) await r.dataSource.destroy().catch(() => undefined);
  }

  /** Reads where each replica stands against the primary. Never throws. */
  async poll(): Promise<void> {
    try {
      const rows = (await this.primary.query('SELECT pg_current_wal_lsn()::text AS lsn')) as Array<{ lsn: string }>;
      this.primaryLsn = parseLsn(rows[0].lsn);
      const now = Date.now();
      const last = this.samples[this.samples.length - 1];
      if (!last || last.lsn !== this.primaryLsn) this.samples.push({ at: now, lsn: this.primaryLsn });
      const horizon = now - Math.max(60_000, this.settings.maxLagMs * 4);
      while (this.samples.length > 2 && this.samples[1].at < horizon) this.samples.shift();
    } catch (e) {
      this.log(`replica routing: the primary does not answer (${(e as Error).message})`);
    }
    await Promise.all(this.replicas.map((r) => this.pollReplica(r)));
  }

  private async pollReplica(r: Replica): Promise<void> {
    const before = r.state;
    try {
      if (!r.dataSource.isInitialized) await r.dataSource.initialize();
      const rows = (await r.dataSource.query(
        `SELECT pg_is_in_recovery() AS standby, coalesce(pg_last_wal_replay_lsn(), '0/0')::text AS replay`,
      )) as Array<{ standby: boolean; replay: string }>;
      const replay = parseLsn(rows[0].replay);
      if (replay > r.replayLsn) r.replayLsn = replay;
      r.lastError = undefined;
      if (!rows[0].standby) {
        r.state = 'not a standby';
        r.lagBytes = null;
        r.lagMs = null;
      } else {
        const primary = this.primaryLsn ?? replay;
        r.lagBytes = primary > r.replayLsn ? Number(primary - r.replayLsn) : 0;
        // The first sample in which the primary was already past the replica's position.
        const ahead = this.samples.find((s) => s.lsn > r.replayLsn);
        r.lagMs = r.lagBytes === 0 || !ahead ? 0 : Math.max(0, Date.now() - ahead.at);
        r.state = r.lagMs > this.settings.maxLagMs ? 'lagging' : 'in rotation';
      }
    } catch (e) {
      r.state = 'unreachable';
      r.lastError = (e as Error).message;
      r.lagBytes = null;
      r.lagMs = null;
    }
    if (r.state !== before) this.log(`${r.label}: ${r.state}${r.lagMs ? ` (${r.lagMs} ms behind)` : ''}${r.lastError ? ` (${r.lastError})` : ''}`);
  }

  /** A read request failed on this replica's connection: out of rotation until a poll finds it well. */
  replicaFailed(r: Replica, e: unknown): void {
    if (!isReplicaFailure(e)) return;
    if (r.state === 'in rotation') {
      r.state = 'unreachable';
      r.lastError = (e as Error)?.message ?? String(e);
      this.log(`${r.label}: taken out of rotation (${r.lastError})`);
    }
  }

  /** Picks where a read of `principal` runs (see the class comment). */
  async chooseForRead(principal: string | undefined): Promise<ReadChoice> {
    const inRotation = this.replicas.filter((r) => r.state === 'in rotation');
    if (inRotation.length === 0) return { reason: 'no replica in rotation' };
    let lastWrite: string | undefined;
    if (principal) {
      const rows = (await this.primary.query('SELECT app_last_write($1)::text AS lsn', [principal])) as Array<{ lsn: string | null }>;
      lastWrite = rows[0]?.lsn ?? undefined;
    }
    const start = this.next++;
    const ordered = inRotation.map((_, i) => inRotation[(start + i) % inRotation.length]);
    if (!lastWrite) return { replica: ordered[0], reason: 'replica' };
    const needed = parseLsn(lastWrite);
    const caughtUp = ordered.find((r) => r.replayLsn >= needed);
    if (caughtUp) return { replica: caughtUp, reason: 'replica' };
    // The polled position may be old: let the replica itself say whether it has replayed the write.
    return { replica: ordered[0], mustHaveReplayed: lastWrite, reason: 'replica' };
  }

  /** After a principal's mutation committed: remembers the primary's position for read-your-writes. */
  async noteWrite(principal: string | undefined, query: (sql: string, params: unknown[]) => Promise<unknown>): Promise<void> {
    this.counters.writes++;
    if (!principal || !this.hasReplicas) return;
    try {
      await query('SELECT app_note_write($1)', [principal]);
    } catch (e) {
      this.log(`replica routing: could not record the write position of ${principal} (${(e as Error).message})`);
    }
  }

  /** For /healthz: the state of each replica and what this process served where. */
  details(): Record<string, unknown> {
    return {
      pid: process.pid,
      replication: this.replicas.some((r) => r.state === 'in rotation') ? 'ok' : 'degraded (reads on the primary)',
      maxLagMs: this.settings.maxLagMs,
      replicas: this.replicas.map((r) => ({ name: r.name, state: r.state, lagBytes: r.lagBytes, lagMs: r.lagMs, served: r.served })),
      reads: { ...this.counters },
    };
  }
}
