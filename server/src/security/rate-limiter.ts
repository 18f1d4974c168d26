import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { LimitsConfig } from './limits-config';
import { rateLimited } from './limit-errors';

interface Take {
  allowed: boolean;
  tokens: number;
  retry_after: number;
}

/** Who is charged for a request: the API key, else the logged-in user; anonymous callers are not. */
export function principalOf(ctx: { user?: { id: string }; apiKeyId?: string }): string | undefined {
  if (ctx.apiKeyId) return `key:${ctx.apiKeyId}`;
  if (ctx.user) return `user:${ctx.user.id}`;
  return undefined;
}

interface Lease {
  granted: number;
  tokens: number;
  retry_after: number;
}

/** Tokens this process holds of one bucket, spendable until `expires` (performance.now(), monotonic). */
interface Held {
  tokens: number;
  expires: number;
  /** Set while this process asks PostgreSQL for more: other requests of the bucket wait for it. */
  pending?: Promise<void>;
}

/** Options of the leases; the defaults suit production, tests shorten them. */
export interface LeaseOptions {
  /** A lease is this fraction of the capacity (or the request's cost, if larger). */
  fraction: number;
  /** Smallest lease worth holding: below it every charge goes to PostgreSQL (`app_take_tokens`), exactly. */
  minTokens: number;
  /** How long leased tokens may be spent locally (ms). */
  ttlMs: number;
}

export const DEFAULT_LEASES: LeaseOptions = { fraction: 1 / 20, minTokens: 500, ttlMs: 1_000 };

/**
 * Token buckets in PostgreSQL, shared by every server process. Each statement is autocommit on the
 * pool, outside any request transaction: what a request was charged stays charged when the request
 * later fails.
 *
 * With a large capacity a process leases a batch of tokens (`app_lease_tokens`, a twentieth of the
 * capacity) and spends it locally for up to a second, so most requests cost no round trip. Tokens
 * are always taken from PostgreSQL before they are spent: processes together never admit more than
 * the bucket holds; holding a lease only makes the others stricter, by at most a lease each, for at
 * most a second. Leftovers go back with the next lease of the bucket, or, for idle buckets, in one
 * batched `app_give_tokens` statement off the request path. With a small capacity (lease under
 * `minTokens`) each charge is one `app_take_tokens`, as before.
 */
export class RateLimiter {
  private readonly leases: LeaseOptions;
  private readonly held = new Map<string, Held>();
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: LimitsConfig,
    leases: Partial<LeaseOptions> = {},
  ) {
    this.leases = { ...DEFAULT_LEASES, ...leases };
  }

  private async take(bucket: string, cost: number, capacity: number, perSecond: number): Promise<Take> {
    const rows = (await this.dataSource.query('SELECT * FROM app_take_tokens($1, $2, $3, $4)', [bucket, cost, capacity, perSecond])) as Take[];
    return rows[0];
  }

  /** Charges an operation's cost to the principal; RATE_LIMITED (nothing charged) when the bucket is short. */
  async charge(principal: string, cost: number): Promise<void> {
    const { rateCapacity, rateRefillPerSecond } = this.limits;
    const bucket = `rate:${principal}`;
    const leaseSize = Math.floor(rateCapacity * this.leases.fraction);
    if (leaseSize < this.leases.minTokens) {
      const r = await this.take(bucket, cost, rateCapacity, rateRefillPerSecond);
      if (!r.allowed) throw rateLimited(r.retry_after, 'Too many requests for this account or API key; retry later.');
      return;
    }
    for (;;) {
      const held = this.held.get(bucket);
      // Spent synchronously, before any await: concurrent requests never spend the same tokens.
      if (held && held.expires > performance.now() && held.tokens >= cost) {
        held.tokens -= cost;
        return;
      }
      // Another request of this process is already asking: its lease may cover this one too.
      if (held?.pending) {
        await held.pending;
        continue;
      }
      return this.lease(bucket, held, cost, Math.max(leaseSize, cost));
    }
  }

  /** One round trip: gives back what is held of the bucket, takes `cost` plus a batch for later requests. */
  private async lease(bucket: string, held: Held | undefined, cost: number, size: number): Promise<void> {
    const { rateCapacity, rateRefillPerSecond } = this.limits;
    const entry: Held = held ?? { tokens: 0, expires: 0 };
    const giveBack = entry.tokens;
    entry.tokens = 0;
    entry.expires = 0;
    let done!: () => void;
    entry.pending = new Promise((resolve) => (done = resolve));
    this.held.set(bucket, entry);
    try {
      // Timed from before the request: a lease never lasts longer than ttlMs after PostgreSQL granted it.
      const start = performance.now();
      const rows = (await this.dataSource.query('SELECT * FROM app_lease_tokens($1, $2, $3, $4, $5, $6)', [
        bucket, giveBack, cost, size, rateCapacity, rateRefillPerSecond,
      ])) as Lease[];
      const r = rows[0];
      if (!(r.granted >= cost)) throw rateLimited(r.retry_after, 'Too many requests for this account or API key; retry later.');
      entry.tokens = r.granted - cost;
      entry.expires = start + this.leases.ttlMs;
    } finally {
      entry.pending = undefined;
      done();
      this.scheduleSweep();
    }
  }

  private scheduleSweep(): void {
    if (this.sweeper) return;
    this.sweeper = setTimeout(() => {
      this.sweeper = undefined;
      void this.sweep(false);
    }, this.leases.ttlMs);
    this.sweeper.unref();
  }

  /**
   * Gives back, in one statement, the leftovers of leases that expired a while ago (`all`: every
   * lease, e.g. on shutdown). A bucket still in use gets its leftovers back with its next lease
   * instead. Errors are ignored: the tokens are then lost, which is only stricter.
   */
  private async sweep(all: boolean): Promise<void> {
    const now = performance.now();
    const buckets: string[] = [];
    const amounts: number[] = [];
    for (const [bucket, h] of this.held) {
      if (h.pending || (!all && h.expires + this.leases.ttlMs > now)) continue;
      this.held.delete(bucket);
      if (h.tokens > 0) {
        buckets.push(bucket);
        amounts.push(h.tokens);
      }
    }
    if (this.held.size > 0 && !all) this.scheduleSweep();
    if (buckets.length === 0) return;
    try {
      await this.dataSource.query('SELECT app_give_tokens(b, n, $3) FROM unnest($1::text[], $2::float8[]) AS t(b, n)', [buckets, amounts, this.limits.rateCapacity]);
    } catch {
      // Lost tokens only make the limit stricter until the bucket refills.
    }
  }

  /** On shutdown: stops the sweeper and gives back every leftover (before the pool closes). */
  async release(): Promise<void> {
    if (this.sweeper) clearTimeout(this.sweeper);
    this.sweeper = undefined;
    await this.sweep(true);
  }

  private loginBuckets(email: string, ip: string) {
    const { loginPerAccount, loginPerAddress, loginWindowSeconds } = this.limits;
    return {
      // The e-mail is not validated yet: a long one is hashed so the key fits rate_limit_buckets (1–400 characters).
      account: { bucket: `login:account:${email.length > 200 ? createHash('sha256').update(email).digest('hex') : email}`, capacity: loginPerAccount, perSecond: loginPerAccount / loginWindowSeconds },
      address: { bucket: `login:address:${ip || 'unknown'}`, capacity: loginPerAddress, perSecond: loginPerAddress / loginWindowSeconds },
    };
  }

  /**
   * Charges the login attempts of one request before any password is checked: one per `login`
   * field (aliases count one by one) to the client address, and to each account as many as the
   * document tries it. RATE_LIMITED when the address or an account has fewer left; a refused request
   * takes nothing from the bucket that refused it.
   */
  async loginAttempts(emails: string[], ip: string): Promise<void> {
    if (emails.length === 0) return;
    const address = this.loginBuckets('', ip).address;
    const byAddress = await this.take(address.bucket, emails.length, address.capacity, address.perSecond);
    if (!byAddress.allowed) throw rateLimited(byAddress.retry_after, 'Too many login attempts from this address; retry later.');
    const perAccount = new Map<string, number>();
    for (const e of emails) perAccount.set(e, (perAccount.get(e) ?? 0) + 1);
    for (const [email, n] of perAccount) {
      const { account } = this.loginBuckets(email, ip);
      const r = await this.take(account.bucket, n, account.capacity, account.perSecond);
      if (!r.allowed) throw rateLimited(r.retry_after, 'Too many login attempts for this account; retry later.');
    }
  }

  /** A right password: the account's allowance is whole again and the address gets this attempt back. */
  async loginSucceeded(email: string, ip: string): Promise<void> {
    const { account, address } = this.loginBuckets(email, ip);
    await this.dataSource.query('SELECT app_give_tokens($1, $2, $3), app_give_tokens($4, $5, $6)', [
      account.bucket, account.capacity, account.capacity, address.bucket, 1, address.capacity,
    ]);
  }
}
