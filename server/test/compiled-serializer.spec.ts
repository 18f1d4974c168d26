import { GraphQLFloat, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLScalarType, GraphQLSchema, GraphQLString, OperationDefinitionNode, parse } from 'graphql';
import { compiledExecution, stringifyAnswer } from '../src/compiled-execution';

/**
 * Answers without errors are written by their operation's compiled serializer (src/compiled-execution.ts,
 * fast-json-stringify): the text must be exactly JSON.stringify's, whatever the strings and numbers.
 */
const TEXTS = ['Hội Khoa học', 'quote " and back\\slash', 'tab\tnew\nline\u0001', '😀 emoji', '', '</script>', 'a'.repeat(200)];
const NUMBERS = [0, -0, 1.5, 0.1 + 0.2, 1e21, -123456789.123, 5e-324, Number.MAX_SAFE_INTEGER];

const Stamp = new GraphQLScalarType({ name: 'Stamp', serialize: (v) => `at ${String(v)}` });
const Item = new GraphQLObjectType({
  name: 'Item',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    name: { type: GraphQLString },
    count: { type: GraphQLInt },
    value: { type: GraphQLFloat },
    stamp: { type: Stamp },
  },
});
const items = TEXTS.flatMap((name, i) => NUMBERS.map((value, j) => ({ id: i * 100 + j, name: j % 3 ? name : null, count: j, value, stamp: i })));
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { items: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Item))), resolve: () => items } },
  }),
});

async function answer(query: string): Promise<{ data?: unknown; errors?: unknown }> {
  const { executor } = await compiledExecution(schema).load({ apollo: { key: undefined, keyHash: undefined, graphRef: undefined } } as never);
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const rc = { queryHash: query, operationName: null, document, operation, request: { variables: {} }, context: {} };
  return (await executor!(rc as never)) as { data?: unknown; errors?: unknown };
}

describe('the compiled answer serializer', () => {
  afterEach(() => jest.restoreAllMocks());

  it('writes exactly what JSON.stringify writes, for awkward strings and numbers', async () => {
    const result = await answer('{ items { id name count value renamed: name } }');
    expect(result.errors).toBeUndefined();
    expect(stringifyAnswer(result)).toBe(JSON.stringify(result));
  });

  it('is the one used for an answer without errors', async () => {
    const result = await answer('{ items { id count } }');
    const stringify = jest.spyOn(JSON, 'stringify');
    const text = stringifyAnswer(result);
    expect(stringify).not.toHaveBeenCalled();
    stringify.mockRestore();
    expect(text).toBe(JSON.stringify(result));
  });

  it('leaves operations with a custom scalar, and answers with errors, to JSON.stringify', async () => {
    const withScalar = await answer('{ items { id stamp } }');
    expect(stringifyAnswer(withScalar)).toBe(JSON.stringify(withScalar));
    const failed = { data: null, errors: [{ message: 'x', path: ['items'] }] };
    expect(stringifyAnswer(failed)).toBe(JSON.stringify(failed));
  });
});
