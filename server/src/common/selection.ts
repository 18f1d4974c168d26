import { FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/**
 * Which entity properties a GraphQL selection of one object type needs, so that a list reads only
 * those columns: turning every column of every row into values (timestamps parsed into dates, long
 * texts decoded) was most of a list's time in the benchmark (tests/bench Q1, Q3).
 */
export interface Projection {
  /** Properties read whatever is asked: the key, and what tenancy and privacy rules look at. */
  always: readonly string[];
  /**
   * Every field of the type that is not a property of the same name (field resolvers), with the
   * properties it reads; every other field reads the property of its own name.
   * test/projections.int-spec.ts checks that each field of the type is one or the other.
   */
  reads: Readonly<Record<string, readonly string[]>>;
}

/** Where a connection's items are below the field asked. */
export const CONNECTION_NODES = ['edges', 'node'] as const;

const memo = new WeakMap<Projection, WeakMap<readonly FieldNode[], string[]>>();

/**
 * The properties the current field's selection needs, sorted (equal selections share a statement
 * and a loader); `path` leads from the field to the items (CONNECTION_NODES), none for a list or
 * one item. Worked out once per field of a document: the executor hands every item of a list the
 * same array of field nodes.
 */
export function propertiesFor(info: GraphQLResolveInfo, projection: Projection, path: readonly string[] = []): string[] {
  let byNodes = memo.get(projection);
  if (!byNodes) memo.set(projection, (byNodes = new WeakMap()));
  let properties = byNodes.get(info.fieldNodes);
  if (!properties) byNodes.set(info.fieldNodes, (properties = selectedProperties(info, projection, path)));
  return properties;
}

function selectedProperties(info: GraphQLResolveInfo, projection: Projection, path: readonly string[]): string[] {
  const names = new Set(projection.always);
  // Follows fields, inline fragments and named fragments; `step` walks down `path` first.
  const visit = (set: SelectionSetNode | undefined, step: number) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        if (step < path.length) {
          if (s.name.value === path[step]) visit(s.selectionSet, step + 1);
        } else if (!s.name.value.startsWith('__')) {
          for (const p of projection.reads[s.name.value] ?? [s.name.value]) names.add(p);
        }
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        visit(s.selectionSet, step);
      } else {
        visit(info.fragments[s.name.value]?.selectionSet, step);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, 0);
  return [...names].sort();
}
