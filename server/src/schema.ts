import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { MemberAssociationResolver } from './modules/member-associations/member-association.resolver';
import { ProvinceResolver } from './modules/provinces/province.resolver';
import { UserResolver } from './modules/users/user.resolver';
import { authChecker } from './tenancy/auth-checker';

export async function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [ProvinceResolver, UserResolver, MemberAssociationResolver],
    authChecker,
    // class-validator on every input; unknown properties cannot arrive through GraphQL anyway.
    validate: { forbidUnknownValues: false },
  });
}

/** The SDL as committed in packages/schema/schema.graphql: sorted, so it changes only when the API does. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
