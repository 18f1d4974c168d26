/** A Relay-style connection page as the server returns it, and the variables of a list query. */
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<N> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Array<{ cursor: string; node: N }>;
}

export interface ListVariables<F, S> {
  first: number;
  after?: string | null;
  filter?: F;
  sort?: S;
}

/** The selection of a connection field: the count, the paging cursor and each edge with `nodeFields`. */
export function connectionFields(nodeFields: string): string {
  return `
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ${nodeFields}
        }
      }
  `;
}
