import { useEffect, useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { AGENCY_CHOICES, type AgencyRef } from './directive-operations';

const PAGE = 100;

/**
 * Every agency of a province (all pages), sorted by name as the API returns them; for pickers.
 * `provinceCode` null means the user's own scope.
 */
export function useAgencies(provinceCode: string | null, skip = false): { agencies: AgencyRef[]; loading: boolean; error: unknown } {
  const filter = provinceCode ? { provinceCode } : {};
  const { data, loading, error, fetchMore } = useQuery(AGENCY_CHOICES, {
    variables: { first: PAGE, filter },
    fetchPolicy: 'cache-first',
    skip,
  });
  const conn = data?.agencies;
  const endCursor = conn?.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
  useEffect(() => {
    if (!endCursor) return;
    void fetchMore({
      variables: { after: endCursor },
      updateQuery: (prev, { fetchMoreResult }) => ({
        agencies: { ...fetchMoreResult.agencies, edges: [...prev.agencies.edges, ...fetchMoreResult.agencies.edges] },
      }),
    });
  }, [endCursor, fetchMore]);
  const agencies = useMemo(() => conn?.edges.map((e) => e.node) ?? [], [conn]);
  return { agencies, loading: loading || Boolean(endCursor), error };
}

/** "Sở Khoa học và Công nghệ (SKHCN)" when there is a short name. */
export function agencyLabel(a: AgencyRef): string {
  return a.shortName ? `${a.name} (${a.shortName})` : a.name;
}
