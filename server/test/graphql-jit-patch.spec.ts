import { execute, GraphQLError, GraphQLFloat, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';

/**
 * graphql-jit is patched (patches/graphql-jit@0.8.9.patch) so that a leaf builds its error's
 * locations and path only when it fails, and a list item that is not a promise skips two closures:
 * a national comparison allocated ~1.6 MB per answer in the executor, most of it arrays no one
 * read. These pin that the patched code answers exactly as graphql-js, errors included, at any
 * list depth, and that the patch is in place.
 */
const Cell = new GraphQLObjectType({
  name: 'Cell',
  fields: {
    code: { type: new GraphQLNonNull(GraphQLString) },
    year: { type: new GraphQLNonNull(GraphQLInt) },
    value: { type: GraphQLFloat },
    note: { type: GraphQLString },
  },
});
const Row = new GraphQLObjectType({
  name: 'Row',
  fields: {
    name: { type: GraphQLString },
    cells: { type: new GraphQLList(Cell) },
    grid: { type: new GraphQLList(new GraphQLList(Cell)) },
    strictCells: { type: new GraphQLList(new GraphQLNonNull(Cell)) },
  },
});
const cell = (code: unknown, year: unknown, value: unknown, note: unknown = 'n') => ({ code, year, value, note });
const rows = [
  {
    name: 'plain',
    cells: [cell('a', 2024, 1.5), cell('b', 2025, null, null)],
    grid: [[cell('g', 1, 2)], [cell('h', 2, 3.25), cell('i', 3, 4)]],
    strictCells: [cell('s', 1, 1)],
  },
  {
    name: 'failing',
    // A null non-null leaf, a value the Int serializer refuses, an Error in a nullable and a non-null leaf.
    cells: [cell(null, 2024, 1), cell('c', 'not a year', 1), cell('d', 2024, new Error('value failed')), cell(new Error('code failed'), 1, 1)],
    grid: [[cell('g', 1, 2)], [cell('h', 2.5, 3), cell('i', 3, 'NaN?')]],
    strictCells: [cell('s', 1, 1), cell(null, 1, 1)],
  },
  {
    name: 'promised',
    // Promised items take the asynchronous path the patch leaves as it was.
    cells: [Promise.resolve(cell('p', 2024, 9)), Promise.reject(new Error('item failed')), Promise.resolve(cell(null, 2024, 1))],
    grid: [[Promise.resolve(cell('q', 1, 1))]],
    strictCells: [Promise.resolve(cell('r', 1, 1))],
  },
];
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { rows: { type: new GraphQLList(Row), resolve: () => rows } } }),
});
const QUERY = `{ rows { name
  cells { code year value note }
  grid { code year value }
  strictCells { code year } } }`;

/** Errors as clients see them: message, path and locations, in a stable order. */
function comparable(result: { data?: unknown; errors?: readonly GraphQLError[] }) {
  const errors = (result.errors ?? [])
    .map((e) => ({ message: e.message, path: e.path, locations: e.locations }))
    .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
  return { data: result.data, errors };
}

describe('patched graphql-jit', () => {
  it('answers data and errors exactly as graphql-js, in nested lists and with promised items', async () => {
    const document = parse(QUERY);
    const compiled = compileQuery(schema, document);
    if (!isCompiledQuery(compiled)) throw new Error('did not compile');
    const jit = comparable((await compiled.query(undefined, {}, {})) as { data?: unknown; errors?: readonly GraphQLError[] });
    const reference = comparable(await execute({ schema, document }));

    expect(jit).toEqual(reference);
    // The cases above really fail where intended (so the comparison covers every error branch).
    expect(reference.errors.map((e) => e.path?.join('.'))).toEqual([
      'rows.1.cells.0.code', 'rows.1.cells.1.year', 'rows.1.cells.2.value', 'rows.1.cells.3.code',
      'rows.1.grid.1.0.year', 'rows.1.grid.1.1.value', 'rows.1.strictCells.1.code',
      'rows.2.cells.1', 'rows.2.cells.2.code',
    ]);
    expect(reference.errors.find((e) => e.path?.join('.') === 'rows.1.grid.1.0.year')).toMatchObject({
      message: 'Int cannot represent non-integer value: 2.5', locations: [{ line: 3, column: 15 }],
    });
  });

  it('is in place: leaves no longer go through the runtime checks that allocate their error arguments', () => {
    // `debug` (untyped) keeps the generated source on the compiled query.
    const debug = { debug: true } as unknown as Parameters<typeof compileQuery>[3];
    const compiled = compileQuery(schema, parse(QUERY), undefined, debug) as unknown as Record<string, string>;
    const code = compiled.__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation;
    expect(code).toContain('Cell.code');
    expect(code).not.toMatch(/checkNonNullLeaf|checkNullableLeaf/);
  });
});
