import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { graphQLErrorsOf } from '../../common/graphql-errors';
import { exportRows, type ExportFormat } from '../../common/export/list-export';
import { formatCount } from '../../common/formatters';
import { usePageTitle } from '../../common/use-page-title';
import { useErrorText } from '../../common/use-error-text';
import { Alert } from '../../common/ui/alert';
import { DataTable } from '../../common/ui/data-table';
import { FormField } from '../../common/ui/form-field';
import { LoadError } from '../../common/ui/load-error';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { useCurrentUser } from '../auth/current-user-context';
import {
  ADD_IMPORT_ROWS,
  COMMIT_IMPORT_BATCH,
  CREATE_IMPORT_BATCH,
  DISCARD_IMPORT_BATCH,
  IMPORT_KINDS,
  IMPORT_ROWS,
  IMPORT_TEMPLATE,
  LIST_PATH,
  type ImportBatchSummary,
  type ImportKind,
  type ImportProblem,
  type TemplateColumn,
} from './import-operations';
import { importsVi } from './imports-i18n';
import { readSpreadsheet, rowsFromSheet, UnsupportedFileError } from './spreadsheet';

/** Rows sent per request: each chunk is checked on the server, so the bar moves chunk by chunk. */
const CHUNK = 200;
const PAGE = 50;
const MAX_ROWS = 20000;

const TEMPLATE_NAMES: Record<ImportKind, string> = {
  MEMBER_ASSOCIATIONS: 'mau-nhap-hoi-thanh-vien',
  MEMBERS: 'mau-nhap-hoi-vien',
  AGENCIES: 'mau-nhap-co-quan',
  TASKS: 'mau-nhap-nhiem-vu',
};

type Stage =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'uploading'; done: number; total: number }
  | { kind: 'preview'; batch: ImportBatchSummary }
  | { kind: 'committing'; batch: ImportBatchSummary }
  | { kind: 'done'; batch: ImportBatchSummary };

/** /import: admins and editors import member associations, members, agencies or tasks from XLSX or CSV. */
export function ImportPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  usePageTitle(t('imports.title'));
  const canImport = user.role === 'PROVINCE_ADMIN' || user.role === 'PROVINCE_EDITOR';
  return (
    <section className="page import-page" data-testid="import-page">
      <div className="page-header">
        <div>
          <h1>{t('imports.title')}</h1>
          <p className="page-intro">{t('imports.intro')}</p>
        </div>
      </div>
      {canImport ? <ImportFlow /> : <Alert tone="warning">{t('imports.forbidden')}</Alert>}
    </section>
  );
}

function ImportFlow() {
  const { t } = useTranslation();
  const client = useApolloClient();
  const errorText = useErrorText();
  const [kind, setKind] = useState<ImportKind>('MEMBER_ASSOCIATIONS');
  const template = useQuery(IMPORT_TEMPLATE, { variables: { kind } });
  const columns = template.data?.importTemplate.kind === kind ? template.data.importTemplate.columns : null;
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [fileWarning, setFileWarning] = useState<string | null>(null);
  const [commitError, setCommitError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const openBatch = stage.kind === 'preview' ? stage.batch : null;

  const discard = useCallback(async () => {
    if (openBatch && openBatch.status === 'OPEN') {
      await client.mutate({ mutation: DISCARD_IMPORT_BATCH, variables: { id: openBatch.id } }).catch(() => undefined);
    }
  }, [client, openBatch]);

  const reset = () => {
    void discard();
    setStage({ kind: 'idle' });
    setFileProblem(null);
    setFileWarning(null);
    setCommitError(null);
    if (fileInput.current) {
      fileInput.current.value = '';
      fileInput.current.focus();
    }
  };

  const downloadTemplate = async (format: ExportFormat) => {
    if (!columns) return;
    await exportRows(format, TEMPLATE_NAMES[kind], columns.map((c) => ({ header: c.header, value: () => c.example })), [null]);
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file || !columns) return;
    await discard();
    setFileProblem(null);
    setFileWarning(null);
    setCommitError(null);
    setStage({ kind: 'reading' });
    let parsed;
    try {
      parsed = rowsFromSheet(await readSpreadsheet(file), columns);
    } catch (err) {
      setFileProblem(err instanceof UnsupportedFileError ? t('imports.unsupported') : t('imports.readError', { message: err instanceof Error ? err.message : String(err) }));
      setStage({ kind: 'idle' });
      return;
    }
    if (parsed.missing.length > 0) {
      setFileProblem(t('imports.missingColumns', { columns: parsed.missing.map((c) => c.header).join(', ') }));
      setStage({ kind: 'idle' });
      return;
    }
    if (parsed.rows.length === 0) {
      setFileProblem(t('imports.noRows'));
      setStage({ kind: 'idle' });
      return;
    }
    if (parsed.rows.length > MAX_ROWS) {
      setFileProblem(t('imports.tooManyRows', { count: parsed.rows.length, max: MAX_ROWS }));
      setStage({ kind: 'idle' });
      return;
    }
    if (parsed.unknownHeaders.length > 0) setFileWarning(t('imports.unknownColumns', { columns: parsed.unknownHeaders.join(', ') }));
    try {
      const created = await client.mutate({ mutation: CREATE_IMPORT_BATCH, variables: { input: { kind, fileName: file.name.slice(0, 255), totalRows: parsed.rows.length } } });
      let batch = created.data!.createImportBatch;
      setStage({ kind: 'uploading', done: 0, total: parsed.rows.length });
      for (let i = 0; i < parsed.rows.length; i += CHUNK) {
        const chunk = parsed.rows.slice(i, i + CHUNK);
        const added = await client.mutate({ mutation: ADD_IMPORT_ROWS, variables: { input: { batchId: batch.id, rows: chunk } } });
        batch = added.data!.addImportRows;
        setStage({ kind: 'uploading', done: Math.min(i + CHUNK, parsed.rows.length), total: parsed.rows.length });
      }
      setStage({ kind: 'preview', batch });
    } catch (err) {
      setFileProblem(errorText(err));
      setStage({ kind: 'idle' });
    }
  };

  const commit = async () => {
    if (stage.kind !== 'preview') return;
    const batch = stage.batch;
    setCommitError(null);
    setStage({ kind: 'committing', batch });
    try {
      const result = await client.mutate({ mutation: COMMIT_IMPORT_BATCH, variables: { id: batch.id } });
      setStage({ kind: 'done', batch: result.data!.commitImportBatch });
      // Lists of the kind must show the new rows.
      await client.refetchQueries({ include: 'active' }).catch(() => undefined);
    } catch (err) {
      const message = graphQLErrorsOf(err)[0]?.message ?? errorText(err);
      setCommitError(t('imports.commitFailed', { message }));
      setStage({ kind: 'preview', batch });
    }
  };

  const busy = stage.kind === 'reading' || stage.kind === 'uploading' || stage.kind === 'committing';

  if (stage.kind === 'done') {
    return (
      <Alert
        tone="success"
        testId="import-done"
        focusOnMount
        title={t('imports.done', { count: stage.batch.totalRows })}
        actions={
          <>
            <Link className="button button-primary" to={LIST_PATH[stage.batch.kind]} data-testid="import-open-list">
              {t('imports.openList')}: {t(`imports.kinds.${stage.batch.kind}`)}
            </Link>
            <button type="button" className="button button-secondary" onClick={() => setStage({ kind: 'idle' })}>
              {t('imports.importMore')}
            </button>
          </>
        }
      />
    );
  }

  return (
    <>
      <div className="panel import-step">
        <h2>{t('imports.step1')}</h2>
        <FormField id="import-kind" label={t('imports.kindLabel')}>
          {(a11y) => (
            <select
              {...a11y}
              value={kind}
              disabled={busy || stage.kind === 'preview'}
              onChange={(e) => setKind(e.target.value as ImportKind)}
              data-testid="import-kind"
            >
              {IMPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`imports.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {template.error ? <LoadError title={t('imports.templateLoadError')} error={template.error} onRetry={() => void template.refetch()} /> : null}
        {!columns && !template.error ? <LoadingIndicator label={t('app.loading')} /> : null}
        {columns ? (
          <>
            <div className="inline-items">
              <button type="button" className="button button-secondary" onClick={() => void downloadTemplate('xlsx')} data-testid="import-template-xlsx">
                {t('imports.templateXlsx')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => void downloadTemplate('csv')} data-testid="import-template-csv">
                {t('imports.templateCsv')}
              </button>
            </div>
            <p className="field-hint">{t('imports.templateHint')}</p>
            <details className="import-columns">
              <summary>{t('imports.columnsTitle')}</summary>
              <ul>
                {columns.map((c) => (
                  <li key={c.key}>
                    <strong>{c.header}</strong>
                    {c.required ? <span className="required-mark"> ({t('imports.required')})</span> : null}: {c.hint}
                  </li>
                ))}
              </ul>
            </details>
          </>
        ) : null}
      </div>

      <div className="panel import-step">
        <h2>{t('imports.step2')}</h2>
        <FormField id="import-file" label={t('imports.fileLabel')} hint={t('imports.fileHint')} error={fileProblem ?? undefined}>
          {(a11y) => (
            <input
              {...a11y}
              ref={fileInput}
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              disabled={busy || !columns}
              onChange={(e) => void onFile(e)}
              data-testid="import-file"
            />
          )}
        </FormField>
        {fileWarning ? <Alert tone="warning">{fileWarning}</Alert> : null}
        {stage.kind === 'reading' ? <LoadingIndicator label={t('imports.reading')} /> : null}
        {stage.kind === 'uploading' ? (
          <div className="import-progress" data-testid="import-progress">
            <label htmlFor="import-progress-bar">{t('imports.progress', { done: formatCount(stage.done), total: formatCount(stage.total) })}</label>
            <progress id="import-progress-bar" max={stage.total} value={stage.done} aria-label={t('imports.progressLabel')} />
          </div>
        ) : null}
      </div>

      {(stage.kind === 'preview' || stage.kind === 'committing') && columns ? (
        <Preview
          batch={stage.batch}
          columns={columns}
          committing={stage.kind === 'committing'}
          commitError={commitError}
          onCommit={() => void commit()}
          onReset={reset}
        />
      ) : null}
    </>
  );
}

function Preview({
  batch,
  columns,
  committing,
  commitError,
  onCommit,
  onReset,
}: {
  batch: ImportBatchSummary;
  columns: readonly TemplateColumn[];
  committing: boolean;
  commitError: string | null;
  onCommit: () => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const [onlyInvalid, setOnlyInvalid] = useState(batch.invalidRows > 0);
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [onlyInvalid]);
  const rows = useQuery(IMPORT_ROWS, { variables: { id: batch.id, first: PAGE, offset, onlyInvalid }, fetchPolicy: 'network-only' });
  const page = rows.data?.importBatch?.rows;
  const headerOf = (key: string | null) => columns.find((c) => c.key === key)?.header ?? '';

  return (
    <div className="panel import-step" data-testid="import-preview">
      <h2>{t('imports.step3')}</h2>
      <p data-testid="import-summary">
        {t('imports.summary', { file: batch.fileName, total: formatCount(batch.totalRows), valid: formatCount(batch.validRows), invalid: formatCount(batch.invalidRows) })}
      </p>
      {batch.ready ? (
        <Alert tone="success">{t('imports.allValid')}</Alert>
      ) : (
        <Alert tone="warning" testId="import-has-invalid">
          {t('imports.hasInvalid', { count: batch.invalidRows })}
        </Alert>
      )}
      {commitError ? (
        <Alert tone="error" testId="import-commit-error" focusOnMount>
          {commitError}
        </Alert>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={!batch.ready || committing}
          aria-describedby={batch.ready ? undefined : 'import-disabled-hint'}
          onClick={onCommit}
          data-testid="import-commit"
        >
          {committing ? t('imports.importing') : t('imports.import', { count: batch.totalRows })}
        </button>
        <button type="button" className="button button-secondary" onClick={onReset} disabled={committing} data-testid="import-reset">
          {t('imports.chooseAnother')}
        </button>
        {batch.ready ? null : (
          <span id="import-disabled-hint" className="field-hint">
            {t('imports.importDisabled')}
          </span>
        )}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={onlyInvalid} onChange={(e) => setOnlyInvalid(e.target.checked)} data-testid="import-only-invalid" />{' '}
        {t('imports.onlyInvalid')}
      </label>
      {rows.error ? <LoadError title={t('imports.rowsLoadError')} error={rows.error} onRetry={() => void rows.refetch()} /> : null}
      {!page && rows.loading ? <LoadingIndicator label={t('app.loading')} /> : null}
      {page ? (
        <>
          <DataTable
            testId="import-rows"
            caption={t('imports.previewCaption')}
            columns={[{ label: t('imports.row'), numeric: true }, ...columns.map((c) => ({ label: c.header })), { label: t('imports.problems') }]}
          >
            {page.rows.map((r) => {
              const values = new Map(r.values.map((v) => [v.key, v.value]));
              const bad = new Set(r.problems.map((p) => p.column));
              return (
                <tr key={r.rowNumber} data-testid={`import-row-${r.rowNumber}`} className={r.problems.length ? 'import-row-invalid' : undefined}>
                  <td className="numeric">{r.rowNumber}</td>
                  {columns.map((c) => (
                    <td key={c.key} className={bad.has(c.key) ? 'import-cell-invalid' : undefined}>
                      {values.get(c.key) ?? ''}
                    </td>
                  ))}
                  <td data-testid={`import-row-${r.rowNumber}-problems`}>
                    {r.problems.length === 0 ? (
                      <span className="muted">{t('imports.ok')}</span>
                    ) : (
                      <ul className="error-list">
                        {r.problems.map((p, i) => (
                          <li key={i}>
                            <ProblemText problem={p} header={headerOf(p.column)} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
          <div className="pagination">
            <span className="pagination-status">
              {t('imports.page', { from: page.totalCount === 0 ? 0 : offset + 1, to: offset + page.rows.length, total: page.totalCount })}
            </span>
            <button type="button" className="button button-small button-secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('imports.previous')}
            </button>
            <button
              type="button"
              className="button button-small button-secondary"
              disabled={offset + PAGE >= page.totalCount}
              onClick={() => setOffset(offset + PAGE)}
            >
              {t('imports.next')}
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}

type ProblemKey = keyof typeof importsVi.problemText;

/** A row's problem in the current language; rules without a translation show the server's words. */
function ProblemText({ problem, header }: { problem: ImportProblem; header: string }) {
  const { t } = useTranslation();
  if (problem.constraint in importsVi.problemText) {
    const key = problem.constraint as ProblemKey;
    return (
      <>
        {t(`imports.problemText.${key}`, {
          column: header,
          detail: problem.detail ? ` (${problem.detail})` : '',
          detailRaw: problem.detail ?? '',
          interpolation: { escapeValue: false },
        })}
      </>
    );
  }
  return (
    <>
      {header ? `${header}: ` : ''}
      {problem.message}
    </>
  );
}
