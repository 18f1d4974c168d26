import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { createSchema, printSortedSchema } from '../src/schema';

describe('committed SDL', () => {
  it('packages/schema/schema.graphql matches the schema the server builds (run `pnpm schema:emit` after API changes)', async () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '../../packages/schema/schema.graphql'), 'utf8');
    expect(printSortedSchema(await createSchema())).toBe(committed);
  });
});
