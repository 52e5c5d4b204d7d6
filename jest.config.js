/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The container test builds and runs an image with podman: `npm run test:container` runs it.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/container/'],
  transform: {
    // Type errors are caught by `npm run lint` (tsc --noEmit); transpiling alone keeps tests quick.
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
  },
  // Also bounds beforeAll hooks that start bot processes: on a loaded machine with test files
  // running side by side, a start alone took more than 30 s.
  testTimeout: 60000,
  // Most test files wait (on bot processes, Graph delays, leases) rather than compute, so two run
  // at once on two cores; jest's default there (cores - 1) ran them one at a time.
  maxWorkers: 2,
  // Azurite, started once for the run; test files keep to containers of their own.
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
};
