import { useState, type DragEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatCount, formatLocalDate } from '../../common/formatters';
import { LoadError } from '../../common/ui/load-error';
import { LoadingIndicator } from '../../common/ui/loading-indicator';
import {
  COMMISSIONING_REQUESTS,
  COMMISSIONING_STAGES,
  type CommissioningRequestFilter,
  type CommissioningRow,
  type CommissioningStage,
} from './commissioning-operations';
import { AssigneeText, formatVnd } from './commissioning-card-parts';

const COLUMN_PAGE = 20;

interface BoardProps {
  filter: CommissioningRequestFilter;
  /** Columns to show; every stage when empty. */
  stages: readonly CommissioningStage[];
  showProvince: boolean;
  canWrite: boolean;
  /** The user asked to move `row` to `to` (menu or drop); the page opens the dialog. */
  onMove(row: CommissioningRow, to: CommissioningStage): void;
}

/**
 * One column per stage, in the order of the workflow. Writers move a card with its "Move to…" menu
 * or by dragging it onto another column; every stage is offered and the server decides.
 */
export function CommissioningBoard({ filter, stages, showProvince, canWrite, onMove }: BoardProps) {
  const { t } = useTranslation();
  const [dragged, setDragged] = useState<CommissioningRow | null>(null);
  const shown = stages.length ? COMMISSIONING_STAGES.filter((s) => stages.includes(s)) : COMMISSIONING_STAGES;
  return (
    <div className="commissioning-board-wrap">
      {canWrite ? <p className="field-hint">{t('commissioningBoard.dropHint')}</p> : null}
      <div className="commissioning-board" data-testid="commissioning-board" aria-label={t('commissioningBoard.boardCaption')} role="region">
        {shown.map((stage) => (
          <BoardColumn
            key={stage}
            stage={stage}
            filter={filter}
            showProvince={showProvince}
            canWrite={canWrite}
            dragged={dragged}
            onDragStart={setDragged}
            onDrop={(row) => {
              setDragged(null);
              if (row.stage !== stage) onMove(row, stage);
            }}
            onMove={onMove}
          />
        ))}
      </div>
    </div>
  );
}

interface ColumnProps {
  stage: CommissioningStage;
  filter: CommissioningRequestFilter;
  showProvince: boolean;
  canWrite: boolean;
  dragged: CommissioningRow | null;
  onDragStart(row: CommissioningRow | null): void;
  onDrop(row: CommissioningRow): void;
  onMove(row: CommissioningRow, to: CommissioningStage): void;
}

function BoardColumn({ stage, filter, showProvince, canWrite, dragged, onDragStart, onDrop, onMove }: ColumnProps) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(COMMISSIONING_REQUESTS, {
    variables: { first: COLUMN_PAGE, filter: { ...filter, stages: undefined, stage }, sort: { field: 'UPDATED_AT', direction: 'DESC' } },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const list = (data ?? previousData)?.commissioningRequests;
  const headingId = `board-column-${stage}`;

  const dropProps = canWrite
    ? {
        onDragOver: (e: DragEvent) => {
          if (!dragged) return;
          e.preventDefault();
          setOver(true);
        },
        onDragLeave: () => setOver(false),
        onDrop: (e: DragEvent) => {
          e.preventDefault();
          setOver(false);
          if (dragged) onDrop(dragged);
        },
      }
    : {};

  return (
    <section
      className={`commissioning-column${over ? ' commissioning-column-over' : ''}`}
      aria-labelledby={headingId}
      data-testid="board-column"
      data-stage={stage}
      {...dropProps}
    >
      <header className="commissioning-column-header">
        <h2 id={headingId}>{t(`commissioningBoard.stages.${stage}`)}</h2>
        <span className="commissioning-column-count" data-testid="column-count">
          {list ? formatCount(list.totalCount) : ''}
        </span>
      </header>
      {error ? (
        <LoadError title={t('commissioningBoard.loadFailed')} error={error} onRetry={() => void refetch()} />
      ) : !list ? (
        <LoadingIndicator label={t('app.loading')} />
      ) : list.edges.length === 0 ? (
        <p className="muted commissioning-column-empty">{t('commissioningBoard.emptyColumn')}</p>
      ) : (
        <ul className="commissioning-cards">
          {list.edges.map(({ node }) => (
            <li key={node.id}>
              <BoardCard row={node} showProvince={showProvince} canWrite={canWrite} onDragStart={onDragStart} onMove={onMove} />
            </li>
          ))}
        </ul>
      )}
      {list?.pageInfo.hasNextPage ? (
        <button
          type="button"
          className="button button-ghost button-small"
          disabled={loading}
          onClick={() =>
            void fetchMore({
              variables: { after: list.pageInfo.endCursor },
              updateQuery: (prev, { fetchMoreResult }) => ({
                commissioningRequests: {
                  ...fetchMoreResult.commissioningRequests,
                  edges: [...prev.commissioningRequests.edges, ...fetchMoreResult.commissioningRequests.edges],
                },
              }),
            })
          }
        >
          {t('commissioningBoard.loadMore')}
        </button>
      ) : null}
    </section>
  );
}

function BoardCard({
  row,
  showProvince,
  canWrite,
  onDragStart,
  onMove,
}: {
  row: CommissioningRow;
  showProvince: boolean;
  canWrite: boolean;
  onDragStart(row: CommissioningRow | null): void;
  onMove(row: CommissioningRow, to: CommissioningStage): void;
}) {
  const { t } = useTranslation();
  return (
    <article
      className="commissioning-card"
      data-testid="commissioning-card"
      data-id={row.id}
      data-stage={row.stage}
      draggable={canWrite}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', row.id);
        e.dataTransfer.effectAllowed = 'move';
        onDragStart(row);
      }}
      onDragEnd={() => onDragStart(null)}
    >
      <h3 className="commissioning-card-title">
        <Link to={`/commissioning/${row.id}`} data-testid="card-link">
          {row.code ? <span className="muted">{row.code} · </span> : null}
          {row.title}
        </Link>
      </h3>
      <dl className="commissioning-card-facts">
        <dt>{t('commissioningBoard.column.requestingAgency')}</dt>
        <dd data-testid="card-agency">{row.requestingAgency.name}</dd>
        <dt>{t('commissioningBoard.column.assignee')}</dt>
        <dd data-testid="card-assignee">
          <AssigneeText row={row} />
        </dd>
        <dt>{t('commissioningBoard.column.budget')}</dt>
        <dd className="numeric-text" data-testid="card-budget">
          {formatVnd(row.budgetVnd)}
        </dd>
        <dt>{t('commissioningBoard.column.plannedEnd')}</dt>
        <dd data-testid="card-due">{row.plannedEnd ? formatLocalDate(row.plannedEnd) : <span className="muted">{t('commissioningBoard.noDue')}</span>}</dd>
        {showProvince ? (
          <>
            <dt>{t('commissioningBoard.column.province')}</dt>
            <dd>{row.province.name}</dd>
          </>
        ) : null}
      </dl>
      {canWrite ? (
        <select
          className="commissioning-card-move"
          aria-label={t('commissioningBoard.moveLabel', { title: row.title })}
          value=""
          onChange={(e) => {
            if (e.target.value) onMove(row, e.target.value as CommissioningStage);
          }}
          data-testid="card-move"
        >
          <option value="">{t('commissioningBoard.moveTo')}</option>
          {COMMISSIONING_STAGES.filter((s) => s !== row.stage).map((s) => (
            <option key={s} value={s}>
              {t(`commissioningBoard.stages.${s}`)}
            </option>
          ))}
        </select>
      ) : null}
    </article>
  );
}
