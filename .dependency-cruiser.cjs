// What `npm run lint:layers` checks in CI: no import cycles, product apart from tooling, and the
// layers of src/.
//
// Product apart from tooling: src/ is what ships; examples/, tools/ and test/
// help build it. Tooling may import the product, never the reverse: a module of
// src/ imports only src/, Node built-ins and packages (README.md, "Repository layout").
//
// The layers of src/, top to bottom; a module may import only layers below
// its own (docs/architecture.md, "Module map").
//   index.ts, all.ts                 the barrels
//   clients/                         the service getters
//   client-cache/                    ClientCache and the default instance: the composition root
//   factory/                         builds an SDK client from a parsed spec
//   cache/  credentials/  observability/   the store and keys; credential sets; adapters
//   transport/                       the pools (credentials send STS calls through them)
//   observers/                       what happens, as types: observer hooks, their payloads, the counters
//   config/  errors.ts               parsing, limits, settings; the error classes
//   collections/                     plain data structures (the LRU); they import nothing of src/
// Beside them, for infrastructure code only: cdk/ over dashboard/ (the renderer and the alarms),
// which read the metric table of observability/ and the limits of config/.
const below = {
  'src/clients': ['client-cache', 'factory', 'config', 'errors'],
  'src/client-cache': [
    'factory',
    'cache',
    'credentials',
    'observability',
    'transport',
    'observers',
    'config',
    'errors',
  ],
  'src/factory': ['cache', 'credentials', 'transport', 'observers', 'config', 'errors'],
  'src/cache': ['observers', 'config', 'errors', 'collections'],
  'src/credentials': ['transport', 'observers', 'config', 'errors', 'collections'],
  'src/observability': ['observers', 'config', 'errors'],
  'src/transport': ['observers', 'config', 'errors'],
  'src/observers': ['config', 'errors'],
  'src/config': ['errors'],
  'src/dashboard': ['observability', 'config', 'errors'],
  'src/cdk': ['dashboard', 'observability', 'config', 'errors'],
  'src/collections': [],
};

const layer = (name) => `^src/${name}(/|\\.ts$)`;

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'product-not-tooling',
      comment:
        'src/ ships: it imports only src/, Node built-ins and packages, never tooling (examples/, tools/, test/)',
      severity: 'error',
      from: { path: '^src/' },
      to: { pathNot: ['^src/', '(^|/)node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'tooling-not-test',
      comment: 'examples/ and tools/ run without the test suite: they never import test/',
      severity: 'error',
      from: { path: '^(examples|tools)/' },
      to: { path: '^test/' },
    },
    ...Object.entries(below).map(([from, allowed]) => ({
      name: `layers-${from.slice(4)}`,
      comment: `${from}/ may import only ${allowed.join(', ')} (and itself)`,
      severity: 'error',
      from: { path: `^${from}/` },
      to: {
        path: '^src/',
        pathNot: [`^${from}/`, ...allowed.map(layer)],
      },
    })),
    {
      name: 'layers-errors',
      comment: 'errors.ts imports nothing of src/',
      severity: 'error',
      from: { path: '^src/errors\\.ts$' },
      to: { path: '^src/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // tsconfig.json maps `aws-client-cache` to src/, so tooling's imports of the product are seen.
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
