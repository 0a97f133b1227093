/**
 * Client creation times since the last publish. Powertools flushes a line
 * whenever one metric reaches 100 values, so a publish carries at most 99:
 * a uniform sample (reservoir sampling) once there are more. The miss count
 * stays exact; only the latency distribution is sampled.
 */
export class CreationSamples {
  static readonly MAX = 99;
  #values: number[] = [];
  #seen = 0;
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  add(milliseconds: number): void {
    this.#seen++;
    if (this.#values.length < CreationSamples.MAX) {
      this.#values.push(milliseconds);
      return;
    }
    const slot = Math.floor(this.#random() * this.#seen);
    if (slot < CreationSamples.MAX) this.#values[slot] = milliseconds;
  }

  /** The samples since the last take, and a fresh start. */
  take(): number[] {
    const values = this.#values;
    this.#values = [];
    this.#seen = 0;
    return values;
  }
}
