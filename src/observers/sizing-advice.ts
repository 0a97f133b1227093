/** What the sizing warning says, field for field as it is logged; built from recorded eviction depths, never guessed. */
export interface SizingAdvice {
  readonly maxEntries: number;
  /** Misses, of the last `misses`, for keys evicted less than `windowSeconds` earlier. */
  readonly evictionMisses: number;
  readonly misses: number;
  readonly windowSeconds: number;
  /** The smallest `maxEntries` under which every one of those misses would have been a hit. */
  readonly recommendedMaxEntries: number;
}
