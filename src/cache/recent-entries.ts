import type { SimpleConfigPath } from './hit-index.js';

/** How many entries the shortcut remembers: a handler's clients, alternated, seldom exceed it. */
const SLOTS = 4;

/**
 * The last few entries found for simple configs, checked before the hit
 * index. A handler asks for the same few clients over and over (one per
 * role or region it alternates between); comparing the config's three
 * fields with a remembered entry's is cheaper than hashing into the index.
 * Only entries the index would have found are remembered, and the store
 * forgets them all whenever any entry leaves, so a find here returns what
 * the index would.
 */
export class RecentEntries<Entry extends { readonly simplePath?: SimpleConfigPath }> {
  readonly #slots: (Entry | undefined)[] = new Array(SLOTS).fill(undefined);
  #next = 0;

  find(clientType: string, region: unknown, roleArn: unknown): Entry | undefined {
    for (let slot = 0; slot < SLOTS; slot++) {
      const entry = this.#slots[slot];
      const path = entry?.simplePath;
      if (
        path !== undefined &&
        roleArn === path.roleArn &&
        region === path.region &&
        clientType === path.clientType
      ) {
        return entry;
      }
    }
    return undefined;
  }

  /** Remembers an indexed entry in place of the one remembered longest. */
  remember(entry: Entry): void {
    this.#slots[this.#next] = entry;
    this.#next = (this.#next + 1) % SLOTS;
  }

  forget(): void {
    this.#slots.fill(undefined);
  }
}
