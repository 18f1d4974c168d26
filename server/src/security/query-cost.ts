import {
  DocumentNode, FragmentDefinitionNode, getNamedType, GraphQLCompositeType, GraphQLSchema, isCompositeType,
  isInterfaceType, isObjectType, Kind, OperationDefinitionNode, SelectionSetNode, ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';

/** Arguments that set how many items a list field returns. */
const PAGE_ARGUMENTS = ['first', 'limit'];

/**
 * The estimated cost of an operation, used for the cost limit and charged to the caller's rate limit.
 *
 * - A field returning an object costs 1 plus the cost of its selection; scalar and enum fields cost 0.
 * - A field taking `first` (or `limit`) costs that many times as much: its argument, or the default
 *   page size when it is absent. Nested pages multiply: `a(first: 100) { b(first: 100) { … } }` is
 *   counted as up to 10 000 items.
 * - Other lists (the edges of a connection, relations of one record) count once.
 * - Fragments are expanded; an operation costs at least 1.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const defaults = new Map<string, ValueNode>();
  for (const v of operation.variableDefinitions ?? []) if (v.defaultValue) defaults.set(v.variable.name.value, v.defaultValue);

  const intOf = (node: ValueNode): number | undefined => {
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) {
      const name = node.name.value;
      const value = variables[name];
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      const fallback = defaults.get(name);
      return fallback ? intOf(fallback) : undefined;
    }
    return undefined;
  };

  const costOf = (set: SelectionSetNode, parent: GraphQLCompositeType, seen: Set<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const on = schema.getType(fragment.typeCondition.name.value);
        if (isCompositeType(on)) total += costOf(fragment.selectionSet, on, new Set([...seen, fragment.name.value]));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (isCompositeType(on)) total += costOf(selection.selectionSet, on, seen);
      } else {
        if (!selection.selectionSet || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        const type = getNamedType(field.type);
        if (!isCompositeType(type)) continue;
        let times = 1;
        const pageArg = field.args.find((a) => PAGE_ARGUMENTS.includes(a.name));
        if (pageArg) {
          const given = selection.arguments?.find((a) => a.name.value === pageArg.name);
          times = Math.max(1, Math.floor((given && intOf(given.value)) || DEFAULT_PAGE_SIZE));
        }
        total += times * (1 + costOf(selection.selectionSet, type, seen));
      }
    }
    return total;
  };

  const root = operation.operation === 'mutation' ? schema.getMutationType()
    : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 1;
  return Math.max(1, costOf(operation.selectionSet, root, new Set()));
}
