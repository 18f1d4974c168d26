import { useTranslation } from 'react-i18next';
import type { MemberAssociationStatus } from './member-association-operations';

/** The status in words, with a colour that is never the only cue. */
export function StatusBadge({ status }: { status: MemberAssociationStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status.toLowerCase()}`}>{t(`status.${status}`)}</span>;
}
