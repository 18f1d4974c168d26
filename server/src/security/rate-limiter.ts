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

/**
 * Token buckets in PostgreSQL (`app_take_tokens`), shared by every server process. Each call is one
 * autocommit statement on the pool, outside any request transaction: what a request was charged
 * stays charged when the request later fails.
 */
export class RateLimiter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: LimitsConfig,
  ) {}

  private async take(bucket: string, cost: number, capacity: number, perSecond: number): Promise<Take> {
    const rows = (await this.dataSource.query('SELECT * FROM app_take_tokens($1, $2, $3, $4)', [bucket, cost, capacity, perSecond])) as Take[];
    return rows[0];
  }

  /** Charges an operation's cost to the principal; RATE_LIMITED (nothing charged) when the bucket is short. */
  async charge(principal: string, cost: number): Promise<void> {
    const { rateCapacity, rateRefillPerSecond } = this.limits;
    const r = await this.take(`rate:${principal}`, cost, rateCapacity, rateRefillPerSecond);
    if (!r.allowed) throw rateLimited(r.retry_after, 'Too many requests for this account or API key; retry later.');
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
