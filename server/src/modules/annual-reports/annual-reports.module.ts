import type { DomainModule } from '../module';
import { AnnualReport } from './annual-report.entity';
import { AnnualReportResolver } from './annual-report.resolver';

export const annualReportsModule: DomainModule = { resolvers: [AnnualReportResolver], entities: [AnnualReport] };
