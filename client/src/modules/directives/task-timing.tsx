import { useTranslation } from 'react-i18next';
import { todayLocalDate } from '../../common/formatters';
import type { DirectiveTaskStatus } from './directive-operations';

/** Open tasks due within this many days (and not yet overdue) are "due soon". */
export const DUE_SOON_DAYS = 14;

const DAY_MS = 86_400_000;

/** Whole days from today to a yyyy-mm-dd day (negative when past). */
export function daysUntil(day: string, today: string = todayLocalDate()): number {
  const [a, b] = [day, today].map((d) => {
    const [y, m, dd] = d.split('-').map(Number);
    return Date.UTC(y, m - 1, dd);
  });
  return Math.round((a - b) / DAY_MS);
}

export interface TaskTiming {
  status: DirectiveTaskStatus;
  dueOn: string | null;
  isOverdue: boolean;
  daysLate: number;
}

/** 'overdue', 'dueSoon' (open, due within DUE_SOON_DAYS) or null. */
export function urgencyOf(task: TaskTiming): { kind: 'overdue'; days: number } | { kind: 'dueSoon'; days: number } | null {
  if (task.isOverdue) return { kind: 'overdue', days: task.daysLate };
  if (task.status === 'COMPLETED' || task.status === 'CANCELLED' || !task.dueOn) return null;
  const left = daysUntil(task.dueOn);
  return left >= 0 && left <= DUE_SOON_DAYS ? { kind: 'dueSoon', days: left } : null;
}

/** "Quá hạn N ngày" in red for overdue tasks, "Sắp đến hạn" in amber for open tasks due soon; nothing otherwise. */
export function UrgencyBadge({ task }: { task: TaskTiming }) {
  const { t } = useTranslation();
  const urgency = urgencyOf(task);
  if (!urgency) return null;
  if (urgency.kind === 'overdue') {
    return (
      <span className="badge badge-suspended" data-testid="overdue-badge">
        {urgency.days > 0 ? t('directives.badge.overdue', { count: urgency.days }) : t('directives.badge.overdueNoDays')}
      </span>
    );
  }
  return (
    <span className="badge badge-consolidating" data-testid="due-soon-badge">
      {urgency.days === 0 ? t('directives.badge.dueToday') : t('directives.badge.dueSoon', { count: urgency.days })}
    </span>
  );
}
