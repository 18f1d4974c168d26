/**
 * Security and reliability suites: the built server over real HTTP and its PostgreSQL as the owner
 * and as the server's role. Separate from the browser tests (../jest.config.js picks only e2e/*.e2e.ts;
 * this one only security/*.security.ts). One seeded server is shared through global-setup.ts.
 */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/security'],
  testMatch: ['**/*.security.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  globalSetup: '<rootDir>/security/global-setup.ts',
  globalTeardown: '<rootDir>/security/global-teardown.ts',
  testTimeout: 180_000,
};
