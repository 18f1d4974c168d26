import { useState, type FormEvent, type ReactNode } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatCount, formatDateTime, formatLocalDate, todayLocalDate } from '../../common/formatters';
import type { FieldProblem } from '../../common/graphql-errors';
import { errorCodeOf } from '../../common/graphql-errors';
import { usePageTitle } from '../../common/use-page-title';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { ConfirmDialog } from '../../common/ui/confirm-dialog';
import { FormField } from '../../common/ui/form-field';
import { LoadError } from '../../common/ui/load-error';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { useAgencyOptions } from '../agencies/use-agency-options';
import { AuditHistory } from '../audit/audit-history';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import type { RecordFlash } from '../members/members-page';
import { DetailList, fieldErrorOf, optionalText, SaveFailureAlert, saveFailureOf, type SaveFailure, useReturnPath } from '../members/record-list';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  const creating = id === undefined;
  const valid = creating || UUID.test(id);
  const { data, error, refetch } = useQuery(ACTIVITY, { variables: { id: id ?? '' }, fetchPolicy: 'network-only', skip: creating || !valid });
  const record = data?.activity ?? null;
  usePageTitle(creating ? t('activities.createTitle') : (record?.title ?? t('activities.viewTitle')));

  let body: ReactNode;
  if (creating) body = <ActivityView record={null} reload={async () => undefined} />;
  else if (!valid || (data && !record))
    body = (
      <>
        <h1>{t('activities.viewTitle')}</h1>
        <Alert tone="warning" testId="activity-not-found">
          {t('activities.notFound')}
        </Alert>
      </>
    );
  else if (!data && error) body = <LoadError title={t('activities.viewTitle')} error={error} onRetry={() => void refetch()} />;
  else if (!record) body = <LoadingIndicator label={t('activities.loadingRecord')} />;
  else body = <ActivityView key={record.id} record={record} reload={async () => void (await refetch())} />;

  return (
    <section className="page narrow-page">
      <p className="back-link">
        <Link to={back}>
          <span aria-hidden="true">← </span>
          {t('activities.backToList')}
        </Link>
      </p>
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
  const errorText = useErrorText();
  const backTo = useReturnPath('/activities');
  const [create] = useMutation(CREATE_ACTIVITY);
  const [update] = useMutation(UPDATE_ACTIVITY);
  const [remove, { loading: deleting }] = useMutation(DELETE_ACTIVITY);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);

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

  async function confirmDelete() {
    if (!record) return;
    try {
      await remove({ variables: { input: { id: record.id, version: record.version } } });
      forgetActivityLists(client.cache);
      setConfirming(false);
      await navigate(backTo, { state: { flash: t('activities.deleted', { name: record.title }) } satisfies RecordFlash });
    } catch (err) {
      setConfirming(false);
      setDeleteError(err);
    }
  }

  if (!record && !canWrite) return <Alert tone="warning">{t('form.readOnlyNotice')}</Alert>;
  const draft = record ? DRAFT_KINDS.includes(record.kind) : false;

  return (
    <>
      <p className="page-kicker">{!record ? '' : canWrite ? t('activities.editTitle') : t('activities.viewTitle')}</p>
      <h1>{record ? record.title : t('activities.createTitle')}</h1>
      {record ? <p className="muted">{t('form.lastUpdated', { date: formatDateTime(record.updatedAt) })}</p> : null}
      {deleteError ? (
        <Alert tone={errorCodeOf(deleteError) === 'CONFLICT' ? 'warning' : 'error'} title={t('form.deleteFailed')} focusOnMount testId="delete-error">
          {errorCodeOf(deleteError) === 'CONFLICT' ? t('activities.conflict') : errorText(deleteError)}
        </Alert>
      ) : null}
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
              <button type="button" className="button button-danger-outline" onClick={() => setConfirming(true)} data-testid="delete-activity">
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
          <ConfirmDialog
            open={confirming}
            title={t('activities.confirmDeleteTitle')}
            confirmLabel={deleting ? t('form.deleting') : t('form.confirmDelete')}
            cancelLabel={t('form.cancel')}
            danger
            busy={deleting}
            onConfirm={() => void confirmDelete()}
            onCancel={() => setConfirming(false)}
          >
            <p>{t('activities.confirmDeleteBody', { name: record.title })}</p>
          </ConfirmDialog>
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
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
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
    if (local.length) {
      setFailure({ kind: 'fields', problems: local });
      document.getElementById(`activity-${local[0].field}`)?.focus();
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      await save(values);
    } catch (error) {
      setFailure(saveFailureOf(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="activity-form">
      <SaveFailureAlert failure={failure} conflictText={t('activities.conflict')} onReload={onReload ? () => void onReload() : undefined} />
      {provinceChoices && provinceChoices.length > 1 ? (
        <FormField id="activity-provinceCode" label={t('activities.field.province')} error={err('provinceCode')}>
          {(a11y) => (
            <select
              {...a11y}
              value={values.provinceCode}
              onChange={(e) => setValues((v) => ({ ...v, provinceCode: e.target.value, organizerAssociationId: '', draftingAgencyId: '' }))}
            >
              {provinceChoices.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
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
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="save-activity">
          {saving ? t('members.saving') : t('members.save')}
        </button>
        <Link to="/activities" className="button button-secondary">
          {t('members.cancel')}
        </Link>
        {extraActions ? <div className="form-actions-end">{extraActions}</div> : null}
      </div>
    </form>
  );
}
