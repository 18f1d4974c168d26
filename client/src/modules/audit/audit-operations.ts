import { gql, type TypedDocumentNode } from '@apollo/client';
import type { AuditEntry, AuditLogFilter, PageInfo } from '../../generated/schema-types';

/** One row of a record's history as the page shows it. */
export type AuditRow = Pick<AuditEntry, 'id' | 'action' | 'at' | 'before' | 'after' | 'entityType' | 'entityId'> & {
  actor: { id: string; fullName: string; email: string } | null;
};

export interface AuditLogData {
  auditLog: {
    totalCount: number;
    pageInfo: Pick<PageInfo, 'hasNextPage' | 'endCursor'>;
    edges: Array<{ cursor: string; node: AuditRow }>;
  };
}

export interface AuditLogVariables {
  first: number;
  after?: string | null;
  filter: AuditLogFilter;
}

/** A page of the audit log (newest first); province administrators only. */
export const AUDIT_LOG: TypedDocumentNode<AuditLogData, AuditLogVariables> = gql`
  query RecordAuditLog($first: Int, $after: String, $filter: AuditLogFilter) {
    auditLog(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          action
          at
          before
          after
          entityType
          entityId
          actor {
            id
            fullName
            email
          }
        }
      }
    }
  }
`;
