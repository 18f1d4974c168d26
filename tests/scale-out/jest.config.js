/**
 * Scale-out suite: a real PostgreSQL primary and streaming replica (Debian's PostgreSQL 15 on
 * loopback), several built server processes against them. Run with `pnpm test:scale-out`.
 */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/scale-out'],
  testMatch: ['**/*.scale.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testTimeout: 300_000,
};
