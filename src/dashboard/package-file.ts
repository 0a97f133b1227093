import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClientCacheError } from '../errors.js';

/**
 * A file that ships in the package (`dashboards/…`), compacted JSON. The package root is the
 * nearest directory above this module holding the file: `src/` under tsx and jest, `dist/esm/`
 * and `dist/cjs/` once built. Neither `__dirname` (CJS only) nor `import.meta.url` (ESM only)
 * compiles in both builds, but V8's call sites name this file in both, as a path or a `file:` URL.
 */
export function readPackageJson(relativePath: string): string {
  const text = readFileSync(join(findPackageRoot(relativePath), relativePath), 'utf8');
  return JSON.stringify(JSON.parse(text));
}

function findPackageRoot(relativePath: string): string {
  const start = dirname(thisModuleFile());
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, relativePath))) return directory;
    if (dirname(directory) === directory) {
      throw new ClientCacheError(
        `Cannot find ${relativePath} in any directory above ${start}; it ships in the ` +
          'aws-client-cache package, so load this module from the installed package, not a bundle',
      );
    }
  }
}

function thisModuleFile(): string {
  const { prepareStackTrace, stackTraceLimit } = Error;
  try {
    Error.prepareStackTrace = (_error, callSites) => callSites;
    Error.stackTraceLimit = 1;
    const callSites = new Error().stack as unknown as NodeJS.CallSite[] | undefined;
    const file = callSites?.[0]?.getFileName();
    if (file === undefined || file === null)
      throw new ClientCacheError('Cannot tell where this module lives');
    return file.startsWith('file:') ? fileURLToPath(file) : file;
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
}
