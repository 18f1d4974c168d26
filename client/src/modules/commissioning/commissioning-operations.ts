import { gql, type ApolloCache, type TypedDocumentNode } from '@apollo/client';
import type {
  AcceptanceRating,
  AddCommissioningCheckInput,
  CommissioningAssigneeKind,
  CommissioningCheckResult,
  CommissioningRequestFilter,
  CommissioningRequestSortField,
  CommissioningStage,
  CreateCommissioningRequestInput,
  ResearchAreaKind,
  SortDirection,
  TransitionCommissioningRequestInput,
  UpdateCommissioningRequestInput,
} from '../../generated/schema-types';
import { connectionFields, type Connection, type ListVariables } from '../../common/connection';

export type {
  AcceptanceRating,
  CommissioningAssigneeKind,
  CommissioningCheckResult,
  CommissioningRequestFilter,
  CommissioningRequestSortField,
  CommissioningStage,
  SortDirection,
};

/** The stages in the order of the workflow (the API's stage enum, read from the SDL's descriptions). */
export const COMMISSIONING_STAGES: readonly CommissioningStage[] = [
  'PROPOSED',
  'DETERMINED',
  'SELECTED',
  'DIRECTLY_ASSIGNED',
  'APPRAISED',
  'CONTRACTED',
  'IN_PROGRESS',
  'SUSPENDED',
  'ACCEPTED',
  'RESULTS_REGISTERED',
  'APPLIED',
  'REJECTED',
  'CANCELLED',
];

/** Stages of a task that is still open and may have stalled. */
export const STALLED_STAGES: CommissioningStage[] = ['IN_PROGRESS', 'SUSPENDED'];

/** Final stages: nothing follows them. */
export const FINAL_STAGES: readonly CommissioningStage[] = ['APPLIED', 'REJECTED', 'CANCELLED'];

export const ASSIGNEE_KINDS: readonly CommissioningAssigneeKind[] = ['UNION', 'ASSOCIATION'];
export const ACCEPTANCE_RATINGS: readonly AcceptanceRating[] = ['EXCELLENT', 'GOOD', 'PASS', 'FAIL'];
export const CHECK_RESULTS: readonly CommissioningCheckResult[] = ['ON_TRACK', 'DELAYED', 'AT_RISK', 'ADJUSTED'];

interface Named {
  id: string;
  name: string;
}

/** A task as the board, the table and the export show it. */
export interface CommissioningRow {
  id: string;
  code: string | null;
  title: string;
  year: number;
  stage: CommissioningStage;
  allowedNextStages: CommissioningStage[];
  budgetVnd: number;
  plannedStart: string | null;
  plannedEnd: string | null;
  delayDays: number | null;
  assigneeKind: CommissioningAssigneeKind | null;
  version: number;
  updatedAt: string;
  requestingAgency: Named;
  assignedAssociation: Named | null;
  researchArea: { id: string; code: string; name: string; nameEn: string };
  province: { code: string; name: string };
}

const ROW_FIELDS = `
  id
  code
  title
  year
  stage
  allowedNextStages
  budgetVnd
  plannedStart
  plannedEnd
  delayDays
  assigneeKind
  version
  updatedAt
  requestingAgency {
    id
    name
  }
  assignedAssociation {
    id
    name
  }
  researchArea {
    id
    code
    name
    nameEn
  }
  province {
    code
    name
  }
`;

export type CommissioningRequestsData = { commissioningRequests: Connection<CommissioningRow> };
export type CommissioningRequestsVariables = ListVariables<CommissioningRequestFilter, { field: CommissioningRequestSortField; direction: SortDirection }>;

export const COMMISSIONING_REQUESTS: TypedDocumentNode<CommissioningRequestsData, CommissioningRequestsVariables> = gql`
  query CommissioningRequests($first: Int, $after: String, $filter: CommissioningRequestFilter, $sort: CommissioningRequestSort) {
    commissioningRequests(first: $first, after: $after, filter: $filter, sort: $sort) {
      ${connectionFields(ROW_FIELDS)}
    }
  }
`;

export interface CommissioningTransition {
  id: string;
  fromStage: CommissioningStage;
  toStage: CommissioningStage;
  happenedOn: string;
  at: string;
  reason: string;
  actor: { id: string; fullName: string; email: string } | null;
}

export interface CommissioningCheck {
  id: string;
  checkedOn: string;
  result: CommissioningCheckResult;
  note: string | null;
  createdAt: string;
}

/** One task with everything its page shows. */
export interface CommissioningRecord extends CommissioningRow {
  objectives: string | null;
  principalInvestigator: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  acceptanceRating: AcceptanceRating | null;
  registrationNumber: string | null;
  applicationNote: string | null;
  adoptingAgency: Named | null;
  createdAt: string;
  history: CommissioningTransition[];
  checks: CommissioningCheck[];
}

const RECORD_FIELDS = `
  ${ROW_FIELDS}
  objectives
  principalInvestigator
  actualStart
  actualEnd
  acceptanceRating
  registrationNumber
  applicationNote
  adoptingAgency {
    id
    name
  }
  createdAt
  history {
    id
    fromStage
    toStage
    happenedOn
    at
    reason
    actor {
      id
      fullName
      email
    }
  }
  checks {
    id
    checkedOn
    result
    note
    createdAt
  }
`;

export const COMMISSIONING_REQUEST: TypedDocumentNode<{ commissioningRequest: CommissioningRecord | null }, { id: string }> = gql`
  query CommissioningRequest($id: ID!) {
    commissioningRequest(id: $id) {
      ${RECORD_FIELDS}
    }
  }
`;

export const CREATE_COMMISSIONING_REQUEST: TypedDocumentNode<
  { createCommissioningRequest: CommissioningRecord },
  { input: CreateCommissioningRequestInput }
> = gql`
  mutation CreateCommissioningRequest($input: CreateCommissioningRequestInput!) {
    createCommissioningRequest(input: $input) {
      ${RECORD_FIELDS}
    }
  }
`;

export const UPDATE_COMMISSIONING_REQUEST: TypedDocumentNode<
  { updateCommissioningRequest: CommissioningRecord },
  { input: UpdateCommissioningRequestInput }
> = gql`
  mutation UpdateCommissioningRequest($input: UpdateCommissioningRequestInput!) {
    updateCommissioningRequest(input: $input) {
      ${RECORD_FIELDS}
    }
  }
`;

export const TRANSITION_COMMISSIONING_REQUEST: TypedDocumentNode<
  { transitionCommissioningRequest: CommissioningRecord },
  { input: TransitionCommissioningRequestInput }
> = gql`
  mutation TransitionCommissioningRequest($input: TransitionCommissioningRequestInput!) {
    transitionCommissioningRequest(input: $input) {
      ${RECORD_FIELDS}
    }
  }
`;

export const ADD_COMMISSIONING_CHECK: TypedDocumentNode<
  { addCommissioningCheck: { id: string } },
  { input: AddCommissioningCheckInput }
> = gql`
  mutation AddCommissioningCheck($input: AddCommissioningCheckInput!) {
    addCommissioningCheck(input: $input) {
      id
    }
  }
`;

export interface ResearchAreaOption {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  kind: ResearchAreaKind;
}

export const RESEARCH_AREAS: TypedDocumentNode<{ researchAreas: ResearchAreaOption[] }, Record<string, never>> = gql`
  query CommissioningResearchAreas {
    researchAreas {
      id
      code
      name
      nameEn
      kind
    }
  }
`;

/** Agencies and member associations of a province, for the pickers (the server's largest page). */
export const COMMISSIONING_PARTIES: TypedDocumentNode<
  {
    agencies: { totalCount: number; edges: Array<{ node: Named & { shortName: string | null } }> };
    memberAssociations: { totalCount: number; edges: Array<{ node: Named }> };
  },
  { provinceCode?: string | null }
> = gql`
  query CommissioningParties($provinceCode: String) {
    agencies(first: 100, filter: { provinceCode: $provinceCode }) {
      totalCount
      edges {
        node {
          id
          name
          shortName
        }
      }
    }
    memberAssociations(first: 100, filter: { provinceCode: $provinceCode }, sort: { field: NAME, direction: ASC }) {
      totalCount
      edges {
        node {
          id
          name
        }
      }
    }
  }
`;

/** Drops cached task lists so every list asks the server again after a change. */
export function forgetCommissioningLists(cache: ApolloCache): void {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'commissioningRequests' });
  cache.gc();
}
