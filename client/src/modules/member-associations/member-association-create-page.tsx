import { useApolloClient, useMutation } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../common/use-page-title';
import { Alert } from '../../common/ui/alert';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { emptyValues, inputOf, type FormValues } from './form-values';
import { useListReturnPath } from './list-return';
import { CREATE_MEMBER_ASSOCIATION, forgetAssociationLists } from './member-association-operations';
import type { ListFlash } from './member-associations-page';
import { MemberAssociationForm } from './member-association-form';
import { useProvinceScope } from './use-province-scope';

/** /associations/new: adds an association to the user's province (or a former province merged into it). */
export function MemberAssociationCreatePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const client = useApolloClient();
  const navigate = useNavigate();
  const scope = useProvinceScope(user);
  const backTo = useListReturnPath();
  const [create] = useMutation(CREATE_MEMBER_ASSOCIATION);
  usePageTitle(t('form.createTitle'));

  const home = user.province?.code ?? '';

  async function save(values: FormValues) {
    const provinceCode = values.provinceCode && values.provinceCode !== home ? values.provinceCode : undefined;
    const { data } = await create({ variables: { input: { ...inputOf(values), ...(provinceCode ? { provinceCode } : {}) } } });
    forgetAssociationLists(client.cache);
    const flash: ListFlash = { flash: { kind: 'created', name: data?.createMemberAssociation.name ?? values.name.trim() } };
    await navigate(backTo, { state: flash });
  }

  return (
    <section className="page narrow-page">
      <p className="back-link">
        <Link to={backTo}>
          <span aria-hidden="true">← </span>
          {t('form.backToList')}
        </Link>
      </p>
      <h1>{t('form.createTitle')}</h1>
      {canWriteProvinceData(user.role) && user.province ? (
        <MemberAssociationForm
          mode="create"
          initialValues={emptyValues(home)}
          provinceChoices={scope.multiProvince ? scope.provinces : null}
          save={save}
        />
      ) : (
        <Alert tone="warning">{t('form.noCreateRight')}</Alert>
      )}
    </section>
  );
}
