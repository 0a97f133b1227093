/**
 * Keeps `process.env` changes inside one test: `isolateEnv()` snapshots the
 * environment before each test, clears the cache's own variables so a value
 * from the shell cannot leak in, and puts everything back afterwards.
 */
const CACHE_ENV_PREFIX = 'CLIENT_CACHE_';

function restore(saved: Readonly<NodeJS.ProcessEnv>): void {
  for (const name of Object.keys(process.env)) {
    if (!(name in saved)) delete process.env[name];
  }
  for (const [name, value] of Object.entries(saved)) {
    if (value !== undefined) process.env[name] = value;
  }
}

/** Sets (or, for `undefined`, removes) env vars for the current test only. */
export function setEnv(vars: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

/** Registers hooks that save and restore `process.env` around every test of the file. */
export function isolateEnv(): void {
  let saved: Readonly<NodeJS.ProcessEnv> = {};
  beforeEach(() => {
    saved = { ...process.env };
    for (const name of Object.keys(process.env)) {
      if (name.startsWith(CACHE_ENV_PREFIX)) delete process.env[name];
    }
  });
  afterEach(() => {
    restore(saved);
  });
}
