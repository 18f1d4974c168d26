import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { hasErrorCode } from '../common/graphql-errors';
import { currentToken, endSession } from '../modules/auth/session-store';

/** Operations that are expected to answer UNAUTHENTICATED without meaning "your session expired". */
const ANONYMOUS_OPERATIONS = new Set(['Login']);

/**
 * The single Apollo client of the app: sends the stored token as a bearer token and, when the
 * server says the token is no longer valid, ends the session (the router then shows /login).
 */
export function createApolloClient(uri = '/graphql'): ApolloClient {
  const authLink = new SetContextLink(({ headers }) => {
    const token = currentToken();
    return { headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers };
  });

  const sessionLink = new ErrorLink(({ error, operation }) => {
    if (!ANONYMOUS_OPERATIONS.has(operation.operationName ?? '') && hasErrorCode(error, 'UNAUTHENTICATED')) {
      endSession('expired');
    }
  });

  return new ApolloClient({
    link: ApolloLink.from([sessionLink, authLink, new HttpLink({ uri })]),
    cache: new InMemoryCache({
      typePolicies: {
        // Provinces are identified by their official code; they have no `id`.
        Province: { keyFields: ['code'] },
      },
    }),
  });
}
