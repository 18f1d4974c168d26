import type { ApolloClient } from '@apollo/client';
import type { TFunction } from 'i18next';
import { fetchAllPages, type ExportColumn } from '../../common/export/list-export';
import { MEMBER_ASSOCIATIONS, type MemberAssociation, type MemberAssociationsVariables } from './member-association-operations';

/** Every association matching the list's filter and order, page after page. */
export function fetchAllAssociations(client: ApolloClient, variables: Omit<MemberAssociationsVariables, 'first' | 'after'>): Promise<MemberAssociation[]> {
  return fetchAllPages(client, MEMBER_ASSOCIATIONS, variables, (d) => d.memberAssociations);
}

/** The exported columns (CSV and XLSX): the same as the table, headed in the current language. */
export function associationExportColumns(t: TFunction, withProvince: boolean): ExportColumn<MemberAssociation>[] {
  return [
    { header: t('associations.column.name'), value: (a) => a.name },
    { header: t('associations.column.abbreviation'), value: (a) => a.abbreviation },
    { header: t('associations.column.field'), value: (a) => a.field },
    { header: t('associations.column.foundedOn'), value: (a) => a.foundedOn, kind: 'date' },
    { header: t('associations.column.status'), value: (a) => t(`status.${a.status}`) },
    { header: t('associations.column.congressTerm'), value: (a) => a.congressTerm },
    { header: t('associations.column.individualMemberCount'), value: (a) => a.individualMemberCount, kind: 'number' },
    { header: t('associations.column.collectiveMemberCount'), value: (a) => a.collectiveMemberCount, kind: 'number' },
    ...(withProvince
      ? ([
          { header: t('associations.column.province'), value: (a) => a.province.name },
          { header: t('associations.column.provinceCode'), value: (a) => a.province.code },
        ] satisfies ExportColumn<MemberAssociation>[])
      : []),
  ];
}
