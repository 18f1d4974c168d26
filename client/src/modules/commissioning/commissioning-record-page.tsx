import { useState, type FormEvent, type ReactNode } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorCodeOf, fieldProblemsOf } from '../../common/graphql-errors';
import { formatDateTime, formatLocalDate, todayLocalDate } from '../../common/formatters';
import { usePageTitle } from '../../common/use-page-title';
import { useRecordQuery } from '../../common/use-record-query';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { DataTable, columnsOf } from '../../common/ui/data-table';
import { FormField } from '../../common/ui/form-field';
import { BackLink, RecordPageBody } from '../../common/ui/record-page';
import { AuditHistory } from '../audit/audit-history';
import { useCurrentUser } from '../auth/current-user-context';
import { canWriteProvinceData } from '../auth/roles';
import { useProvinceScope } from '../member-associations/use-province-scope';
import { AssigneeText, formatVnd, StageBadge } from './commissioning-card-parts';
import type { RecordFlash } from './commissioning-create-page';
import { CommissioningForm } from './commissioning-form';
import {
  ADD_COMMISSIONING_CHECK,
  CHECK_RESULTS,
  COMMISSIONING_REQUEST,
  forgetCommissioningLists,
  UPDATE_COMMISSIONING_REQUEST,
  type CommissioningCheckResult,
  type CommissioningRecord,
  type CommissioningStage,
} from './commissioning-operations';
import { updateInputOf, valuesOf, type FormValues } from './form-values';
import { TransitionDialog } from './transition-dialog';

/** /commissioning/:id: a task's details (editable by writers), its stage and allowed next steps, history and checks. */
export function CommissioningRecordPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const page = useRecordQuery(COMMISSIONING_REQUEST, 'commissioningRequest', id);
  const { record } = page;
  usePageTitle(record?.title ?? t('commissioningBoard.form.viewTitle'));

  const body = (
    <RecordPageBody
      page={page}
      title={t('commissioningBoard.form.viewTitle')}
      notFoundTestId="commissioning-not-found"
      notFoundText={t('commissioningBoard.form.notFound')}
      loadingLabel={t('commissioningBoard.form.loadingRecord')}
      render={(r) => r && <RecordView record={r} reload={page.reload} />}
    />
  );

  return (
    <section className="page commissioning-record-page">
      <BackLink to="/commissioning" label={t('commissioningBoard.form.backToList')} />
      {body}
    </section>
  );
}

function RecordView({ record, reload }: { record: CommissioningRecord; reload(): Promise<void> }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const scope = useProvinceScope(user);
  const canWrite = canWriteProvinceData(user.role);
  const client = useApolloClient();
  const location = useLocation();
  const navigate = useNavigate();
  const [update] = useMutation(UPDATE_COMMISSIONING_REQUEST);
  const [moving, setMoving] = useState<CommissioningStage | null>(null);
  const [flash, setFlash] = useState<string | null>(() => {
    const created = (location.state as RecordFlash | null)?.created;
    return created ? t('commissioningBoard.form.created', { title: created }) : null;
  });
  const [reloaded, setReloaded] = useState(false);
  const initial = valuesOf(record);

  async function save(values: FormValues) {
    await update({ variables: { input: updateInputOf(values, initial, record.id, record.version) } });
    forgetCommissioningLists(client.cache);
    setReloaded(false);
    setFlash(t('commissioningBoard.form.saved'));
    await reload();
    await refreshAudit();
  }

  /** The change log below follows every save and move. */
  async function refreshAudit() {
    await client.refetchQueries({ include: ['RecordAuditLog'] });
  }

  async function reloadLatest() {
    await reload();
    setReloaded(true);
  }

  const stageName = (s: CommissioningStage) => t(`commissioningBoard.stages.${s}`);

  return (
    <>
      <p className="page-kicker">{canWrite ? t('commissioningBoard.form.editTitle') : t('commissioningBoard.form.viewTitle')}</p>
      <h1 data-testid="commissioning-title">{record.title}</h1>
      <p className="muted">
        {record.code ? `${record.code} · ` : ''}
        {scope.multiProvince ? `${record.province.name} · ` : ''}
        {t('commissioningBoard.form.lastUpdated', { date: formatDateTime(record.updatedAt) })}
      </p>

      {flash ? (
        <Alert
          tone="success"
          testId="record-flash"
          actions={
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => {
                setFlash(null);
                void navigate(location.pathname, { replace: true, state: null });
              }}
            >
              {t('associations.dismiss')}
            </button>
          }
        >
          {flash}
        </Alert>
      ) : null}
      {reloaded ? <Alert tone="info">{t('commissioningBoard.form.reloaded')}</Alert> : null}

      <section className="panel commissioning-stage-panel" aria-labelledby="stage-panel-title" data-testid="stage-panel">
        <h2 id="stage-panel-title">{t('commissioningBoard.stagePanel.title')}</h2>
        <p>
          {t('commissioningBoard.stagePanel.current')}: <StageBadge stage={record.stage} />
        </p>
        <dl className="commissioning-facts">
          <dt>{t('commissioningBoard.column.requestingAgency')}</dt>
          <dd>{record.requestingAgency.name}</dd>
          <dt>{t('commissioningBoard.column.assignee')}</dt>
          <dd>
            <AssigneeText row={record} />
          </dd>
          <dt>{t('commissioningBoard.column.budget')}</dt>
          <dd data-testid="record-budget">{formatVnd(record.budgetVnd)}</dd>
          <dt>{t('commissioningBoard.column.plannedStart')}</dt>
          <dd>{formatLocalDate(record.plannedStart)}</dd>
          <dt>{t('commissioningBoard.column.plannedEnd')}</dt>
          <dd>{formatLocalDate(record.plannedEnd)}</dd>
          {record.actualStart ? (
            <>
              <dt>{t('commissioningBoard.form.actualStart')}</dt>
              <dd>{formatLocalDate(record.actualStart)}</dd>
            </>
          ) : null}
          {record.actualEnd ? (
            <>
              <dt>{t('commissioningBoard.form.actualEnd')}</dt>
              <dd>{formatLocalDate(record.actualEnd)}</dd>
            </>
          ) : null}
          {record.acceptanceRating ? (
            <>
              <dt>{t('commissioningBoard.transition.acceptanceRating')}</dt>
              <dd>{t(`commissioningBoard.ratings.${record.acceptanceRating}`)}</dd>
            </>
          ) : null}
          {record.registrationNumber ? (
            <>
              <dt>{t('commissioningBoard.transition.registrationNumber')}</dt>
              <dd>{record.registrationNumber}</dd>
            </>
          ) : null}
          {record.adoptingAgency ? (
            <>
              <dt>{t('commissioningBoard.transition.adoptingAgency')}</dt>
              <dd>{record.adoptingAgency.name}</dd>
            </>
          ) : null}
        </dl>
        {record.allowedNextStages.length === 0 ? (
          <p className="muted">{t('commissioningBoard.stagePanel.final')}</p>
        ) : canWrite ? (
          <div role="group" aria-label={t('commissioningBoard.stagePanel.next')} className="commissioning-next-stages">
            <p className="field-hint">{t('commissioningBoard.stagePanel.next')}</p>
            {record.allowedNextStages.map((s) => (
              <button key={s} type="button" className="button button-secondary" onClick={() => setMoving(s)} data-testid={`move-to-${s}`}>
                {t('commissioningBoard.stagePanel.moveTo', { stage: stageName(s) })}
              </button>
            ))}
          </div>
        ) : (
          <p className="muted">
            {t('commissioningBoard.stagePanel.next')}: {record.allowedNextStages.map(stageName).join(', ')}
          </p>
        )}
      </section>

      <HistorySection record={record} />
      <ChecksSection record={record} canWrite={canWrite} reload={reload} />

      <section className="commissioning-details" aria-labelledby="details-title">
        <h2 id="details-title">{t('commissioningBoard.form.details')}</h2>
        {canWrite ? (
          <CommissioningForm key={`${record.id}:${record.version}`} mode="edit" initialValues={initial} provinceChoices={null} save={save} onReload={reloadLatest} />
        ) : (
          <>
            <Alert tone="info">{t('commissioningBoard.form.readOnly')}</Alert>
            <ReadOnlyDetails record={record} />
          </>
        )}
      </section>

      <AuditHistory entityType="CommissioningRequest" entityId={record.id} />

      {moving ? (
        <TransitionDialog
          key={`${record.version}:${moving}`}
          request={record}
          initialStage={moving}
          stageChoices={record.allowedNextStages}
          onDone={(next) => {
            setMoving(null);
            setFlash(t('commissioningBoard.transition.done', { title: next.title, stage: stageName(next.stage) }));
            void reload().then(refreshAudit);
          }}
          onCancel={() => setMoving(null)}
          onReload={() => {
            setMoving(null);
            void reloadLatest();
          }}
        />
      ) : null}
    </>
  );
}

function ReadOnlyDetails({ record }: { record: CommissioningRecord }) {
  const { t, i18n } = useTranslation();
  const rows: Array<[string, ReactNode]> = [
    [t('commissioningBoard.form.code'), record.code],
    [t('commissioningBoard.form.year'), record.year],
    [t('commissioningBoard.form.researchArea'), i18n.language === 'en' ? record.researchArea.nameEn : record.researchArea.name],
    [t('commissioningBoard.form.objectives'), record.objectives],
    [t('commissioningBoard.form.principalInvestigator'), record.principalInvestigator],
    [t('commissioningBoard.form.applicationNote'), record.applicationNote],
  ];
  return (
    <dl className="commissioning-facts">
      {rows.map(([label, value]) => (
        <div key={label} className="commissioning-fact">
          <dt>{label}</dt>
          <dd>{value ?? ''}</dd>
        </div>
      ))}
    </dl>
  );
}

function HistorySection({ record }: { record: CommissioningRecord }) {
  const { t } = useTranslation();
  const stageName = (s: CommissioningStage) => t(`commissioningBoard.stages.${s}`);
  return (
    <section className="panel" aria-labelledby="history-title" data-testid="stage-history">
      <h2 id="history-title">{t('commissioningBoard.history.title')}</h2>
      {record.history.length === 0 ? (
        <p className="muted">{t('commissioningBoard.history.empty')}</p>
      ) : (
        <DataTable
          testId="history-table"
          caption={t('commissioningBoard.history.caption')}
          columns={columnsOf(t, [
            'commissioningBoard.history.happenedOn',
            'commissioningBoard.history.from',
            'commissioningBoard.history.to',
            'commissioningBoard.history.reason',
            'commissioningBoard.history.actor',
            'commissioningBoard.history.at',
          ])}
        >
          {record.history.map((h) => (
            <tr key={h.id} data-testid="history-row" data-from={h.fromStage} data-to={h.toStage}>
              <td className="nowrap">{formatLocalDate(h.happenedOn)}</td>
              <td>{stageName(h.fromStage)}</td>
              <td>{stageName(h.toStage)}</td>
              <td data-testid="history-reason">{h.reason}</td>
              <td>{h.actor ? h.actor.fullName : <span className="muted">{t('commissioningBoard.history.unknownActor')}</span>}</td>
              <td className="nowrap">{formatDateTime(h.at)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function ChecksSection({ record, canWrite, reload }: { record: CommissioningRecord; canWrite: boolean; reload(): Promise<void> }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [add, { loading }] = useMutation(ADD_COMMISSIONING_CHECK);
  const [checkedOn, setCheckedOn] = useState(todayLocalDate());
  const [result, setResult] = useState<CommissioningCheckResult>('ON_TRACK');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const open = record.stage === 'IN_PROGRESS';
  if (!open && record.checks.length === 0) return null;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setFailure(null);
    setDone(false);
    try {
      await add({ variables: { input: { requestId: record.id, checkedOn, result, note: note.trim() || null } } });
      setNote('');
      setDone(true);
      await reload();
    } catch (err) {
      const fields = fieldProblemsOf(err);
      if (errorCodeOf(err) === 'BAD_USER_INPUT' && fields.length) setErrors(Object.fromEntries(fields.map((p) => [p.field, p.message])));
      else setFailure(err);
    }
  }

  return (
    <section className="panel" aria-labelledby="checks-title" data-testid="checks">
      <h2 id="checks-title">{t('commissioningBoard.checks.title')}</h2>
      {record.checks.length === 0 ? (
        <p className="muted">{t('commissioningBoard.checks.empty')}</p>
      ) : (
        <DataTable
          testId="checks-table"
          caption={t('commissioningBoard.checks.caption')}
          columns={columnsOf(t, ['commissioningBoard.checks.checkedOn', 'commissioningBoard.checks.result', 'commissioningBoard.checks.note'])}
        >
          {record.checks.map((c) => (
            <tr key={c.id} data-testid="check-row">
              <td className="nowrap">{formatLocalDate(c.checkedOn)}</td>
              <td>{t(`commissioningBoard.checkResults.${c.result}`)}</td>
              <td>{c.note}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {canWrite && open ? (
        <form className="form commissioning-check-form" onSubmit={onSubmit} noValidate>
          {done ? <Alert tone="success">{t('commissioningBoard.checks.added')}</Alert> : null}
          {failure ? <Alert tone="error">{errorText(failure)}</Alert> : null}
          <div className="form-grid">
            <FormField id="check-date" label={t('commissioningBoard.checks.checkedOn')} error={errors.checkedOn}>
              {(a11y) => <input {...a11y} type="date" value={checkedOn} max={todayLocalDate()} onChange={(e) => setCheckedOn(e.target.value)} />}
            </FormField>
            <FormField id="check-result" label={t('commissioningBoard.checks.result')} error={errors.result}>
              {(a11y) => (
                <select {...a11y} value={result} onChange={(e) => setResult(e.target.value as CommissioningCheckResult)}>
                  {CHECK_RESULTS.map((r) => (
                    <option key={r} value={r}>
                      {t(`commissioningBoard.checkResults.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          </div>
          <FormField id="check-note" label={t('commissioningBoard.checks.note')} error={errors.note} className="form-field-wide">
            {(a11y) => <textarea {...a11y} rows={2} maxLength={5000} value={note} onChange={(e) => setNote(e.target.value)} />}
          </FormField>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={loading}>
              {loading ? t('commissioningBoard.checks.adding') : t('commissioningBoard.checks.add')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
