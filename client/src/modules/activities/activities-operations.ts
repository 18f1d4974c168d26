import { gql, type ApolloCache, type TypedDocumentNode } from '@apollo/client';
import type {
  ActivityFilter,
  ActivityKind,
  ActivityResponse,
  ActivitySortField,
  CreateActivityInput,
  DeleteActivityInput,
  SortDirection,
  UpdateActivityInput,
} from '../../generated/schema-types';
import { connectionFields, type Connection, type ListVariables } from '../../common/connection';

export type { ActivityKind, ActivityResponse, ActivitySortField };

export const ACTIVITY_KINDS: readonly ActivityKind[] = ['CONSULTATION', 'SOCIAL_CRITIQUE', 'WORKSHOP', 'CONTEST', 'TRAINING', 'DISSEMINATION', 'RECOGNITION'];
/** Kinds about a draft document, with the drafting agency's response. */
export const DRAFT_KINDS: readonly ActivityKind[] = ['CONSULTATION', 'SOCIAL_CRITIQUE'];
export const RESPONSES: readonly ActivityResponse[] = ['PENDING', 'ACCEPTED', 'PARTLY_ACCEPTED', 'REJECTED'];

export interface ActivityRow {
  id: string;
  title: string;
  kind: ActivityKind;
  heldOn: string;
  participants: number | null;
  note: string | null;
  draftTitle: string | null;
  response: ActivityResponse | null;
  version: number;
  updatedAt: string;
  draftingAgency: { id: string; name: string } | null;
  organizerAssociation: { id: string; name: string } | null;
  province: { code: string; name: string };
}

const ACTIVITY_FIELDS = `
  id
  title
  kind
  heldOn
  participants
  note
  draftTitle
  response
  version
  updatedAt
  draftingAgency {
    id
    name
  }
  organizerAssociation {
    id
    name
  }
  province {
    code
    name
  }
`;

export type ActivitiesData = { activities: Connection<ActivityRow> };
export type ActivitiesVariables = ListVariables<ActivityFilter, { field: ActivitySortField; direction: SortDirection }>;

export const ACTIVITIES: TypedDocumentNode<ActivitiesData, ActivitiesVariables> = gql`
  query Activities($first: Int, $after: String, $filter: ActivityFilter, $sort: ActivitySort) {
    activities(first: $first, after: $after, filter: $filter, sort: $sort) {
      ${connectionFields(ACTIVITY_FIELDS)}
    }
  }
`;

export const ACTIVITY: TypedDocumentNode<{ activity: ActivityRow | null }, { id: string }> = gql`
  query Activity($id: ID!) {
    activity(id: $id) {
      ${ACTIVITY_FIELDS}
    }
  }
`;

export const CREATE_ACTIVITY: TypedDocumentNode<{ createActivity: ActivityRow }, { input: CreateActivityInput }> = gql`
  mutation CreateActivity($input: CreateActivityInput!) {
    createActivity(input: $input) {
      ${ACTIVITY_FIELDS}
    }
  }
`;

export const UPDATE_ACTIVITY: TypedDocumentNode<{ updateActivity: ActivityRow }, { input: UpdateActivityInput }> = gql`
  mutation UpdateActivity($input: UpdateActivityInput!) {
    updateActivity(input: $input) {
      ${ACTIVITY_FIELDS}
    }
  }
`;

export const DELETE_ACTIVITY: TypedDocumentNode<{ deleteActivity: { id: string } }, { input: DeleteActivityInput }> = gql`
  mutation DeleteActivity($input: DeleteActivityInput!) {
    deleteActivity(input: $input) {
      id
    }
  }
`;

export function forgetActivityLists(cache: ApolloCache): void {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'activities' });
  cache.gc();
}
