/** ESM jest: ts-jest transpiles (no type-check; `npm run typecheck` does that). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  // `.js` -> `.ts` for our imports only: libphonenumber-js imports real `*.json.js` modules.
  moduleNameMapper: { '^(\\.{1,2}/.*)(?<!\\.json)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  roots: ['<rootDir>/test'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/build', '<rootDir>/.dev'],
  testTimeout: 30000,
  // A jest process keeps every ESM test file's module graph alive, and zapier-platform-core's
  // memory checker calls process.exit(1) once a process passes 450 MB RSS after 250 runs (the
  // webhook storm alone makes 1,000). Recycling the worker bounds it to one file's growth; this
  // setting also stops jest from running every file in one process on a two-core machine.
  workerIdleMemoryLimit: '128MB',
  // Inside the project, so a fresh clone schedules its tests exactly as CI's clean clone does.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  reporters: ['default', '<rootDir>/jest.reporter.js'],
};
