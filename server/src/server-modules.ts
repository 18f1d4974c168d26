/**
 * Everything main.ts loads after it has started the embedded PostgreSQL: the server itself, the
 * migrations and the demo seed. The build bundles this module with its dependencies into one file
 * (scripts/bundle.mjs) that main.ts loads with a V8 code cache (load-bundle.ts): one file read and
 * no compiling instead of some 1,800 modules resolved, read and compiled.
 */
export * as server from './serve';
export { migrate } from './db/migrate';
export * as demo from './db/seeds/demo';
