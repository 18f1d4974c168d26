import { gql, type ApolloCache, type TypedDocumentNode } from '@apollo/client';

import type { MemberAssociationFilter, MemberAssociationSortField, MemberAssociationStatus, SortDirection } from '../../generated/schema-types';

export type { MemberAssociationFilter, MemberAssociationStatus, SortDirection };
export const STATUSES: readonly MemberAssociationStatus[] = ['ACTIVE', 'CONSOLIDATING', 'SUSPENDED', 'DISSOLVED'];

export type SortField = MemberAssociationSortField;

export interface ProvinceRef {
  code: string;
  name: string;
}

export interface MemberAssociation {
  id: string;
  name: string;
  abbreviation: string | null;
  field: string | null;
  /** yyyy-mm-dd */
  foundedOn: string | null;
  status: MemberAssociationStatus;
  congressTerm: string | null;
  individualMemberCount: number;
  collectiveMemberCount: number;
  version: number;
  updatedAt: string;
  province: ProvinceRef;
}

const ASSOCIATION_FIELDS = `
  id
  name
  abbreviation
  field
  foundedOn
  status
  congressTerm
  individualMemberCount
  collectiveMemberCount
  version
  updatedAt
  province {
    code
    name
  }
`;


export interface MemberAssociationsData {
  memberAssociations: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: MemberAssociation }>;
  };
}
export interface MemberAssociationsVariables {
  first: number;
  after?: string | null;
  filter?: MemberAssociationFilter;
  sort?: { field: SortField; direction: SortDirection };
}

export const MEMBER_ASSOCIATIONS: TypedDocumentNode<MemberAssociationsData, MemberAssociationsVariables> = gql`
  query MemberAssociations($first: Int, $after: String, $filter: MemberAssociationFilter, $sort: MemberAssociationSort) {
    memberAssociations(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
      edges {
        cursor
        node {
          ${ASSOCIATION_FIELDS}
        }
      }
    }
  }
`;

export interface MemberAssociationData {
  memberAssociation: MemberAssociation | null;
}

export const MEMBER_ASSOCIATION: TypedDocumentNode<MemberAssociationData, { id: string }> = gql`
  query MemberAssociation($id: ID!) {
    memberAssociation(id: $id) {
      ${ASSOCIATION_FIELDS}
    }
  }
`;

/** Fields the form sends; optional text is null to clear it. */
export interface MemberAssociationFieldsInput {
  name: string;
  abbreviation: string | null;
  field: string | null;
  foundedOn: string | null;
  status: MemberAssociationStatus;
  congressTerm: string | null;
  individualMemberCount: number;
  collectiveMemberCount: number;
}

export const CREATE_MEMBER_ASSOCIATION: TypedDocumentNode<
  { createMemberAssociation: MemberAssociation },
  { input: MemberAssociationFieldsInput & { provinceCode?: string } }
> = gql`
  mutation CreateMemberAssociation($input: CreateMemberAssociationInput!) {
    createMemberAssociation(input: $input) {
      ${ASSOCIATION_FIELDS}
    }
  }
`;

export const UPDATE_MEMBER_ASSOCIATION: TypedDocumentNode<
  { updateMemberAssociation: MemberAssociation },
  { input: MemberAssociationFieldsInput & { id: string; version: number } }
> = gql`
  mutation UpdateMemberAssociation($input: UpdateMemberAssociationInput!) {
    updateMemberAssociation(input: $input) {
      ${ASSOCIATION_FIELDS}
    }
  }
`;

export const DELETE_MEMBER_ASSOCIATION: TypedDocumentNode<
  { deleteMemberAssociation: { id: string; version: number } },
  { input: { id: string; version: number } }
> = gql`
  mutation DeleteMemberAssociation($input: DeleteMemberAssociationInput!) {
    deleteMemberAssociation(input: $input) {
      id
      version
    }
  }
`;

export interface Province {
  code: string;
  name: string;
  status: 'ACTIVE' | 'MERGED';
  mergedInto: { code: string } | null;
}

export const PROVINCES: TypedDocumentNode<{ provinces: Province[] }, Record<string, never>> = gql`
  query Provinces {
    provinces {
      code
      name
      status
      mergedInto {
        code
      }
    }
  }
`;

/** Drops every cached page of the list, so the next visit shows the change in the right place and count. */
export function forgetAssociationLists(cache: ApolloCache): void {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'memberAssociations' });
  cache.gc();
}
