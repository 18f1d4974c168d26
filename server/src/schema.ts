import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import type { NonEmptyArray } from 'type-graphql';
import { MODULES } from './modules/registry';
import { authChecker } from './tenancy/auth-checker';

/**
 * type-graphql wraps every plain field in a resolver that runs its middlewares, even when it has none;
 * across the thousands of cells of a comparison that wrapper was a tenth of the time (tests/bench
 * profile). A field without roles, middlewares or a renamed property gets GraphQL's default resolver.
 */
function markSimpleFields(): void {
  for (const field of getMetadataStorage().fields) {
    if (field.simple === undefined && !field.roles && !field.middlewares?.length && field.name === field.schemaName) field.simple = true;
  }
}

export async function createSchema(): Promise<GraphQLSchema> {
  markSimpleFields();
  return buildSchema({
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    resolvers: MODULES.flatMap((m) => m.resolvers) as NonEmptyArray<Function>,
    authChecker,
    // class-validator on every input; unknown properties cannot arrive through GraphQL anyway.
    validate: { forbidUnknownValues: false },
  });
}

/** The SDL as committed in packages/schema/schema.graphql: sorted, so it changes only when the API does. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
