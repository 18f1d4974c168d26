import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Role } from '../auth/roles';

export type ApiKeyScope = 'READ_ONLY' | 'READ_WRITE';

/** An API key as listed; the full key is never returned after creation. */
export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scope: ApiKeyScope;
  province: { code: string; name: string } | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const API_KEY_FIELDS = `
  id
  name
  prefix
  scope
  province {
    code
    name
  }
  createdAt
  lastUsedAt
  revokedAt
`;

export const API_KEYS: TypedDocumentNode<{ apiKeys: ApiKey[] }, Record<string, never>> = gql`
  query ApiKeys {
    apiKeys {
      ${API_KEY_FIELDS}
    }
  }
`;

export const CREATE_API_KEY: TypedDocumentNode<
  { createApiKey: { key: string; apiKey: ApiKey } },
  { input: { name: string; scope: ApiKeyScope; provinceCode?: string | null } }
> = gql`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      key
      apiKey {
        ${API_KEY_FIELDS}
      }
    }
  }
`;

export const REVOKE_API_KEY: TypedDocumentNode<{ revokeApiKey: ApiKey }, { input: { id: string } }> = gql`
  mutation RevokeApiKey($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) {
      ${API_KEY_FIELDS}
    }
  }
`;

/** A user of the province, as the administrator manages them. */
export interface ManagedUser {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  disabledAt: string | null;
  version: number;
  province: { code: string; name: string } | null;
}

const USER_FIELDS = `
  id
  email
  fullName
  role
  disabledAt
  version
  province {
    code
    name
  }
`;

export interface UserFilterInput {
  search?: string | null;
  role?: Role | null;
  disabled?: boolean | null;
}

export const USERS: TypedDocumentNode<
  { users: { totalCount: number; edges: Array<{ node: ManagedUser }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } },
  { first: number; after?: string | null; filter?: UserFilterInput }
> = gql`
  query Users($first: Int, $after: String, $filter: UserFilter) {
    users(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ${USER_FIELDS}
        }
      }
    }
  }
`;

export const INVITE_USER: TypedDocumentNode<
  { inviteUser: { invitationToken: string; expiresAt: string; user: ManagedUser } },
  { input: { email: string; fullName: string; role: Role; provinceCode?: string | null } }
> = gql`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      invitationToken
      expiresAt
      user {
        ${USER_FIELDS}
      }
    }
  }
`;

export const CHANGE_USER_ROLE: TypedDocumentNode<{ changeUserRole: ManagedUser }, { input: { id: string; version: number; role: Role } }> = gql`
  mutation ChangeUserRole($input: ChangeUserRoleInput!) {
    changeUserRole(input: $input) {
      ${USER_FIELDS}
    }
  }
`;

export const DISABLE_USER: TypedDocumentNode<{ disableUser: ManagedUser }, { input: { id: string; version: number } }> = gql`
  mutation DisableUser($input: UserVersionInput!) {
    disableUser(input: $input) {
      ${USER_FIELDS}
    }
  }
`;

export const ENABLE_USER: TypedDocumentNode<{ enableUser: ManagedUser }, { input: { id: string; version: number } }> = gql`
  mutation EnableUser($input: UserVersionInput!) {
    enableUser(input: $input) {
      ${USER_FIELDS}
    }
  }
`;
