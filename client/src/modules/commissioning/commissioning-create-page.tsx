import { useApolloClient, useMutation } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../common/use-page-title';
import { Alert } from '../../common/ui/alert';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { CommissioningForm } from './commissioning-form';
import { CREATE_COMMISSIONING_REQUEST, forgetCommissioningLists } from './commissioning-operations';
import { createInputOf, emptyValues, type FormValues } from './form-values';

/** What the record page shows once after a create. */
export interface RecordFlash {
  created?: string;
}

/** /commissioning/new: a new task (đề xuất đặt hàng) of the user's province; it starts at PROPOSED. */
export function CommissioningCreatePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const scope = useProvinceScope(user);
  const client = useApolloClient();
  const navigate = useNavigate();
  const [create] = useMutation(CREATE_COMMISSIONING_REQUEST);
  usePageTitle(t('commissioningBoard.form.createTitle'));
  const home = user.province?.code ?? '';

  async function save(values: FormValues) {
    const { data } = await create({ variables: { input: createInputOf(values, home) } });
    forgetCommissioningLists(client.cache);
    const record = data?.createCommissioningRequest;
    if (record) await navigate(`/commissioning/${record.id}`, { state: { created: record.title } satisfies RecordFlash });
  }

  return (
    <section className="page narrow-page">
      <p className="back-link">
        <Link to="/commissioning">
          <span aria-hidden="true">← </span>
          {t('commissioningBoard.form.backToList')}
        </Link>
      </p>
      <h1>{t('commissioningBoard.form.createTitle')}</h1>
      {canWriteProvinceData(user.role) && home ? (
        <CommissioningForm
          mode="create"
          initialValues={emptyValues(home, new Date().getFullYear())}
          provinceChoices={scope.multiProvince ? scope.provinces : null}
          save={save}
        />
      ) : (
        <Alert tone="warning">{t('commissioningBoard.form.noCreateRight')}</Alert>
      )}
    </section>
  );
}
