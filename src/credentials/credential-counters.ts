/** One cache's counts of credential fetches (first ones included) and their failures. */
export interface CredentialCounters {
  credentialRefreshes: number;
  credentialRefreshFailures: number;
}

export function newCredentialCounters(): CredentialCounters {
  return { credentialRefreshes: 0, credentialRefreshFailures: 0 };
}
