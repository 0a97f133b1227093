// An emulated Lambda Managed Instance: one process, AWS_LAMBDA_NODEJS_WORKER_COUNT worker
// threads, each with its own module state (and so its own cache), running invocations
// concurrently. Prints one JSON line per worker result after the workers' own output.
import { Worker } from 'node:worker_threads';

const workers = Number(process.env.AWS_LAMBDA_NODEJS_WORKER_COUNT);
const settings = JSON.parse(process.env.MI_SETTINGS);
const results = await Promise.all(
  Array.from(
    { length: workers },
    (_, worker) =>
      new Promise((resolve, reject) => {
        const thread = new Worker(new URL('./worker.mjs', import.meta.url), {
          workerData: { ...settings, worker },
          // Each worker names itself in its EMF lines, so lines can be told apart.
          env: { ...process.env, POWERTOOLS_SERVICE_NAME: `mi-worker-${worker}` },
        });
        thread.once('message', resolve);
        thread.once('error', reject);
      }),
  ),
);
// Let the workers' forwarded stdout drain before the results.
await new Promise((resolve) => setTimeout(resolve, 200));
for (const result of results) process.stdout.write(`MI-RESULT ${JSON.stringify(result)}\n`);
