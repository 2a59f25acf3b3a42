// The summary benchmark alone (`npm run bench:summary`): quality against editors' references
// (storybot held out by cross-validation over news-dev and by leaving each writer out, the shipped
// model, Lead-N, TextRank) and the
// summary's speed on the shipped story and the longest SQuAD article. The same figures are part
// of `npm run bench`. Prints Markdown; writes bench/out/summary.{md,json}.
//   node dist-tools/bench/summary.js [--no-cv]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from './lib/data.js';
import { duration, table } from './lib/format.js';
import { summaryTimings } from './lib/inprocess.js';
import { describeMachine, machineLine } from './lib/machine.js';
import { runSummaryQuality, summaryFloors, summaryQualityMarkdown } from './lib/summary-bench.js';

async function main(): Promise<void> {
  const quality = runSummaryQuality({ crossValidate: !process.argv.includes('--no-cv') });
  const timings = await summaryTimings(20);
  const markdown = [
    `Machine: ${machineLine(describeMachine())}`,
    '',
    summaryQualityMarkdown(quality),
    '',
    table(
      ['floor', 'measured', 'met'],
      [
        ...summaryFloors(quality).map((f) => [f.floor, f.measured, f.met ? 'yes' : '**no**']),
        ...timings.map((t, i) => [
          `summary of ${i === 0 ? 'the shipped story' : 'the longest SQuAD article'} (${t.story}) < ${i === 0 ? 5 : 50} ms`,
          `${duration(t.medianMs)} median, ${duration(t.maxMs)} slowest of ${t.runs}`,
          t.medianMs < (i === 0 ? 5 : 50) ? 'yes' : '**no**',
        ]),
      ],
    ),
    '',
    `(summary quality: ${(quality.wallMs / 1000).toFixed(1)} s)`,
    '',
  ].join('\n');
  const out = join(projectRoot(), 'bench', 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'summary.json'), JSON.stringify({ quality, timings }, null, 2));
  writeFileSync(join(out, 'summary.md'), markdown);
  process.stdout.write(markdown);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench:summary failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
