import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { ClientCacheError } from '../errors.js';

/** Set to `true` by `tools/scripts/build-esm.mjs` (esbuild `define`); undeclared elsewhere. */
declare const CLIENT_CACHE_ESM_BUILD: boolean | undefined;

/**
 * True where `require` loads synchronously: CommonJS (tsc's build, jest). Not
 * in the ESM build (where esbuild would turn `require` into a shim that
 * throws) nor in source run as ESM (tsx).
 */
const synchronous = (): boolean =>
  typeof CLIENT_CACHE_ESM_BUILD === 'undefined' && typeof require === 'function';

/** A module now, or the promise of it the first time an ESM build asks. */
export type Loaded<Module> = Module | Promise<Module>;

/**
 * A Powertools package loaded on first need, never at import: most handlers
 * never log through the cache and many never publish its metrics, and each
 * package costs milliseconds of cold start. CommonJS (tsc's build, a CommonJS
 * bundle, jest) requires it synchronously, so the first line is written in
 * the call that made it. ESM cannot load synchronously: it imports (bundlers
 * follow the literal), the caller keeps what it has until the module
 * arrives, and from then on every call gets it synchronously.
 */
export class LazyModule<Module> {
  readonly #required: () => Module;
  readonly #imported: () => Promise<Module>;
  #loaded: Loaded<Module> | undefined;

  constructor(required: () => Module, imported: () => Promise<Module>) {
    this.#required = required;
    this.#imported = imported;
  }

  get(): Loaded<Module> {
    if (this.#loaded !== undefined) return this.#loaded;
    if (synchronous()) {
      this.#loaded = this.#required();
      return this.#loaded;
    }
    this.#loaded = this.#imported().then(
      (module) => {
        this.#loaded = module;
        return module;
      },
      (error: unknown) => {
        // The next caller tries again.
        this.#loaded = undefined;
        throw error;
      },
    );
    return this.#loaded;
  }

  /** Starts an ESM import in the background, for a caller sure to need it soon; a no-op in CommonJS. */
  prefetch(): void {
    if (synchronous() || this.#loaded !== undefined) return;
    Promise.resolve(this.get()).catch(() => {});
  }
}

/**
 * Stands in for a `require` thunk in the ESM build, which never requires
 * (`synchronous()` is false there): naming no `require` in it spares every
 * import of the package esbuild's `require` shim, a file of its own in the
 * split build.
 */
export const notInEsmBuild = (): never => {
  throw new ClientCacheError('require is not used in the ESM build');
};

// Module-level memos of what Node's module cache holds anyway; the string
// literals stay visible to bundlers on both paths.
export const powertoolsLogger = new LazyModule<{ Logger: new () => Logger }>(
  typeof CLIENT_CACHE_ESM_BUILD === 'undefined'
    ? () => require('@aws-lambda-powertools/logger')
    : notInEsmBuild,
  () => import('@aws-lambda-powertools/logger'),
);

export const powertoolsMetrics = new LazyModule<{ Metrics: new () => Metrics }>(
  typeof CLIENT_CACHE_ESM_BUILD === 'undefined'
    ? () => require('@aws-lambda-powertools/metrics')
    : notInEsmBuild,
  () => import('@aws-lambda-powertools/metrics'),
);
