import type { ApolloClient } from '@apollo/client';
import type { TFunction } from 'i18next';
import { toCsv, type CsvCell } from '../../common/csv';
import { formatLocalDate } from '../../common/formatters';
import { MEMBER_ASSOCIATIONS, type MemberAssociation, type MemberAssociationsData, type MemberAssociationsVariables } from './member-association-operations';

/** The server's largest page. */
const EXPORT_PAGE_SIZE = 100;

/** Every association matching the list's filter and order, page after page. */
export async function fetchAllAssociations(
  client: ApolloClient,
  variables: Omit<MemberAssociationsVariables, 'first' | 'after'>,
): Promise<MemberAssociation[]> {
  const rows: MemberAssociation[] = [];
  let after: string | null = null;
  // A guard against a server that keeps answering hasNextPage: never more pages than the count allows.
  let maxPages = Infinity;
  for (let page = 0; page < maxPages; page++) {
    const { data }: { data?: MemberAssociationsData } = await client.query({
      query: MEMBER_ASSOCIATIONS,
      variables: { ...variables, first: EXPORT_PAGE_SIZE, after },
      fetchPolicy: 'network-only',
    });
    if (!data) break;
    const connection: MemberAssociationsData['memberAssociations'] = data.memberAssociations;
    maxPages = Math.ceil(connection.totalCount / EXPORT_PAGE_SIZE) + 1;
    rows.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
    after = connection.pageInfo.endCursor;
  }
  return rows;
}

/** The CSV text of `rows` with the same columns as the table, headed in the current language. */
export function associationsCsv(rows: readonly MemberAssociation[], t: TFunction, withProvince: boolean): string {
  const header = [
    t('associations.column.name'),
    t('associations.column.abbreviation'),
    t('associations.column.field'),
    t('associations.column.foundedOn'),
    t('associations.column.status'),
    t('associations.column.congressTerm'),
    t('associations.column.individualMemberCount'),
    t('associations.column.collectiveMemberCount'),
    ...(withProvince ? [t('associations.column.province'), t('associations.column.provinceCode')] : []),
  ];
  const body = rows.map((a): CsvCell[] => [
    a.name,
    a.abbreviation,
    a.field,
    formatLocalDate(a.foundedOn),
    t(`status.${a.status}`),
    a.congressTerm,
    a.individualMemberCount,
    a.collectiveMemberCount,
    ...(withProvince ? [a.province.name, a.province.code] : []),
  ]);
  return toCsv(header, body);
}
