import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatLocalDate } from '../../common/formatters';
import type { MemberAssociation } from './member-association-operations';
import { StatusBadge } from './status-badge';

/** Read-only view of one association, for roles that may not change it. */
export function MemberAssociationDetails({ record, showProvince }: { record: MemberAssociation; showProvince: boolean }) {
  const { t } = useTranslation();
  const none = <span className="muted">{t('form.notProvided')}</span>;
  const rows: Array<[string, ReactNode]> = [
    [t('form.name'), record.name],
    [t('form.abbreviation'), record.abbreviation || none],
    [t('form.field'), record.field || none],
    [t('form.foundedOn'), record.foundedOn ? formatLocalDate(record.foundedOn) : none],
    [t('form.status'), <StatusBadge key="status" status={record.status} />],
    [t('form.congressTerm'), record.congressTerm || none],
    [t('form.individualMemberCount'), formatCount(record.individualMemberCount)],
    [t('form.collectiveMemberCount'), formatCount(record.collectiveMemberCount)],
  ];
  if (showProvince) rows.push([t('form.province'), record.province.name]);
  return (
    <dl className="details" data-testid="association-details">
      {rows.map(([label, value]) => (
        <div key={label} className="details-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
