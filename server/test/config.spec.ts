import { loadConfig } from '../src/config/config';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 4000, seedDemo: true, production: true, databaseUrl: undefined });
    expect(c.dataDir).toMatch(/\.data$/);
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a whole number/],
    [{ PORT: '70000' }, /^PORT must/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must be a postgres:\/\/ URL/],
    [{ DATABASE_URL: 'postgres://u@h/db' }, /^JWT_SECRET is required/],
    [{ JWT_SECRET: 'short' }, /^JWT_SECRET must be at least 32/],
    [{ SEED_DEMO: 'maybe' }, /^SEED_DEMO must be true or false/],
    [{ DB_POOL_SIZE: '0' }, /^DB_POOL_SIZE must/],
    [{ DATABASE_OWNER_URL: 'postgres://o@h/db' }, /^DATABASE_OWNER_URL needs DATABASE_URL/],
  ])('%j is refused with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('an external database does not seed demo accounts unless asked', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@h/db', JWT_SECRET: 'x'.repeat(32) });
    expect(c.seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@h/db', JWT_SECRET: 'x'.repeat(32), SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });
});
