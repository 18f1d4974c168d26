import { useState, type FormEvent, type ReactNode } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatCount, formatDateTime, formatLocalDate, todayLocalDate } from '../../common/formatters';
import type { FieldProblem } from '../../common/graphql-errors';
import { usePageTitle } from '../../common/use-page-title';
import { useRecordQuery } from '../../common/use-record-query';
import { Alert } from '../../common/ui/alert';
import { DeleteConfirmDialog, DeleteErrorAlert, useConfirmedDelete } from '../../common/ui/delete-record';
import { FormField } from '../../common/ui/form-field';
import { BackLink, RecordPageBody } from '../../common/ui/record-page';
import { optionalText } from '../../common/form-text';
import { useReturnPath, type RecordFlash } from '../../common/record-navigation';
import { DetailList } from '../../common/ui/detail-list';
import { fieldErrorOf, SaveFailureAlert, useRecordSubmit } from '../../common/ui/save-failure';
import { FormActions } from '../../common/ui/form-actions';
import { ProvinceField } from '../../common/ui/province-field';
import { useAgencyOptions } from '../agencies/use-agency-options';
import { AuditHistory } from '../audit/audit-history';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { useAssociationOptions } from '../members/use-association-options';
import {
  ACTIVITY,
  ACTIVITY_KINDS,
  CREATE_ACTIVITY,
  DELETE_ACTIVITY,
  DRAFT_KINDS,
  forgetActivityLists,
  RESPONSES,
  UPDATE_ACTIVITY,
  type ActivityKind,
  type ActivityResponse,
  type ActivityRow,
} from './activities-operations';
import { ResponseBadge } from './activities-page';

interface ActivityValues {
  title: string;
  kind: ActivityKind;
  heldOn: string;
  participants: string;
  organizerAssociationId: string;
  note: string;
  draftTitle: string;
  draftingAgencyId: string;
  response: ActivityResponse;
  provinceCode: string;
}

/** /activities/new and /activities/:id: the form for writers, the details for readers, the history for admins. */
export function ActivityEditPage() {
  const back = useReturnPath('/activities');
  const { id } = useParams();
  const { t } = useTranslation();
  const page = useRecordQuery(ACTIVITY, 'activity', id ?? null);
  const { record } = page;
  const creating = page.status === 'new';
  usePageTitle(creating ? t('activities.createTitle') : (record?.title ?? t('activities.viewTitle')));

  const body = (
    <RecordPageBody
      page={page}
      title={t('activities.viewTitle')}
      notFoundTestId="activity-not-found"
      notFoundText={t('activities.notFound')}
      loadingLabel={t('activities.loadingRecord')}
      render={(r) => (r ? <ActivityView key={r.id} record={r} reload={page.reload} /> : <ActivityView record={null} reload={async () => undefined} />)}
    />
  );

  return (
    <section className="page narrow-page">
      <BackLink to={back} label={t('activities.backToList')} />
      {body}
    </section>
  );
}

function ActivityView({ record, reload }: { record: ActivityRow | null; reload(): Promise<void> }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const scope = useProvinceScope(user);
  const canWrite = canWriteProvinceData(user.role);
  const client = useApolloClient();
  const navigate = useNavigate();
  const backTo = useReturnPath('/activities');
  const [create] = useMutation(CREATE_ACTIVITY);
  const [update] = useMutation(UPDATE_ACTIVITY);
  const [remove, { loading: deleting }] = useMutation(DELETE_ACTIVITY);

  async function save(v: ActivityValues) {
    const draft = DRAFT_KINDS.includes(v.kind);
    const fields = {
      title: v.title.trim(),
      kind: v.kind,
      heldOn: v.heldOn,
      participants: v.participants.trim() === '' ? null : Number(v.participants.trim()),
      organizerAssociationId: v.organizerAssociationId || null,
      note: optionalText(v.note),
      draftTitle: draft ? optionalText(v.draftTitle) : null,
      draftingAgencyId: draft ? v.draftingAgencyId || null : null,
      response: draft ? v.response : null,
    };
    if (record) {
      const { data } = await update({ variables: { input: { ...fields, id: record.id, version: record.version } } });
      forgetActivityLists(client.cache);
      await navigate(backTo, { state: { flash: t('activities.updated', { name: data?.updateActivity.title ?? fields.title }) } satisfies RecordFlash });
    } else {
      const { data } = await create({ variables: { input: { ...fields, provinceCode: scope.multiProvince && v.provinceCode ? v.provinceCode : null } } });
      forgetActivityLists(client.cache);
      await navigate(backTo, { state: { flash: t('activities.created', { name: data?.createActivity.title ?? fields.title }) } satisfies RecordFlash });
    }
  }

  const deletion = useConfirmedDelete(
    async () => {
      if (!record) return;
      await remove({ variables: { input: { id: record.id, version: record.version } } });
      forgetActivityLists(client.cache);
    },
    async () => {
      if (record) await navigate(backTo, { state: { flash: t('activities.deleted', { name: record.title }) } satisfies RecordFlash });
    },
  );

  if (!record && !canWrite) return <Alert tone="warning">{t('form.readOnlyNotice')}</Alert>;
  const draft = record ? DRAFT_KINDS.includes(record.kind) : false;

  return (
    <>
      <p className="page-kicker">{!record ? '' : canWrite ? t('activities.editTitle') : t('activities.viewTitle')}</p>
      <h1>{record ? record.title : t('activities.createTitle')}</h1>
      {record ? <p className="muted">{t('form.lastUpdated', { date: formatDateTime(record.updatedAt) })}</p> : null}
      <DeleteErrorAlert error={deletion.error} conflictText={t('activities.conflict')} />
      {canWrite ? (
        <ActivityForm
          key={record ? `${record.id}:${record.version}` : 'new'}
          record={record}
          provinceChoices={!record && scope.multiProvince ? scope.provinces : null}
          defaultProvince={user.province?.code ?? ''}
          save={save}
          onReload={record ? reload : undefined}
          extraActions={
            record ? (
              <button type="button" className="button button-danger-outline" onClick={deletion.ask} data-testid="delete-activity">
                {t('activities.delete')}
              </button>
            ) : null
          }
        />
      ) : record ? (
        <>
          <Alert tone="info">{t('form.readOnlyNotice')}</Alert>
          <DetailList
            testId="activity-details"
            rows={[
              [t('activities.column.kind'), t(`activities.kindName.${record.kind}`)],
              [t('activities.column.heldOn'), formatLocalDate(record.heldOn)],
              [t('activities.column.organizer'), record.organizerAssociation?.name],
              [t('activities.column.participants'), formatCount(record.participants)],
              ...(draft
                ? ([
                    [t('activities.column.draftTitle'), record.draftTitle],
                    [t('activities.column.draftingAgency'), record.draftingAgency?.name],
                    [t('activities.field.opinions'), record.note],
                    [t('activities.column.response'), record.response ? <ResponseBadge response={record.response} /> : null],
                  ] as Array<[string, ReactNode]>)
                : ([[t('activities.field.note'), record.note]] as Array<[string, ReactNode]>)),
              [t('activities.column.province'), record.province.name],
            ]}
          />
        </>
      ) : null}
      {record ? (
        <>
          <DeleteConfirmDialog flow={deletion} title={t('activities.confirmDeleteTitle')} deleting={deleting}>
            <p>{t('activities.confirmDeleteBody', { name: record.title })}</p>
          </DeleteConfirmDialog>
          <AuditHistory key={record.version} entityType="Activity" entityId={record.id} />
        </>
      ) : null}
    </>
  );
}

function ActivityForm({
  record,
  provinceChoices,
  defaultProvince,
  save,
  onReload,
  extraActions,
}: {
  record: ActivityRow | null;
  provinceChoices: Array<{ code: string; name: string }> | null;
  defaultProvince: string;
  save(values: ActivityValues): Promise<void>;
  onReload?(): Promise<void>;
  extraActions: ReactNode;
}) {
  const { t } = useTranslation();
  const agencies = useAgencyOptions();
  const associations = useAssociationOptions();
  const [values, setValues] = useState<ActivityValues>({
    title: record?.title ?? '',
    kind: record?.kind ?? 'WORKSHOP',
    heldOn: record?.heldOn ?? todayLocalDate(),
    participants: record?.participants === null || record?.participants === undefined ? '' : String(record.participants),
    organizerAssociationId: record?.organizerAssociation?.id ?? '',
    note: record?.note ?? '',
    draftTitle: record?.draftTitle ?? '',
    draftingAgencyId: record?.draftingAgency?.id ?? '',
    response: record?.response ?? 'PENDING',
    provinceCode: record?.province.code ?? defaultProvince,
  });
  const { saving, failure, submit } = useRecordSubmit(save, (field) => `activity-${field}`);
  const err = (...f: string[]) => fieldErrorOf(failure, ...f);
  const province = record?.province.code ?? values.provinceCode;
  const draft = DRAFT_KINDS.includes(values.kind);
  const setText = (name: 'title' | 'heldOn' | 'participants' | 'note' | 'draftTitle') => ({
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
  });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const local: FieldProblem[] = [];
    if (values.title.trim().length < 2) local.push({ field: 'title', constraint: 'length', message: t('activities.titleRequired') });
    if (!values.heldOn) local.push({ field: 'heldOn', constraint: 'required', message: t('activities.dateRequired') });
    if (values.participants.trim() !== '' && !/^\d+$/.test(values.participants.trim()))
      local.push({ field: 'participants', constraint: 'isInt', message: t('activities.intInvalid') });
    await submit(values, local);
  }

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="activity-form">
      <SaveFailureAlert failure={failure} conflictText={t('activities.conflict')} onReload={onReload ? () => void onReload() : undefined} />
      {provinceChoices && provinceChoices.length > 1 ? (
        <ProvinceField
          id="activity-provinceCode"
          label={t('activities.field.province')}
          error={err('provinceCode')}
          provinces={provinceChoices}
          value={values.provinceCode}
          onChange={(code) => setValues((v) => ({ ...v, provinceCode: code, organizerAssociationId: '', draftingAgencyId: '' }))}
        />
      ) : null}
      <FormField id="activity-title" label={t('activities.field.title')} requiredLabel={t('form.required')} hint={t('activities.field.titleHint')} error={err('title')} className="form-field-wide">
        {(a11y) => <input {...a11y} type="text" {...setText('title')} maxLength={500} autoComplete="off" data-testid="activity-title" />}
      </FormField>
      <div className="form-grid">
        <FormField id="activity-kind" label={t('activities.field.kind')} error={err('kind')}>
          {(a11y) => (
            <select {...a11y} value={values.kind} onChange={(e) => setValues((v) => ({ ...v, kind: e.target.value as ActivityKind }))} data-testid="activity-kind">
              {ACTIVITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`activities.kindName.${k}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="activity-heldOn" label={t('activities.field.heldOn')} requiredLabel={t('form.required')} error={err('heldOn')}>
          {(a11y) => <input {...a11y} type="date" {...setText('heldOn')} data-testid="activity-held-on" />}
        </FormField>
        <FormField id="activity-participants" label={t('activities.field.participants')} error={err('participants')}>
          {(a11y) => <input {...a11y} type="text" inputMode="numeric" {...setText('participants')} maxLength={9} data-testid="activity-participants" />}
        </FormField>
        <FormField id="activity-organizerAssociationId" label={t('activities.field.organizer')} error={err('organizerAssociationId')}>
          {(a11y) => (
            <select {...a11y} value={values.organizerAssociationId} onChange={(e) => setValues((v) => ({ ...v, organizerAssociationId: e.target.value }))}>
              <option value="">{t('activities.field.unionItself')}</option>
              {associations
                .filter((a) => !province || a.province.code === province)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
            </select>
          )}
        </FormField>
      </div>
      {draft ? (
        <fieldset className="form-section" data-testid="draft-section">
          <legend>{t('activities.field.draftSection')}</legend>
          <FormField id="activity-draftTitle" label={t('activities.field.draftTitle')} hint={t('activities.field.draftTitleHint')} error={err('draftTitle')} className="form-field-wide">
            {(a11y) => <input {...a11y} type="text" {...setText('draftTitle')} maxLength={1000} autoComplete="off" data-testid="activity-draft-title" />}
          </FormField>
          <div className="form-grid">
            <FormField id="activity-draftingAgencyId" label={t('activities.field.draftingAgency')} error={err('draftingAgencyId')}>
              {(a11y) => (
                <select {...a11y} value={values.draftingAgencyId} onChange={(e) => setValues((v) => ({ ...v, draftingAgencyId: e.target.value }))} data-testid="activity-drafting-agency">
                  <option value="">{t('activities.field.noAgency')}</option>
                  {agencies
                    .filter((a) => !province || a.province.code === province)
                    .map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                </select>
              )}
            </FormField>
            <FormField id="activity-response" label={t('activities.field.response')} error={err('response')}>
              {(a11y) => (
                <select {...a11y} value={values.response} onChange={(e) => setValues((v) => ({ ...v, response: e.target.value as ActivityResponse }))} data-testid="activity-response">
                  {RESPONSES.map((r) => (
                    <option key={r} value={r}>
                      {t(`activities.responseName.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          </div>
        </fieldset>
      ) : null}
      <FormField
        id="activity-note"
        label={draft ? t('activities.field.opinions') : t('activities.field.note')}
        hint={draft ? t('activities.field.opinionsHint') : undefined}
        error={err('note')}
        className="form-field-wide"
      >
        {(a11y) => <textarea {...a11y} rows={5} {...setText('note')} maxLength={5000} data-testid="activity-note" />}
      </FormField>
      <FormActions
        saving={saving}
        saveLabel={t('members.save')}
        savingLabel={t('members.saving')}
        saveTestId="save-activity"
        cancelTo="/activities"
        cancelLabel={t('members.cancel')}
        extraActions={extraActions}
      />
    </form>
  );
}
