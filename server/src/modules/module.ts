/** What a domain area contributes to the server: its GraphQL resolvers and TypeORM entities. */
export interface DomainModule {
  // type-graphql and TypeORM take classes; their constructors' signatures vary.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
}
