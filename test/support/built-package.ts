import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** The repository root: its `dist/` is what a user's `require` or `import` of the package loads. */
export const ROOT = resolve(__dirname, '../..');

/** Runs a program to its end and gives its output. */
export const run = promisify(execFile);

/**
 * The env of a fresh Node process that imports the built package: only what
 * Node and the SDK need, so nothing of the test's own env changes what loads.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
}

/** Builds the package before the file's tests when dist/ is missing. */
export function useBuiltPackage(): void {
  beforeAll(() => {
    // `npm test` builds first; build here only when run on a fresh checkout.
    if (
      !existsSync(join(ROOT, 'dist/cjs/index.js')) ||
      !existsSync(join(ROOT, 'dist/esm/index.js'))
    ) {
      execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    }
  }, 120_000);
}
