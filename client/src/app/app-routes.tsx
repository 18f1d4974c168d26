import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LoadingIndicator } from '../common/ui/loading-indicator';
import { ApiKeysPage } from '../modules/admin/api-keys-page';
import { UsersPage } from '../modules/admin/users-page';
import { AnnualReportPage } from '../modules/annual-reports/annual-report-page';
import { LoginPage } from '../modules/auth/login-page';
import { RequireAuth } from '../modules/auth/require-auth';
import { MemberAssociationCreatePage } from '../modules/member-associations/member-association-create-page';
import { MemberAssociationEditPage } from '../modules/member-associations/member-association-edit-page';
import { MemberAssociationsPage } from '../modules/member-associations/member-associations-page';
import { CommissioningPage } from '../modules/work-lists/commissioning-page';
import { TasksPage } from '../modules/work-lists/tasks-page';
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
        <Route path="/dashboard" element={<LazyDashboard />} />
        <Route path="/tasks" element={<TasksPage />} />
        <Route path="/commissioning" element={<CommissioningPage />} />
        <Route path="/reports" element={<AnnualReportPage />} />
        <Route path="/api-keys" element={<ApiKeysPage />} />
        <Route path="/users" element={<UsersPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
