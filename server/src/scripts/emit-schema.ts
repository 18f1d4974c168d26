import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { createSchema, printSortedSchema } from '../schema';

/** Writes the SDL that clients and API consumers read; the schema test fails when it is stale. */
export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', '..', 'packages', 'schema', 'schema.graphql');

async function main(): Promise<void> {
  const sdl = printSortedSchema(await createSchema());
  fs.writeFileSync(SCHEMA_FILE, sdl);
  console.log(`wrote ${SCHEMA_FILE}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
