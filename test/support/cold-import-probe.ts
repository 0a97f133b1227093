import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, ROOT, run } from './built-package.js';

/**
 * What a handler that builds a roleless client, logs nothing, publishes
 * nothing and passes no tracer must not load, the package's own tracing
 * adapters included (`tracing-adapters` is their file in the ESM build,
 * `trace-subsegment` and `otel-span` theirs in the CommonJS one).
 */
const UNNEEDED =
  /@aws-lambda-powertools[\\/](logger|metrics|tracer)|aws-xray-sdk-core|@opentelemetry[\\/]|@aws-sdk[\\/](credential-providers|nested-clients)[\\/]|[\\/]dist[\\/](esm[\\/]chunks[\\/]tracing-adapters-|cjs[\\/]observability[\\/](trace-subsegment|otel-span|tracing-adapters)\.)/;

/** What a fresh Node process saw after importing an entry point and building an S3 client. */
export interface ColdProbe {
  /** Package modules loaded, from `require.cache` and from an ESM resolve hook. */
  readonly loaded: string[];
  /** `node:http` reached through an ESM import (what loads undici on Node 22). */
  readonly esmHttpImport: boolean;
  /**
   * `@smithy/node-http-handler` (CommonJS) reached through an ESM import,
   * which on Node 22 costs a cold start about a tenth of its CPU.
   */
  readonly esmHandlerImport: boolean;
  /** Node's internal undici was loaded (visible on Node 22 and later). */
  readonly undici: boolean;
  /** `perf_hooks` was loaded: what the first read of the `performance` global costs. */
  readonly perfHooks: boolean;
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
  // Both formats record what the ESM loader resolves: the CommonJS build must not reach
  // `node:http` or the handler through an `import()` either. A CommonJS script runs in an async
  // function, so a control can await what it imports.
  const register = `register(${JSON.stringify(RESOLVE_HOOK)});`;
  const [head, tail] =
    format === 'cjs'
      ? [
          `const { register } = require('node:module');\n${register}\n(async () => {\nconst pkg = require('${entry}');`,
          '})();',
        ]
      : [
          "import { createRequire, register } from 'node:module';\n" +
            `${register}\n` +
            "const require = createRequire(process.cwd() + '/');\n" +
            `const pkg = await import('${entry}');`,
          '',
        ];
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
  esmHandlerImport: resolved.some((url) => /@smithy[\\/]node-http-handler[\\/]/.test(url)),
  undici: process.moduleLoadList.some((name) => name.includes('internal/deps/undici')),
  perfHooks: process.moduleLoadList.includes('NativeModule perf_hooks'),
  built: typeof client.send === 'function',
}) + '\\n');
${tail}`;
}

/**
 * Imports `entry` of the built package in a fresh Node process (started
 * with `nodeFlags`), in `format`, builds a roleless S3 client, runs
 * `control` (code that loads more), and reports which of the unneeded
 * modules were loaded.
 */
export async function coldProbe(
  format: 'cjs' | 'esm',
  entry: string,
  control = '',
  nodeFlags: readonly string[] = [],
): Promise<ColdProbe> {
  const flags = [...nodeFlags, ...(format === 'esm' ? ['--input-type=module'] : [])];
  const log = join(tmpdir(), `import-cost-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    const { stdout } = await run(
      process.execPath,
      [...flags, '-e', coldScript(format, entry, control)],
      { cwd: ROOT, env: childEnv({ AWS_REGION: 'us-east-1', PROBE_RESOLVED: log }) },
    );
    // The probe ends its line: what a control run prints after it (late on a loaded machine) starts the next.
    const line = stdout.split('\n').find((text) => text.startsWith('PROBE ')) ?? '';
    return JSON.parse(line.slice('PROBE '.length)) as ColdProbe;
  } finally {
    rmSync(log, { force: true });
  }
}
