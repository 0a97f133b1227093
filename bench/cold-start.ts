/**
 * P6: cold start. Fresh processes, alternately importing the cache's S3
 * entry point and building the first client, or importing the SDK's S3
 * client and constructing it; once from node_modules (the built package),
 * once from esbuild bundles as CDK's NodejsFunction deploys a handler.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { roundSpread } from '../demo/compare-timings.js';
import { median, spread } from './timing.js';

const child = fileURLToPath(new URL('./cold-start-child.mjs', import.meta.url));
type Variant = 'cache' | 'sdk';

const ENTRIES: Record<Variant, string> = {
  cache: `import { getS3Client } from 'aws-client-cache/s3';
export const client = getS3Client({ region: 'us-east-1' });`,
  sdk: `import { S3Client } from '@aws-sdk/client-s3';
export const client = new S3Client({ region: 'us-east-1' });`,
};

/**
 * Writes each variant's handler module into .tmp/cold-start/ (inside the
 * package, so `aws-client-cache` resolves to the build through its exports
 * map), and an esbuild bundle of it, Powertools left external (preloaded).
 */
async function prepare(): Promise<Record<'unbundled' | 'bundled', Record<Variant, string>>> {
  const dir = resolve('.tmp/cold-start');
  mkdirSync(dir, { recursive: true });
  const unbundled = {} as Record<Variant, string>;
  const bundled = {} as Record<Variant, string>;
  for (const variant of ['cache', 'sdk'] as const) {
    const entry = join(dir, `${variant}-entry.mjs`);
    writeFileSync(entry, ENTRIES[variant]);
    unbundled[variant] = pathToFileURL(entry).href;
    const outfile = join(dir, `${variant}.mjs`);
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      tsconfigRaw: '{}',
      external: ['@aws-lambda-powertools/*'],
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
      logLevel: 'error',
    });
    bundled[variant] = pathToFileURL(outfile).href;
  }
  return { unbundled, bundled };
}

function coldStartMs(handlerModule: string): number {
  const output = execFileSync(process.execPath, [child, handlerModule], {
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return Number(output.trim());
}

export interface ColdStartResult {
  readonly cacheMs: number;
  readonly sdkMs: number;
  readonly ratioSpread: string;
  /** The spread of the cache / sdk ratios across rounds, as a fraction (`roundSpread`). */
  readonly ratioNoise: number;
}

function measure(rounds: number, handlers: Record<Variant, string>): ColdStartResult {
  const times: Record<Variant, number[]> = { cache: [], sdk: [] };
  // The first spawns warm the OS file cache for both.
  coldStartMs(handlers.sdk);
  coldStartMs(handlers.cache);
  for (let round = 0; round < rounds; round++) {
    const order: Variant[] = round % 2 === 0 ? ['cache', 'sdk'] : ['sdk', 'cache'];
    for (const variant of order) times[variant].push(coldStartMs(handlers[variant]));
  }
  return {
    cacheMs: median(times.cache),
    sdkMs: median(times.sdk),
    ratioSpread: spread(times.cache.map((ms, i) => ms / (times.sdk[i] ?? ms))),
    ratioNoise: roundSpread(times.cache.map((ms, i) => ms / (times.sdk[i] ?? ms))),
  };
}

export async function measureColdStart(
  rounds: number,
): Promise<{ unbundled: ColdStartResult; bundled: ColdStartResult }> {
  const handlers = await prepare();
  return {
    unbundled: measure(rounds, handlers.unbundled),
    bundled: measure(rounds, handlers.bundled),
  };
}
