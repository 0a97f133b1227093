/**
 * Covers `#node-http-handler`, the one import the ESM build takes through
 * package.json `imports` (tools/scripts/build-esm.mjs): every file a resolver
 * can pick exists and gives `NodeHttpHandler`, and a tool that traces files
 * from the `default` target (as `@vercel/nft` does, without Node's
 * `node-addons` condition) reaches every other target, so a traced deployment
 * holds the file Node loads. The control shows the reachability check fails
 * for a target nothing names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { childEnv, ROOT, run, useBuiltPackage } from '../../../support/built-package.js';

useBuiltPackage();

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  imports: Record<string, Record<string, string>>;
};
const targets = manifest.imports['#node-http-handler'] ?? {};

/** The files a tracer reaches from `start` through literal relative `import`s and `import()`s. */
function tracedFrom(start: string): Set<string> {
  const seen = new Set<string>();
  const pending = [normalize(start)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const [, specifier] of text.matchAll(/(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      pending.push(normalize(join(dirname(file), specifier ?? '')));
    }
  }
  return seen;
}

describe('#node-http-handler', () => {
  it('maps Node (node-addons) and everything else (default) to files that exist', () => {
    expect(Object.keys(targets)).toEqual(['node-addons', 'default']);
    for (const target of Object.values(targets)) expect(existsSync(join(ROOT, target))).toBe(true);
  });

  it('gives the same NodeHttpHandler the SDK uses through either file', async () => {
    // Act: in a fresh Node process, as an ES module, each file beside the SDK's own `require`
    const urls = Object.values(targets).map((target) => pathToFileURL(join(ROOT, target)).href);
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createRequire } from 'node:module';
const sdk = createRequire(${JSON.stringify(`${ROOT}/`)})('@smithy/node-http-handler').NodeHttpHandler;
const same = [];
for (const url of ${JSON.stringify(urls)}) same.push((await import(url)).NodeHttpHandler === sdk);
process.stdout.write(JSON.stringify(same));`,
      ],
      { cwd: ROOT, env: childEnv() },
    );

    // Assess
    expect(JSON.parse(stdout)).toEqual([true, true]);
  });

  it('names every target in what a file tracer reaches from the default one', () => {
    const traced = tracedFrom(targets.default ?? '');
    for (const target of Object.values(targets)) expect(traced).toContain(normalize(target));
  });

  it('sees a target nothing names (control)', () => {
    const traced = tracedFrom(targets['node-addons'] ?? '');
    expect(traced).not.toContain(normalize(targets.default ?? ''));
  });
});
