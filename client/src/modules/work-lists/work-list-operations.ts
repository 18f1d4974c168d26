import { gql, type TypedDocumentNode } from '@apollo/client';

export type { PageInfo } from '../../common/connection';
import type { PageInfo } from '../../common/connection';

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

/** The commissioning list lives in the commissioning module; the dashboard reads it from here. */
export { COMMISSIONING_REQUESTS, COMMISSIONING_STAGES, STALLED_STAGES } from '../commissioning/commissioning-operations';
export type { CommissioningRow, CommissioningStage } from '../commissioning/commissioning-operations';
