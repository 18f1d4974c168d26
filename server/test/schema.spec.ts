import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, GraphQLSchema } from 'graphql';
import { createSchema, printSortedSchema } from '../src/schema';
import { schemaChanges } from '../src/scripts/schema-changes';

describe('committed SDL', () => {
  const committed = fs.readFileSync(path.resolve(__dirname, '../../packages/schema/schema.graphql'), 'utf8');
  let built: GraphQLSchema;
  beforeAll(async () => {
    built = await createSchema();
  });

  it('reports no change that would break API consumers (removed fields, new required arguments, ...)', () => {
    // When this fails, the list names each breaking change; make it additive or announce it to consumers.
    expect(schemaChanges(committed, built).breaking).toEqual([]);
  });

  it('packages/schema/schema.graphql matches the schema the server builds (run `pnpm schema:emit` after API changes)', () => {
    const { breaking, dangerous } = schemaChanges(committed, built);
    const summary = `${breaking.length} breaking and ${dangerous.length} dangerous changes against the committed SDL`;
    expect({ summary, sdl: printSortedSchema(built) }).toEqual({ summary: '0 breaking and 0 dangerous changes against the committed SDL', sdl: committed });
  });
});

describe('schema change report', () => {
  it('classifies a removed field as breaking and a new enum value as dangerous', () => {
    const before = 'type Query { a: Int, b: Int, e: E } enum E { X }';
    const after = buildSchema('type Query { a: Int, e: E } enum E { X Y }');
    const changes = schemaChanges(before, after);
    expect(changes.breaking).toEqual(['FIELD_REMOVED: Query.b was removed.']);
    expect(changes.dangerous).toEqual(['VALUE_ADDED_TO_ENUM: Y was added to enum type E.']);
  });
});
