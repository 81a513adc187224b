// One Jest run for the whole workspace. Unit tests (`*.spec.ts`) sit beside the code; integration
// tests (`test/**/*.test.ts`) talk to the PostgreSQL and Temporal that `tools/devstack` started
// and described through the environment. Workspace packages resolve to their sources, so tests
// never run against a stale build.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true, tsx: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const workspace = {
  '^@waypoint/(journey|contract|config|data|channels|testing|customer-value|shopify|run-decisions)$':
    '<rootDir>/libs/$1/src/index.ts',
  '^@waypoint/journey/engine$': '<rootDir>/libs/journey/src/engine.ts',
  '^@waypoint/workflows$': '<rootDir>/workflows/src/index.ts',
  '^@waypoint/devstack$': '<rootDir>/tools/devstack/src/index.ts',
};

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swc] },
  moduleNameMapper: workspace,
  testMatch: [
    '<rootDir>/{apps,libs,workflows,tools}/**/*.spec.ts',
    '<rootDir>/{apps,libs,workflows,tools}/**/test/**/*.test.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 60_000,
};
