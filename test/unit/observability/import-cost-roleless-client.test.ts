/**
 * Covers the import cost of a handler that builds a client without a role:
 * importing an entry point of the built package (`require` and `import`
 * through its `exports` map, in a fresh Node process) and building a client
 * loads no Powertools Logger or Metrics (nothing was logged or published), no
 * role credential code, none of the package's own tracing adapters (no
 * tracer was given), on Node 22+ not Node's internal undici (which an ESM
 * import of `node:http` drags in), and no ESM import of the CommonJS
 * `@smithy/node-http-handler` (Node gets it through `require`, by the
 * `node-addons` condition of `#node-http-handler`; without that condition
 * the static import still works), and not `perf_hooks` (what the first read
 * of the `performance` global loads; `lru-cache` read it at import). Control
 * runs that do load each of them prove the check can see it.
 */
import { useBuiltPackage } from '../../support/built-package.js';
import { coldProbe } from '../../support/cold-import-probe.js';

const ENTRY_POINTS = ['aws-client-cache', 'aws-client-cache/s3', 'aws-client-cache/all'] as const;

const nodeMajor = Number(process.versions.node.split('.')[0]);

useBuiltPackage();

describe.each(['cjs', 'esm'] as const)(
  'importing an entry point (%s) and building a client',
  (format) => {
    it.each(ENTRY_POINTS)(
      'loads no Powertools, OpenTelemetry, role credential code, undici or perf_hooks, and imports no CommonJS handler from ESM, from %s',
      async (entry) => {
        // Act
        const result = await coldProbe(format, entry);

        // Assess
        expect(result.built).toBe(true);
        expect(result.loaded).toEqual([]);
        expect(result.esmHttpImport).toBe(false);
        expect(result.esmHandlerImport).toBe(false);
        expect(result.undici).toBe(false);
        expect(result.perfHooks).toBe(false);
      },
    );
  },
);

it('builds a client through the static import where Node runs without the node-addons condition', async () => {
  // Act: `--no-addons` turns the condition off, as a runtime without it would resolve
  const result = await coldProbe('esm', 'aws-client-cache/s3', '', ['--no-addons']);

  // Assess
  expect(result.built).toBe(true);
  expect(result.esmHandlerImport).toBe(true);
});

it('sees each of them in control runs that load them', async () => {
  // Prepare: a warning and a publish load Powertools Logger and Metrics; the rest are imported
  const loadEverything = `
const root = await import('aws-client-cache');
root.createClientCache({ tracer: {} });
root.publishClientCacheMetrics();
await import('@aws-sdk/credential-providers');
await import('@opentelemetry/api');
await import('node:http');
await import('@smithy/node-http-handler');
performance.now();
await new Promise((resolve) => setTimeout(resolve, 200));`;

  // Act
  const [imported, required] = await Promise.all([
    coldProbe('esm', 'aws-client-cache/s3', loadEverything),
    coldProbe(
      'cjs',
      'aws-client-cache/s3',
      `require('aws-client-cache').publishClientCacheMetrics();
await import('node:http');
await import('@smithy/node-http-handler');`,
    ),
  ]);

  // Assess
  const seen = (pattern: RegExp, paths: string[]) => paths.some((path) => pattern.test(path));
  expect(seen(/@aws-lambda-powertools[\\/]logger/, imported.loaded)).toBe(true);
  expect(seen(/@aws-lambda-powertools[\\/]metrics/, imported.loaded)).toBe(true);
  expect(seen(/@aws-sdk[\\/]credential-providers/, imported.loaded)).toBe(true);
  expect(seen(/@opentelemetry[\\/]api/, imported.loaded)).toBe(true);
  expect(imported.esmHttpImport).toBe(true);
  expect(imported.esmHandlerImport).toBe(true);
  // Only Node 22 and later load undici for an ESM import of node:http.
  expect(imported.undici).toBe(nodeMajor >= 22);
  expect(imported.perfHooks).toBe(true);
  expect(seen(/@aws-lambda-powertools[\\/]metrics/, required.loaded)).toBe(true);
  expect(required.esmHttpImport).toBe(true);
  expect(required.esmHandlerImport).toBe(true);
});
