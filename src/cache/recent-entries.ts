import type { SimpleConfigPath } from './hit-index.js';

/**
 * The last two entries found for simple configs, checked before the hit
 * index. A handler asks for the same client over and over, or alternates
 * between two (two roles, two regions); comparing the config's three
 * fields (service, region, role) with a remembered entry's is cheaper than
 * hashing into the index.
 * Only entries the index would have found are remembered, and the store
 * forgets them all whenever any entry leaves, so a find here returns what
 * the index would.
 */
export class RecentEntries<Entry extends { readonly simplePath?: SimpleConfigPath }> {
  // Each slot's fields held apart, not as an array of paths: a hit compares
  // three fields of this object (the service by identity), with no array or
  // path object to load first.
  #first: Entry | undefined;
  #firstService: unknown;
  #firstRegion: string | undefined;
  #firstRole: string | undefined;
  #second: Entry | undefined;
  #secondService: unknown;
  #secondRegion: string | undefined;
  #secondRole: string | undefined;

  find(service: unknown, region: unknown, roleArn: unknown): Entry | undefined {
    if (
      roleArn === this.#firstRole &&
      region === this.#firstRegion &&
      service === this.#firstService
    ) {
      return this.#first;
    }
    if (
      roleArn === this.#secondRole &&
      region === this.#secondRegion &&
      service === this.#secondService
    ) {
      return this.#second;
    }
    return undefined;
  }

  /** Remembers an indexed entry first, keeping the previous first as the second. */
  remember(entry: Entry): void {
    const path = entry.simplePath;
    if (path === undefined) return;
    this.#second = this.#first;
    this.#secondService = this.#firstService;
    this.#secondRegion = this.#firstRegion;
    this.#secondRole = this.#firstRole;
    this.#first = entry;
    this.#firstService = path.service;
    this.#firstRegion = path.region;
    this.#firstRole = path.roleArn;
  }

  forget(): void {
    this.#first = this.#second = undefined;
    this.#firstService = this.#secondService = undefined;
    this.#firstRegion = this.#secondRegion = undefined;
    this.#firstRole = this.#secondRole = undefined;
  }
}
