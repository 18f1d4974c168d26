import { FieldNode, FragmentDefinitionNode, getArgumentValues, getNamedType, GraphQLResolveInfo, isObjectType, Kind, SelectionSetNode } from 'graphql';

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
  return propertiesOfNodes(info.fieldNodes, info.fragments, projection, path);
}

/** `propertiesFor` the selection of some field nodes (a child field read ahead, `childSelection`). */
export function propertiesOfNodes(
  fieldNodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  projection: Projection,
  path: readonly string[] = [],
): string[] {
  let byNodes = memo.get(projection);
  if (!byNodes) memo.set(projection, (byNodes = new WeakMap()));
  let properties = byNodes.get(fieldNodes);
  if (!properties) byNodes.set(fieldNodes, (properties = selectedProperties(fieldNodes, fragments, projection, path)));
  return properties;
}

function selectedProperties(
  fieldNodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  projection: Projection,
  path: readonly string[],
): string[] {
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
        visit(fragments[s.name.value]?.selectionSet, step);
      }
    }
  };
  for (const node of fieldNodes) visit(node.selectionSet, 0);
  return [...names].sort();
}

/** A child field as the current field's selection asks for it: its nodes (one response key) and arguments. */
export interface ChildSelection {
  nodes: readonly FieldNode[];
  args: Record<string, unknown>;
}

// Per document (the executor hands a field the same nodes on every request): the child's nodes, null when not read ahead.
const children = new WeakMap<readonly FieldNode[], Map<string, readonly FieldNode[] | null>>();

/**
 * The child field `name` of the current field's selection (an object type), for a resolver that
 * reads it with the parent in one statement and primes the child's loader. Null when the child is
 * not selected, is selected under several response keys, or carries a directive (@skip, @include):
 * its own resolver then reads it as usual.
 */
export function childSelection(info: GraphQLResolveInfo, name: string): ChildSelection | null {
  let byName = children.get(info.fieldNodes);
  if (!byName) children.set(info.fieldNodes, (byName = new Map()));
  let nodes = byName.get(name);
  if (nodes === undefined) byName.set(name, (nodes = childNodes(info.fieldNodes, info.fragments, name)));
  if (!nodes) return null;
  const type = getNamedType(info.returnType);
  const field = isObjectType(type) ? type.getFields()[name] : undefined;
  if (!field) return null;
  try {
    return { nodes, args: getArgumentValues(field, nodes[0], info.variableValues) };
  } catch {
    return null; // Arguments the child's own resolver will refuse with its own message.
  }
}

function childNodes(fieldNodes: readonly FieldNode[], fragments: Record<string, FragmentDefinitionNode>, name: string): FieldNode[] | null {
  const found: FieldNode[] = [];
  let plain = true;
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value !== name) continue;
        if (s.directives?.length) plain = false;
        found.push(s);
      } else if (s.directives?.length) {
        plain = false; // A fragment under @skip or @include may hold the child: not read ahead.
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        visit(s.selectionSet);
      } else {
        visit(fragments[s.name.value]?.selectionSet);
      }
    }
  };
  for (const node of fieldNodes) visit(node.selectionSet);
  const keys = new Set(found.map((f) => f.alias?.value ?? f.name.value));
  return plain && found.length > 0 && keys.size === 1 ? found : null;
}
