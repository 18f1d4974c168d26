import 'reflect-metadata';
import { types } from 'pg';
import { DataSource } from 'typeorm';
import { MODULES } from '../modules/registry';
import { DatabaseTimeouts, DEFAULT_DB_TIMEOUTS } from '../security/limits-config';
import { Foundation1763800000000 } from './migrations/1763800000000-Foundation';
import { ProvincialDomain1763900000000 } from './migrations/1763900000000-ProvincialDomain';
import { Indicators1764000000000 } from './migrations/1764000000000-Indicators';
import { AnnualReports1764000001000 } from './migrations/1764000001000-AnnualReports';
import { ApiKeys1764100000000 } from './migrations/1764100000000-ApiKeys';
import { UserInvitations1764200000000 } from './migrations/1764200000000-UserInvitations';
import { RequestLimits1764300001000 } from './migrations/1764300001000-RequestLimits';
import { UserAdminWrites1764300002000 } from './migrations/1764300002000-UserAdminWrites';
import { IndicatorRecomputeLock1764300003000 } from './migrations/1764300003000-IndicatorRecomputeLock';
import { Imports1764300000000 } from './migrations/1764300000000-Imports';
import { SharedCaches1764300004000 } from './migrations/1764300004000-SharedCaches';
import { UserActiveCheck1764300005000 } from './migrations/1764300005000-UserActiveCheck';
import { RateLimitLeases1764300006000 } from './migrations/1764300006000-RateLimitLeases';
import { MembershipOrderIndex1764300007000 } from './migrations/1764300007000-MembershipOrderIndex';
import { IndicatorRelevantChanges1764300008000 } from './migrations/1764300008000-IndicatorRelevantChanges';
import { MembershipIndicatorDelta1764300009000 } from './migrations/1764300009000-MembershipIndicatorDelta';
import { CommissioningListOrder1764300010000 } from './migrations/1764300010000-CommissioningListOrder';

// DATE columns stay 'yyyy-mm-dd' strings: a JS Date would shift them by the server's time zone.
types.setTypeParser(types.builtins.DATE, (v) => v);
// bigint counts fit in a JS number for our sizes; keep them numbers rather than strings.
types.setTypeParser(types.builtins.INT8, (v) => Number(v));

export const ENTITIES = MODULES.flatMap((m) => m.entities);
export const MIGRATIONS = [
  Foundation1763800000000, ProvincialDomain1763900000000, Indicators1764000000000, AnnualReports1764000001000, ApiKeys1764100000000,
  UserInvitations1764200000000, Imports1764300000000, RequestLimits1764300001000, UserAdminWrites1764300002000, IndicatorRecomputeLock1764300003000,
  SharedCaches1764300004000, UserActiveCheck1764300005000, RateLimitLeases1764300006000, MembershipOrderIndex1764300007000,
  IndicatorRelevantChanges1764300008000, MembershipIndicatorDelta1764300009000, CommissioningListOrder1764300010000,
];

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /** Statement, idle-in-transaction and pool connection timeouts (defaults: DEFAULT_DB_TIMEOUTS). */
  timeouts?: Partial<DatabaseTimeouts>;
  /** Only runs migrations: no entity metadata to build (it costs the start about 20 ms). */
  migrationsOnly?: boolean;
}

/** A TypeORM data source on the pg pool, with timeouts so a stuck statement or client never holds a connection for long. */
export function createDataSource(opts: DataSourceOptions): DataSource {
  const timeouts = { ...DEFAULT_DB_TIMEOUTS, ...opts.timeouts };
  return new DataSource({
    type: 'postgres',
    url: opts.url,
    entities: opts.migrationsOnly ? [] : ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    poolSize: opts.poolSize ?? 10,
    extra: {
      application_name: opts.applicationName ?? 'stp-server',
      // Sent as startup parameters: every connection of the pool has them, transactions included.
      connectionTimeoutMillis: timeouts.connectionTimeoutMs,
      statement_timeout: timeouts.statementTimeoutMs,
      idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
    },
  });
}
