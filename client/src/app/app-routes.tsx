import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LoadingIndicator } from '../common/ui/loading-indicator';
import { ApiKeysPage } from '../modules/admin/api-keys-page';
import { UsersPage } from '../modules/admin/users-page';
import { ActivitiesPage } from '../modules/activities/activities-page';
import { ActivityEditPage } from '../modules/activities/activity-edit-page';
import { AgenciesPage } from '../modules/agencies/agencies-page';
import { AgencyEditPage } from '../modules/agencies/agency-edit-page';
import { AnnualReportPage } from '../modules/annual-reports/annual-report-page';
import { DirectiveCreatePage, DirectivePage } from '../modules/directives/directive-page';
import { DirectivesPage } from '../modules/directives/directives-page';
import { TasksPage } from '../modules/directives/tasks-page';
import { LoginPage } from '../modules/auth/login-page';
import { ImportPage } from '../modules/imports/import-page';
import { RequireAuth } from '../modules/auth/require-auth';
import { MemberAssociationCreatePage } from '../modules/member-associations/member-association-create-page';
import { MemberAssociationEditPage } from '../modules/member-associations/member-association-edit-page';
import { MemberAssociationsPage } from '../modules/member-associations/member-associations-page';
import { MemberCreatePage } from '../modules/members/member-create-page';
import { MemberEditPage } from '../modules/members/member-edit-page';
import { MembersPage } from '../modules/members/members-page';
import { CommissioningPage } from '../modules/commissioning/commissioning-page';
import { CommissioningCreatePage } from '../modules/commissioning/commissioning-create-page';
import { CommissioningRecordPage } from '../modules/commissioning/commissioning-record-page';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found-page';
import { PublicLayout } from './public-layout';

/** The dashboard with its chart library is loaded only when opened. */
const DashboardPage = lazy(() => import('../modules/dashboard/dashboard-page'));

function LazyDashboard() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<LoadingIndicator label={t('app.loading')} />}>
      <DashboardPage />
    </Suspense>
  );
}

/** Every page of the client. Everything but /login needs a logged-in user. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route path="/login" element={<LoginPage />} />
      </Route>
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/associations" replace />} />
        <Route path="/associations" element={<MemberAssociationsPage />} />
        <Route path="/associations/new" element={<MemberAssociationCreatePage />} />
        <Route path="/associations/:id" element={<MemberAssociationEditPage />} />
        <Route path="/members" element={<MembersPage />} />
        <Route path="/members/new" element={<MemberCreatePage />} />
        <Route path="/members/:id" element={<MemberEditPage />} />
        <Route path="/agencies" element={<AgenciesPage />} />
        <Route path="/agencies/new" element={<AgencyEditPage />} />
        <Route path="/agencies/:id" element={<AgencyEditPage />} />
        <Route path="/activities" element={<ActivitiesPage />} />
        <Route path="/activities/new" element={<ActivityEditPage />} />
        <Route path="/activities/:id" element={<ActivityEditPage />} />
        <Route path="/dashboard" element={<LazyDashboard />} />
        <Route path="/tasks" element={<TasksPage />} />
        <Route path="/directives" element={<DirectivesPage />} />
        <Route path="/directives/new" element={<DirectiveCreatePage />} />
        <Route path="/directives/:id" element={<DirectivePage />} />
        <Route path="/commissioning" element={<CommissioningPage />} />
        <Route path="/commissioning/new" element={<CommissioningCreatePage />} />
        <Route path="/commissioning/:id" element={<CommissioningRecordPage />} />
        <Route path="/reports" element={<AnnualReportPage />} />
        <Route path="/api-keys" element={<ApiKeysPage />} />
        <Route path="/users" element={<UsersPage />} />
        <Route path="/import" element={<ImportPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
