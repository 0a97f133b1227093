/**
 * Covers the import cost of what a handler may never need: a user who never
 * passes a tracer never loads Powertools Tracer or the X-Ray SDK, and the
 * package never loads OpenTelemetry at all (an OpenTelemetry tracer is used
 * by its shape). Importing an entry point and building a client without a
 * role loads no Powertools Logger or Metrics (nothing was logged or
 * published), no role credential code, none of the package's own tracing
 * adapters (no tracer was given), and on Node 22+ not Node's internal
 * undici (which an ESM import of `node:http` drags in). Imports the built
 * package the way a user would (`require` and `import` through its `exports`
 * map) in a fresh Node process, and lists the loaded modules. Control runs
 * that do load each of them prove the check can see it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../..');
const run = promisify(execFile);

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
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_REGION: 'us-east-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  return JSON.parse(stdout) as Probe;
}

beforeAll(() => {
  // `npm test` builds first; build here only when run on a fresh checkout.
  if (
    !existsSync(join(ROOT, 'dist/cjs/index.js')) ||
    !existsSync(join(ROOT, 'dist/esm/index.js'))
  ) {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }
}, 120_000);

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

/**
 * What a handler that builds a roleless client, logs nothing, publishes
 * nothing and passes no tracer must not load, the package's own tracing
 * adapters included (`tracing-adapters` is their file in the ESM build,
 * `trace-subsegment` and `otel-span` theirs in the CommonJS one).
 */
const UNNEEDED =
  /@aws-lambda-powertools[\\/](logger|metrics|tracer)|aws-xray-sdk-core|@opentelemetry[\\/]|@aws-sdk[\\/](credential-providers|nested-clients)[\\/]|[\\/]dist[\\/](esm[\\/]chunks[\\/]tracing-adapters-|cjs[\\/]observability[\\/](trace-subsegment|otel-span|tracing-adapters)\.)/;
const ADAPTERS =
  /[\\/]dist[\\/](esm[\\/]chunks[\\/]tracing-adapters-|cjs[\\/]observability[\\/]otel-span\.)/;
const ENTRY_POINTS = ['aws-client-cache', 'aws-client-cache/s3', 'aws-client-cache/all'] as const;

interface ColdProbe {
  /** Package modules loaded, from `require.cache` and from an ESM resolve hook. */
  readonly loaded: string[];
  /** `node:http` reached through an ESM import (what loads undici on Node 22). */
  readonly esmHttpImport: boolean;
  /** Node's internal undici was loaded (visible on Node 22 and later). */
  readonly undici: boolean;
  readonly built: boolean;
}

// Records every URL the ESM loader resolves, written synchronously from the hooks thread.
const RESOLVE_HOOK = `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.PROBE_RESOLVED, resolved.url + '\\n');
  return resolved;
}`)}`;

function coldScript(format: 'cjs' | 'esm', entry: string, control: string): string {
  const head =
    format === 'cjs'
      ? `const pkg = require('${entry}');`
      : "import { createRequire, register } from 'node:module';\n" +
        `register(${JSON.stringify(RESOLVE_HOOK)});\n` +
        "const require = createRequire(process.cwd() + '/');\n" +
        `const pkg = await import('${entry}');`;
  return `${head}
const s3 = pkg.getS3Client ? pkg : ${format === 'cjs' ? "require('aws-client-cache/s3')" : "await import('aws-client-cache/s3')"};
const client = s3.getS3Client({ region: 'eu-west-1' });
${control}
const { readFileSync, existsSync } = require('node:fs');
const resolved = existsSync(process.env.PROBE_RESOLVED)
  ? readFileSync(process.env.PROBE_RESOLVED, 'utf8').split('\\n')
  : [];
process.stdout.write('\\nPROBE ' + JSON.stringify({
  loaded: [...Object.keys(require.cache), ...resolved].filter((path) => ${UNNEEDED}.test(path)),
  esmHttpImport: resolved.includes('node:http'),
  undici: process.moduleLoadList.some((name) => name.includes('internal/deps/undici')),
  built: typeof client.send === 'function',
}) + '\\n');`;
}

async function coldProbe(format: 'cjs' | 'esm', entry: string, control = ''): Promise<ColdProbe> {
  const flags = format === 'esm' ? ['--input-type=module'] : [];
  const log = join(tmpdir(), `import-cost-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    const { stdout } = await run(
      process.execPath,
      [...flags, '-e', coldScript(format, entry, control)],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AWS_REGION: 'us-east-1',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          PROBE_RESOLVED: log,
        },
      },
    );
    // The probe ends its line: what a control run prints after it (late on a loaded machine) starts the next.
    const line = stdout.split('\n').find((text) => text.startsWith('PROBE ')) ?? '';
    return JSON.parse(line.slice('PROBE '.length)) as ColdProbe;
  } finally {
    rmSync(log, { force: true });
  }
}

const nodeMajor = Number(process.versions.node.split('.')[0]);

describe.each(['cjs', 'esm'] as const)(
  'importing an entry point (%s) and building a client',
  (format) => {
    it.each(ENTRY_POINTS)(
      'loads no Powertools, OpenTelemetry, role credential code or undici from %s',
      async (entry) => {
        // Act
        const result = await coldProbe(format, entry);

        // Assess
        expect(result.built).toBe(true);
        expect(result.loaded).toEqual([]);
        expect(result.esmHttpImport).toBe(false);
        expect(result.undici).toBe(false);
      },
    );
  },
);

it('sees each of them in control runs that load them', async () => {
  // Prepare: a warning and a publish load Powertools Logger and Metrics; the rest are imported
  const loadEverything = `
const root = await import('aws-client-cache');
root.createClientCache({ tracer: {} });
root.publishClientCacheMetrics();
await import('@aws-sdk/credential-providers');
await import('@opentelemetry/api');
await import('node:http');
await new Promise((resolve) => setTimeout(resolve, 200));`;

  // Act
  const [imported, required] = await Promise.all([
    coldProbe('esm', 'aws-client-cache/s3', loadEverything),
    coldProbe(
      'cjs',
      'aws-client-cache/s3',
      "require('aws-client-cache').publishClientCacheMetrics();",
    ),
  ]);

  // Assess
  const seen = (pattern: RegExp, paths: string[]) => paths.some((path) => pattern.test(path));
  expect(seen(/@aws-lambda-powertools[\\/]logger/, imported.loaded)).toBe(true);
  expect(seen(/@aws-lambda-powertools[\\/]metrics/, imported.loaded)).toBe(true);
  expect(seen(/@aws-sdk[\\/]credential-providers/, imported.loaded)).toBe(true);
  expect(seen(/@opentelemetry[\\/]api/, imported.loaded)).toBe(true);
  expect(imported.esmHttpImport).toBe(true);
  // Only Node 22 and later load undici for an ESM import of node:http.
  expect(imported.undici).toBe(nodeMajor >= 22);
  expect(seen(/@aws-lambda-powertools[\\/]metrics/, required.loaded)).toBe(true);
});

it('sees the tracing adapters load when a cache is given a tracer, in both module formats', async () => {
  // Prepare: a tracer of OpenTelemetry's shape; CommonJS requires its adapter in the call, the ESM
  // build imports it in the background
  const tracer = '{ tracer: { startSpan() {}, startActiveSpan() {} } }';
  const imported = `
(await import('aws-client-cache')).createClientCache(${tracer});
await new Promise((resolve) => setTimeout(resolve, 200));`;
  const required = `require('aws-client-cache').createClientCache(${tracer});`;

  // Act
  const [esm, cjs] = await Promise.all([
    coldProbe('esm', 'aws-client-cache/s3', imported),
    coldProbe('cjs', 'aws-client-cache/s3', required),
  ]);

  // Assess
  expect(esm.loaded.some((path) => ADAPTERS.test(path))).toBe(true);
  expect(cjs.loaded.some((path) => ADAPTERS.test(path))).toBe(true);
});

it.each(['cjs', 'esm'] as const)(
  'instruments a client built before the tracing adapter arrived (%s)',
  async (format) => {
    // Prepare: a Powertools-shaped tracer that records what it instruments; the getter runs
    // in the same synchronous stretch as the cache's construction, before an ESM import can land
    const load = (entry: string) =>
      format === 'cjs' ? `require('${entry}')` : `(await import('${entry}'))`;
    const script = `
const { createClientCache } = ${load('aws-client-cache')};
const { S3Service } = ${load('aws-client-cache/s3')};
const captured = [];
const tracer = {
  getSegment: () => undefined,
  isTracingEnabled: () => true,
  captureAWSv3Client: (client) => { captured.push(client); return client; },
};
const client = createClientCache({ tracer }).get(S3Service, { region: 'eu-west-1' });
const atBuild = captured.length;
setTimeout(() => process.stdout.write(JSON.stringify({
  atBuild,
  later: captured.length,
  same: captured[0] === client,
})), 200);`;
    const flags = format === 'esm' ? ['--input-type=module'] : [];

    // Act
    const { stdout } = await run(process.execPath, [...flags, '-e', script], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    const result = JSON.parse(stdout) as { atBuild: number; later: number; same: boolean };

    // Assess: CommonJS instruments in the call; ESM once the adapter arrives, exactly once
    expect(result.atBuild).toBe(format === 'cjs' ? 1 : 0);
    expect(result.later).toBe(1);
    expect(result.same).toBe(true);
  },
);
