import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadWithCodeCache } from '../src/load-bundle';

/** The code cache main.ts loads the server bundle with: used when it fits, never when the file changed. */
describe('loading a file with a V8 code cache', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stp-code-cache-'));
  const file = path.join(dir, 'bundle.js');
  const cacheFiles = () => fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache'));
  const write = (answer: string, mtime: Date) => {
    fs.writeFileSync(file, `const path = require('node:path'); exports.answer = '${answer}'; exports.dir = path.basename(__dirname); exports.self = module.filename;`);
    fs.utimesSync(file, mtime, mtime);
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('compiles the first time, writes the cache once started, and uses it the next time', () => {
    write('first', new Date('2026-01-01T00:00:00Z'));
    const cold = loadWithCodeCache<{ answer: string; dir: string; self: string }>(file);
    expect(cold.exports).toEqual({ answer: 'first', dir: path.basename(dir), self: file });
    expect(cold.fromCache).toBe(false);
    expect(cacheFiles()).toEqual([]);
    expect(cold.saveCache()).toBeUndefined();
    expect(cacheFiles()).toHaveLength(1);

    const warm = loadWithCodeCache<{ answer: string }>(file);
    expect(warm.fromCache).toBe(true);
    expect(warm.exports.answer).toBe('first');
  });

  it('compiles afresh when the file changed, even to the same length (V8 alone would accept the old cache)', () => {
    write('other', new Date('2026-01-02T00:00:00Z'));
    const changed = loadWithCodeCache<{ answer: string }>(file);
    expect(changed.fromCache).toBe(false);
    expect(changed.exports.answer).toBe('other');
    changed.saveCache();
    expect(loadWithCodeCache(file).fromCache).toBe(true);
  });

  it('says so when the cache cannot be written, and the loaded module still works', () => {
    write('third', new Date('2026-01-03T00:00:00Z'));
    // A directory where the cache file goes: neither readable as a cache nor replaceable, even by root.
    const cacheFile = `${file}.${process.version}-${process.arch}.v8cache`;
    fs.rmSync(cacheFile, { force: true });
    fs.mkdirSync(path.join(cacheFile, 'in-the-way'), { recursive: true });
    const loaded = loadWithCodeCache<{ answer: string }>(file);
    expect(loaded.exports.answer).toBe('third');
    expect(loaded.fromCache).toBe(false);
    expect(loaded.saveCache()).toMatch(/could not be written/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
