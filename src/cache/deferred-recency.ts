import type { LruMap } from '../collections/lru-map.js';

/** What the store keeps per entry so a hit can be recorded without an LRU update. */
export interface RecencyMark {
  readonly key: string;
  /** The order of this entry's last use among all uses; larger is more recent. */
  usedAt: number;
  /** True while the entry waits in the list of uses the LRU has not been told about. */
  pending: boolean;
}

/**
 * A hit records its use here (a counter and a flag) instead of moving the
 * entry to the end of the LRU's order; before anything can observe the
 * order (storing an entry, which may evict, and listing keys), `apply`
 * replays the recorded uses, oldest first, as `get`s. The LRU then holds
 * exactly the order it would have held had every hit been a `get`, so
 * eviction is unchanged: this is a cache of the LRU's bookkeeping, not a
 * second rule. Each entry is listed once however often it is used, so the
 * list never holds more than the entries stored since the last `apply`.
 */
export class DeferredRecency<Entry extends RecencyMark> {
  #uses = 0;
  #pending: Entry[] = [];

  touch(entry: Entry): void {
    entry.usedAt = ++this.#uses;
    if (!entry.pending) {
      entry.pending = true;
      this.#pending.push(entry);
    }
  }

  /** Replays the recorded uses on `lru`, oldest first; entries it no longer holds are skipped. */
  apply(lru: LruMap<string, Entry>): void {
    const pending = this.#pending;
    if (pending.length === 0) return;
    this.#pending = [];
    pending.sort((left, right) => left.usedAt - right.usedAt);
    for (const entry of pending) {
      entry.pending = false;
      if (lru.peek(entry.key) === entry) lru.get(entry.key);
    }
  }

  /** Forgets every recorded use: the entries are gone. */
  clear(): void {
    for (const entry of this.#pending) entry.pending = false;
    this.#pending = [];
  }
}
