import {
  DocumentNode, FieldNode, FragmentDefinitionNode, getArgumentValues, getVariableValues, GraphQLSchema, Kind,
  OperationDefinitionNode, SelectionSetNode,
} from 'graphql';

/**
 * The e-mail of every `login` field of a mutation, aliases included and in order: 20 aliased logins
 * are 20 entries. An e-mail that cannot be read (bad variables, which execution will refuse anyway)
 * is ''. Used to charge every attempt of a document before any password is checked.
 */
export function loginEmails(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): string[] {
  const mutation = schema.getMutationType();
  const field = mutation?.getFields().login;
  if (operation.operation !== 'mutation' || !field) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  const values = coerced.coerced ?? {};

  const nodes: FieldNode[] = [];
  const collect = (set: SelectionSetNode, seen: Set<string>) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value === 'login') nodes.push(s);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        collect(s.selectionSet, seen);
      } else if (!seen.has(s.name.value)) {
        const f = fragments.get(s.name.value);
        if (f) collect(f.selectionSet, new Set([...seen, s.name.value]));
      }
    }
  };
  collect(operation.selectionSet, new Set());

  return nodes.map((node) => {
    try {
      const args = getArgumentValues(field, node, values) as { input?: { email?: unknown } };
      const email = args.input?.email;
      return typeof email === 'string' ? email.trim().toLowerCase() : '';
    } catch {
      return '';
    }
  });
}
