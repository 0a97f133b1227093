/**
 * Covers the ESM build's deferred tracing with a tracer that throws: a
 * client built before the tracing adapter arrived is instrumented in the
 * promise callback that delivers the adapter, where a throw from
 * `captureAWSv3Client` would be an unhandled rejection, which ends a Node
 * process. The process lives on, and the client built meanwhile stays cached.
 * Runs the built package in a fresh Node process, as a user would.
 */
import { childEnv, ROOT, run, useBuiltPackage } from '../../support/built-package.js';

useBuiltPackage();

it('outlives a tracer whose captureAWSv3Client throws when the ESM adapter arrives', async () => {
  // Prepare: the getter runs in the same synchronous stretch as the cache's construction,
  // before the ESM import of the adapter can land
  const script = `
const { createClientCache } = await import('aws-client-cache');
const { S3Service } = await import('aws-client-cache/s3');
let calls = 0;
const tracer = {
  getSegment: () => undefined,
  isTracingEnabled: () => true,
  captureAWSv3Client: () => { calls++; throw new Error('captureAWSv3Client failed'); },
};
const cache = createClientCache({ tracer });
const client = cache.get(S3Service, { region: 'eu-west-1' });
setTimeout(() => process.stdout.write(JSON.stringify({
  calls,
  same: cache.get(S3Service, { region: 'eu-west-1' }) === client,
})), 200);`;

  // Act
  const outcome = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    env: childEnv(),
  }).then(
    ({ stdout }) => ({ exited: 0, stdout }),
    (error: { code?: number; stderr?: string }) => ({ exited: error.code, stdout: error.stderr }),
  );

  // Assess
  expect(outcome).toEqual({ exited: 0, stdout: JSON.stringify({ calls: 1, same: true }) });
});
