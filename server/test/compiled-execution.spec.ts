import 'reflect-metadata';
import { GraphQLEnumType, GraphQLScalarType, GraphQLSchema } from 'graphql';
import { createSchema } from '../src/schema';

/**
 * The compiled executor (src/compiled-execution.ts) hands graphql-jit the variables graphql-js has
 * already coerced, and graphql-jit coerces them again: that is harmless only while coercing twice
 * changes nothing. These are the conditions; a new enum or scalar that breaks them fails here.
 */
describe('variables coerced twice (graphql-js, then graphql-jit) stay the same', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema();
  });

  it('every enum value is its own name', () => {
    const enums = Object.values(schema.getTypeMap()).filter((t): t is GraphQLEnumType => t instanceof GraphQLEnumType && !t.name.startsWith('__'));
    expect(enums.length).toBeGreaterThan(20);
    const renamed = enums.flatMap((t) => t.getValues().filter((v) => v.value !== v.name).map((v) => `${t.name}.${v.name}`));
    expect(renamed).toEqual([]);
  });

  it('every custom scalar parses its own parsed value to the same value', () => {
    const samples: Record<string, unknown> = {
      DateTime: '2024-01-02T03:04:05Z', JSONObject: { a: 1, b: ['x'] }, LocalDate: '2024-02-29', SafeInt: 42,
    };
    const scalars = Object.values(schema.getTypeMap())
      .filter((t): t is GraphQLScalarType => t instanceof GraphQLScalarType && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name));
    expect(scalars.map((t) => t.name).sort()).toEqual(Object.keys(samples).sort());
    for (const t of scalars) {
      const once = t.parseValue(samples[t.name]);
      expect(t.parseValue(once)).toEqual(once);
    }
  });
});
