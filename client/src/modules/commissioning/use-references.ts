import { useQuery } from '@apollo/client/react';
import { COMMISSIONING_PARTIES, RESEARCH_AREAS } from './commissioning-operations';

/** Research areas (shared by every province), for pickers and filters. */
export function useResearchAreas() {
  const { data } = useQuery(RESEARCH_AREAS, { fetchPolicy: 'cache-first' });
  return data?.researchAreas ?? [];
}

/** Agencies and member associations of a province (the user's own when no code is given); none while `skip`. */
export function useParties(provinceCode: string | null, skip = false) {
  const { data, loading } = useQuery(COMMISSIONING_PARTIES, {
    variables: { provinceCode: provinceCode || null },
    fetchPolicy: 'cache-first',
    skip,
  });
  return {
    agencies: data?.agencies.edges.map((e) => e.node) ?? [],
    associations: data?.memberAssociations.edges.map((e) => e.node) ?? [],
    loading,
  };
}
