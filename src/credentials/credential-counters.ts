/** Process-wide counts of credential fetches made by the cache (first ones included). */
export const credentialCounters = {
  credentialRefreshes: 0,
  credentialRefreshFailures: 0,
};
