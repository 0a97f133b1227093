/**
 * Covers the built package as a user consumes it: by name, through the
 * `exports` map, from ESM and from CommonJS, with types; and the bundle a
 * handler importing only `getS3Client` gets from esbuild (as CDK's
 * `NodejsFunction` builds it), which must carry none of the other clients.
 * `npm test` builds first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(__dirname, '../../..');
const run = (args: string[]): string =>
  execFileSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, AWS_REGION: 'us-east-1' },
  });

describe('the built package', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist/esm/index.js'))) throw new Error('run `npm run build` first');
  });

  it('serves the same cached client by name from ESM', () => {
    // Act
    const output = run([
      '--input-type=module',
      '-e',
      `import { getS3Client, getClientCacheStats } from 'aws-client-cache/all';
       import { getS3Client as fromEntry } from 'aws-client-cache/s3';
       const same = getS3Client() === getS3Client() && fromEntry() === getS3Client();
       console.log(JSON.stringify({ same, misses: getClientCacheStats().misses }));`,
    ]);

    // Assess
    expect(JSON.parse(output)).toEqual({ same: true, misses: 1 });
  });

  it('serves the same cached client by name from CommonJS', () => {
    // Act
    const output = run([
      '-e',
      `const { getLambdaClient, generateCacheKey } = require('aws-client-cache/all');
       console.log(JSON.stringify({ same: getLambdaClient() === getLambdaClient(), key: generateCacheKey('S3', {}) }));`,
    ]);

    // Assess
    expect(JSON.parse(output)).toEqual({ same: true, key: 'S3:default:none:none' });
  });

  it('ships type declarations for every entry point', () => {
    // Prepare
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      exports: Record<string, string | { import: { types: string }; require: { types: string } }>;
    };

    // Act
    const declarations = Object.values(manifest.exports).flatMap((entry) =>
      typeof entry === 'string' ? [] : [entry.import.types, entry.require.types],
    );

    // Assess
    expect(declarations.length).toBeGreaterThanOrEqual(12);
    for (const file of declarations) expect(existsSync(join(root, file))).toBe(true);
  });

  it('bundles a getS3Client-only handler without the other four SDK clients', async () => {
    // Prepare
    // Inside the package, so `aws-client-cache` resolves to itself through its exports map.
    mkdirSync(join(root, '.tmp'), { recursive: true });
    const dir = mkdtempSync(join(root, '.tmp', 'bundle-'));
    const entry = join(dir, 'handler.mjs');
    writeFileSync(
      entry,
      `import { getS3Client } from 'aws-client-cache/s3';
       export const handler = async () => getS3Client().config.serviceId;`,
    );

    // Act
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      write: false,
      metafile: true,
      absWorkingDir: root,
      // The built package, not the source that tsconfig.json's paths point at in development.
      tsconfigRaw: '{}',
      external: ['@aws-lambda-powertools/*'],
      logLevel: 'silent',
    });

    // Assess
    rmSync(dir, { recursive: true, force: true });
    // The package says it has no side effects, so a bare chunk import in dist/ is a warning in every
    // user's build (ignored-bare-import); the build drops the redundant ones.
    expect(result.warnings.map(({ text }) => text)).toEqual([]);
    // What the bundle contains: files with bytes in the output, not every file esbuild parsed.
    const [output] = Object.values(result.metafile.outputs);
    const inputs = Object.entries(output?.inputs ?? {})
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([input]) => input);
    expect(inputs.some((input) => input.includes('@aws-sdk/client-s3/'))).toBe(true);
    for (const other of [
      'client-eventbridge',
      'client-lambda',
      'client-cost-explorer',
      'client-sts',
    ]) {
      expect(inputs.filter((input) => input.includes(`@aws-sdk/${other}/`))).toEqual([]);
    }
  });
});
