import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../common/use-page-title';

/** Shown for an address the app does not know. */
export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <section className="page narrow-page">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/associations" className="button button-primary">
          {t('notFound.back')}
        </Link>
      </p>
    </section>
  );
}
