/**
 * Wall-clock bounds that follow the machine's measured speed. A bound set
 * on a quiet machine (a jest timeout, a wait for sockets to close) is
 * multiplied by how much slower than its own CPU time this process runs
 * right now: the wall-clock time of a fixed CPU-bound workload over the CPU
 * time it used. That is 1 on an idle machine, about the runnable threads
 * per core when the CPU is shared (other jest workers, other test runs),
 * and more under a CPU quota, as a Lambda function of 128 to 512 MB has.
 * Measured once per test file; the bound is a ceiling for a hang, never an
 * assertion about speed (tests assert counts).
 */

/** A measured factor below this is noise; above this the bound would no longer catch a hang. */
const MIN_SLOWDOWN = 1;
const MAX_SLOWDOWN = 15;
/** A short sample can fall in a quiet moment of a busy machine: keep some room above it. */
const HEADROOM = 1.5;
const SAMPLES = 3;

function busyWork(): number {
  let value = 0;
  for (let step = 0; step < 1_000_000; step++) value = (value * 31 + step) % 1_000_003;
  return value;
}

/** Wall time over CPU time of a fixed workload, the median of a few samples (after a warm-up). */
export function measureCpuSlowdown(): number {
  busyWork(); // compiled before it is timed
  const ratios: number[] = [];
  for (let sample = 0; sample < SAMPLES; sample++) {
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    busyWork();
    const wallMs = performance.now() - wallBefore;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    ratios.push(cpuMs > 0 ? wallMs / cpuMs : 1);
  }
  ratios.sort((a, b) => a - b);
  const median = ratios[Math.floor(SAMPLES / 2)] ?? 1;
  return Math.min(MAX_SLOWDOWN, Math.max(MIN_SLOWDOWN, median));
}

let measured: number | undefined;

/** This file's slowdown factor, measured on first use. */
export function cpuSlowdown(): number {
  measured ??= measureCpuSlowdown();
  return measured;
}

/**
 * A wall-clock bound for what takes at most `quietMs` on an idle machine.
 *
 * @example
 * it('survives an eviction storm', async () => { ... }, scaledTimeout(30_000));
 */
export function scaledTimeout(quietMs: number): number {
  const factor = cpuSlowdown();
  return Math.round(quietMs * (factor > MIN_SLOWDOWN ? factor * HEADROOM : 1));
}
