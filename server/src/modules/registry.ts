import { activitiesModule } from './activities/activities.module';
import { agenciesModule } from './agencies/agencies.module';
import { annualReportsModule } from './annual-reports/annual-reports.module';
import { apiKeysModule } from './api-keys/api-keys.module';
import { auditModule } from './audit/audit.module';
import { commissioningModule } from './commissioning/commissioning.module';
import { directivesModule } from './directives/directives.module';
import { importsModule } from './imports/imports.module';
import { indicatorsModule } from './indicators/indicators.module';
import { memberAssociationsModule } from './member-associations/member-associations.module';
import { membersModule } from './members/members.module';
import type { DomainModule } from './module';
import { provincesModule } from './provinces/provinces.module';
import { usersModule } from './users/users.module';

/** Every domain area of the server. A new area adds its module here and nowhere else. */
export const MODULES: DomainModule[] = [
  provincesModule, usersModule, memberAssociationsModule, agenciesModule, membersModule,
  directivesModule, commissioningModule, activitiesModule, auditModule, indicatorsModule, annualReportsModule,
  apiKeysModule, importsModule,
];
