/** Why a credential set is being fetched. */
export const RefreshMode = {
  Initial: 'initial',
  Advisory: 'advisory',
  Mandatory: 'mandatory',
} as const;
export type RefreshMode = (typeof RefreshMode)[keyof typeof RefreshMode];

export interface RefreshOutcome {
  /** Safe to log: a role ARN or a profile name, never a secret. */
  readonly source: string;
  readonly mode: RefreshMode;
  readonly error?: unknown;
  /** On a failure: whether callers keep the current credentials (still usable) meanwhile. */
  readonly keptCurrentCredentials?: boolean;
}

/** What a credential set tells the observers around each fetch. */
export interface RefreshHooks {
  wrapRefresh?<Result>(
    source: string,
    mode: RefreshMode,
    run: () => Promise<Result>,
  ): Promise<Result>;
  onRefresh?(outcome: RefreshOutcome): void;
}
