import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../common/use-page-title';
import { useCurrentUser } from '../auth/current-user-context';
import { isMinistryRole } from '../auth/roles';
import { MinistryDashboard } from './ministry-dashboard';
import { ProvinceDashboard } from './province-dashboard';

/** /dashboard: the comparison dashboard for the ministry, the province's own dashboard for province users. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const ministry = isMinistryRole(user.role) || !user.province;
  usePageTitle(t('dashboard.title'));
  return (
    <section className="page dashboard-page" data-testid={ministry ? 'ministry-dashboard' : 'province-dashboard'}>
      <div className="page-header">
        <div>
          <h1>{ministry ? t('dashboard.title') : t('dashboard.provinceTitle', { province: user.province?.name ?? '' })}</h1>
          <p className="page-intro">{ministry ? t('dashboard.ministryIntro') : t('dashboard.provinceIntro')}</p>
        </div>
      </div>
      {ministry ? <MinistryDashboard /> : <ProvinceDashboard user={user} />}
    </section>
  );
}
