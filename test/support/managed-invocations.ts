/**
 * Lambda Managed Instances in one thread, for unit tests: with
 * `AWS_LAMBDA_MAX_CONCURRENCY` set, each invocation runs inside its own
 * InvokeStore context, as the runtime runs them, so Powertools keeps one
 * metrics store per invocation on a shared `Metrics` instance (its
 * `InvocationScoped` storage). Gates let a test choose the interleaving.
 */
import type * as InvokeStoreModule from '@aws/lambda-invoke-store';
import { setEnv } from './env.js';
import { loadAsCommonJs } from './load-as-commonjs.js';

// The package's own code; loaded so, its dynamic `import('node:async_hooks')` runs under jest.
const { InvokeStore, InvokeStoreBase } = loadAsCommonJs<typeof InvokeStoreModule>(
  require.resolve('@aws/lambda-invoke-store'),
);

/**
 * Turns on multi-concurrency for the current test (env restored by
 * `isolateEnv`) and returns a runner of invocations, each in its own context.
 * Call before building the cache: it reads the variable when built.
 */
export async function managedInstance(maxConcurrency = 8) {
  setEnv({ AWS_LAMBDA_MAX_CONCURRENCY: String(maxConcurrency) });
  // It installs itself as `globalThis.awslambda.InvokeStore`, where Powertools looks for it.
  const store = await InvokeStore.getInstanceAsync(true);
  const requestIdKey = InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID;
  return {
    /** Runs `handler` as the invocation `requestId`, inside its own context. */
    invoke<Result>(requestId: string, handler: () => Promise<Result>): Promise<Result> {
      return store.run({ [requestIdKey]: requestId }, handler);
    },
  };
}

/** A promise a test resolves when it chooses: an await point whose order the test sets. */
export class Gate {
  readonly opened: Promise<void>;
  #open: () => void = () => undefined;

  constructor() {
    this.opened = new Promise((resolve) => {
      this.#open = resolve;
    });
  }

  open(): void {
    this.#open();
  }
}
