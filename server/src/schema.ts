import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import type { NonEmptyArray } from 'type-graphql';
import { MODULES } from './modules/registry';
import { authChecker } from './tenancy/auth-checker';

export async function createSchema(): Promise<GraphQLSchema> {
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
