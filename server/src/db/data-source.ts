import 'reflect-metadata';
import { types } from 'pg';
import { DataSource } from 'typeorm';
import { MODULES } from '../modules/registry';
import { Foundation1763800000000 } from './migrations/1763800000000-Foundation';
import { ProvincialDomain1763900000000 } from './migrations/1763900000000-ProvincialDomain';
import { Indicators1764000000000 } from './migrations/1764000000000-Indicators';
import { AnnualReports1764000001000 } from './migrations/1764000001000-AnnualReports';
import { ApiKeys1764100000000 } from './migrations/1764100000000-ApiKeys';
import { UserInvitations1764200000000 } from './migrations/1764200000000-UserInvitations';

// DATE columns stay 'yyyy-mm-dd' strings: a JS Date would shift them by the server's time zone.
types.setTypeParser(types.builtins.DATE, (v) => v);
// bigint counts fit in a JS number for our sizes; keep them numbers rather than strings.
types.setTypeParser(types.builtins.INT8, (v) => Number(v));

export const ENTITIES = MODULES.flatMap((m) => m.entities);
export const MIGRATIONS = [Foundation1763800000000, ProvincialDomain1763900000000, Indicators1764000000000, AnnualReports1764000001000, ApiKeys1764100000000, UserInvitations1764200000000];

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/** A TypeORM data source on the pg pool, with timeouts so a stuck statement or client never holds a connection for long. */
export function createDataSource(opts: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: opts.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    poolSize: opts.poolSize ?? 10,
    extra: {
      application_name: opts.applicationName ?? 'stp-server',
      connectionTimeoutMillis: 5_000,
      statement_timeout: 15_000,
      idle_in_transaction_session_timeout: 30_000,
    },
  });
}
