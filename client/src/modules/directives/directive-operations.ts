import { gql, type ApolloCache, type TypedDocumentNode } from '@apollo/client';
import type {
  AddTaskProgressReportInput,
  AgencyKind,
  CreateDirectiveInput,
  CreateDirectiveTaskInput,
  DirectiveDocType,
  DirectiveFilter,
  DirectiveSort,
  DirectiveSystem,
  DirectiveTaskFilter,
  DirectiveTaskSort,
  DirectiveTaskStatus,
  TaskDeadlineKind,
  UpdateDirectiveInput,
  UpdateDirectiveTaskInput,
} from '../../generated/schema-types';
import type { Connection } from '../../common/connection';

export type { DirectiveDocType, DirectiveFilter, DirectiveSystem, DirectiveTaskFilter, DirectiveTaskStatus, TaskDeadlineKind };

export const DOC_TYPES: readonly DirectiveDocType[] = ['CONCLUSION', 'DIRECTIVE', 'RESOLUTION', 'DECISION', 'PLAN', 'OFFICIAL_LETTER', 'REPORT', 'PROPOSAL'];
export const SYSTEMS: readonly DirectiveSystem[] = ['STATE', 'PARTY'];
export const TASK_STATUSES: readonly DirectiveTaskStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'];
export const DEADLINE_KINDS: readonly TaskDeadlineKind[] = ['DATE', 'QUARTER', 'YEARLY', 'NONE'];


export interface AgencyRef {
  id: string;
  name: string;
  shortName: string | null;
}

export interface ProvinceRef {
  code: string;
  name: string;
}

/** A document as listed. */
export interface DirectiveRow {
  id: string;
  system: DirectiveSystem;
  docType: DirectiveDocType;
  number: number | null;
  numberSymbol: string;
  issuedOn: string | null;
  subject: string;
  signer: string | null;
  issuer: AgencyRef;
  province: ProvinceRef;
  tasks: Array<{ id: string }>;
}

export interface TaskDeadline {
  kind: TaskDeadlineKind;
  date: string | null;
  year: number | null;
  quarter: number | null;
  month: number | null;
  day: number | null;
  label: string | null;
}

export interface ProgressReport {
  id: string;
  reportedOn: string;
  reporter: string;
  percent: number;
  text: string;
  attachmentNames: string[];
  createdAt: string;
}

/** A task with everything its document's page shows. */
export interface DirectiveTask {
  id: string;
  seq: number;
  title: string;
  content: string | null;
  status: DirectiveTaskStatus;
  completedOn: string | null;
  deadline: TaskDeadline;
  dueOn: string | null;
  isOverdue: boolean;
  daysLate: number;
  latestPercent: number | null;
  leadAgency: AgencyRef;
  coordinatingAgencies: AgencyRef[];
  progressReports: ProgressReport[];
  version: number;
}

/** A document with everything its page shows. */
export interface Directive extends DirectiveRow {
  partyTerm: string | null;
  symbol: string;
  summary: string | null;
  recipients: string[];
  citedDirectives: Array<{ id: string; numberSymbol: string; subject: string }>;
  citedReferences: Array<{ id: string; numberSymbol: string; subject: string }>;
  version: number;
  updatedAt: string;
  taskList: DirectiveTask[];
}

/** A task as the task list shows it. */
export interface TaskRow {
  id: string;
  seq: number;
  title: string;
  status: DirectiveTaskStatus;
  dueOn: string | null;
  isOverdue: boolean;
  daysLate: number;
  latestPercent: number | null;
  deadline: { kind: TaskDeadlineKind; label: string | null };
  directive: { id: string; numberSymbol: string; subject: string };
  leadAgency: AgencyRef;
  coordinatingAgencies: AgencyRef[];
  province: ProvinceRef;
}

const AGENCY = `id name shortName`;

const DIRECTIVE_ROW = `
  id
  system
  docType
  number
  numberSymbol
  issuedOn
  subject
  signer
  issuer { ${AGENCY} }
  province { code name }
  tasks { id }
`;

const TASK_FIELDS = `
  id
  seq
  title
  content
  status
  completedOn
  deadline { kind date year quarter month day label }
  dueOn
  isOverdue
  daysLate
  latestPercent
  leadAgency { ${AGENCY} }
  coordinatingAgencies { ${AGENCY} }
  progressReports { id reportedOn reporter percent text attachmentNames createdAt }
  version
`;

const DIRECTIVE_FIELDS = `
  ${DIRECTIVE_ROW}
  partyTerm
  symbol
  summary
  recipients
  citedDirectives { id numberSymbol subject }
  citedReferences { id numberSymbol subject }
  version
  updatedAt
  taskList: tasks { ${TASK_FIELDS} }
`;

export type DirectivesVars = { first: number; after?: string | null; filter?: DirectiveFilter; sort?: DirectiveSort };

export const DIRECTIVES: TypedDocumentNode<{ directives: Connection<DirectiveRow> }, DirectivesVars> = gql`
  query Directives($first: Int, $after: String, $filter: DirectiveFilter, $sort: DirectiveSort) {
    directives(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ${DIRECTIVE_ROW} } }
    }
  }
`;

/** Documents to choose from (cited documents, the task list's filter): number, symbol and subject only. */
export const DIRECTIVE_CHOICES: TypedDocumentNode<
  { directives: Connection<{ id: string; numberSymbol: string; subject: string; issuedOn: string | null }> },
  { first: number; after?: string | null; filter?: DirectiveFilter }
> = gql`
  query DirectiveChoices($first: Int, $after: String, $filter: DirectiveFilter) {
    directives(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id numberSymbol subject issuedOn } }
    }
  }
`;

export const DIRECTIVE: TypedDocumentNode<{ directive: Directive | null }, { id: string }> = gql`
  query Directive($id: ID!) {
    directive(id: $id) { ${DIRECTIVE_FIELDS} }
  }
`;

export const REFERENCE_DOCUMENTS: TypedDocumentNode<{ referenceDocuments: Array<{ id: string; numberSymbol: string; subject: string; issuer: string }> }, Record<string, never>> = gql`
  query ReferenceDocumentChoices {
    referenceDocuments { id numberSymbol subject issuer }
  }
`;

export const AGENCY_CHOICES: TypedDocumentNode<
  { agencies: Connection<AgencyRef & { kind: AgencyKind }> },
  { first: number; after?: string | null; filter?: { provinceCode?: string | null } }
> = gql`
  query AgencyChoices($first: Int, $after: String, $filter: AgencyFilter) {
    agencies(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ${AGENCY} kind } }
    }
  }
`;

export const CREATE_DIRECTIVE: TypedDocumentNode<{ createDirective: Directive }, { input: CreateDirectiveInput }> = gql`
  mutation CreateDirective($input: CreateDirectiveInput!) {
    createDirective(input: $input) { ${DIRECTIVE_FIELDS} }
  }
`;

export const UPDATE_DIRECTIVE: TypedDocumentNode<{ updateDirective: Directive }, { input: UpdateDirectiveInput }> = gql`
  mutation UpdateDirective($input: UpdateDirectiveInput!) {
    updateDirective(input: $input) { ${DIRECTIVE_FIELDS} }
  }
`;

export const DELETE_DIRECTIVE: TypedDocumentNode<{ deleteDirective: { id: string } }, { input: { id: string; version: number } }> = gql`
  mutation DeleteDirective($input: DeleteDirectiveInput!) {
    deleteDirective(input: $input) { id }
  }
`;

export const CREATE_DIRECTIVE_TASK: TypedDocumentNode<{ createDirectiveTask: DirectiveTask }, { input: CreateDirectiveTaskInput }> = gql`
  mutation CreateDirectiveTask($input: CreateDirectiveTaskInput!) {
    createDirectiveTask(input: $input) { ${TASK_FIELDS} }
  }
`;

export const UPDATE_DIRECTIVE_TASK: TypedDocumentNode<{ updateDirectiveTask: DirectiveTask }, { input: UpdateDirectiveTaskInput }> = gql`
  mutation UpdateDirectiveTask($input: UpdateDirectiveTaskInput!) {
    updateDirectiveTask(input: $input) { ${TASK_FIELDS} }
  }
`;

export const DELETE_DIRECTIVE_TASK: TypedDocumentNode<{ deleteDirectiveTask: { id: string } }, { input: { id: string; version: number } }> = gql`
  mutation DeleteDirectiveTask($input: DeleteDirectiveTaskInput!) {
    deleteDirectiveTask(input: $input) { id }
  }
`;

export const ADD_PROGRESS_REPORT: TypedDocumentNode<{ addTaskProgressReport: { id: string } }, { input: AddTaskProgressReportInput }> = gql`
  mutation AddTaskProgressReport($input: AddTaskProgressReportInput!) {
    addTaskProgressReport(input: $input) { id }
  }
`;

export type TasksVars = { first: number; after?: string | null; filter?: DirectiveTaskFilter; sort?: DirectiveTaskSort };

export const DIRECTIVE_TASKS: TypedDocumentNode<{ directiveTasks: Connection<TaskRow> }, TasksVars> = gql`
  query DirectiveTaskList($first: Int, $after: String, $filter: DirectiveTaskFilter, $sort: DirectiveTaskSort) {
    directiveTasks(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id
          seq
          title
          status
          dueOn
          isOverdue
          daysLate
          latestPercent
          deadline { kind label }
          directive { id numberSymbol subject }
          leadAgency { ${AGENCY} }
          coordinatingAgencies { ${AGENCY} }
          province { code name }
        }
      }
    }
  }
`;

/** Drops cached lists of documents and tasks, so the next visit shows changes. */
export function forgetDirectiveLists(cache: ApolloCache): void {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'directives' });
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'directiveTasks' });
  cache.gc();
}

/** A document's number, symbol and subject (for a filter showing a document not among the choices). */
export const DIRECTIVE_NAME: TypedDocumentNode<{ directive: { id: string; numberSymbol: string; subject: string } | null }, { id: string }> = gql`
  query DirectiveName($id: ID!) {
    directive(id: $id) { id numberSymbol subject }
  }
`;
