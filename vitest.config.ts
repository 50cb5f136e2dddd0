import { defineConfig } from 'vitest/config';

// Every DB test (`*.test.ts` under server/) runs once per dialect; pure unit tests
// (`*.unit.test.ts`) and browser journeys (e2e/) run once.
const dbTests = ['server/**/*.test.ts'];
const unitTests = ['server/**/*.unit.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        test: {
          name: 'unit',
          include: unitTests,
        },
      },
      {
        test: {
          name: 'sqlite',
          include: dbTests,
          exclude: unitTests,
          env: { ATRIUM_TEST_DIALECT: 'sqlite' },
        },
      },
      {
        test: {
          name: 'postgres',
          include: dbTests,
          exclude: unitTests,
          env: { ATRIUM_TEST_DIALECT: 'postgres' },
          globalSetup: ['server/test/pg-global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
        },
      },
    ],
  },
});
