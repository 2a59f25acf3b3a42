// The short answer's benchmark alone (issue #11), quicker than the whole `npm run bench`:
//   npm run build && npm run bench:span [-- --quick]
// Full: SQuAD 1.1 dev end to end, cross-validated by article (about 3 minutes on 2 cores);
// --quick: the shipped weights on 8 SQuAD articles (in-sample) and news-dev (held out).
// Prints Markdown; writes bench/out/span.{md,json}.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from './lib/data.js';
import { describeMachine, machineLine } from './lib/machine.js';
import { runSpanBenchmark, spanFloors, spanMarkdown } from './lib/span-bench.js';
import { table } from './lib/format.js';

async function main(): Promise<void> {
  const mode = process.argv.includes('--quick') ? 'quick' : 'full';
  const started = performance.now();
  const log = (m: string) =>
    process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);
  const result = await runSpanBenchmark(mode, log);
  const floors = table(
    ['floor (#11)', 'measured', 'met'],
    spanFloors(result).map(([f, m, met]) => [f, m, met ? 'yes' : '**no**']),
  );
  const markdown = `Machine: ${machineLine(describeMachine())}\n\n${floors}\n\n${spanMarkdown(result)}\n(short-answer run, ${mode}: ${(result.wallMs / 1000).toFixed(0)} s)\n`;
  const out = join(projectRoot(), 'bench', 'out');
  mkdirSync(out, { recursive: true });
  const replacer = (_k: string, v: unknown): unknown =>
    v instanceof Map ? Object.fromEntries(v as Map<string, unknown>) : v;
  writeFileSync(join(out, 'span.json'), JSON.stringify(result, replacer, 2));
  writeFileSync(join(out, 'span.md'), markdown);
  process.stdout.write(markdown);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench:span failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
