import type { DomainModule } from '../module';
import { ImportResolver } from './import.resolver';

/** Spreadsheet imports: staging tables only, no TypeORM entities (plain SQL). */
export const importsModule: DomainModule = { resolvers: [ImportResolver], entities: [] };
