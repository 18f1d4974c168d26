import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FieldProblem } from '../../common/graphql-errors';
import { formatCount, formatLocalDate, todayLocalDate } from '../../common/formatters';
import { Alert } from '../../common/ui/alert';
import { DataTable } from '../../common/ui/data-table';
import { FormField } from '../../common/ui/form-field';
import { useFormFailure } from '../../common/use-form-failure';
import { ADD_PROGRESS_REPORT, type DirectiveTask } from './directive-operations';
import { FailureAlerts, failureOf, type Failure } from './form-failure';

interface ProgressValues {
  reportedOn: string;
  reporter: string;
  percent: string;
  text: string;
  attachmentNames: string;
}
type ProgressField = keyof ProgressValues;
const FIELDS: readonly ProgressField[] = ['reportedOn', 'reporter', 'percent', 'text', 'attachmentNames'];
const isField = (f: string): f is ProgressField => (FIELDS as readonly string[]).includes(f);

function problemText(p: FieldProblem, t: TFunction): string {
  switch (p.field) {
    case 'reportedOn':
      return p.constraint === 'notInFuture' ? t('directives.validation.dateInFuture') : t('directives.validation.dateInvalid');
    case 'percent':
      return t('directives.validation.percentRange');
    case 'text':
      return t('directives.validation.textLength');
    case 'reporter':
      return t('directives.validation.reporterLength');
  }
  return p.message;
}

/** The progress reports of a task, newest first, and (for writers) a form to add one. */
export function ProgressReports({ task, canWrite, onAdded }: { task: DirectiveTask; canWrite: boolean; onAdded(): Promise<void> }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <section className="progress-reports" aria-label={t('directives.progress.title')} data-testid="progress-reports">
      <h4>{t('directives.progress.title')}</h4>
      {saved ? (
        <Alert tone="success" testId="progress-saved">
          {t('directives.progress.saved')}
        </Alert>
      ) : null}
      {task.progressReports.length === 0 ? (
        <p className="muted">{t('directives.progress.none')}</p>
      ) : (
        <DataTable
          testId="progress-table"
          caption={t('directives.progress.caption')}
          columns={[
            { label: t('directives.progress.reportedOn') },
            { label: t('directives.progress.reporter') },
            { label: t('directives.progress.percent'), numeric: true },
            { label: t('directives.progress.text') },
            { label: t('directives.progress.attachments') },
          ]}
        >
          {task.progressReports.map((r) => (
            <tr key={r.id} data-testid="progress-row">
              <td className="nowrap">{formatLocalDate(r.reportedOn)}</td>
              <td>{r.reporter}</td>
              <td className="numeric">{formatCount(r.percent)}</td>
              <td className="pre-line">{r.text}</td>
              <td>{r.attachmentNames.join(', ')}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {canWrite ? (
        adding ? (
          <ProgressForm
            task={task}
            onCancel={() => setAdding(false)}
            onSaved={async () => {
              setAdding(false);
              setSaved(true);
              await onAdded();
            }}
          />
        ) : (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              setSaved(false);
              setAdding(true);
            }}
            data-testid="add-progress"
          >
            {t('directives.progress.add')}
          </button>
        )
      ) : null}
    </section>
  );
}

function ProgressForm({ task, onCancel, onSaved }: { task: DirectiveTask; onCancel(): void; onSaved(): Promise<void> }) {
  const { t } = useTranslation();
  const [add, { loading }] = useMutation(ADD_PROGRESS_REPORT);
  const [values, setValues] = useState<ProgressValues>({
    reportedOn: todayLocalDate(),
    reporter: task.leadAgency.name,
    percent: String(task.latestPercent ?? 0),
    text: '',
    attachmentNames: '',
  });
  const { failure, fail, summaryRef } = useFormFailure<Failure>();
  const id = (f: ProgressField) => `progress-${task.id}-${f}`;
  const set = (f: ProgressField) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));
  const problems = failure?.kind === 'fields' ? failure.problems : [];
  const errorOf = (f: ProgressField) => {
    const p = problems.find((x) => x.field === f);
    return p ? problemText(p, t) : undefined;
  };

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const percent = values.percent.trim();
    if (!/^\d+$/.test(percent) || Number(percent) > 100) {
      fail({ kind: 'fields', problems: [{ field: 'percent', constraint: 'range', message: 'percent must be 0 to 100' }] });
      return;
    }
    try {
      await add({
        variables: {
          input: {
            taskId: task.id,
            reportedOn: values.reportedOn,
            reporter: values.reporter.trim(),
            percent: Number(percent),
            text: values.text.trim(),
            attachmentNames: values.attachmentNames
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean),
          },
        },
      });
      await onSaved();
    } catch (err) {
      fail(failureOf(err));
    }
  }

  return (
    <form className="form panel progress-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="progress-form" aria-label={t('directives.progress.add')}>
      <FailureAlerts
        failure={failure}
        problems={problems.map((p) => ({ problem: p, text: problemText(p, t), inputId: isField(p.field) ? id(p.field) : null }))}
        summaryRef={summaryRef}
        conflictTitle={t('directives.tasks.conflict')}
        goneText={t('directives.form.gone')}
        testIdPrefix="progress-form"
      />
      <div className="form-grid">
        <FormField id={id('reportedOn')} label={t('directives.progress.reportedOn')} requiredLabel={t('directives.form.required')} error={errorOf('reportedOn')}>
          {(a11y) => <input {...a11y} type="date" value={values.reportedOn} onChange={set('reportedOn')} max={todayLocalDate()} />}
        </FormField>
        <FormField id={id('percent')} label={t('directives.progress.percent')} requiredLabel={t('directives.form.required')} error={errorOf('percent')}>
          {(a11y) => <input {...a11y} type="number" inputMode="numeric" min={0} max={100} step={1} value={values.percent} onChange={set('percent')} />}
        </FormField>
      </div>
      <FormField id={id('reporter')} label={t('directives.progress.reporter')} requiredLabel={t('directives.form.required')} error={errorOf('reporter')} className="form-field-wide">
        {(a11y) => <input {...a11y} type="text" value={values.reporter} onChange={set('reporter')} maxLength={200} autoComplete="off" />}
      </FormField>
      <FormField id={id('text')} label={t('directives.progress.text')} requiredLabel={t('directives.form.required')} error={errorOf('text')} className="form-field-wide">
        {(a11y) => <textarea {...a11y} rows={3} value={values.text} onChange={set('text')} maxLength={20000} />}
      </FormField>
      <FormField id={id('attachmentNames')} label={t('directives.progress.attachments')} hint={t('directives.progress.attachmentsHint')} error={errorOf('attachmentNames')} className="form-field-wide">
        {(a11y) => <textarea {...a11y} rows={2} value={values.attachmentNames} onChange={set('attachmentNames')} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={loading} data-testid="save-progress">
          {loading ? t('directives.progress.saving') : t('directives.progress.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={loading}>
          {t('directives.tasks.cancel')}
        </button>
      </div>
    </form>
  );
}
