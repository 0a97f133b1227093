/**
 * P6: cold start. Fresh processes, alternately importing the cache's S3
 * entry point and building the first client, or importing the SDK's S3
 * client and constructing it. Runs the built package (`npm run build`).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, spread } from './timing.js';

const child = fileURLToPath(new URL('./cold-start-child.mjs', import.meta.url));

function coldStartMs(variant: 'cache' | 'sdk'): number {
  const output = execFileSync(process.execPath, [child, variant], {
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return Number(output.trim());
}

export interface ColdStartResult {
  readonly cacheMs: number;
  readonly sdkMs: number;
  readonly ratioSpread: string;
}

export function measureColdStart(rounds: number): ColdStartResult {
  const cache: number[] = [];
  const sdk: number[] = [];
  coldStartMs('sdk'); // the first spawn warms the OS file cache for both
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      cache.push(coldStartMs('cache'));
      sdk.push(coldStartMs('sdk'));
    } else {
      sdk.push(coldStartMs('sdk'));
      cache.push(coldStartMs('cache'));
    }
  }
  return {
    cacheMs: median(cache),
    sdkMs: median(sdk),
    ratioSpread: spread(cache.map((ms, i) => ms / (sdk[i] ?? ms))),
  };
}
