import { useTranslation } from 'react-i18next';
import { formatCount } from '../../common/formatters';
import type { CommissioningRow, CommissioningStage } from './commissioning-operations';

/** "1.250.000.000 đ". */
export function formatVnd(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : `${formatCount(value)} đ`;
}

/** Who carries out the task: the Union, the member association, or "not assigned". */
export function AssigneeText({ row }: { row: Pick<CommissioningRow, 'assigneeKind' | 'assignedAssociation'> }) {
  const { t } = useTranslation();
  if (row.assigneeKind === 'ASSOCIATION') return <>{row.assignedAssociation?.name ?? t('commissioningBoard.assigneeKinds.ASSOCIATION')}</>;
  if (row.assigneeKind === 'UNION') return <>{t('commissioningBoard.union')}</>;
  return <span className="muted">{t('commissioningBoard.unassigned')}</span>;
}

/** The stage as a small label. */
export function StageBadge({ stage }: { stage: CommissioningStage }) {
  const { t } = useTranslation();
  return (
    <span className={`badge commissioning-stage commissioning-stage-${stage.toLowerCase()}`} data-testid="stage-badge" data-stage={stage}>
      {t(`commissioningBoard.stages.${stage}`)}
    </span>
  );
}
