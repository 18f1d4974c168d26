import { useApolloClient, useMutation } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../common/use-page-title';
import { Alert } from '../../common/ui/alert';
import type { RecordFlash } from '../../common/record-navigation';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { emptyMemberValues, memberInputOf, MemberForm, type MemberValues } from './member-form';
import { ADD_MEMBERSHIP, CREATE_MEMBER, forgetMemberLists } from './members-operations';
import { useAssociationOptions } from './use-association-options';

/** /members/new: adds a member, optionally joining an association at once. */
export function MemberCreatePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const scope = useProvinceScope(user);
  const client = useApolloClient();
  const navigate = useNavigate();
  const associations = useAssociationOptions();
  const [create] = useMutation(CREATE_MEMBER);
  const [join] = useMutation(ADD_MEMBERSHIP);
  usePageTitle(t('members.createTitle'));

  async function save(values: MemberValues) {
    const { data } = await create({
      variables: { input: { ...memberInputOf(values), provinceCode: scope.multiProvince && values.provinceCode ? values.provinceCode : null } },
    });
    const member = data?.createMember;
    if (!member) return;
    forgetMemberLists(client.cache);
    const name = member.fullName ?? values.fullName.trim();
    if (values.associationId) {
      try {
        await join({ variables: { input: { memberId: member.id, associationId: values.associationId, joinedOn: values.joinedOn } } });
      } catch {
        // The member exists; the edit page lets the user add the membership again.
        await navigate(`/members/${member.id}`, { state: { flash: t('members.created', { name }) } satisfies RecordFlash });
        return;
      }
    }
    await navigate('/members', { state: { flash: t('members.created', { name }) } satisfies RecordFlash });
  }

  return (
    <section className="page narrow-page">
      <p className="back-link">
        <Link to="/members">
          <span aria-hidden="true">← </span>
          {t('members.backToList')}
        </Link>
      </p>
      <h1>{t('members.createTitle')}</h1>
      {canWriteProvinceData(user.role) ? (
        <MemberForm
          mode="create"
          initialValues={emptyMemberValues(user.province?.code ?? '')}
          provinceChoices={scope.multiProvince ? scope.provinces : null}
          associations={associations}
          save={save}
        />
      ) : (
        <Alert tone="warning">{t('form.readOnlyNotice')}</Alert>
      )}
    </section>
  );
}
