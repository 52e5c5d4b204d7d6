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
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
};
