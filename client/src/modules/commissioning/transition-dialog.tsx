import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf, fieldProblemsOf, graphQLErrorsOf, type FieldProblem } from '../../common/graphql-errors';
import { todayLocalDate } from '../../common/formatters';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { FormField } from '../../common/ui/form-field';
import {
  ACCEPTANCE_RATINGS,
  ASSIGNEE_KINDS,
  forgetCommissioningLists,
  TRANSITION_COMMISSIONING_REQUEST,
  type AcceptanceRating,
  type CommissioningAssigneeKind,
  type CommissioningRecord,
  type CommissioningRow,
  type CommissioningStage,
} from './commissioning-operations';
import { FIELD_LABELS, isFormField, problemText } from './form-values';
import { useParties } from './use-references';

/** Fields of the dialog that the server may name in a BAD_USER_INPUT error. */
const DIALOG_FIELDS = ['toStage', 'reason', 'happenedOn', 'assigneeKind', 'assignedAssociationId', 'acceptanceRating', 'registrationNumber', 'adoptingAgencyId'] as const;
type DialogField = (typeof DIALOG_FIELDS)[number];

type Failure =
  | { kind: 'refused'; to: CommissioningStage; message: string }
  | { kind: 'fields'; problems: FieldProblem[] }
  | { kind: 'conflict' }
  | { kind: 'other'; error: unknown };

interface TransitionDialogProps {
  /** The task to move, as last read. */
  request: CommissioningRow;
  /** The stage picked (a column dropped on, a menu item, a button). */
  initialStage: CommissioningStage;
  /** Stages the dialog offers; on the board every stage (the server refuses moves outside the workflow). */
  stageChoices: readonly CommissioningStage[];
  onDone(record: CommissioningRecord): void;
  onCancel(): void;
  /** Reloads the task after a CONFLICT. */
  onReload?(): void;
}

/**
 * The move of a task to another stage, as a modal form: the stage, the reason (required), the
 * effective date and the evidence the target stage needs. A move the workflow does not allow is
 * sent all the same and the server's refusal is shown; the task stays where it was.
 */
export function TransitionDialog({ request, initialStage, stageChoices, onDone, onCancel, onReload }: TransitionDialogProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useApolloClient();
  const ref = useRef<HTMLDialogElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  const [transition, { loading }] = useMutation(TRANSITION_COMMISSIONING_REQUEST);

  const [toStage, setToStage] = useState<CommissioningStage>(initialStage);
  const [reason, setReason] = useState('');
  const [happenedOn, setHappenedOn] = useState(todayLocalDate());
  const [assigneeKind, setAssigneeKind] = useState<CommissioningAssigneeKind | ''>(request.assigneeKind ?? '');
  const [associationId, setAssociationId] = useState(request.assignedAssociation?.id ?? '');
  const [rating, setRating] = useState<AcceptanceRating | ''>('');
  const [registrationNumber, setRegistrationNumber] = useState('');
  const [adoptingAgencyId, setAdoptingAgencyId] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);

  const needsAssignee = toStage === 'SELECTED' || toStage === 'DIRECTLY_ASSIGNED';
  const parties = useParties(request.province.code, !(needsAssignee || toStage === 'APPLIED'));

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      reasonRef.current?.focus();
    }
    return () => dialog?.close();
  }, []);

  const stageName = (s: CommissioningStage) => t(`commissioningBoard.stages.${s}`);
  const problems = failure?.kind === 'fields' ? failure.problems : [];
  const errorOf = (field: DialogField) => {
    const p = problems.find((x) => x.field === field);
    return p ? problemText(p, t) : undefined;
  };
  const otherProblems = problems.filter((p) => !(DIALOG_FIELDS as readonly string[]).includes(p.field));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (loading) return;
    if (reason.trim().length < 2) {
      setFailure({ kind: 'fields', problems: [{ field: 'reason', constraint: 'length', message: 'reason' }] });
      reasonRef.current?.focus();
      return;
    }
    setFailure(null);
    try {
      const { data } = await transition({
        variables: {
          input: {
            id: request.id,
            version: request.version,
            toStage,
            reason: reason.trim(),
            happenedOn: happenedOn || null,
            ...(needsAssignee && assigneeKind ? { assigneeKind } : {}),
            ...(needsAssignee && assigneeKind === 'ASSOCIATION' && associationId ? { assignedAssociationId: associationId } : {}),
            ...(toStage === 'ACCEPTED' && rating ? { acceptanceRating: rating } : {}),
            ...(toStage === 'RESULTS_REGISTERED' && registrationNumber.trim() ? { registrationNumber: registrationNumber.trim() } : {}),
            ...(toStage === 'APPLIED' && adoptingAgencyId ? { adoptingAgencyId } : {}),
          },
        },
      });
      forgetCommissioningLists(client.cache);
      if (data) onDone(data.transitionCommissioningRequest);
    } catch (err) {
      const code = errorCodeOf(err);
      const fields = fieldProblemsOf(err);
      const refusal = fields.find((p) => p.field === 'toStage');
      if (refusal) {
        setFailure({ kind: 'refused', to: toStage, message: refusal.message || graphQLErrorsOf(err)[0]?.message || '' });
      } else if (code === 'BAD_USER_INPUT' && fields.length) setFailure({ kind: 'fields', problems: fields });
      else if (code === 'CONFLICT') setFailure({ kind: 'conflict' });
      else setFailure({ kind: 'other', error: err });
    }
  }

  const allowedText = request.allowedNextStages.length
    ? t('commissioningBoard.transition.allowedAre', { stages: request.allowedNextStages.map(stageName).join(', ') })
    : t('commissioningBoard.transition.noneAllowed');

  return (
    <dialog
      ref={ref}
      className="dialog commissioning-dialog"
      aria-labelledby={titleId}
      data-testid="transition-dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!loading) onCancel();
      }}
    >
      <form onSubmit={onSubmit} noValidate>
        <h2 id={titleId} className="dialog-title">
          {t('commissioningBoard.transition.title')}
        </h2>
        <div className="dialog-body">
          <p className="commissioning-dialog-task">{request.title}</p>
          {failure?.kind === 'refused' ? (
            <Alert tone="error" title={t('commissioningBoard.transition.refused', { from: stageName(request.stage), to: stageName(failure.to) })} testId="transition-refused">
              <p>{allowedText}</p>
              {failure.message ? <p className="muted">{t('commissioningBoard.transition.serverSaid', { message: failure.message })}</p> : null}
            </Alert>
          ) : null}
          {failure?.kind === 'fields' && otherProblems.length ? (
            <Alert tone="error" title={t('commissioningBoard.transition.failed')} testId="transition-problems">
              <ul className="error-list">
                {otherProblems.map((p, i) => (
                  <li key={`${p.field}-${i}`}>
                    {isFormField(p.field) ? t(`commissioningBoard.form.${FIELD_LABELS[p.field]}`) : p.field}: {problemText(p, t)}
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {failure?.kind === 'conflict' ? (
            <Alert
              tone="warning"
              title={t('commissioningBoard.form.conflict')}
              testId="transition-conflict"
              actions={
                onReload ? (
                  <button type="button" className="button button-primary" onClick={onReload}>
                    {t('commissioningBoard.form.reload')}
                  </button>
                ) : null
              }
            />
          ) : null}
          {failure?.kind === 'other' ? (
            <Alert tone="error" title={t('commissioningBoard.transition.failed')} testId="transition-error">
              {errorText(failure.error)}
            </Alert>
          ) : null}

          <p className="muted">
            {t('commissioningBoard.transition.from')}: <strong data-testid="transition-from">{stageName(request.stage)}</strong>
          </p>
          <FormField id="transition-to" label={t('commissioningBoard.transition.to')} error={errorOf('toStage')}>
            {(a11y) => (
              <select {...a11y} value={toStage} onChange={(e) => setToStage(e.target.value as CommissioningStage)} data-testid="transition-to">
                {stageChoices.map((s) => (
                  <option key={s} value={s}>
                    {stageName(s)}
                    {request.allowedNextStages.includes(s) ? '' : ` ${t('commissioningBoard.transition.notAllowedMark')}`}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField
            id="transition-reason"
            label={t('commissioningBoard.transition.reason')}
            requiredLabel={t('commissioningBoard.form.required')}
            hint={t('commissioningBoard.transition.reasonHint')}
            error={errorOf('reason')}
          >
            {(a11y) => <textarea {...a11y} ref={reasonRef} rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="transition-reason" />}
          </FormField>
          <FormField id="transition-date" label={t('commissioningBoard.transition.happenedOn')} hint={t('commissioningBoard.transition.happenedOnHint')} error={errorOf('happenedOn')}>
            {(a11y) => <input {...a11y} type="date" value={happenedOn} max={todayLocalDate()} onChange={(e) => setHappenedOn(e.target.value)} />}
          </FormField>
          {needsAssignee ? (
            <>
              <FormField id="transition-assignee-kind" label={t('commissioningBoard.form.assigneeKind')} error={errorOf('assigneeKind')}>
                {(a11y) => (
                  <select {...a11y} value={assigneeKind} onChange={(e) => setAssigneeKind(e.target.value as CommissioningAssigneeKind | '')} data-testid="transition-assignee-kind">
                    <option value="">{t('commissioningBoard.form.noAssignee')}</option>
                    {ASSIGNEE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`commissioningBoard.assigneeKinds.${k}`)}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              {assigneeKind === 'ASSOCIATION' ? (
                <FormField id="transition-association" label={t('commissioningBoard.form.assignedAssociation')} error={errorOf('assignedAssociationId')}>
                  {(a11y) => (
                    <select {...a11y} value={associationId} onChange={(e) => setAssociationId(e.target.value)} data-testid="transition-association">
                      <option value="">{t('commissioningBoard.form.chooseAssociation')}</option>
                      {parties.associations.map((a) => (
                        <option key={a.id} value={a.id}>
                          {a.name}
                        </option>
                      ))}
                    </select>
                  )}
                </FormField>
              ) : null}
            </>
          ) : null}
          {toStage === 'ACCEPTED' ? (
            <FormField id="transition-rating" label={t('commissioningBoard.transition.acceptanceRating')} error={errorOf('acceptanceRating')}>
              {(a11y) => (
                <select {...a11y} value={rating} onChange={(e) => setRating(e.target.value as AcceptanceRating | '')}>
                  <option value="">{t('commissioningBoard.transition.chooseRating')}</option>
                  {ACCEPTANCE_RATINGS.map((r) => (
                    <option key={r} value={r}>
                      {t(`commissioningBoard.ratings.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          ) : null}
          {toStage === 'RESULTS_REGISTERED' ? (
            <FormField id="transition-registration" label={t('commissioningBoard.transition.registrationNumber')} error={errorOf('registrationNumber')}>
              {(a11y) => <input {...a11y} type="text" maxLength={60} value={registrationNumber} onChange={(e) => setRegistrationNumber(e.target.value)} />}
            </FormField>
          ) : null}
          {toStage === 'APPLIED' ? (
            <FormField id="transition-adopting" label={t('commissioningBoard.transition.adoptingAgency')} error={errorOf('adoptingAgencyId')}>
              {(a11y) => (
                <select {...a11y} value={adoptingAgencyId} onChange={(e) => setAdoptingAgencyId(e.target.value)}>
                  <option value="">{t('commissioningBoard.form.chooseAgency')}</option>
                  {parties.agencies.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          ) : null}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={loading} data-testid="transition-cancel">
            {t('commissioningBoard.transition.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={loading} data-testid="transition-submit">
            {loading ? t('commissioningBoard.transition.submitting') : t('commissioningBoard.transition.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
