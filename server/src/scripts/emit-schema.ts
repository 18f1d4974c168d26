import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { createSchema, printSortedSchema } from '../schema';
import { schemaChanges } from './schema-changes';

/** Writes the SDL that clients and API consumers read; the schema test fails when it is stale. */
export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', '..', 'packages', 'schema', 'schema.graphql');

async function main(): Promise<void> {
  const schema = await createSchema();
  if (fs.existsSync(SCHEMA_FILE)) {
    // Tell the developer what consumers will notice before the contract is rewritten.
    const { breaking, dangerous } = schemaChanges(fs.readFileSync(SCHEMA_FILE, 'utf8'), schema);
    for (const c of breaking) console.log(`BREAKING  ${c}`);
    for (const c of dangerous) console.log(`dangerous ${c}`);
  }
  fs.writeFileSync(SCHEMA_FILE, printSortedSchema(schema));
  console.log(`wrote ${SCHEMA_FILE}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
