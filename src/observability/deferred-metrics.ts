import { powertoolsMetrics } from './load-powertools.js';
import type { MetricsLike } from './powertools-types.js';

type Step = (metrics: MetricsLike) => void;

/**
 * The cache's own Powertools Metrics, built on the first publish: a cache
 * whose figures go to your instance, or that never publishes, never imports
 * it. Built as before, from `POWERTOOLS_METRICS_NAMESPACE`,
 * `POWERTOOLS_SERVICE_NAME` and `POWERTOOLS_METRICS_DISABLED`. Under ESM the
 * first publish waits for the import (milliseconds): the values and flushes
 * made meanwhile are replayed in order, so the lines are the same ones; the
 * middleware and wrapper start the import when they are built, so it has
 * arrived by the first invocation's end.
 */
export class DeferredMetrics implements MetricsLike {
  #metrics: MetricsLike | undefined;
  #waiting: Step[] | undefined;
  #arrival: Promise<void> | undefined;

  addMetric(name: string, unit: 'Count' | 'Milliseconds', value: number): void {
    this.#do((metrics) => metrics.addMetric(name, unit, value));
  }

  publishStoredMetrics(): void {
    this.#do((metrics) => metrics.publishStoredMetrics());
  }

  /** Resolves once every value and flush made so far has reached Powertools. */
  async settled(): Promise<void> {
    await this.#arrival;
  }

  #do(step: Step): void {
    if (this.#metrics !== undefined) {
      step(this.#metrics);
      return;
    }
    if (this.#waiting !== undefined) {
      this.#waiting.push(step);
      return;
    }
    const loaded = powertoolsMetrics.get();
    if (!(loaded instanceof Promise)) {
      this.#metrics = new loaded.Metrics();
      step(this.#metrics);
      return;
    }
    const waiting = [step];
    this.#waiting = waiting;
    this.#arrival = loaded.then(
      ({ Metrics }) => {
        const metrics = new Metrics();
        this.#metrics = metrics;
        this.#waiting = undefined;
        for (const next of waiting) {
          try {
            next(metrics);
          } catch {
            // As a synchronous publish that throws half-way: those figures are lost, never doubled.
          }
        }
      },
      () => {
        // Nothing to publish to: the figures are dropped, and the next publish tries again.
        this.#waiting = undefined;
      },
    );
  }
}
