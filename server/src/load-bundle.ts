import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** A CommonJS file loaded by `loadWithCodeCache`, and how to keep its compiled code for the next start. */
export interface LoadedWithCodeCache<T> {
  exports: T;
  /** Whether V8 took the compiled code from the cache instead of compiling. */
  fromCache: boolean;
  /** Writes the cache when it was missing or stale; returns what went wrong, if anything. Call it once started. */
  saveCache(): string | undefined;
}

/**
 * Loads one CommonJS file the way `require` does, compiling it with a V8 code cache kept beside it
 * (`<file>.<node version>-<arch>.v8cache`), as Node 22's module compile cache does for every module.
 * The cache remembers the file's size and modification time: a rebuilt file is compiled afresh, and
 * V8 itself refuses a cache from another V8 version or other flags.
 */
export function loadWithCodeCache<T>(file: string): LoadedWithCodeCache<T> {
  const source = fs.readFileSync(file, 'utf8');
  const stat = fs.statSync(file);
  const cacheFile = `${file}.${process.version}-${process.arch}.v8cache`;
  const stamp = Buffer.from(`${stat.size}:${stat.mtimeMs}\n`);
  let cachedData: Buffer | undefined;
  try {
    const saved = fs.readFileSync(cacheFile);
    if (saved.subarray(0, stamp.length).equals(stamp)) cachedData = saved.subarray(stamp.length);
  } catch {
    // no cache yet
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;

  const module = new Module(file);
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;

  let saved = fromCache;
  return {
    exports: module.exports as T,
    fromCache,
    saveCache() {
      if (saved) return undefined;
      saved = true;
      // Created after the start, so it also holds the functions the start compiled lazily.
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(temporary, Buffer.concat([stamp, script.createCachedData()]));
        fs.renameSync(temporary, cacheFile);
        return undefined;
      } catch (e) {
        fs.rmSync(temporary, { force: true });
        return `the code cache ${cacheFile} could not be written (${(e as Error).message}); the next start compiles again`;
      }
    },
  };
}
