import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { ExecutionResult, getVariableValues, GraphQLError, GraphQLSchema } from 'graphql';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/**
 * graphql-jit's errors only look like graphql-js's (no `extensions` unless the cause had some, no
 * `nodes`); Apollo's error handling and ours expect the real class.
 */
function asGraphQLError(e: GraphQLError): GraphQLError {
  const error = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions: e.extensions ?? undefined });
  if (e.locations) Object.assign(error, { locations: e.locations });
  return error;
}

/** How many distinct operations keep their compiled form (least recently used ones are dropped). */
const MAX_COMPILED = 1000;

/**
 * Executes operations with graphql-jit instead of graphql-js: each operation is compiled once into
 * a function that reads its fields directly, then reused for every request with the same document.
 * graphql-js re-walks the document and builds a resolve-info object for every field of every row,
 * which was most of the time of long lists (tests/bench profile: Q1, Q4). Apollo Server takes a
 * custom executor only through its gateway interface; parsing, validation, the plugins, the
 * context and error formatting stay Apollo's.
 */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  const compiled = new LRUCache<string, CompiledQuery>({ max: MAX_COMPILED });
  const executor: GatewayExecutor = async (rc) => {
    const key = `${rc.queryHash}:${rc.operationName ?? ''}`;
    let query = compiled.get(key);
    if (!query) {
      const result = compileQuery(schema, rc.document, rc.operationName ?? undefined);
      if (!isCompiledQuery(result)) return result as ExecutionResult;
      query = result;
      compiled.set(key, query);
    }
    // graphql-js coerces the variables: its refusals name the variable the way Apollo recognises as
    // BAD_USER_INPUT, and it fills input fields' defaults, which graphql-jit 0.8 skips for non-null
    // fields (`direction: SortDirection! = ASC`). graphql-jit parses the coerced values again, which
    // leaves them as they are: every enum's values are its names and our scalars parse their own
    // output (test/compiled-execution.spec.ts).
    const coerced = getVariableValues(schema, rc.operation.variableDefinitions ?? [], rc.request.variables ?? {}, { maxErrors: 50 });
    if (coerced.errors) return { errors: coerced.errors };
    const result = (await query.query(undefined, rc.context, coerced.coerced)) as ExecutionResult;
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      // Only Apollo's schema reporting (not used here) reads the supergraph SDL.
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return { schema, executor };
    },
    async stop() {},
  };
}
