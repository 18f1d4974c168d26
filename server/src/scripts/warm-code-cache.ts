import 'reflect-metadata';
import path from 'node:path';
import { loadWithCodeCache } from '../load-bundle';

/**
 * Run by the build after bundling (scripts/bundle.mjs): loads the new bundle, builds the schema, and
 * writes the V8 code cache main.ts starts from, so that the first start after a build or a deploy is
 * as quick as the next ones (it would otherwise compile everything and write the cache itself).
 */
const bundle = path.join(__dirname, '..', 'server-modules.bundle.js');
const loaded = loadWithCodeCache<typeof import('../server-modules')>(bundle);
loaded.exports.server.createSchema().then(
  () => {
    const problem = loaded.saveCache();
    if (problem) console.error(problem);
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
