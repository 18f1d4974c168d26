import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Role } from './roles';

export interface CurrentUser {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  /** Home province; null for ministry users. */
  province: { code: string; name: string } | null;
}

const USER_FIELDS = `
  id
  email
  fullName
  role
  province {
    code
    name
  }
`;

export interface LoginData {
  login: { token: string; expiresAt: string; user: CurrentUser };
}
export interface LoginVariables {
  input: { email: string; password: string };
}

export const LOGIN: TypedDocumentNode<LoginData, LoginVariables> = gql`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      token
      expiresAt
      user {
        ${USER_FIELDS}
      }
    }
  }
`;

export interface MeData {
  me: CurrentUser | null;
}

export const ME: TypedDocumentNode<MeData, Record<string, never>> = gql`
  query Me {
    me {
      ${USER_FIELDS}
    }
  }
`;
