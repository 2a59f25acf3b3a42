// Worker thread of the quality benchmark: runs the jobs bench/quality.ts posts, one at a time.
import { parentPort } from 'node:worker_threads';
import { runJob, type QualityJob } from './lib/jobs.js';

if (!parentPort) throw new Error('quality-worker: start me as a worker thread (bench/quality.ts does)');
const port = parentPort;
port.on('message', (job: QualityJob) => {
  runJob(job).then(
    (result) => port.postMessage({ ok: true, result }),
    (err: unknown) =>
      port.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
