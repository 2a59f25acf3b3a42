import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Library, loadLibrary } from '../../src/answer/library.js';
import { createLogger } from '../../src/log.js';
import { WorkerWorkshop } from '../../src/server-stories/worker-workshop.js';
import { InThreadWorkshop, type StorySource } from '../../src/server-stories/workshop.js';
import { ROOT } from '../support/child.js';

let shipped: Library;
let worker: WorkerWorkshop;
let local: InThreadWorkshop;
let sources: StorySource[];
let questions: string[];

beforeAll(async () => {
  shipped = await loadLibrary(join(ROOT, 'seeds'));
  worker = new WorkerWorkshop(shipped);
  local = new InThreadWorkshop(shipped.stories);
  const squad = JSON.parse(gunzipSync(readFileSync(join(ROOT, 'bench/data/squad-dev.json.gz'))).toString('utf8')) as {
    articles: Array<{ title: string; paragraphs: string[]; questions: Array<{ question: string }> }>;
  };
  const articles = squad.articles.slice(0, 4);
  sources = articles.map((a, i) => ({
    slug: `article-${i}`,
    title: a.title.replace(/_/g, ' '),
    body: a.paragraphs.join('\n\n'),
    fileName: `${i}.txt`,
  }));
  questions = [
    ...articles.flatMap((a) => a.questions.slice(0, 25).map((q) => q.question)),
    'How many US troops are in Iraq?',
    'Who did Pezeshkian meet?',
    'What is the capital of France?',
    'Irak forcs?',
  ];
}, 120_000);

afterAll(async () => {
  await worker?.close();
});

describe('WorkerWorkshop', () => {
  it('builds on its thread a library that answers and summarizes exactly as one built here', async () => {
    const there = await worker.build(sources, ['article-0']);
    const here = await local.build(sources, ['article-0']);
    expect(worker.offThread).toBe(true);
    expect(there).toBeInstanceOf(Library);
    expect(there.stories.map((s) => s.id)).toEqual(here.stories.map((s) => s.id));
    expect(there.stories).toEqual(here.stories);
    for (const question of questions) {
      expect(there.ask(question), question).toEqual(here.ask(question));
      expect(there.ask(question, { story: 'article-1', limit: 5 }), question).toEqual(
        here.ask(question, { story: 'article-1', limit: 5 }),
      );
    }
    for (const length of ['short', 'medium', 'long'] as const) {
      expect(there.summarize({ story: 'article-0', length })).toEqual(here.summarize({ story: 'article-0', length }));
      expect(there.summarize({ story: 'article-2', length })).toEqual(here.summarize({ story: 'article-2', length }));
    }
    expect(there.paragraph('article-3', 2)).toEqual(here.paragraph('article-3', 2));
  }, 60_000);

  it('keeps the shipped stories as the very objects this thread holds (not copies)', async () => {
    const there = await worker.build(sources.slice(0, 1));
    expect(there.stories[0]).toBe(shipped.stories[0]);
  });

  it('reads uploads as the rules say, refusals included', async () => {
    const bytes = new TextEncoder().encode('# A title\n\nA paragraph of text.');
    expect(await worker.inspect({ fileName: 'a.md', bytes, maxBytes: 1000 })).toEqual(
      await local.inspect({ fileName: 'a.md', bytes, maxBytes: 1000 }),
    );
    const latin1 = Uint8Array.from([0x43, 0x61, 0x66, 0xe9]);
    expect(await worker.inspect({ fileName: 'b.txt', bytes: latin1, maxBytes: 1000 })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/UTF-8/),
    });
  });

  it('falls back to this thread, saying so once, when the worker cannot run', async () => {
    const lines: string[] = [];
    const broken = new WorkerWorkshop(
      shipped,
      createLogger({ level: 'warn', write: (l) => lines.push(l), timestamps: false }),
      join(ROOT, 'no-such-worker.js'),
    );
    const library = await broken.build(sources.slice(0, 2));
    expect(broken.offThread).toBe(false);
    expect(library.ask(questions[0])).toEqual((await local.build(sources.slice(0, 2))).ask(questions[0]));
    await broken.build(sources.slice(0, 1));
    expect(lines.filter((l) => /main thread/.test(l))).toHaveLength(1);
    await broken.close();
  });
});
