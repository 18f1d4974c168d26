import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FieldProblem } from '../../common/graphql-errors';
import { todayLocalDate } from '../../common/formatters';
import { FormField } from '../../common/ui/form-field';
import { useFormFailure, useReloading } from '../../common/use-form-failure';
import type { TaskDeadlineInput } from '../../generated/schema-types';
import { DEADLINE_KINDS, TASK_STATUSES, type AgencyRef, type DirectiveTask, type DirectiveTaskStatus, type TaskDeadlineKind } from './directive-operations';
import { FailureAlerts, failureOf, selectedValues, type Failure } from './form-failure';
import { agencyLabel } from './use-agencies';

/** What the task form holds, as typed. */
export interface TaskValues {
  seq: string;
  title: string;
  content: string;
  leadAgencyId: string;
  coordinatingAgencyIds: string[];
  deadlineKind: TaskDeadlineKind;
  deadlineDate: string;
  deadlineYear: string;
  deadlineQuarter: string;
  deadlineMonth: string;
  deadlineDay: string;
  status: DirectiveTaskStatus;
  completedOn: string;
}

type TaskField = keyof TaskValues;
const TASK_FIELDS: readonly TaskField[] = [
  'seq',
  'title',
  'content',
  'leadAgencyId',
  'coordinatingAgencyIds',
  'deadlineKind',
  'deadlineDate',
  'deadlineYear',
  'deadlineQuarter',
  'deadlineMonth',
  'deadlineDay',
  'status',
  'completedOn',
];

/** API field names (after the path is reduced to its last part) to form fields. */
const API_FIELD: Record<string, TaskField> = {
  seq: 'seq',
  title: 'title',
  content: 'content',
  leadAgencyId: 'leadAgencyId',
  coordinatingAgencyIds: 'coordinatingAgencyIds',
  deadline: 'deadlineKind',
  kind: 'deadlineKind',
  date: 'deadlineDate',
  year: 'deadlineYear',
  quarter: 'deadlineQuarter',
  month: 'deadlineMonth',
  day: 'deadlineDay',
  status: 'status',
  completedOn: 'completedOn',
};

export function emptyTaskValues(): TaskValues {
  return {
    seq: '',
    title: '',
    content: '',
    leadAgencyId: '',
    coordinatingAgencyIds: [],
    deadlineKind: 'DATE',
    deadlineDate: '',
    deadlineYear: String(new Date().getFullYear()),
    deadlineQuarter: '',
    deadlineMonth: '',
    deadlineDay: '',
    status: 'NOT_STARTED',
    completedOn: '',
  };
}

export function taskValuesOf(task: DirectiveTask): TaskValues {
  const d = task.deadline;
  const str = (n: number | null) => (n === null ? '' : String(n));
  return {
    seq: String(task.seq),
    title: task.title,
    content: task.content ?? '',
    leadAgencyId: task.leadAgency.id,
    coordinatingAgencyIds: task.coordinatingAgencies.map((a) => a.id),
    deadlineKind: d.kind,
    deadlineDate: d.date ?? '',
    deadlineYear: str(d.year),
    deadlineQuarter: str(d.quarter),
    deadlineMonth: str(d.month),
    deadlineDay: str(d.day),
    status: task.status,
    completedOn: task.completedOn ?? '',
  };
}

const intOrNull = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

/** The deadline input for the kind chosen: only its parts are sent. */
function deadlineOf(v: TaskValues): TaskDeadlineInput {
  switch (v.deadlineKind) {
    case 'DATE':
      return { kind: 'DATE', date: v.deadlineDate || null };
    case 'QUARTER':
      return { kind: 'QUARTER', year: intOrNull(v.deadlineYear), quarter: intOrNull(v.deadlineQuarter) };
    case 'YEARLY':
      return { kind: 'YEARLY', month: intOrNull(v.deadlineMonth), day: intOrNull(v.deadlineDay) };
    default:
      return { kind: 'NONE' };
  }
}

/** The fields both create and update send. */
export function taskInputOf(v: TaskValues) {
  return {
    seq: intOrNull(v.seq),
    title: v.title.trim(),
    content: v.content.trim() === '' ? null : v.content.trim(),
    leadAgencyId: v.leadAgencyId,
    coordinatingAgencyIds: v.coordinatingAgencyIds.filter((id) => id !== v.leadAgencyId),
    deadline: deadlineOf(v),
    status: v.status,
    completedOn: v.status === 'COMPLETED' && v.completedOn ? v.completedOn : null,
  };
}

function checkTaskValues(v: TaskValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (v.seq.trim() && !/^\d+$/.test(v.seq.trim())) problems.push({ field: 'seq', constraint: 'isInt', message: 'seq must be a whole number' });
  if (!v.leadAgencyId) problems.push({ field: 'leadAgencyId', constraint: 'required', message: 'leadAgencyId is required' });
  return problems;
}

function taskProblemText(field: TaskField | undefined, p: FieldProblem, t: TFunction): string {
  switch (field) {
    case 'title':
      return t('directives.validation.titleLength');
    case 'seq':
      return p.constraint === 'unique' ? t('directives.validation.seqUnique') : t('directives.validation.seqInvalid');
    case 'leadAgencyId':
      return t('directives.validation.chooseAgency');
    case 'coordinatingAgencyIds':
      if (p.constraint === 'notLead') return t('directives.validation.notLead');
      break;
    case 'deadlineKind':
    case 'deadlineDate':
    case 'deadlineYear':
    case 'deadlineQuarter':
    case 'deadlineMonth':
    case 'deadlineDay':
      if (p.constraint === 'required') return t('directives.validation.deadlinePart');
      if (p.constraint === 'isIso8601' || p.constraint === 'invalid') return t('directives.validation.dateInvalid');
      break;
    case 'completedOn':
      if (p.constraint === 'notInFuture') return t('directives.validation.dateInFuture');
      if (p.constraint === 'onlyWhenCompleted') return t('directives.validation.completedOnlyWhenDone');
      break;
  }
  if (p.constraint === 'isDefined' || p.constraint === 'isNotEmpty') return t('directives.validation.required');
  return p.message;
}

interface TaskFormProps {
  /** Prefix of the inputs' ids, unique on the page ("task-new", "task-<id>"). */
  idPrefix: string;
  title: string;
  initialValues: TaskValues;
  agencies: AgencyRef[];
  save(values: TaskValues): Promise<void>;
  onCancel(): void;
  onReload?(): Promise<void>;
}

/** Add or edit a task of a document: number, title, content, lead and coordinating units, deadline, status. */
export function TaskForm({ idPrefix, title, initialValues, agencies, save, onCancel, onReload }: TaskFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initialValues);
  const { failure, fail, summaryRef } = useFormFailure<Failure>();
  const [saving, setSaving] = useState(false);
  const { reloading, reload } = useReloading(onReload);
  const id = (f: TaskField) => `${idPrefix}-${f}`;

  const problems = (failure?.kind === 'fields' ? failure.problems : []).map((p) => ({ p, field: API_FIELD[p.field] as TaskField | undefined }));
  const errorOf = (f: TaskField) => {
    const hit = problems.find((x) => x.field === f);
    return hit ? taskProblemText(f, hit.p, t) : undefined;
  };
  const set = (f: Exclude<TaskField, 'coordinatingAgencyIds'>) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (saving) return;
    const local = checkTaskValues(values);
    if (local.length) {
      fail({ kind: 'fields', problems: local });
      return;
    }
    setSaving(true);
    try {
      await save(values);
    } catch (err) {
      fail(failureOf(err));
      setSaving(false);
    }
  }

  const ordered = [...problems]
    .sort((a, b) => (a.field ? TASK_FIELDS.indexOf(a.field) : 99) - (b.field ? TASK_FIELDS.indexOf(b.field) : 99))
    .map(({ p, field }) => ({ problem: p, text: taskProblemText(field, p, t), inputId: field ? id(field) : null }));

  return (
    <form className="form panel task-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="task-form" aria-label={title}>
      <h3>{title}</h3>
      <FailureAlerts
        failure={failure}
        problems={ordered}
        summaryRef={summaryRef}
        conflictTitle={t('directives.tasks.conflict')}
        goneText={t('directives.form.gone')}
        onReload={onReload ? () => void reload() : undefined}
        reloading={reloading}
        testIdPrefix="task-form"
      />
      <div className="form-grid">
        <FormField id={id('seq')} label={t('directives.tasks.seq')} hint={t('directives.tasks.seqHint')} error={errorOf('seq')}>
          {(a11y) => <input {...a11y} type="number" inputMode="numeric" min={1} step={1} value={values.seq} onChange={set('seq')} />}
        </FormField>
        <FormField id={id('status')} label={t('directives.tasks.status')} error={errorOf('status')}>
          {(a11y) => (
            <select {...a11y} value={values.status} onChange={(e) => setValues((v) => ({ ...v, status: e.target.value as DirectiveTaskStatus }))}>
              {TASK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`directives.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <FormField id={id('title')} label={t('directives.tasks.title')} requiredLabel={t('directives.form.required')} error={errorOf('title')} className="form-field-wide">
        {(a11y) => <input {...a11y} type="text" value={values.title} onChange={set('title')} maxLength={500} autoComplete="off" />}
      </FormField>
      <FormField id={id('content')} label={t('directives.tasks.content')} error={errorOf('content')} className="form-field-wide">
        {(a11y) => <textarea {...a11y} rows={3} value={values.content} onChange={set('content')} maxLength={20000} />}
      </FormField>
      <div className="form-grid">
        <FormField id={id('leadAgencyId')} label={t('directives.tasks.leadAgency')} requiredLabel={t('directives.form.required')} error={errorOf('leadAgencyId')}>
          {(a11y) => (
            <select {...a11y} value={values.leadAgencyId} onChange={set('leadAgencyId')}>
              <option value="">{t('directives.form.chooseAgency')}</option>
              {agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {agencyLabel(a)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id={id('coordinatingAgencyIds')}
          label={t('directives.tasks.coordinatingAgencies')}
          hint={t('directives.tasks.coordinatingHint')}
          error={errorOf('coordinatingAgencyIds')}
        >
          {(a11y) => (
            <select
              {...a11y}
              multiple
              size={6}
              value={values.coordinatingAgencyIds}
              onChange={(e) => {
                const ids = selectedValues(e.target);
                setValues((v) => ({ ...v, coordinatingAgencyIds: ids }));
              }}
            >
              {agencies
                .filter((a) => a.id !== values.leadAgencyId)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {agencyLabel(a)}
                  </option>
                ))}
            </select>
          )}
        </FormField>
      </div>
      <div className="form-grid">
        <FormField id={id('deadlineKind')} label={t('directives.tasks.deadlineKind')} error={errorOf('deadlineKind')}>
          {(a11y) => (
            <select {...a11y} value={values.deadlineKind} onChange={(e) => setValues((v) => ({ ...v, deadlineKind: e.target.value as TaskDeadlineKind }))}>
              {DEADLINE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`directives.tasks.deadlineKinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {values.deadlineKind === 'DATE' ? (
          <FormField id={id('deadlineDate')} label={t('directives.tasks.deadlineDate')} error={errorOf('deadlineDate')}>
            {(a11y) => <input {...a11y} type="date" value={values.deadlineDate} onChange={set('deadlineDate')} />}
          </FormField>
        ) : null}
        {values.deadlineKind === 'QUARTER' ? (
          <>
            <FormField id={id('deadlineQuarter')} label={t('directives.tasks.deadlineQuarter')} error={errorOf('deadlineQuarter')}>
              {(a11y) => (
                <select {...a11y} value={values.deadlineQuarter} onChange={set('deadlineQuarter')}>
                  <option value="" />
                  {['1', '2', '3', '4'].map((q) => (
                    <option key={q} value={q}>
                      {['I', 'II', 'III', 'IV'][Number(q) - 1]}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id={id('deadlineYear')} label={t('directives.tasks.deadlineYear')} error={errorOf('deadlineYear')}>
              {(a11y) => <input {...a11y} type="number" inputMode="numeric" min={1990} max={2100} value={values.deadlineYear} onChange={set('deadlineYear')} />}
            </FormField>
          </>
        ) : null}
        {values.deadlineKind === 'YEARLY' ? (
          <>
            <FormField id={id('deadlineDay')} label={t('directives.tasks.deadlineDay')} error={errorOf('deadlineDay')}>
              {(a11y) => <input {...a11y} type="number" inputMode="numeric" min={1} max={31} value={values.deadlineDay} onChange={set('deadlineDay')} />}
            </FormField>
            <FormField id={id('deadlineMonth')} label={t('directives.tasks.deadlineMonth')} error={errorOf('deadlineMonth')}>
              {(a11y) => <input {...a11y} type="number" inputMode="numeric" min={1} max={12} value={values.deadlineMonth} onChange={set('deadlineMonth')} />}
            </FormField>
          </>
        ) : null}
        {values.status === 'COMPLETED' ? (
          <FormField id={id('completedOn')} label={t('directives.tasks.completedOn')} hint={t('directives.tasks.completedOnHint')} error={errorOf('completedOn')}>
            {(a11y) => <input {...a11y} type="date" value={values.completedOn} onChange={set('completedOn')} max={todayLocalDate()} />}
          </FormField>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="save-task">
          {saving ? t('directives.tasks.saving') : t('directives.tasks.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={saving}>
          {t('directives.tasks.cancel')}
        </button>
      </div>
    </form>
  );
}
