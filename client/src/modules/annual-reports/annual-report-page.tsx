import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../common/use-page-title';
import { useCurrentUser } from '../auth/current-user-context';
import { isMinistryRole } from '../auth/roles';
import { MinistryAnnualReports } from './ministry-annual-reports';
import { ProvinceAnnualReport } from './province-annual-report';

/** /reports: the province's annual report, or every province's reports for the ministry. */
export function AnnualReportPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const ministry = isMinistryRole(user.role) || !user.province;
  usePageTitle(t('annualReport.title'));
  return (
    <section className="page annual-report-page" data-testid={ministry ? 'ministry-annual-reports' : 'province-annual-report'}>
      <div className="page-header">
        <div>
          <h1>{t('annualReport.title')}</h1>
          <p className="page-intro">{ministry ? t('annualReport.ministryIntro') : t('annualReport.provinceIntro', { province: user.province?.name ?? '' })}</p>
        </div>
      </div>
      {ministry ? <MinistryAnnualReports /> : <ProvinceAnnualReport user={user} />}
    </section>
  );
}
