/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 30000,
  maxWorkers: 2,
  // After the last test file a worker reaches its 'exit' event at once, with no handle left open,
  // but Node then takes ~0.6 s to tear the process down (measured: 625–655 ms), past jest-worker's
  // default 500 ms grace, which it reports as "failed to exit gracefully" and kills it.
  workerGracefulExitTimeout: 3000,
};
