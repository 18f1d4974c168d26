import { useState, type FormEvent } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatLocalDate, todayLocalDate } from '../../common/formatters';
import { usePageTitle } from '../../common/use-page-title';
import { useRecordQuery } from '../../common/use-record-query';
import { Alert } from '../../common/ui/alert';
import { ConfirmDialog } from '../../common/ui/confirm-dialog';
import { DeleteConfirmDialog, DeleteErrorAlert, useConfirmedDelete } from '../../common/ui/delete-record';
import { FormField } from '../../common/ui/form-field';
import { BackLink, RecordPageBody } from '../../common/ui/record-page';
import { useMemberName } from './members-page';
import { useReturnPath, type RecordFlash } from '../../common/record-navigation';
import { DetailList } from '../../common/ui/detail-list';
import { fieldErrorOf, saveFailureOf, SaveFailureAlert, type SaveFailure } from '../../common/ui/save-failure';
import { AuditHistory } from '../audit/audit-history';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { memberInputOf, MemberForm, memberValuesOf, type MemberValues } from './member-form';
import { ADD_MEMBERSHIP, DELETE_MEMBER, END_MEMBERSHIP, forgetMemberLists, MEMBER, UPDATE_MEMBER, type MemberRow, type MembershipRow } from './members-operations';
import { useAssociationOptions } from './use-association-options';

/** /members/:id: the edit form and memberships for writers, the details for readers; the change history for admins. */
export function MemberEditPage() {
  const back = useReturnPath('/members');
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const page = useRecordQuery(MEMBER, 'member', id);
  const { record } = page;
  const nameOf = useMemberName();
  usePageTitle(record ? nameOf(record) : t('members.viewTitle'));

  const body = (
    <RecordPageBody
      page={page}
      title={t('members.viewTitle')}
      notFoundTestId="member-not-found"
      notFoundText={t('members.notFound')}
      loadingLabel={t('members.loadingRecord')}
      render={(r) => r && <MemberView record={r} reload={page.reload} />}
    />
  );

  return (
    <section className="page narrow-page">
      <BackLink to={back} label={t('members.backToList')} />
      {body}
    </section>
  );
}

function MemberView({ record, reload }: { record: MemberRow; reload(): Promise<void> }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = canWriteProvinceData(user.role);
  const client = useApolloClient();
  const navigate = useNavigate();
  const location = useLocation();
  const backTo = useReturnPath('/members');
  const nameOf = useMemberName();
  const [update] = useMutation(UPDATE_MEMBER);
  const [remove, { loading: deleting }] = useMutation(DELETE_MEMBER);
  const [flash, setFlash] = useState<string | null>((location.state as RecordFlash | null)?.flash ?? null);

  async function save(values: MemberValues) {
    const { data } = await update({ variables: { input: { ...memberInputOf(values), id: record.id, version: record.version } } });
    forgetMemberLists(client.cache);
    setFlash(t('members.updated', { name: data?.updateMember.fullName ?? values.fullName.trim() }));
    await reload();
  }

  const deletion = useConfirmedDelete(
    async () => {
      await remove({ variables: { input: { id: record.id, version: record.version } } });
      forgetMemberLists(client.cache);
    },
    async () => {
      await navigate(backTo, { state: { flash: t('members.deleted', { name: nameOf(record) }) } satisfies RecordFlash });
    },
  );

  const yesNo = (v: boolean) => (v ? t('members.yes') : t('members.no'));
  return (
    <>
      <p className="page-kicker">{canWrite ? t('members.editTitle') : t('members.viewTitle')}</p>
      <h1 data-testid="member-title">{nameOf(record)}</h1>
      <p className="muted">{t('form.lastUpdated', { date: formatDateTime(record.updatedAt) })}</p>
      {flash ? (
        <Alert tone="success" testId="flash">
          {flash}
        </Alert>
      ) : null}
      <DeleteErrorAlert error={deletion.error} conflictText={t('members.conflict')} />

      {canWrite ? (
        <MemberForm
          key={`${record.id}:${record.version}`}
          mode="edit"
          initialValues={memberValuesOf(record)}
          provinceChoices={null}
          save={save}
          onReload={reload}
          extraActions={
            <button type="button" className="button button-danger-outline" onClick={deletion.ask} data-testid="delete-member">
              {t('members.delete')}
            </button>
          }
        />
      ) : (
        <>
          <Alert tone="info">{t('form.readOnlyNotice')}</Alert>
          <DetailList
            testId="member-details"
            rows={[
              [t('members.column.kind'), t(`members.kindName.${record.kind}`)],
              [t('members.column.academicTitle'), record.academicTitle ? t(`members.titleName.${record.academicTitle}`) : null],
              [t('members.column.degree'), record.degree ? t(`members.degreeName.${record.degree}`) : null],
              [t('members.column.birthYear'), record.birthYear],
              [t('members.column.email'), record.email],
              [t('members.column.phone'), record.phone],
              [t('members.column.field'), record.field],
              [t('members.column.workplace'), record.workplace],
              [t('members.column.youngIntellectual'), yesNo(record.isYoungIntellectual)],
              [t('members.column.inEnterprise'), yesNo(record.inEnterprise)],
              [t('members.column.province'), record.province.name],
            ]}
          />
        </>
      )}

      <Memberships record={record} canWrite={canWrite} reload={reload} />

      <DeleteConfirmDialog flow={deletion} title={t('members.confirmDeleteTitle')} deleting={deleting}>
        <p>{t('members.confirmDeleteBody', { name: nameOf(record) })}</p>
      </DeleteConfirmDialog>

      <AuditHistory key={record.version} entityType="Member" entityId={record.id} />
    </>
  );
}

/** The member's memberships, oldest first; writers add one or record leaving. */
function Memberships({ record, canWrite, reload }: { record: MemberRow; canWrite: boolean; reload(): Promise<void> }) {
  const { t } = useTranslation();
  const associations = useAssociationOptions().filter((a) => a.province.code === record.province.code);
  const [join, { loading: joining }] = useMutation(ADD_MEMBERSHIP);
  const [end, { loading: ending }] = useMutation(END_MEMBERSHIP);
  const [associationId, setAssociationId] = useState('');
  const [joinedOn, setJoinedOn] = useState(todayLocalDate());
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [flash, setFlash] = useState('');
  const [ending_, setEnding] = useState<MembershipRow | null>(null);
  const [leftOn, setLeftOn] = useState(todayLocalDate());
  const [endFailure, setEndFailure] = useState<SaveFailure | null>(null);

  async function onJoin(e: FormEvent) {
    e.preventDefault();
    setFlash('');
    if (!associationId) {
      setFailure({ kind: 'fields', problems: [{ field: 'associationId', constraint: 'required', message: t('members.associationRequired') }] });
      return;
    }
    setFailure(null);
    try {
      await join({ variables: { input: { memberId: record.id, associationId, joinedOn } } });
      setFlash(t('members.membershipAdded', { name: associations.find((a) => a.id === associationId)?.name ?? '' }));
      setAssociationId('');
      await reload();
    } catch (err) {
      setFailure(saveFailureOf(err));
    }
  }

  async function onEnd() {
    if (!ending_) return;
    setEndFailure(null);
    try {
      await end({ variables: { input: { id: ending_.id, version: ending_.version, leftOn } } });
      setFlash(t('members.membershipEndedFlash', { name: ending_.association?.name ?? '' }));
      setEnding(null);
      await reload();
    } catch (err) {
      setEndFailure(saveFailureOf(err));
    }
  }

  return (
    <section className="panel" aria-labelledby="memberships-title" data-testid="memberships">
      <h2 id="memberships-title">{t('members.membershipsTitle')}</h2>
      {flash ? (
        <Alert tone="success" testId="membership-flash">
          {flash}
        </Alert>
      ) : null}
      {record.memberships.length === 0 ? (
        <p className="muted">{t('members.membershipsEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="memberships-table">
            <caption className="visually-hidden">{t('members.membershipsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('members.membershipAssociation')}</th>
                <th scope="col">{t('members.membershipJoined')}</th>
                <th scope="col">{t('members.membershipLeft')}</th>
                <th scope="col">{t('members.membershipStatus')}</th>
                {canWrite ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('associations.column.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {record.memberships.map((ms) => (
                <tr key={ms.id} data-testid="membership-row">
                  <th scope="row">{ms.association?.name ?? <span className="muted">{t('members.deletedAssociation')}</span>}</th>
                  <td className="nowrap">{formatLocalDate(ms.joinedOn)}</td>
                  <td className="nowrap">{formatLocalDate(ms.leftOn)}</td>
                  <td>
                    <span className={ms.isCurrent ? 'badge badge-active' : 'badge badge-dissolved'}>
                      {ms.isCurrent ? t('members.membershipCurrent') : t('members.membershipEnded')}
                    </span>
                  </td>
                  {canWrite ? (
                    <td>
                      {ms.leftOn === null ? (
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          aria-label={t('members.endMembershipNamed', { name: ms.association?.name ?? '' })}
                          onClick={() => {
                            setEndFailure(null);
                            setLeftOn(todayLocalDate());
                            setEnding(ms);
                          }}
                          data-testid="end-membership"
                        >
                          {t('members.endMembership')}
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite ? (
        <form className="filters" onSubmit={(e) => void onJoin(e)} noValidate data-testid="add-membership-form">
          <SaveFailureAlert failure={failure?.kind === 'fields' ? null : failure} conflictText={t('members.conflict')} />
          <FormField id="membership-association" label={t('members.membershipAssociation')} error={fieldErrorOf(failure, 'associationId', 'memberId')}>
            {(a11y) => (
              <select {...a11y} value={associationId} onChange={(e) => setAssociationId(e.target.value)} data-testid="membership-association">
                <option value="">{t('members.chooseAssociation')}</option>
                {associations.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="membership-joined-on" label={t('members.membershipJoined')} error={fieldErrorOf(failure, 'joinedOn')}>
            {(a11y) => <input {...a11y} type="date" value={joinedOn} max={todayLocalDate()} onChange={(e) => setJoinedOn(e.target.value)} />}
          </FormField>
          <div className="filter-clear">
            <button type="submit" className="button button-primary" disabled={joining} data-testid="add-membership">
              {joining ? t('members.addingMembership') : t('members.addMembership')}
            </button>
          </div>
        </form>
      ) : null}
      <ConfirmDialog
        open={ending_ !== null}
        title={t('members.endMembershipTitle', { name: ending_?.association?.name ?? '' })}
        confirmLabel={t('members.confirmEnd')}
        cancelLabel={t('form.cancel')}
        busy={ending}
        onConfirm={() => void onEnd()}
        onCancel={() => setEnding(null)}
      >
        <SaveFailureAlert failure={endFailure?.kind === 'fields' ? null : endFailure} conflictText={t('members.conflict')} onReload={() => void reload().then(() => setEnding(null))} />
        <FormField id="membership-left-on" label={t('members.leftOn')} error={fieldErrorOf(endFailure, 'leftOn', 'id')}>
          {(a11y) => <input {...a11y} type="date" value={leftOn} max={todayLocalDate()} onChange={(e) => setLeftOn(e.target.value)} data-testid="membership-left-on" />}
        </FormField>
      </ConfirmDialog>
    </section>
  );
}
