// Which tagger cuts the short answer's candidates: wink-nlp (English lite web model) or natural's
// Brill tagger, measured the same way (docs/short-answers.md keeps the figures):
//   npm run build:tools && node dist-tools/bench/span-taggers.js
// - load: requiring the tagger and its model in a fresh process;
// - speed: tagging a paragraph, median over the first 8 SQuAD 1.1 dev articles' paragraphs;
// - candidates: the best F1 any candidate reaches against the reference answers (the ceiling);
// - quality: the short answer's model fitted on each tagger's candidates, cross-validated with
//   the right paragraph given (SQuAD 1.1 dev by article, news-train by story, 4 folds each).
import { execFileSync } from 'node:child_process';
import { analyzeParagraph } from '../src/answer/span/paragraph.js';
import { tag } from '../src/answer/span/tagging.js';
import { splitSentences } from '../src/story/sentences.js';
import { brillTag } from './lib/brill-tagging.js';
import { loadSquad1, projectRoot } from './lib/data.js';
import { table } from './lib/format.js';
import {
  collectNewsTrain,
  collectSquad,
  crossValidateBoth,
  type SpanExample,
  type Tagger,
} from '../tools/lib/span-training.js';

const TAGGERS: { name: string; tagger: Tagger; load: string }[] = [
  {
    name: 'wink-nlp + wink-eng-lite-web-model',
    tagger: tag,
    load: "const w=require('wink-nlp');w(require('wink-eng-lite-web-model'),['pos','ner']).readDoc('x')",
  },
  {
    name: "natural's Brill tagger (lexicon and rules from posjs)",
    tagger: brillTag,
    load: "const b=require('natural/lib/natural/brill_pos_tagger');new b.BrillPOSTagger(new b.Lexicon('EN','NN','NNP'),new b.RuleSet('EN')).tag(['x'])",
  },
];

function loadMs(code: string): number {
  const script = `const t=performance.now();${code};process.stdout.write(String(performance.now()-t))`;
  const runs = Array.from({ length: 3 }, () =>
    Number(execFileSync(process.execPath, ['-e', script], { cwd: projectRoot(), encoding: 'utf8' })),
  );
  return runs.sort((a, b) => a - b)[1];
}

function paragraphMs(tagger: Tagger): number {
  const texts = loadSquad1()
    .articles.slice(0, 8)
    .flatMap((a) => a.paragraphs);
  for (const t of texts.slice(0, 20)) analyzeParagraph(t, splitSentences(t), tagger);
  const times = texts.map((t) => {
    const started = performance.now();
    analyzeParagraph(t, splitSentences(t), tagger);
    return performance.now() - started;
  });
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const ceiling = (examples: readonly SpanExample[]) =>
  (100 * examples.reduce((n, e) => n + Math.max(0, ...e.f1), 0)) / examples.length;
const perParagraph = (examples: readonly SpanExample[]) => {
  const seen = new Set(examples.map((e) => e.paragraph));
  return [...seen].reduce((n, p) => n + p.candidates.length, 0) / seen.size;
};

function main(): void {
  const rows: string[][] = [];
  for (const { name, tagger, load } of TAGGERS) {
    process.stderr.write(`${name} …\n`);
    const squad = collectSquad(undefined, tagger);
    const news = collectNewsTrain(undefined, tagger);
    const cv = crossValidateBoth(squad, news);
    rows.push([
      name,
      `${loadMs(load).toFixed(0)} ms`,
      `${(paragraphMs(tagger) * 1000).toFixed(0)} µs`,
      perParagraph(squad).toFixed(0),
      `${ceiling(squad).toFixed(1)} / ${ceiling(news).toFixed(1)}`,
      `${cv.squad.em.toFixed(1)} / ${cv.squad.f1.toFixed(1)}`,
      `${cv.news.em.toFixed(1)} / ${cv.news.f1.toFixed(1)}`,
    ]);
  }
  process.stdout.write(
    `${table(['tagger', 'load (fresh process)', 'paragraph tagged + candidates (median)', 'candidates per SQuAD paragraph', 'best candidate F1: SQuAD / news-train', 'SQuAD EM / F1 (cross-validated)', 'news-train EM / F1 (cross-validated)'], rows)}\n`,
  );
}

main();
