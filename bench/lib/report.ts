// Assembles bench/RESULTS.md from the figures of one run.
import { DEFAULT_ASK_SETTINGS } from '../../src/answer/ask.js';
import { allEngines, storybotEngines } from '../engines/index.js';
import { qualityMarkdown, type QualityReport } from '../quality.js';
import type { CliFigures } from './cli-timing.js';
import { loadFloors, loadMarkdown, type LoadCase, type PeerBuild } from './load-timing.js';
import type { CurvePoint, KindScores, ModelCrossValidation } from './model-cv.js';
import { CORPUS_SEED, QUESTION_SHARE } from './corpus.js';
import { discordFloors, flatten, type DiscordReport } from './discord-figures.js';
import type { StoriesReport } from './stories-figures.js';
import type { ScaleOutReport } from './scale-out-figures.js';
import { bytes, duration, pct, ratio, table } from './format.js';
import { SHORT_ANSWER_ROW, type LatencyFigures, type SummaryFigures } from './inprocess.js';
import { machineLine, type Machine } from './machine.js';
import { summaryFloors, summaryQualityMarkdown, type SummaryQualityReport } from './summary-bench.js';
import type { ScaleOutcome, ScalePlan } from './scale.js';
import { spanFloors, spanMarkdown, type SpanBenchmark } from './span-bench.js';

export interface RunResults {
  machine: Machine;
  mode: 'full' | 'quick';
  wallMs: number;
  quality?: QualityReport;
  scale: ScaleOutcome[];
  plan: { sizes: number[]; queries: number[]; queryBudgetMs: number[]; buildBudgetMs: number[] };
  seedLatency?: LatencyFigures[];
  summaries?: SummaryFigures[];
  /** Summaries against editors' references on news-dev (issue #16). */
  summaryQuality?: SummaryQualityReport;
  cli?: CliFigures;
  discord?: DiscordReport;
  /** Server stories (issue 12): adding a 1 MB story, answers in other servers meanwhile. */
  stories?: StoriesReport;
  /** Scaling out (issue 15): one process vs 2 shards vs 2 HTTP replicas sharing Postgres. */
  scaleOut?: ScaleOutReport;
  /** The learned re-rank's weights judged on articles they were not fitted on (full mode). */
  rerank?: ModelCrossValidation;
  /** Short answers (issue #11): end to end on SQuAD and news-dev, beside the baselines. */
  spans?: SpanBenchmark;
  /** Start-up at scale (issue 17): the CLI's first and second start over the grown corpora. */
  load?: LoadCase[];
}

/** The peers' index builds in this run's scale section, for the start-up ratios. */
function peerBuildsOf(results: RunResults): PeerBuild[] {
  return results.scale
    .filter((o) => PEERS.includes(o.engine))
    .map((o) => ({
      engine: o.engine,
      size: o.size,
      buildMs: o.status === 'ok' ? o.buildMs : o.status === 'timeout' ? o.built?.buildMs : undefined,
    }));
}

export const SHIPPED = storybotEngines[0].name; // the answer path, as the bot ships
export const INDEX = storybotEngines[1].name; // the bare index, like for like with the peers
const PEERS = allEngines.map((e) => e.name).filter((n) => n !== SHIPPED && n !== INDEX);

export function planSummary(plan: ScalePlan): RunResults['plan'] {
  return {
    sizes: plan.sizes,
    queries: plan.sizes.map(plan.queries),
    queryBudgetMs: plan.sizes.map(plan.queryBudgetMs),
    buildBudgetMs: plan.sizes.map(plan.buildBudgetMs),
  };
}

const sizeName = (n: number) => n.toLocaleString('en-US');

function outcome(results: RunResults, engine: string, size: number): ScaleOutcome | undefined {
  return results.scale.find((o) => o.engine === engine && o.size === size);
}

const ok = (o: ScaleOutcome | undefined) => (o?.status === 'ok' ? o : undefined);

function scaleRow(o: ScaleOutcome): string[] {
  if (o.status === 'ok') {
    return [
      o.engine,
      duration(o.buildMs),
      duration(o.medianMs),
      duration(o.p99Ms),
      o.queries.toLocaleString('en-US'),
      pct(o.top1),
      bytes(o.indexBytes),
      bytes(o.rssBytes),
      bytes(o.maxRssBytes),
    ];
  }
  if (o.status === 'timeout') {
    const b = o.built;
    const what =
      o.phase === 'build' ? `timeout: build > ${duration(o.budgetMs)}` : `timeout: questions > ${duration(o.budgetMs)}`;
    return [
      o.engine,
      b ? duration(b.buildMs) : what,
      b ? what : '—',
      '—',
      '0',
      '—',
      b ? bytes(b.indexBytes) : '—',
      b ? bytes(b.rssBytes) : '—',
      '—',
    ];
  }
  return [o.engine, `error: ${o.message.replace(/\|/g, '/')}`, '—', '—', '—', '—', '—', '—', '—'];
}

function scaleTables(results: RunResults): string {
  const parts: string[] = [];
  const header = [
    'engine',
    'index build',
    'query median',
    'query p99',
    'questions timed',
    'top-1',
    'index memory (heap + external)',
    'RSS growth',
    'peak RSS',
  ];
  for (const size of results.plan.sizes) {
    const order = allEngines.map((e) => e.name);
    const rows = results.scale
      .filter((o) => o.size === size)
      .sort((a, b) => order.indexOf(a.engine) - order.indexOf(b.engine))
      .map(scaleRow);
    if (rows.length === 0) continue;
    parts.push(`**${sizeName(size)} paragraphs**\n\n${table(header, rows)}`);
  }
  return parts.join('\n\n');
}

/** Peer ÷ storybot for build, median, p99 and memory: above 1× storybot is ahead. */
function ratioTable(results: RunResults): string {
  const rows: string[][] = [];
  for (const size of results.plan.sizes) {
    const mine = ok(outcome(results, INDEX, size));
    for (const peer of PEERS) {
      const o = outcome(results, peer, size);
      if (!o) continue;
      if (o.status !== 'ok') {
        const built = o.status === 'timeout' ? o.built : undefined;
        const note = o.status === 'timeout' ? `${o.phase} timeout` : 'error';
        rows.push([
          sizeName(size),
          peer,
          built
            ? ratio(built.buildMs, mine?.buildMs)
            : `> ${ratio(o.status === 'timeout' ? o.budgetMs : undefined, mine?.buildMs)} (${note})`,
          note,
          note,
          built ? ratio(built.indexBytes, mine?.indexBytes) : '—',
          '—',
        ]);
        continue;
      }
      const top1 = mine
        ? `${(mine.top1 - o.top1) * 100 >= 0 ? '+' : ''}${((mine.top1 - o.top1) * 100).toFixed(1)} pts`
        : '—';
      rows.push([
        sizeName(size),
        peer,
        ratio(o.buildMs, mine?.buildMs),
        ratio(o.medianMs, mine?.medianMs),
        ratio(o.p99Ms, mine?.p99Ms),
        ratio(o.indexBytes, mine?.indexBytes),
        top1,
      ]);
    }
  }
  return table(
    [
      'corpus',
      'peer',
      'build time (peer ÷ storybot)',
      'query median (peer ÷ storybot)',
      'query p99 (peer ÷ storybot)',
      'index memory (peer ÷ storybot)',
      'storybot top-1 minus peer top-1',
    ],
    rows,
  );
}

interface Floor {
  issue: string;
  floor: string;
  measured: string;
  met: boolean | undefined;
}

/** "latencyP99Under20ms" -> "latency p99 under 20ms". */
export function humanize(camel: string): string {
  return camel
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

function floors(results: RunResults): Floor[] {
  const out: Floor[] = [];
  const q = results.quality;
  const r = (set: string) => q?.results.find((x) => x.engine === SHIPPED && x.set === set);
  const add = (issue: string, floor: string, measured: string, met: boolean | undefined) =>
    out.push({ issue, floor, measured, met });
  const article = r('squad1-article');
  if (article) {
    const partial = article.limitArticles !== undefined ? ' (sample)' : '';
    add('#2', 'SQuAD 1.1 per article top-1 ≥ 86%', pct(article.ranks.top1) + partial, article.ranks.top1 >= 0.86);
    add('#2', 'SQuAD 1.1 per article top-3 ≥ 95%', pct(article.ranks.top3) + partial, article.ranks.top3 >= 0.95);
  }
  const cv = results.rerank;
  if (cv) {
    // The models were fitted on these sets: these are the figures for questions they never saw.
    const heldOut = (
      on: string,
      x: Pick<ModelCrossValidation['news'], 'top1' | 'top3' | 'unanswerableRefused' | 'answerableRefused'>,
    ) => {
      add('#10', `${on}: right paragraph first ≥ 75%`, pct(x.top1), x.top1 >= 0.75);
      add('#10', `${on}: right paragraph in the top 3 ≥ 90%`, pct(x.top3), x.top3 >= 0.9);
      add('#10', `${on}: unanswerable refused ≥ 60%`, pct(x.unanswerableRefused), x.unanswerableRefused >= 0.6);
      add('#10', `${on}: answerable refused ≤ 10%`, pct(x.answerableRefused), x.answerableRefused <= 0.1);
    };
    heldOut('news-dev, each story held out', cv.news);
    if (cv.extra) heldOut(`news-extra (${cv.extra.stories} stories by other writers), each batch held out`, cv.extra);
    add(
      '#10',
      'SQuAD 1.1 dev per article, models fitted on the other half of the articles: top-1 within 1 point of 86.0%',
      `top-1 ${pct(cv.squad.top1)}, top-3 ${pct(cv.squad.top3)}`,
      cv.squad.top1 >= 0.85,
    );
  }
  const corpus = r('squad1-corpus');
  if (corpus)
    add(
      '#2',
      'SQuAD 1.1 one corpus top-1 ≥ 82%',
      pct(corpus.ranks.top1) +
        (corpus.stride && corpus.stride > 1
          ? ` (every ${corpus.stride === 2 ? '2nd' : `${corpus.stride}th`} question)`
          : ''),
      corpus.ranks.top1 >= 0.82,
    );
  const seed = r('seed');
  if (seed) {
    add('#2', 'seed-qa-dev answerable top-1 = 100%', pct(seed.ranks.top1), seed.ranks.top1 >= 1);
    const rf = seed.refusals;
    if (rf)
      add(
        '#2',
        'seed-qa-dev: all off-topic refused, no answerable one lost',
        `${rf.unanswerableRefused}/${rf.unanswerable} refused, ${rf.answerableLost}/${rf.answerable} lost`,
        rf.unanswerableRefused === rf.unanswerable && rf.answerableLost === 0,
      );
  }
  const seedAsk = results.seedLatency?.[0];
  if (seedAsk)
    add(
      '#2',
      'shipped story: a question answered in-process < 0.1 ms median',
      duration(seedAsk.medianMs),
      seedAsk.medianMs < 0.1,
    );
  const small = results.plan.sizes[0];
  const winkSmall = ok(outcome(results, 'wink-bm25', small));
  for (const [engine, what] of [
    [INDEX, 'index'],
    [SHIPPED, 'full answer'],
  ]) {
    const mine = ok(outcome(results, engine, small));
    if (mine && winkSmall)
      add(
        '#2',
        `${sizeName(small)}-paragraph corpus: faster than wink-bm25 at the median (${what})`,
        `${duration(mine.medianMs)} vs ${duration(winkSmall.medianMs)}`,
        mine.medianMs < winkSmall.medianMs,
      );
  }
  if (results.cli)
    add(
      '#2',
      'CLI first answer within 1 s of process start',
      `${duration(results.cli.medianMs)} median, ${duration(results.cli.maxMs)} max`,
      results.cli.maxMs < 1000,
    );

  const largest = results.plan.sizes[results.plan.sizes.length - 1];
  if (largest >= 200_000) {
    const mine = ok(outcome(results, INDEX, largest));
    const shipped = ok(outcome(results, SHIPPED, largest));
    if (mine)
      add('#6', `${sizeName(largest)} paragraphs: median < 2 ms (index)`, duration(mine.medianMs), mine.medianMs < 2);
    if (shipped)
      add(
        '#6',
        `${sizeName(largest)} paragraphs: median < 2 ms (full answer, \`library.ask\`)`,
        duration(shipped.medianMs),
        shipped.medianMs < 2,
      );
    const peers = PEERS.map((p) => outcome(results, p, largest)).filter((o): o is ScaleOutcome => o !== undefined);
    if (mine && peers.length) {
      const buildOf = (o: ScaleOutcome) =>
        o.status === 'ok' ? o.buildMs : o.status === 'timeout' ? (o.built?.buildMs ?? o.budgetMs) : Infinity;
      const fastestPeer = Math.min(...peers.map(buildOf));
      add(
        '#6',
        `${sizeName(largest)} paragraphs: index built faster than every peer`,
        `${duration(mine.buildMs)} vs fastest peer ${duration(fastestPeer)}`,
        mine.buildMs < fastestPeer,
      );
      const memOf = (o: ScaleOutcome) =>
        o.status === 'ok' ? o.indexBytes : o.status === 'timeout' ? o.built?.indexBytes : undefined;
      const measured = peers.map(memOf).filter((m): m is number => m !== undefined);
      const unmeasured = peers.length - measured.length;
      add(
        '#6',
        `${sizeName(largest)} paragraphs: index in less memory than every peer`,
        `${bytes(mine.indexBytes)} vs smallest peer ${measured.length ? bytes(Math.min(...measured)) : '—'}${unmeasured ? ` (${unmeasured} peer(s) never finished building)` : ''}`,
        measured.length ? mine.indexBytes < Math.min(...measured) : undefined,
      );
    }
  }
  for (const size of results.plan.sizes) {
    const mine = ok(outcome(results, INDEX, size));
    const peers = PEERS.map((p) => ok(outcome(results, p, size))).filter((o) => o !== undefined);
    if (!mine || peers.length === 0) continue;
    const best = peers.reduce((a, b) => (b.top1 > a.top1 ? b : a));
    add(
      '#6',
      `${sizeName(size)} paragraphs: top-1 ≥ best peer's`,
      `${pct(mine.top1)} vs ${best.engine} ${pct(best.top1)}`,
      mine.top1 >= best.top1,
    );
  }
  const d = results.discord?.figures as { latency?: { medianMs?: number; p99Ms?: number } } | undefined;
  for (const [name, met] of discordFloors(results.discord?.figures)) {
    const measured = /median/i.test(name)
      ? duration(d?.latency?.medianMs)
      : /p99/i.test(name)
        ? duration(d?.latency?.p99Ms)
        : met
          ? 'yes'
          : 'no';
    add('#3/#5', `Discord: ${humanize(name)}`, measured, met);
  }
  const stories = results.stories?.figures;
  if (stories?.floors) {
    const total = stories.addOneMB?.totalMs;
    const during = stories.otherServers?.duringAdds;
    if (stories.floors.oneMegabyteAddUnder5s !== undefined)
      add(
        '#12',
        'adding a 1 MB story (parse + index + commit) < 5 s',
        `${duration(total?.medianMs)} median, ${duration(total?.maxMs)} max`,
        stories.floors.oneMegabyteAddUnder5s,
      );
    if (stories.floors.otherServersNotPaused !== undefined)
      add(
        '#12',
        'answers in other servers not paused while one adds stories (p99 under one build, none lost)',
        `p99 ${duration(during?.p99Ms)}, max ${duration(during?.maxMs)}`,
        stories.floors.otherServersNotPaused,
      );
  }
  const [shippedSummary, longSummary] = results.summaries ?? [];
  if (shippedSummary)
    add(
      '#4/#16',
      'summary of the shipped story < 5 ms',
      duration(shippedSummary.medianMs),
      shippedSummary.medianMs < 5,
    );
  if (longSummary)
    add(
      '#4/#16',
      'summary of the longest SQuAD article < 50 ms',
      duration(longSummary.medianMs),
      longSummary.medianMs < 50,
    );
  if (results.summaryQuality)
    for (const f of summaryFloors(results.summaryQuality)) add('#16', f.floor, f.measured, f.met);
  if (results.spans) for (const [floor, measured, met] of spanFloors(results.spans)) add('#11', floor, measured, met);
  const seedShort = results.seedLatency?.find((l) => l.name === SHORT_ANSWER_ROW);
  if (seedShort)
    add(
      '#11',
      'shipped story: a question answered in-process, short answer included, < 1 ms median',
      duration(seedShort.medianMs),
      seedShort.medianMs < 1,
    );
  if (results.cli && results.spans)
    add(
      '#11',
      'CLI first answer, short answer included, < 1 s',
      `${duration(results.cli.medianMs)} median, ${duration(results.cli.maxMs)} max`,
      results.cli.maxMs < 1000,
    );
  if (results.load)
    for (const [floor, measured, met] of loadFloors(results.load, peerBuildsOf(results)))
      add('#17', floor, measured, met);
  return out;
}

export function resultsMarkdown(results: RunResults, howMeasured: string): string {
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  push('# storybot benchmark results', '');
  push(`Machine: ${machineLine(results.machine)}.`, '');
  push(
    `Run: \`npm run build && npm run ${results.mode === 'quick' ? 'bench:quick' : 'bench'}\` (${results.mode} mode), ${(results.wallMs / 1000).toFixed(0)} s in all. Every figure below comes from this one run; storybot and the peers were measured on the same questions.`,
    '',
  );

  const f = floors(results);
  if (f.length) {
    // #11 with the short answers' run, #12 with the server stories' figures (full mode), #16 with the summaries'.
    const issues = [
      '#2',
      '#4',
      '#6',
      ...(results.spans ? ['#11'] : []),
      ...(results.stories?.figures?.floors ? ['#12'] : []),
      ...(results.summaryQuality ? ['#16'] : []),
      ...(results.load ? ['#17'] : []),
    ];
    push(`## Floors (issues ${issues.join(', ')})`, '');
    push(
      table(
        ['issue', 'floor', 'measured', 'met'],
        f.map((x) => [x.issue, x.floor, x.measured, x.met === undefined ? '?' : x.met ? 'yes' : '**no**']),
      ),
      '',
    );
  }

  if (results.quality) {
    push('## Quality', '');
    push(
      `Paragraph retrieval: top-1 / top-3 = the gold paragraph is first / among the first three; MRR@10 = mean reciprocal rank of the gold paragraph within the first ten. \`storybot\` is the shipped answer path (\`library.ask\` as \`cli ask --json\` calls it, listing the closest paragraphs); \`storybot index\` is its \`SearchIndex\` alone, ranked like the peers. **storybot's models were fitted on SQuAD 1.1 dev and on news-dev (with news-train): its figures on those sets here are in-sample.** The held-out figures are in the next section.`,
      '',
    );
    push(qualityMarkdown(results.quality), '');
  }
  if (results.rerank) push(heldOutMarkdown(results.rerank, results.quality), '');

  if (results.spans) push('## Short answers', '', spanMarkdown(results.spans), '');

  push('## Speed and scale', '');
  push(scaleTables(results), '');
  push('Ratios (peer ÷ `storybot index`; above 1× means storybot is faster or smaller):', '');
  push(ratioTable(results), '');
  push('Latency chart (median, log scales): [latency.svg](latency.svg)', '');

  if (results.seedLatency) {
    const mine = results.seedLatency[0];
    push('### A question on the shipped story, in-process', '');
    push(
      table(
        ['engine', 'median', 'p99', 'questions timed', 'median (engine ÷ storybot)'],
        results.seedLatency.map((l) => [
          l.name,
          duration(l.medianMs),
          duration(l.p99Ms),
          l.samples.toLocaleString('en-US'),
          l === mine ? '1×' : ratio(l.medianMs, mine.medianMs),
        ]),
      ),
      '',
    );
    push(
      'Every seed-qa-dev question, over and over, in one process. `library.ask` does the whole answer (ranking, best sentence, highlighted words); its short answer is worked out when first read, which the second row does; the other rows only rank paragraphs.',
      '',
    );
  }
  if (results.summaries?.length) {
    push('### Summary (`library.summarize()`, medium length)', '');
    push(
      table(
        ['story', 'paragraphs', 'characters', 'median', 'slowest', 'runs'],
        results.summaries.map((s) => [
          s.story,
          String(s.paragraphs),
          s.chars.toLocaleString('en-US'),
          duration(s.medianMs),
          duration(s.maxMs),
          String(s.runs),
        ]),
      ),
      '',
    );
  }
  if (results.summaryQuality) {
    push("### Summary quality against editors' summaries (news-dev)", '');
    push(summaryQualityMarkdown(results.summaryQuality), '');
  }
  if (results.cli) {
    const c = results.cli;
    push('### Command line: time to first answer', '');
    push(
      table(
        ['measure', 'median', 'slowest', 'runs'],
        [
          [
            '`node dist/src/cli.js ask --json "…"`: spawn to first stdout line',
            duration(c.medianMs),
            duration(c.maxMs),
            String(c.runs),
          ],
          ['`node -e "console.log(1)"` (Node start-up alone, for scale)', duration(c.nodeStartMs), '—', String(c.runs)],
        ],
      ),
      '',
    );
    if (!c.validJson) push("**The CLI's first line was not a valid answer object.**", '');
  }
  if (results.load) {
    push('### Start-up at scale (issue 17)', '');
    push(
      '`node dist/src/cli.js ask --json --story DIR "…"` over the grown corpora below written as 20 story files, in a fresh process: the first start with an empty index cache folder (`INDEX_CACHE_DIR`), then a second with nothing changed; peak RSS as the CLI process reports it on exit (`process.resourceUsage().maxRSS`). The peers\' builds are the scale section\'s, in this run (in-process, corpus already in memory). Run alone: `npm run bench:load`.',
      '',
    );
    push(loadMarkdown(results.load, peerBuildsOf(results)), '');
  }
  push('### Discord path', '');
  if (results.discord?.markdown) push(`${results.discord.note}:`, '', results.discord.markdown, '');
  else if (results.discord?.figures)
    push(`${results.discord.note}:`, '', table(['figure', 'value'], flatten(results.discord.figures)), '');
  else push(`Not measured: ${results.discord?.note ?? 'skipped in this mode'}.`, '');

  push('### Server stories (issue 12)', '');
  if (results.stories?.markdown) push(`${results.stories.note}:`, '', results.stories.markdown, '');
  else push(`Not measured: ${results.stories?.note ?? 'skipped in this mode'}.`, '');

  push('### Scaling out (issue 15)', '');
  if (results.scaleOut?.markdown) push(`${results.scaleOut.note}:`, '', results.scaleOut.markdown, '');
  else push(`Not measured: ${results.scaleOut?.note ?? 'skipped in this mode'}.`, '');

  push('## How this was measured', '', howMeasured, '');
  push(
    `- Scale plan: corpus sizes ${results.plan.sizes.map(sizeName).join(' / ')} paragraphs; at most ${results.plan.queries.join(' / ')} questions timed; question phase budget ${results.plan.queryBudgetMs.map(duration).join(' / ')}; build budget at most ${results.plan.buildBudgetMs.map(duration).join(' / ')}, cut (never below 20 s) when the run's deadline nears so that the whole run ends in time: a case may use the time left minus the least the cases after it need, and the cases run in order of importance (storybot, then wink-bm25, the best peer, then MiniSearch, natural TfIdf, lunr). A build over budget is reported as "timeout" with its budget (the process is killed); a question phase (warm-up included) that runs out of budget stops early and reports how many questions it timed (at least one); "timeout" in the questions means that even one question did not finish within the budget plus 20 s.`,
  );
  push(
    `- Grown corpora: every SQuAD 1.1 dev paragraph (2,067) kept whole, plus distractor paragraphs of real SQuAD sentences recombined at random (each as many sentences as a random real paragraph), all shuffled (seed ${CORPUS_SEED}). The questions asked are those of a seeded ${QUESTION_SHARE * 100}% of the real paragraphs, and distractors never reuse those paragraphs' sentences, so exactly one paragraph holds each answer; top-1 counts it.`,
  );
  push(
    `- storybot answers or refuses at its shipped threshold (the answerability model's \`minAnswerable\` ${DEFAULT_ASK_SETTINGS.minAnswerable}).`,
  );
  return lines.join('\n') + '\n';
}

/** Issue 10's figures on questions the models never saw: news-dev stories held out, SQuAD halves, refusal curves. */
export function heldOutMarkdown(cv: ModelCrossValidation, quality: QualityReport | undefined): string {
  const n = cv.news;
  const lines: string[] = ['## Reader-style questions, held out (news-dev)', ''];
  lines.push(
    "Each news-dev story was held out in turn: the sentence model, the re-rank and the answerability model were fitted on the other seven stories, the news-train and news-extra stories and SQuAD 1.1 dev, then asked the held-out story's 30 questions. A refused answerable question counts as a miss.",
    '',
  );
  const peers = quality
    ? allEngines
        .filter((e) => !storybotEngines.some((s) => s.name === e.name))
        .map((e) => quality.results.find((r) => r.engine === e.name && r.set === 'news-dev'))
        .filter((r) => r !== undefined)
    : [];
  lines.push(
    table(
      ['measure', 'storybot (held out)', ...peers.map((p) => `${p.engine} (same questions)`)],
      [
        ['right paragraph first', pct(n.top1), ...peers.map((p) => pct(p.ranks.top1))],
        ['right paragraph in the top 3', pct(n.top3), ...peers.map((p) => pct(p.ranks.top3))],
        [
          'unanswerable questions refused',
          pct(n.unanswerableRefused),
          ...peers.map((p) =>
            p.refusals ? pct(p.refusals.unanswerableRefused / Math.max(1, p.refusals.unanswerable)) : '—',
          ),
        ],
        [
          'answerable questions refused',
          pct(n.answerableRefused),
          ...peers.map((p) => (p.refusals ? pct(p.refusals.answerableLost / Math.max(1, p.refusals.answerable)) : '—')),
        ],
        [
          'first / top 3 before refusals',
          `${pct(n.top1BeforeRefusal)} / ${pct(n.top3BeforeRefusal)}`,
          ...peers.map(() => ''),
        ],
      ],
    ),
    '',
  );
  const kindRows = (groups: Record<string, KindScores>) =>
    Object.entries(groups).map(([k, t]) => [
      k,
      t.answerable ? `${pct(t.top1 / t.answerable)} / ${pct(t.top3 / t.answerable)}` : '—',
      t.answerable ? `${t.refused} of ${t.answerable} refused` : `${t.refused} of ${t.unanswerable} refused`,
    ]);
  lines.push('By question kind (held out):', '', table(['kind', 'first / top 3', 'refusals'], kindRows(n.byKind)), '');
  lines.push(
    'By story (held out):',
    '',
    table(
      ['story', 'first / top 3', 'refusals (all questions)'],
      Object.entries(n.byStory).map(([k, t]) => [
        k,
        `${pct(t.top1 / Math.max(1, t.answerable))} / ${pct(t.top3 / Math.max(1, t.answerable))}`,
        `${t.refused} of ${t.answerable + t.unanswerable}`,
      ]),
    ),
    '',
  );
  const x = cv.extra;
  if (x) {
    lines.push(
      `Stories by other writers, held out (news-extra: ${x.stories} stories in batches of six, each batch by its own writer): each batch was held out in turn, the models fitted on the other batches, news-dev, news-train and SQuAD 1.1 dev. news-dev's stories shaped the features as well as the weights; these only the weights, so they are the nearer guess at stories the bot has never seen.`,
      '',
      table(
        ['measure', 'storybot (held out)'],
        [
          ['right paragraph first', pct(x.top1)],
          ['right paragraph in the top 3', pct(x.top3)],
          ['unanswerable questions refused', pct(x.unanswerableRefused)],
          ['answerable questions refused', pct(x.answerableRefused)],
          ['first / top 3 before refusals', `${pct(x.top1BeforeRefusal)} / ${pct(x.top3BeforeRefusal)}`],
        ],
      ),
      '',
      'By question kind (news-extra, held out):',
      '',
      table(['kind', 'first / top 3', 'refusals'], kindRows(x.byKind)),
      '',
    );
  }
  const curve = (points: CurvePoint[]) =>
    table(
      ['answerable refused (lost)', 'unanswerable refused', 'threshold'],
      points.map((p) => [pct(p.answerableRefused), pct(p.unanswerableRefused), p.threshold.toFixed(3)]),
    );
  lines.push(
    'Refusal trade-off, news-dev (held-out probabilities, pooled over folds; the shipped threshold keeps about 7% of answerable training questions refused):',
    '',
    curve(n.curve),
    '',
  );
  lines.push(
    `Refusal trade-off, SQuAD 2.0 dev (${cv.squad2.questions.toLocaleString('en-US')} questions, each article its own story; never fitted on): at the shipped threshold ${cv.squad2.shipped.threshold} the bot refuses ${pct(cv.squad2.shipped.unanswerableRefused)} of unanswerable and ${pct(cv.squad2.shipped.answerableRefused)} of answerable questions. SQuAD 2.0's unanswerable questions were written to look answerable, in the article's own words.`,
    '',
    curve(cv.squad2.curve),
    '',
  );
  lines.push(
    `SQuAD 1.1 dev, models fitted on the other half of the articles (and the news sets): top-1 ${pct(cv.squad.top1)}, top-3 ${pct(cv.squad.top3)}.`,
    '',
  );
  return lines.join('\n');
}
