import { gql, type ApolloCache, type TypedDocumentNode } from '@apollo/client';
import type { AgencyFilter, AgencyKind, AgencySortField, CreateAgencyInput, DeleteAgencyInput, SortDirection, UpdateAgencyInput } from '../../generated/schema-types';
import { connectionFields, type Connection, type ListVariables, type PageInfo } from '../../common/connection';

export type { AgencyKind, AgencySortField };

export const AGENCY_KINDS: readonly AgencyKind[] = [
  'PEOPLES_COMMITTEE',
  'DEPARTMENT',
  'DIVISION',
  'CENTRE',
  'UNIVERSITY',
  'ENTERPRISE',
  'PARTY_COMMITTEE',
  'PARTY_BOARD',
  'FATHERLAND_FRONT',
  'LOCAL_COMMITTEE',
  'PRESS',
  'UNION',
  'OTHER',
];

export interface AgencyRow {
  id: string;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  version: number;
  updatedAt: string;
  parent: { id: string; name: string } | null;
  children: Array<{ id: string; name: string }>;
  province: { code: string; name: string };
}

const AGENCY_FIELDS = `
  id
  name
  shortName
  kind
  version
  updatedAt
  parent {
    id
    name
  }
  children {
    id
    name
  }
  province {
    code
    name
  }
`;

export type AgenciesData = { agencies: Connection<AgencyRow> };
export type AgenciesVariables = ListVariables<AgencyFilter, { field: AgencySortField; direction: SortDirection }>;

export const AGENCIES: TypedDocumentNode<AgenciesData, AgenciesVariables> = gql`
  query Agencies($first: Int, $after: String, $filter: AgencyFilter, $sort: AgencySort) {
    agencies(first: $first, after: $after, filter: $filter, sort: $sort) {
      ${connectionFields(AGENCY_FIELDS)}
    }
  }
`;

export const AGENCY: TypedDocumentNode<{ agency: AgencyRow | null }, { id: string }> = gql`
  query Agency($id: ID!) {
    agency(id: $id) {
      ${AGENCY_FIELDS}
    }
  }
`;

export const CREATE_AGENCY: TypedDocumentNode<{ createAgency: AgencyRow }, { input: CreateAgencyInput }> = gql`
  mutation CreateAgency($input: CreateAgencyInput!) {
    createAgency(input: $input) {
      ${AGENCY_FIELDS}
    }
  }
`;

export const UPDATE_AGENCY: TypedDocumentNode<{ updateAgency: AgencyRow }, { input: UpdateAgencyInput }> = gql`
  mutation UpdateAgency($input: UpdateAgencyInput!) {
    updateAgency(input: $input) {
      ${AGENCY_FIELDS}
    }
  }
`;

export const DELETE_AGENCY: TypedDocumentNode<{ deleteAgency: { id: string } }, { input: DeleteAgencyInput }> = gql`
  mutation DeleteAgency($input: DeleteAgencyInput!) {
    deleteAgency(input: $input) {
      id
    }
  }
`;

export interface AgencyOption {
  id: string;
  name: string;
  province: { code: string };
}

/** Agencies for pickers (parent agency, drafting agency), by name. */
export const AGENCY_OPTIONS: TypedDocumentNode<
  { agencies: { totalCount: number; pageInfo: PageInfo; edges: Array<{ node: AgencyOption }> } },
  { first: number; after?: string | null; filter?: AgencyFilter }
> = gql`
  query AgencyOptions($first: Int, $after: String, $filter: AgencyFilter) {
    agencies(first: $first, after: $after, filter: $filter, sort: { field: NAME, direction: ASC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          province {
            code
          }
        }
      }
    }
  }
`;

export function forgetAgencyLists(cache: ApolloCache): void {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'agencies' });
  cache.gc();
}
