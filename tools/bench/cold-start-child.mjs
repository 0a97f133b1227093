// One cold start, in a fresh process, as the Lambda runtime does it: import
// the handler module (`argv[2]`, a file URL), which imports the S3 client
// (through the cache or directly), maybe Powertools Logger and Metrics, and
// builds the first client. Nothing is preloaded: what the handler needs, it
// loads. The parent times the whole process, start to exit; this prints the
// process's CPU milliseconds (user + system) as it exits, which a shared
// machine disturbs less than wall time.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${(user + system) / 1000}\n`);
});
//
// `argv[3]`, when given, is heap to hold before the import, in KB: both
// sides of a pair get the same (see HEAP_OFFSETS_KB in cold-start.ts). Arrays
// of small integers, about 1 KB each, so the figure is the heap they hold.
const heapOffsetKb = Number(process.argv[3] ?? 0);
globalThis.heapOffset = Array.from({ length: heapOffsetKb }, (_, i) => new Array(124).fill(i));
await import(process.argv[2]);
