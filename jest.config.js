import { availableParallelism } from 'node:os';

/** @type {import('jest').Config} */
export default {
  // Jest's default (cores - 1) is one worker on a 2-core machine, where much of the suite waits on
  // sockets, timers and child processes: two share it well. More cores, one fewer than there are.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Tests that starve the CPU on purpose (test/integration/starved/) would starve every file
  // running beside them too: `npm run test:starved` runs them alone (CI does, after the suites).
  testPathIgnorePatterns: process.env.CLIENT_CACHE_STARVED_TESTS
    ? ['/node_modules/']
    : ['/node_modules/', '/test/integration/starved/'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
  },
  moduleNameMapper: {
    '^aws-client-cache$': '<rootDir>/src/index.ts',
    '^aws-client-cache/cdk$': '<rootDir>/src/cdk/index.ts',
    '^aws-client-cache/all$': '<rootDir>/src/all.ts',
    '^aws-client-cache/compat$': '<rootDir>/src/compat.ts',
    '^aws-client-cache/(.*)$': '<rootDir>/src/clients/$1.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // marked ships ESM only, besides its UMD build; jest here loads CommonJS.
    '^marked$': '<rootDir>/node_modules/marked/lib/marked.umd.js',
  },
  // The default timeout is set per file, scaled to the measured CPU contention.
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-timeouts.ts'],
};
