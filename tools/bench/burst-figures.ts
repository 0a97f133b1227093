/**
 * What a burst of SDK calls came to: how many failed, and how many of those that succeeded took
 * more than one attempt (the SDK retried them). Shared by P8's child and the pool's thaw test.
 */
export function burstFigures(
  results: readonly PromiseSettledResult<{ $metadata: { attempts?: number } }>[],
) {
  return {
    failures: results.filter((result) => result.status === 'rejected').length,
    retried: results.filter(
      (result) => result.status === 'fulfilled' && (result.value.$metadata.attempts ?? 1) > 1,
    ).length,
  };
}
