// Bundles dist/server-modules.js (the compiled server, migrations and demo seed) with its
// dependencies into dist/server-modules.bundle.js, which main.ts loads at start (see load-bundle.ts).
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
// Native addons and the drivers TypeORM only requires for other databases stay outside the bundle;
// reflect-metadata stays outside so that main.ts and the bundle share one copy.
const EXTERNAL = new Set([
  'argon2', 'reflect-metadata', 'pg-native', 'pg-query-stream', 'mysql', 'mysql2', 'oracledb', 'sqlite3', 'better-sqlite3',
  'sql.js', 'mssql', 'mongodb', 'redis', 'ioredis', 'hdb-pool', '@sap/hana-client', '@sap/hana-client/extension/Stream',
  '@google-cloud/spanner', 'typeorm-aurora-data-api-driver', 'react-native-sqlite-storage', 'expo-sqlite',
]);
const builtins = new Set(builtinModules);
const problems = [];

const bundle = await rolldown({
  input: path.join(dist, 'server-modules.js'),
  platform: 'node',
  external: (id) => EXTERNAL.has(id) || builtins.has(id) || id.startsWith('node:'),
  onLog(level, log) {
    // An import that cannot be resolved would only fail when it runs: fail the build instead.
    if (log.code === 'UNRESOLVED_IMPORT' || level === 'error') problems.push(log.message);
  },
});
await bundle.write({ file: path.join(dist, 'server-modules.bundle.js'), format: 'cjs', sourcemap: true, minify: { compress: false, mangle: false, codegen: { removeWhitespace: true } } });
await bundle.close();
if (problems.length) {
  console.error(`bundle: ${problems.length} problem(s):\n${problems.join('\n')}`);
  process.exit(1);
}
// The first start after a build starts from a code cache too (see src/scripts/warm-code-cache.ts).
execFileSync(process.execPath, [path.join(dist, 'scripts', 'warm-code-cache.js')], { stdio: 'inherit' });
