type Level<Next> = Map<string | undefined, Next>;

/**
 * What finds the entry of a "simple" config, the shape nearly every handler
 * passes: the service object that built it (by identity, so only that
 * service's calls find it: another object naming the same type takes the
 * checked path), then the config's two fields.
 */
export interface SimpleConfigPath {
  readonly service: object;
  readonly region: string | undefined;
  readonly roleArn: string | undefined;
}

/**
 * Finds the entry of a simple config (`region` and `roleArn` at most)
 * without building its key. Handlers pass a fresh `{ region, roleArn }`
 * literal per call, and a freshly concatenated key string must be flattened
 * and hashed before every map lookup, where the field strings already carry
 * their hash: nested lookups on them beat one on a new string
 * (BENCHMARKS.md, P4). Entries leave with their client.
 */
export class HitIndex<Entry> {
  readonly #root = new Map<unknown, Level<Level<Entry>>>();
  // The last service asked for and its level: a handler calls one getter
  // many times in a row, so a lookup is usually two, region then role.
  #lastService: unknown;
  #lastByRegion: Level<Level<Entry>> | undefined;

  find(
    service: unknown,
    region: string | undefined,
    roleArn: string | undefined,
  ): Entry | undefined {
    let byRegion = this.#lastByRegion;
    if (byRegion === undefined || service !== this.#lastService) {
      byRegion = this.#root.get(service);
      if (byRegion === undefined) return undefined;
      this.#lastService = service;
      this.#lastByRegion = byRegion;
    }
    return byRegion.get(region)?.get(roleArn);
  }

  add({ service, region, roleArn }: SimpleConfigPath, entry: Entry): void {
    const byRegion = this.#child(this.#root, service);
    this.#child(byRegion, region).set(roleArn, entry);
  }

  /** Removes `entry`; a newer entry on the same path stays. */
  remove({ service, region, roleArn }: SimpleConfigPath, entry: Entry): void {
    const byRegion = this.#root.get(service);
    const byRole = byRegion?.get(region);
    if (byRegion === undefined || byRole === undefined || byRole.get(roleArn) !== entry) return;
    byRole.delete(roleArn);
    // Prune empty levels, so the index never outgrows the cache.
    if (byRole.size === 0) byRegion.delete(region);
    if (byRegion.size === 0) {
      this.#root.delete(service);
      // A later `add` for this type builds a new level: the memo must not keep the old one.
      if (this.#lastByRegion === byRegion) this.#lastByRegion = undefined;
    }
  }

  /** Number of entries indexed; never more than the cache holds. */
  get size(): number {
    let size = 0;
    for (const byRegion of this.#root.values()) {
      for (const byRole of byRegion.values()) size += byRole.size;
    }
    return size;
  }

  #child<Next extends Map<unknown, unknown>>(level: Map<unknown, Next>, field: unknown): Next {
    let next = level.get(field);
    if (next === undefined) {
      next = new Map() as Next;
      level.set(field, next);
    }
    return next;
  }
}
