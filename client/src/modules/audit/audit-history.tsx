import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatDateTime, formatLocalDate } from '../../common/formatters';
import { LoadError } from '../../common/ui/load-error';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import { useCurrentUser } from '../auth/current-user-context';
import { AUDIT_LOG, type AuditRow } from './audit-operations';

/** Columns that change with every save and say nothing to the reader. */
const HIDDEN_FIELDS = new Set(['id', 'version', 'updated_at', 'created_at', 'province_id', 'search_text', 'search_vector', 'is_synthetic']);

const PAGE_SIZE = 10;

interface AuditHistoryProps {
  /** The record's GraphQL type, as the audit log names it: "Member", "Agency", "Activity", "MemberAssociation", … */
  entityType: string;
  /** The record's id. */
  entityId: string;
  /** Page size; 10 when omitted. */
  pageSize?: number;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields whose values differ between `before` and `after` (all non-empty ones of a creation). */
export function changedFields(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of keys) {
    if (HIDDEN_FIELDS.has(field)) continue;
    const b = before?.[field] ?? null;
    const a = after?.[field] ?? null;
    if (!before && (a === null || a === '')) continue;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ field, before: b, after: a });
  }
  return changes.sort((x, y) => x.field.localeCompare(y.field));
}

/**
 * A record's change history from the audit log (newest first), page by page: when, who, what was
 * done and each changed field before → after. Only province administrators may read the audit log;
 * other users see a short note instead.
 */
export function AuditHistory({ entityType, entityId, pageSize = PAGE_SIZE }: AuditHistoryProps) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (user.role !== 'PROVINCE_ADMIN') {
    return (
      <section className="panel audit-history" aria-labelledby="audit-history-title" data-testid="audit-history">
        <h2 id="audit-history-title">{t('audit.title')}</h2>
        <p className="muted">{t('audit.adminOnly')}</p>
      </section>
    );
  }
  return <AuditHistoryList entityType={entityType} entityId={entityId} pageSize={pageSize} />;
}

function AuditHistoryList({ entityType, entityId, pageSize }: Required<AuditHistoryProps>) {
  const { t } = useTranslation();
  const key = `${entityType}:${entityId}:${pageSize}`;
  const [paging, setPaging] = useState<{ key: string; afters: Array<string | null> }>({ key, afters: [null] });
  const afters = paging.key === key ? paging.afters : [null];
  const after = afters[afters.length - 1];
  const { data, previousData, loading, error, refetch } = useQuery(AUDIT_LOG, {
    variables: { first: pageSize, after, filter: { entityType, entityId } },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const shown = (data ?? previousData)?.auditLog;
  const busy = loading && !data;

  let body;
  if (error && !shown) body = <LoadError title={t('audit.loadFailed')} error={error} onRetry={() => void refetch()} testId="audit-error" />;
  else if (!shown) body = <LoadingIndicator label={t('audit.loading')} />;
  else if (shown.totalCount === 0)
    body = (
      <p className="empty-state" data-testid="audit-empty">
        {t('audit.empty')}
      </p>
    );
  else {
    const pages = Math.max(1, Math.ceil(shown.totalCount / pageSize));
    const page = afters.length;
    const canGoBack = afters.length > 1 && !busy;
    const end = data?.auditLog.pageInfo.endCursor;
    const canGoOn = Boolean(data?.auditLog.pageInfo.hasNextPage && end) && !busy;
    body = (
      <>
        <p className="results-total" data-testid="audit-total">
          {t('audit.total', { count: shown.totalCount, formatted: formatCount(shown.totalCount) })}
        </p>
        <div className="table-scroll" aria-busy={busy}>
          <table className="data-table audit-table" data-testid="audit-table">
            <caption className="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.column.at')}</th>
                <th scope="col">{t('audit.column.actor')}</th>
                <th scope="col">{t('audit.column.action')}</th>
                <th scope="col">{t('audit.column.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.edges.map(({ node }) => (
                <AuditEntryRow key={node.id} entry={node} />
              ))}
            </tbody>
          </table>
        </div>
        {pages > 1 ? (
          <nav className="pagination" aria-label={t('audit.pagination.label')}>
            <button
              type="button"
              className="button button-secondary"
              aria-disabled={!canGoBack}
              onClick={() => canGoBack && setPaging({ key, afters: afters.slice(0, -1) })}
              data-testid="audit-previous"
            >
              {t('audit.pagination.previous')}
            </button>
            <span className="pagination-status">{t('audit.pagination.page', { page, pages })}</span>
            <button
              type="button"
              className="button button-secondary"
              aria-disabled={!canGoOn}
              onClick={() => canGoOn && end && setPaging({ key, afters: [...afters, end] })}
              data-testid="audit-next"
            >
              {t('audit.pagination.next')}
            </button>
          </nav>
        ) : null}
      </>
    );
  }

  return (
    <section className="panel audit-history" aria-labelledby="audit-history-title" data-testid="audit-history">
      <h2 id="audit-history-title">{t('audit.title')}</h2>
      <p className="page-intro">{t('audit.intro')}</p>
      {body}
    </section>
  );
}

function AuditEntryRow({ entry }: { entry: AuditRow }) {
  const { t, i18n } = useTranslation();
  const changes = changedFields(entry.before, entry.after);
  const actionKey = `audit.action.${entry.action}`;
  const fieldLabel = (field: string) => {
    const k = `audit.fields.${field}`;
    return i18n.exists(k) ? t(k as never) : field.replace(/_/g, ' ');
  };
  const show = (value: unknown) => {
    if (value === null || value === undefined || value === '') return t('audit.empty_value');
    if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
    if (typeof value === 'string') {
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatLocalDate(value);
      if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
      return value;
    }
    if (typeof value === 'number') return String(value);
    return JSON.stringify(value);
  };
  const list = (
    <dl className="audit-changes">
      {changes.map((c) => (
        <div key={c.field} className="audit-change" data-testid="audit-change" data-field={c.field}>
          <dt>{fieldLabel(c.field)}</dt>
          <dd>
            {entry.before ? (
              <>
                <del className="audit-before">{show(c.before)}</del>
                <span aria-hidden="true"> → </span>
                <span className="visually-hidden"> {t('audit.after')}: </span>
              </>
            ) : null}
            <ins className="audit-after">{show(c.after)}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
  return (
    <tr data-testid="audit-entry" data-action={entry.action}>
      <td className="nowrap">{formatDateTime(entry.at)}</td>
      <td>{entry.actor ? entry.actor.fullName : <span className="muted">{t('audit.system')}</span>}</td>
      <td className="nowrap">{i18n.exists(actionKey) ? t(actionKey as never) : entry.action}</td>
      <td>
        {changes.length === 0 ? (
          <span className="muted">{t('audit.noFieldChanges')}</span>
        ) : entry.before ? (
          list
        ) : (
          <details>
            <summary>{t('audit.initialValues')}</summary>
            {list}
          </details>
        )}
      </td>
    </tr>
  );
}
