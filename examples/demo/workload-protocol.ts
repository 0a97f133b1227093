/** The modes, in the order the demo prints them. */
export const DEMO_MODES = ['naive', 'singleton', 'cache'] as const;
export type DemoMode = (typeof DEMO_MODES)[number];

/** What the demo asks a workload process to do. */
export type WorkloadCommand =
  /** Run leases `from` to `to - 1`, `concurrency` at a time. */
  | {
      readonly type: 'run';
      readonly from: number;
      readonly to: number;
      readonly concurrency: number;
    }
  /** Report the totals and exit. */
  | { readonly type: 'finish' };

/** What a workload process tells the demo. */
export type WorkloadMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly done: number }
  | {
      readonly type: 'batch';
      /** One per invocation of the batch, in completion order. */
      readonly latenciesMs: readonly number[];
      readonly errors: number;
      readonly firstError: string | undefined;
    }
  | {
      readonly type: 'totals';
      /** Distinct SDK clients that sent at least one request. */
      readonly sdkClients: number;
      /** Cache mode only. */
      readonly cacheHits: number | undefined;
      readonly cacheMisses: number | undefined;
    };
