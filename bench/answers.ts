// The answers a build gives, written out so that two builds can be compared byte for byte: a
// speed-up of the query path must not change one answer. For every question of news-dev (8
// stories), seed-qa-dev (the shipped story) and a SQuAD 1.1 dev sample (each article a story), the
// CLI's `ask --json --stdin --story FILE` lines; and the bare index's ranking with its scores over
// the 2,067 SQuAD paragraphs in one corpus (deeper re-rank than any one story).
//   node dist-tools/bench/answers.js --out DIR [--root CHECKOUT] [--grown 200000]
//     (CHECKOUT built: npm run build && npm run build:tools; --grown adds a grown corpus, about a minute at 200,000)
//   node dist-tools/bench/answers.js --compare DIR_A DIR_B         (exit 1 on any difference)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { growCorpus } from './lib/corpus.js';
import { loadSeedQa, loadSquad1, projectRoot, seedsDir } from './lib/data.js';

/** SQuAD articles in the sample (every SQUAD_STEP-th), and questions asked of each. */
const SQUAD_STEP = 4;
const SQUAD_QUESTIONS = 40;
/** Questions ranked over the one-corpus SQuAD index. */
const CORPUS_QUESTIONS = 1_000;

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : undefined;
}

/** The CLI's JSON lines for `questions` asked of `story`, with the checkout's own build. */
function cliAnswers(root: string, story: string, questions: readonly string[]): string {
  const run = spawnSync(
    process.execPath,
    [join(root, 'dist', 'src', 'cli.js'), 'ask', '--json', '--stdin', '--story', story],
    {
      cwd: root,
      input: questions.map((q) => q.replace(/\n/g, ' ')).join('\n') + '\n',
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
      maxBuffer: 1 << 30,
    },
  );
  if (run.status !== 0) throw new Error(`cli failed on ${story}: ${run.stderr}`);
  return run.stdout;
}

async function writeAnswers(root: string, out: string, grown: number): Promise<void> {
  mkdirSync(out, { recursive: true });
  const news = join(projectRoot(), 'bench', 'data', 'news-dev');
  for (const file of readdirSync(news).filter((f) => f.endsWith('.qa.json'))) {
    const set = JSON.parse(readFileSync(join(news, file), 'utf8')) as { story: string; questions: { q: string }[] };
    const questions = set.questions.map((q) => q.q);
    writeFileSync(
      join(out, `news-${file.replace('.qa.json', '')}.jsonl`),
      cliAnswers(root, join(news, set.story), questions),
    );
  }
  const seeds = readdirSync(seedsDir()).filter((f) => /\.(txt|md)$/.test(f));
  const seedQuestions = loadSeedQa().map((q) => q.q);
  writeFileSync(join(out, 'seed-qa-dev.jsonl'), cliAnswers(root, join(seedsDir(), seeds[0]), seedQuestions));

  const squad = loadSquad1();
  const temp = mkdtempSync(join(tmpdir(), 'answers-'));
  try {
    squad.articles.forEach((article, i) => {
      if (i % SQUAD_STEP !== 0) return;
      const story = join(temp, `squad-${i}.txt`);
      writeFileSync(story, `${article.title.replace(/_/g, ' ')}\n\n${article.paragraphs.join('\n\n')}\n`);
      const questions = article.questions.slice(0, SQUAD_QUESTIONS).map((q) => q.question);
      writeFileSync(join(out, `squad-${String(i).padStart(2, '0')}.jsonl`), cliAnswers(root, story, questions));
    });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }

  // The bare index over every SQuAD paragraph: ids and scores of the top 10, and the quoted sentence.
  const { withSentences } = (await import(
    pathToFileURL(join(root, 'dist-tools', 'src', 'story', 'sentences.js')).href
  )) as {
    withSentences: (text: string) => unknown;
  };
  const { SearchIndex } = (await import(pathToFileURL(join(root, 'dist-tools', 'src', 'search', 'index.js')).href)) as {
    SearchIndex: {
      build(
        docs: unknown[],
        options: unknown,
      ): { search(q: string, o: { limit: number }): { id: number; score: number; bestSentence: number }[] };
    };
  };
  const { loadWordData } = (await import(
    pathToFileURL(join(root, 'dist-tools', 'src', 'search', 'word-data.js')).href
  )) as {
    loadWordData: () => unknown;
  };
  const rank = (texts: readonly string[], questions: readonly string[], file: string) => {
    const index = SearchIndex.build(texts.map(withSentences), loadWordData());
    const lines = questions.map((q) =>
      JSON.stringify(index.search(q, { limit: 10 }).map((h) => [h.id, h.score, h.bestSentence])),
    );
    writeFileSync(join(out, file), lines.join('\n') + '\n');
  };
  const all = squad.articles.flatMap((a) => a.questions).map((q) => q.question);
  rank(
    squad.articles.flatMap((a) => a.paragraphs),
    all.slice(0, CORPUS_QUESTIONS),
    'squad-one-corpus.jsonl',
  );
  // A grown corpus (as the speed bench grows it): the first pass's deepest cut.
  if (grown > 0) {
    const corpus = growCorpus(squad, grown);
    const questions = corpus.questions.slice(0, CORPUS_QUESTIONS).map((q) => q.question);
    rank(corpus.texts, questions, `squad-grown-${grown}.jsonl`);
  }
}

/** Files of both folders, line by line; prints each difference (the first few) and returns their count. */
function compare(a: string, b: string): number {
  const files = [...new Set([...readdirSync(a), ...readdirSync(b)])].sort();
  let differences = 0;
  let lines = 0;
  for (const file of files) {
    let left: string[];
    let right: string[];
    try {
      left = readFileSync(join(a, file), 'utf8').split('\n');
      right = readFileSync(join(b, file), 'utf8').split('\n');
    } catch {
      console.log(`${file}: only in one folder`);
      differences++;
      continue;
    }
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      lines++;
      if (left[i] === right[i]) continue;
      if (differences++ < 10)
        console.log(`${file}:${i + 1}\n  < ${left[i]?.slice(0, 400)}\n  > ${right[i]?.slice(0, 400)}`);
    }
  }
  console.log(
    `${files.length} files, ${lines} lines compared: ${differences === 0 ? 'identical' : `${differences} differ`}`,
  );
  return differences;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--compare');
  if (i >= 0) {
    process.exitCode = compare(argv[i + 1], argv[i + 2]) === 0 ? 0 : 1;
    return;
  }
  const out = option(argv, 'out');
  if (!out) throw new Error('answers: --out DIR (or --compare DIR_A DIR_B)');
  await writeAnswers(resolve(option(argv, 'root') ?? projectRoot()), resolve(out), Number(option(argv, 'grown') ?? 0));
}

main().catch((err: unknown) => {
  process.stderr.write(`answers failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
