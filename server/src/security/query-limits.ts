import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { RequestContext } from '../tenancy/request-context';
import { claimIdempotencyKey, readIdempotencyKey } from './idempotency';
import type { LimitsConfig } from './limits-config';
import { QueryLimit, tooComplex } from './limit-errors';
import { loginEmails } from './login-fields';
import { estimateCost } from './query-cost';
import { principalOf, RateLimiter } from './rate-limiter';

/**
 * graphql-armor's depth, alias and directive rules as validation rules. A refusal is reported as
 * QUERY_TOO_COMPLEX with `extensions.limit` (Apollo labels validation errors
 * GRAPHQL_VALIDATION_FAILED; `secureFormatError` restores our code); numbers only in development.
 */
export function limitValidationRules(limits: LimitsConfig, production: boolean): ValidationRule[] {
  const reject = (limit: QueryLimit) => [
    (ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(tooComplex(limit, err.message.replace(/^Syntax Error: /, ''), production)),
  ];
  const common = { exposeLimits: !production, propagateOnRejection: false };
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...common, onReject: reject('DEPTH') },
    maxAliases: { n: limits.maxAliases, ...common, onReject: reject('ALIASES') },
    maxDirectives: { n: limits.maxDirectives, ...common, onReject: reject('DIRECTIVES') },
    // Tokens are limited by the parser itself (parseOptions.maxTokens); cost by `estimateCost`,
    // which weighs page sizes; suggestions are removed by `secureFormatError`.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect().validationRules;
}

export interface SecurityPluginOptions {
  limits: LimitsConfig;
  production: boolean;
  limiter: RateLimiter;
}

/**
 * Once an operation is parsed, validated and known: refuses it over the cost limit, charges its
 * cost to the caller's rate limit (users and API keys), charges its `login` fields to the login
 * throttle (per address and per account), then, for a mutation with an
 * `Idempotency-Key` header, claims the key in the request's transaction or replays the response
 * stored under it (see idempotency.ts).
 */
export function securityPlugin(opts: SecurityPluginOptions): ApolloServerPlugin<RequestContext> {
  const { limits, production, limiter } = opts;
  return {
    async requestDidStart() {
      let replay: Record<string, unknown> | undefined;
      return {
        async didResolveOperation(rc) {
          const { document, operation, request, contextValue, schema } = rc;
          if (!operation) return;
          const cost = estimateCost(schema, document, operation, request.variables ?? {});
          if (cost > limits.maxCost) throw tooComplex('COST', `Its estimated cost is ${cost}; the limit is ${limits.maxCost}.`, production);
          const principal = principalOf(contextValue);
          if (principal) await limiter.charge(principal, cost);
          await limiter.loginAttempts(loginEmails(schema, document, operation, request.variables ?? {}), contextValue.ip);
          const key = readIdempotencyKey(request.http?.headers.get('idempotency-key'));
          if (key !== undefined && operation.operation === 'mutation' && principal) {
            replay = await claimIdempotencyKey(rc, principal, key, limits.idempotencyTtlHours);
          }
        },
        async responseForOperation() {
          if (!replay) return null;
          return { body: { kind: 'single', singleResult: replay }, http: { status: undefined, headers: new HeaderMap([['idempotent-replayed', 'true']]) } };
        },
      };
    },
  };
}
