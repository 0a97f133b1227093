type Level<Next> = Map<string | undefined, Next>;

/** The fields of a "simple" config, the shape nearly every handler passes. */
export interface SimpleConfigPath {
  readonly clientType: string;
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
  readonly #root: Level<Level<Level<Entry>>> = new Map();
  // The last service asked for and its level: a handler calls one getter
  // many times in a row, so a lookup is usually two, region then role.
  #lastType: string | undefined;
  #lastByRegion: Level<Level<Entry>> | undefined;

  find(
    clientType: string,
    region: string | undefined,
    roleArn: string | undefined,
  ): Entry | undefined {
    let byRegion = this.#lastByRegion;
    if (byRegion === undefined || clientType !== this.#lastType) {
      byRegion = this.#root.get(clientType);
      if (byRegion === undefined) return undefined;
      this.#lastType = clientType;
      this.#lastByRegion = byRegion;
    }
    return byRegion.get(region)?.get(roleArn);
  }

  add({ clientType, region, roleArn }: SimpleConfigPath, entry: Entry): void {
    const byRegion = this.#child(this.#root, clientType);
    this.#child(byRegion, region).set(roleArn, entry);
  }

  /** Removes `entry`; a newer entry on the same path stays. */
  remove({ clientType, region, roleArn }: SimpleConfigPath, entry: Entry): void {
    const byRegion = this.#root.get(clientType);
    const byRole = byRegion?.get(region);
    if (byRegion === undefined || byRole === undefined || byRole.get(roleArn) !== entry) return;
    byRole.delete(roleArn);
    // Prune empty levels, so the index never outgrows the cache.
    if (byRole.size === 0) byRegion.delete(region);
    if (byRegion.size === 0) {
      this.#root.delete(clientType);
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

  #child<Next extends Map<unknown, unknown>>(
    level: Map<string | undefined, Next>,
    field: string | undefined,
  ): Next {
    let next = level.get(field);
    if (next === undefined) {
      next = new Map() as Next;
      level.set(field, next);
    }
    return next;
  }
}
