/** ESM jest: ts-jest transpiles (no type-check; `npm run typecheck` does that). */
/* global process */

// What every project shares: the settings jest reads per project.
const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  // `.js` -> `.ts` for our imports only: libphonenumber-js imports real `*.json.js` modules.
  moduleNameMapper: { '^(\\.{1,2}/.*)(?<!\\.json)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  // The whole project, so `--onlyChanged` and `--findRelatedTests` find the tests of a source file.
  roots: ['<rootDir>'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/build', '<rootDir>/.dev'],
  // Inside the project, so a fresh clone schedules its tests exactly as CI's clean clone does.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
};

// The suites that start a sandbox (or build the app), each run alone by `npm run test:<name>`.
const suites = {
  integration: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/scripts/steps.test.ts'],
  sandbox: ['<rootDir>/test/sandbox/**/*.test.ts'],
  faults: ['<rootDir>/test/faults/**/*.test.ts'],
  artifact: ['<rootDir>/test/artifact/**/*.test.ts'],
};

const projects = [
  // Everything else is a unit test (nock, no sandbox): a new test file lands here unless it is
  // put in a suite's folder, so no file is left out of every project.
  {
    ...shared,
    displayName: 'unit',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    testPathIgnorePatterns: [
      '/node_modules/',
      '<rootDir>/test/(integration|sandbox|faults|artifact)/',
      '<rootDir>/test/scripts/steps\\.test\\.ts$',
    ],
  },
  ...Object.entries(suites).map(([displayName, testMatch]) => ({
    ...shared,
    displayName,
    testMatch,
  })),
];

// `npm run test:unit` and the like name their projects here, not with jest's --selectProjects,
// which takes every word after it as a project: `npm run test:unit -- test/mappers/vat.test.ts`
// would run every unit test.
const chosen = process.env.JEST_PROJECTS?.split(',');
const unknown = chosen?.filter((name) => !projects.some((project) => project.displayName === name));
if (unknown?.length) throw new Error(`JEST_PROJECTS: no project ${unknown.join(', ')}`);

// What jest reads once for the whole run (a project's own copy of these is ignored).
export default {
  projects: chosen ? projects.filter((project) => chosen.includes(project.displayName)) : projects,
  testTimeout: 30000,
  // A jest process keeps every ESM test file's module graph alive, and zapier-platform-core's
  // memory checker calls process.exit(1) once a process passes 450 MB RSS after 250 runs (the
  // webhook storm alone makes 1,000). Recycling the worker bounds it to one file's growth; this
  // setting also stops jest from running every file in one process on a two-core machine.
  workerIdleMemoryLimit: '128MB',
  reporters: ['default', '<rootDir>/jest.reporter.js'],
};
