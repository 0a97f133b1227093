/**
 * Covers the import cost of tracing for a user who never passes a tracer:
 * the built package, imported the way a user would (`require` and `import`
 * through its `exports` map) in a fresh Node process, loads no Powertools
 * Tracer or X-Ray SDK, and never loads OpenTelemetry at all (an OpenTelemetry
 * tracer is used by its shape): no module of the build names it in an import
 * or require. A control run that does load them proves the check can see
 * them. (import-cost-roleless-client.test.ts covers building a client.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { childEnv, ROOT, run, useBuiltPackage } from '../../support/built-package.js';

interface Probe {
  readonly resolved: string;
  readonly sameClient: boolean;
  readonly loaded: string[];
  /** Powertools Tracer sets this on import when it is unset, in either module format. */
  readonly contextMissing: string | null;
}

const TRACING_MODULES = /aws-xray-sdk-core|@aws-lambda-powertools[\\/]tracer|@opentelemetry[\\/]/;

function script(format: 'cjs' | 'esm', loadTracer: boolean): string {
  const load =
    format === 'cjs'
      ? "const cache = require('aws-client-cache/all');"
      : "import { createRequire } from 'node:module';\n" +
        "const require = createRequire(process.cwd() + '/');\n" +
        "const cache = await import('aws-client-cache/all');";
  const tracer =
    format === 'cjs'
      ? "require('@aws-lambda-powertools/tracer'); require('@opentelemetry/api');"
      : "await import('@aws-lambda-powertools/tracer'); require('@opentelemetry/api');";
  return `${load}
const first = cache.getS3Client();
const second = cache.getS3Client();
${loadTracer ? tracer : ''}
// ESM-imported CommonJS modules (the X-Ray SDK is one) land in require.cache too.
const loaded = Object.keys(require.cache).filter((path) => ${TRACING_MODULES}.test(path));
process.stdout.write(JSON.stringify({
  resolved: require.resolve('aws-client-cache'),
  sameClient: first === second && typeof first.send === 'function',
  loaded,
  contextMissing: process.env.AWS_XRAY_CONTEXT_MISSING ?? null,
}));`;
}

async function probe(format: 'cjs' | 'esm', loadTracer = false): Promise<Probe> {
  const flags = format === 'esm' ? ['--input-type=module'] : [];
  const { stdout } = await run(process.execPath, [...flags, '-e', script(format, loadTracer)], {
    cwd: ROOT,
    env: childEnv({ AWS_REGION: 'us-east-1' }),
  });
  return JSON.parse(stdout) as Probe;
}

useBuiltPackage();

it('loads no Powertools Tracer, X-Ray SDK or OpenTelemetry when required without a tracer', async () => {
  // Act
  const result = await probe('cjs');

  // Assess
  expect(result.resolved).toBe(join(ROOT, 'dist/cjs/index.js'));
  expect(result.sameClient).toBe(true);
  expect(result.loaded).toEqual([]);
  expect(result.contextMissing).toBeNull();
});

it('loads no Powertools Tracer, X-Ray SDK or OpenTelemetry when imported without a tracer', async () => {
  // Act
  const result = await probe('esm');

  // Assess
  expect(result.sameClient).toBe(true);
  expect(result.loaded).toEqual([]);
  expect(result.contextMissing).toBeNull();
});

it('sees the tracer in a control run that loads it', async () => {
  // Act
  const [required, imported] = await Promise.all([probe('cjs', true), probe('esm', true)]);

  // Assess
  expect(required.loaded.some((path) => path.includes('aws-xray-sdk-core'))).toBe(true);
  expect(required.loaded.some((path) => /@aws-lambda-powertools[\\/]tracer/.test(path))).toBe(true);
  expect(imported.loaded.some((path) => path.includes('aws-xray-sdk-core'))).toBe(true);
  expect(imported.contextMissing).toBe('IGNORE_ERROR');
  expect(required.loaded.some((path) => /@opentelemetry[\\/]api/.test(path))).toBe(true);
});

/** Every built JavaScript file of the package. */
function builtFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.[cm]?js$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

it('never names an OpenTelemetry module in an import or require of the built package', () => {
  // Prepare: ESM-imported ESM modules do not show in require.cache, so read the build too
  const loads = /(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']@opentelemetry\//;
  const files = [...builtFiles(join(ROOT, 'dist/esm')), ...builtFiles(join(ROOT, 'dist/cjs'))];

  // Act
  const naming = files.filter((file) => loads.test(readFileSync(file, 'utf8')));

  // Assess
  expect(files.length).toBeGreaterThan(20);
  expect(loads.test("import { trace } from '@opentelemetry/api';")).toBe(true);
  expect(loads.test('const api = require("@opentelemetry/api");')).toBe(true);
  expect(naming).toEqual([]);
});
