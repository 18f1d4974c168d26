import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { BrowserRouter } from 'react-router';
import { CurrentUserProvider } from '../modules/auth/current-user-context';
import { AppRoutes } from './app-routes';

/** The app with its providers: GraphQL client, router, current user. */
export function App({ client }: { client: ApolloClient }) {
  return (
    <ApolloProvider client={client}>
      <BrowserRouter>
        <CurrentUserProvider>
          <AppRoutes />
        </CurrentUserProvider>
      </BrowserRouter>
    </ApolloProvider>
  );
}
