import { useState } from 'react';
import { Link } from 'react-router';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../common/graphql-errors';
import { formatLocalDate } from '../../common/formatters';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { ConfirmDialog } from '../../common/ui/confirm-dialog';
import {
  CREATE_DIRECTIVE_TASK,
  DELETE_DIRECTIVE_TASK,
  forgetDirectiveLists,
  UPDATE_DIRECTIVE_TASK,
  type Directive,
  type DirectiveTask,
} from './directive-operations';
import { ProgressReports } from './progress-reports';
import { UrgencyBadge } from './task-timing';
import { emptyTaskValues, TaskForm, taskInputOf, taskValuesOf, type TaskValues } from './task-form';
import { useAgencies } from './use-agencies';

/** Which form is open: none, the new task, or the edit form of one task. */
type Editing = null | 'new' | string;

/** The numbered tasks of a document: add, edit, delete (writers), and each task's progress reports. */
export function DirectiveTasks({ directive, canWrite, onChanged }: { directive: Directive; canWrite: boolean; onChanged(): Promise<void> }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const errorText = useErrorText();
  const { agencies } = useAgencies(directive.province.code, !canWrite);
  const [editing, setEditing] = useState<Editing>(null);
  const [openProgress, setOpenProgress] = useState<Set<string>>(new Set());
  const [flash, setFlash] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<DirectiveTask | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const [create] = useMutation(CREATE_DIRECTIVE_TASK);
  const [update] = useMutation(UPDATE_DIRECTIVE_TASK);
  const [remove, { loading: removing }] = useMutation(DELETE_DIRECTIVE_TASK);
  const tasks = directive.taskList;

  async function changed(message: string) {
    forgetDirectiveLists(client.cache);
    await onChanged();
    setFlash(message);
  }

  async function saveNew(values: TaskValues) {
    const { data } = await create({ variables: { input: { ...taskInputOf(values), directiveId: directive.id } } });
    setEditing(null);
    await changed(t('directives.tasks.savedFlash', { seq: data?.createDirectiveTask.seq ?? '' }));
  }

  async function saveEdit(task: DirectiveTask, values: TaskValues) {
    const input = taskInputOf(values);
    await update({ variables: { input: { ...input, seq: input.seq ?? task.seq, id: task.id, version: task.version } } });
    setEditing(null);
    await changed(t('directives.tasks.savedFlash', { seq: input.seq ?? task.seq }));
  }

  async function confirmDelete() {
    if (!deleting) return;
    try {
      await remove({ variables: { input: { id: deleting.id, version: deleting.version } } });
      const seq = deleting.seq;
      setDeleting(null);
      await changed(t('directives.tasks.deletedFlash', { seq }));
    } catch (err) {
      setDeleting(null);
      setDeleteError(err);
    }
  }

  const toggleProgress = (id: string) =>
    setOpenProgress((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="directive-tasks" aria-labelledby="directive-tasks-title" data-testid="directive-tasks">
      <div className="section-header">
        <h2 id="directive-tasks-title">{t('directives.tasks.sectionTitle')}</h2>
        <Link to={`/tasks?directive=${directive.id}`} className="button button-ghost button-small" data-testid="tasks-of-directive">
          {t('directives.taskList.title')} →
        </Link>
      </div>
      {flash ? (
        <Alert tone="success" testId="task-flash">
          {flash}
        </Alert>
      ) : null}
      {deleteError ? (
        <Alert tone="error" title={t('directives.form.deleteFailed')} focusOnMount>
          {errorCodeOf(deleteError) === 'CONFLICT' ? t('directives.tasks.conflict') : errorText(deleteError)}
        </Alert>
      ) : null}
      {tasks.length === 0 ? <p className="muted">{t('directives.tasks.none')}</p> : null}
      <ol className="task-cards">
        {tasks.map((task) => (
          <li key={task.id} className="task-card" data-testid="directive-task" data-seq={task.seq}>
            {editing === task.id ? (
              <TaskForm
                key={`${task.id}:${task.version}`}
                idPrefix={`task-${task.id}`}
                title={t('directives.tasks.editTitle', { seq: task.seq })}
                initialValues={taskValuesOf(task)}
                agencies={agencies}
                save={(values) => saveEdit(task, values)}
                onCancel={() => setEditing(null)}
                onReload={onChanged}
              />
            ) : (
              <>
                <div className="task-card-head">
                  <h3 className="task-card-title">
                    <span className="task-seq">{task.seq}.</span> {task.title}
                  </h3>
                  <div className="inline-items">
                    <span className="badge badge-dissolved" data-testid="task-status">
                      {t(`directives.status.${task.status}`)}
                    </span>
                    <UrgencyBadge task={task} />
                  </div>
                </div>
                {task.content ? <p className="pre-line">{task.content}</p> : null}
                <dl className="details task-card-details">
                  <div className="details-row">
                    <dt>{t('directives.tasks.leadAgency')}</dt>
                    <dd>{task.leadAgency.name}</dd>
                  </div>
                  {task.coordinatingAgencies.length ? (
                    <div className="details-row">
                      <dt>{t('directives.tasks.coordinatingAgencies')}</dt>
                      <dd>{task.coordinatingAgencies.map((a) => a.name).join('; ')}</dd>
                    </div>
                  ) : null}
                  <div className="details-row">
                    <dt>{t('directives.tasks.deadlineKind')}</dt>
                    <dd data-testid="task-deadline">
                      {task.deadline.label ?? t('directives.tasks.noDeadline')}
                      {task.dueOn && task.deadline.kind !== 'DATE' ? ` (${t('directives.tasks.dueOn', { date: formatLocalDate(task.dueOn) })})` : ''}
                    </dd>
                  </div>
                  {task.completedOn ? (
                    <div className="details-row">
                      <dt>{t('directives.tasks.completedOn')}</dt>
                      <dd>{formatLocalDate(task.completedOn)}</dd>
                    </div>
                  ) : null}
                  {task.latestPercent !== null ? (
                    <div className="details-row">
                      <dt>{t('directives.progress.percent')}</dt>
                      <dd>{t('directives.tasks.latestPercent', { percent: task.latestPercent })}</dd>
                    </div>
                  ) : null}
                </dl>
                <div className="form-actions task-card-actions">
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => toggleProgress(task.id)}
                    aria-expanded={openProgress.has(task.id)}
                    data-testid="toggle-progress"
                  >
                    {openProgress.has(task.id) ? t('directives.tasks.hideProgress') : t('directives.tasks.progress', { count: task.progressReports.length })}
                  </button>
                  {canWrite ? (
                    <>
                      <button type="button" className="button button-secondary button-small" onClick={() => setEditing(task.id)} data-testid="edit-task">
                        {t('directives.tasks.edit')}
                      </button>
                      <button
                        type="button"
                        className="button button-danger-outline button-small"
                        onClick={() => {
                          setDeleteError(null);
                          setDeleting(task);
                        }}
                        data-testid="delete-task"
                      >
                        {t('directives.tasks.delete')}
                      </button>
                    </>
                  ) : null}
                </div>
                {openProgress.has(task.id) ? <ProgressReports task={task} canWrite={canWrite} onAdded={onChanged} /> : null}
              </>
            )}
          </li>
        ))}
      </ol>
      {canWrite ? (
        editing === 'new' ? (
          <TaskForm
            idPrefix="task-new"
            title={t('directives.tasks.addTitle')}
            initialValues={emptyTaskValues()}
            agencies={agencies}
            save={saveNew}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setFlash(null);
              setEditing('new');
            }}
            data-testid="add-task"
          >
            <span aria-hidden="true">+ </span>
            {t('directives.tasks.add')}
          </button>
        )
      ) : null}

      <ConfirmDialog
        open={deleting !== null}
        title={t('directives.tasks.confirmDeleteTitle')}
        confirmLabel={t('directives.form.confirmDelete')}
        cancelLabel={t('directives.form.cancel')}
        danger
        busy={removing}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        <p>{t('directives.tasks.confirmDeleteBody', { seq: deleting?.seq ?? '', title: deleting?.title ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}
