import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ImportBatchStatus, ImportKind } from '../../generated/schema-types';

export type { ImportKind };
export const IMPORT_KINDS: readonly ImportKind[] = ['MEMBER_ASSOCIATIONS', 'MEMBERS', 'AGENCIES', 'TASKS'];

/** Where the records of each kind are listed after an import. */
export const LIST_PATH: Record<ImportKind, string> = {
  MEMBER_ASSOCIATIONS: '/associations',
  MEMBERS: '/members',
  AGENCIES: '/agencies',
  TASKS: '/tasks',
};

export interface TemplateColumn {
  key: string;
  header: string;
  required: boolean;
  example: string;
  hint: string;
}

export interface ImportProblem {
  column: string | null;
  constraint: string;
  message: string;
  detail: string | null;
}

export interface ImportRowView {
  rowNumber: number;
  values: Array<{ key: string; value: string }>;
  problems: ImportProblem[];
}

export interface ImportBatchSummary {
  id: string;
  kind: ImportKind;
  fileName: string;
  status: ImportBatchStatus;
  totalRows: number;
  receivedRows: number;
  validRows: number;
  invalidRows: number;
  ready: boolean;
}

const BATCH_FIELDS = 'id kind fileName status totalRows receivedRows validRows invalidRows ready';

export const IMPORT_TEMPLATE: TypedDocumentNode<{ importTemplate: { kind: ImportKind; columns: TemplateColumn[] } }, { kind: ImportKind }> = gql`
  query ImportTemplate($kind: ImportKind!) {
    importTemplate(kind: $kind) {
      kind
      columns {
        key
        header
        required
        example
        hint
      }
    }
  }
`;

export const IMPORT_ROWS: TypedDocumentNode<
  { importBatch: (ImportBatchSummary & { rows: { totalCount: number; rows: ImportRowView[] } }) | null },
  { id: string; first: number; offset: number; onlyInvalid: boolean }
> = gql`
  query ImportRows($id: ID!, $first: Int!, $offset: Int!, $onlyInvalid: Boolean!) {
    importBatch(id: $id) {
      ${BATCH_FIELDS}
      rows(first: $first, offset: $offset, onlyInvalid: $onlyInvalid) {
        totalCount
        rows {
          rowNumber
          values {
            key
            value
          }
          problems {
            column
            constraint
            message
            detail
          }
        }
      }
    }
  }
`;

export const CREATE_IMPORT_BATCH: TypedDocumentNode<
  { createImportBatch: ImportBatchSummary },
  { input: { kind: ImportKind; fileName: string; totalRows: number } }
> = gql`
  mutation CreateImportBatch($input: CreateImportBatchInput!) {
    createImportBatch(input: $input) {
      ${BATCH_FIELDS}
    }
  }
`;

export interface RowInput {
  rowNumber: number;
  cells: Array<{ key: string; value: string }>;
}

export const ADD_IMPORT_ROWS: TypedDocumentNode<{ addImportRows: ImportBatchSummary }, { input: { batchId: string; rows: RowInput[] } }> = gql`
  mutation AddImportRows($input: AddImportRowsInput!) {
    addImportRows(input: $input) {
      ${BATCH_FIELDS}
    }
  }
`;

export const COMMIT_IMPORT_BATCH: TypedDocumentNode<{ commitImportBatch: ImportBatchSummary }, { id: string }> = gql`
  mutation CommitImportBatch($id: ID!) {
    commitImportBatch(id: $id) {
      ${BATCH_FIELDS}
    }
  }
`;

export const DISCARD_IMPORT_BATCH: TypedDocumentNode<{ discardImportBatch: ImportBatchSummary }, { id: string }> = gql`
  mutation DiscardImportBatch($id: ID!) {
    discardImportBatch(id: $id) {
      ${BATCH_FIELDS}
    }
  }
`;
