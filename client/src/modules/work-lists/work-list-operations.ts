import { gql, type TypedDocumentNode } from '@apollo/client';

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface DirectiveTaskRow {
  id: string;
  title: string;
  dueOn: string | null;
  daysLate: number;
  isOverdue: boolean;
  status: string;
  directive: { id: string; numberSymbol: string };
  leadAgency: { id: string; name: string };
  province: { code: string; name: string };
}

export interface DirectiveTasksFilter {
  overdue?: boolean;
  provinceCode?: string;
  search?: string;
}

export interface DirectiveTasksData {
  directiveTasks: { totalCount: number; pageInfo: PageInfo; edges: Array<{ cursor: string; node: DirectiveTaskRow }> };
}

export const DIRECTIVE_TASKS: TypedDocumentNode<
  DirectiveTasksData,
  { first: number; after?: string | null; filter?: DirectiveTasksFilter }
> = gql`
  query WorkListDirectiveTasks($first: Int, $after: String, $filter: DirectiveTaskFilter) {
    directiveTasks(first: $first, after: $after, filter: $filter, sort: { field: URGENCY }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          title
          dueOn
          daysLate
          isOverdue
          status
          directive {
            id
            numberSymbol
          }
          leadAgency {
            id
            name
          }
          province {
            code
            name
          }
        }
      }
    }
  }
`;

export const COMMISSIONING_STAGES = [
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
] as const;
export type CommissioningStage = (typeof COMMISSIONING_STAGES)[number];

/** Stages of a task that is still open and may have stalled. */
export const STALLED_STAGES: CommissioningStage[] = ['IN_PROGRESS', 'SUSPENDED'];

export interface CommissioningRow {
  id: string;
  code: string | null;
  title: string;
  year: number;
  stage: CommissioningStage;
  plannedEnd: string | null;
  delayDays: number | null;
  requestingAgency: { id: string; name: string };
  province: { code: string; name: string };
}

export interface CommissioningFilter {
  stages?: CommissioningStage[];
  delayed?: boolean;
  provinceCode?: string;
  search?: string;
}

export interface CommissioningData {
  commissioningRequests: { totalCount: number; pageInfo: PageInfo; edges: Array<{ cursor: string; node: CommissioningRow }> };
}

export const COMMISSIONING_REQUESTS: TypedDocumentNode<
  CommissioningData,
  { first: number; after?: string | null; filter?: CommissioningFilter; sort?: { field: string; direction: 'ASC' | 'DESC' } }
> = gql`
  query WorkListCommissioningRequests(
    $first: Int
    $after: String
    $filter: CommissioningRequestFilter
    $sort: CommissioningRequestSort
  ) {
    commissioningRequests(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          code
          title
          year
          stage
          plannedEnd
          delayDays
          requestingAgency {
            id
            name
          }
          province {
            code
            name
          }
        }
      }
    }
  }
`;
