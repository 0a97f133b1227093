/**
 * Covers when the package's own tracing adapters load: a cache given a
 * tracer loads them in both module formats (CommonJS requires its adapter in
 * the call, the ESM build imports it in the background), and a client built
 * before the ESM adapter arrived is still instrumented, exactly once. Runs
 * the built package in a fresh Node process, as a user would.
 * (import-cost-roleless-client.test.ts covers that nothing loads them
 * without a tracer.)
 */
import { childEnv, ROOT, run, useBuiltPackage } from '../../support/built-package.js';
import { coldProbe } from '../../support/cold-import-probe.js';

const ADAPTERS =
  /[\\/]dist[\\/](esm[\\/]chunks[\\/]tracing-adapters-|cjs[\\/]observability[\\/]otel-span\.)/;

useBuiltPackage();

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
      env: childEnv(),
    });
    const result = JSON.parse(stdout) as { atBuild: number; later: number; same: boolean };

    // Assess: CommonJS instruments in the call; ESM once the adapter arrives, exactly once
    expect(result.atBuild).toBe(format === 'cjs' ? 1 : 0);
    expect(result.later).toBe(1);
    expect(result.same).toBe(true);
  },
);
