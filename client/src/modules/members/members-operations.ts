import { gql, type ApolloCache, type TypedDocumentNode } from '@apollo/client';
import type {
  AcademicTitle,
  AddMembershipInput,
  CreateMemberInput,
  Degree,
  DeleteMemberInput,
  EndMembershipInput,
  MemberFilter,
  MemberKind,
  MemberSortField,
  SortDirection,
  UpdateMemberInput,
} from '../../generated/schema-types';
import { connectionFields, type Connection, type ListVariables } from '../../common/connection';

export type { AcademicTitle, Degree, MemberFilter, MemberKind, MemberSortField, SortDirection };

export const MEMBER_KINDS: readonly MemberKind[] = ['INDIVIDUAL', 'COLLECTIVE'];
export const DEGREES: readonly Degree[] = ['TSKH', 'TS', 'THS', 'CKII', 'CKI', 'DH', 'CD', 'OTHER'];
export const ACADEMIC_TITLES: readonly AcademicTitle[] = ['GS', 'PGS'];

export interface MembershipRow {
  id: string;
  joinedOn: string;
  leftOn: string | null;
  isCurrent: boolean;
  version: number;
  association: { id: string; name: string } | null;
}

/** A member as the pages show it; personal fields are null for readers who may not see them. */
export interface MemberRow {
  id: string;
  kind: MemberKind;
  fullName: string | null;
  academicTitle: AcademicTitle | null;
  degree: Degree | null;
  birthYear: number | null;
  email: string | null;
  phone: string | null;
  field: string | null;
  workplace: string | null;
  inEnterprise: boolean;
  isYoungIntellectual: boolean;
  isSynthetic: boolean;
  version: number;
  updatedAt: string;
  province: { code: string; name: string };
  memberships: MembershipRow[];
}

const MEMBER_FIELDS = `
  id
  kind
  fullName
  academicTitle
  degree
  birthYear
  email
  phone
  field
  workplace
  inEnterprise
  isYoungIntellectual
  isSynthetic
  version
  updatedAt
  province {
    code
    name
  }
  memberships {
    id
    joinedOn
    leftOn
    isCurrent
    version
    association {
      id
      name
    }
  }
`;

export type MembersData = { members: Connection<MemberRow> };
export type MembersVariables = ListVariables<MemberFilter, { field: MemberSortField; direction: SortDirection }>;

export const MEMBERS: TypedDocumentNode<MembersData, MembersVariables> = gql`
  query Members($first: Int, $after: String, $filter: MemberFilter, $sort: MemberSort) {
    members(first: $first, after: $after, filter: $filter, sort: $sort) {
      ${connectionFields(MEMBER_FIELDS)}
    }
  }
`;

export const MEMBER: TypedDocumentNode<{ member: MemberRow | null }, { id: string }> = gql`
  query Member($id: ID!) {
    member(id: $id) {
      ${MEMBER_FIELDS}
    }
  }
`;

export const CREATE_MEMBER: TypedDocumentNode<{ createMember: MemberRow }, { input: CreateMemberInput }> = gql`
  mutation CreateMember($input: CreateMemberInput!) {
    createMember(input: $input) {
      ${MEMBER_FIELDS}
    }
  }
`;

export const UPDATE_MEMBER: TypedDocumentNode<{ updateMember: MemberRow }, { input: UpdateMemberInput }> = gql`
  mutation UpdateMember($input: UpdateMemberInput!) {
    updateMember(input: $input) {
      ${MEMBER_FIELDS}
    }
  }
`;

export const DELETE_MEMBER: TypedDocumentNode<{ deleteMember: { id: string } }, { input: DeleteMemberInput }> = gql`
  mutation DeleteMember($input: DeleteMemberInput!) {
    deleteMember(input: $input) {
      id
    }
  }
`;

export const ADD_MEMBERSHIP: TypedDocumentNode<{ addMembership: { id: string } }, { input: AddMembershipInput }> = gql`
  mutation AddMembership($input: AddMembershipInput!) {
    addMembership(input: $input) {
      id
    }
  }
`;

export const END_MEMBERSHIP: TypedDocumentNode<{ endMembership: { id: string } }, { input: EndMembershipInput }> = gql`
  mutation EndMembership($input: EndMembershipInput!) {
    endMembership(input: $input) {
      id
    }
  }
`;

export interface AssociationOption {
  id: string;
  name: string;
  province: { code: string };
}

/** Member associations for pickers (filter, new membership, organiser): by name, up to 100 a page. */
export const ASSOCIATION_OPTIONS: TypedDocumentNode<
  { memberAssociations: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: AssociationOption }> } },
  { first: number; after?: string | null; filter?: { provinceCode?: string | null } }
> = gql`
  query AssociationOptions($first: Int, $after: String, $filter: MemberAssociationFilter) {
    memberAssociations(first: $first, after: $after, filter: $filter, sort: { field: NAME, direction: ASC }) {
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

/** Drops every cached page of the members list, so the next visit shows the change. */
export function forgetMemberLists(cache: ApolloCache): void {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'members' });
  cache.gc();
}
