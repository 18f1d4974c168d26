import { buildSchema, findBreakingChanges, findDangerousChanges, GraphQLSchema } from 'graphql';

export interface SchemaChanges {
  breaking: string[];
  dangerous: string[];
}

/**
 * What changes between the committed SDL (the contract consumers read) and the schema the server
 * builds now: breaking changes (a removed field, a new required argument, ...) and dangerous ones
 * (a new enum value, a changed default), as graphql-js classifies them.
 */
export function schemaChanges(committedSdl: string, built: GraphQLSchema): SchemaChanges {
  const committed = buildSchema(committedSdl);
  return {
    breaking: findBreakingChanges(committed, built).map((c) => `${c.type}: ${c.description}`),
    dangerous: findDangerousChanges(committed, built).map((c) => `${c.type}: ${c.description}`),
  };
}
