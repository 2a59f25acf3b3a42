import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  renderedCost,
  SUMMARY_LENGTHS,
  SUMMARY_MAX_CHARS,
  SUMMARY_SENTENCES,
  summarize,
} from '../../src/answer/summary.js';
import { selectByCoverage, type Candidate } from '../../src/answer/summary/coverage.js';
import { factDensity, leadWeight } from '../../src/answer/summary/features.js';
import { tfidfSimilarity } from '../../src/answer/summary/similarity.js';
import type { Summary, SummaryLength } from '../../src/answer/types.js';
import { analyze, terms } from '../../src/search/text.js';
import { loadStories, parseStory } from '../../src/story/load.js';
import type { Story } from '../../src/story/types.js';

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function renderedLength(summary: Summary): number {
  return summary.sentences.reduce((sum, s) => sum + renderedCost(s.text, s.paragraph), 0);
}

/** Where each summary sentence stands in the story (paragraph, sentence), or a failure. */
function positionsInStory(story: Story, summary: Summary): [number, number][] {
  return summary.sentences.map((s) => {
    const paragraph = story.paragraphs.find((p) => p.n === s.paragraph);
    expect(paragraph, `paragraph ${s.paragraph} exists`).toBeDefined();
    expect(collapse(paragraph!.text), 'quoted verbatim').toContain(s.text);
    const index = paragraph!.sentences.findIndex((sentence) => collapse(sentence.text) === s.text);
    expect(index, `"${s.text.slice(0, 80)}" is a sentence of ¶${s.paragraph}`).toBeGreaterThanOrEqual(0);
    return [s.paragraph, index];
  });
}

/** The properties every summary must have, whatever the story. */
function expectFaithful(story: Story, summary: Summary, length: SummaryLength, maxChars = SUMMARY_MAX_CHARS) {
  const available = new Set(story.paragraphs.flatMap((p) => p.sentences.map((s) => collapse(s.text)))).size;
  expect(summary.story).toBe(story.id);
  expect(summary.sentences.length).toBeGreaterThanOrEqual(1);
  expect(summary.sentences.length).toBeLessThanOrEqual(Math.min(SUMMARY_SENTENCES[length], available));
  const texts = summary.sentences.map((s) => s.text);
  expect(new Set(texts).size, 'no sentence twice').toBe(texts.length);
  if (summary.sentences.length > 1) expect(renderedLength(summary)).toBeLessThanOrEqual(maxChars);
  const positions = positionsInStory(story, summary);
  const inStoryOrder = [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  expect(positions, 'story order').toEqual(inStoryOrder);
}

/** A story as the loader would build it, from paragraphs (a first line with a period is no title). */
function storyOf(id: string, paragraphs: string[]): Story {
  return parseStory(paragraphs.join('\n\n'), id);
}

const text = (summary: Summary) => summary.sentences.map((s) => s.text).join(' ');

/**
 * The facts the issue asks the medium summary of the shipped story to tell, as keywords.
 * Two further stories (written for these tests in the inverted-pyramid style of wire news, their
 * key facts listed before the summarizer ever ran on them) guard against a method fitted to the
 * shipped story alone. They did help choose between candidate weightings, so they are a check,
 * not an unbiased evaluation.
 */
const SHIPPED_FACTS: Record<string, RegExp> = {
  'who: Iran’s president': /Iran's president, Masoud Pezeshkian/,
  'where: Iraq': /Iraq\b/,
  'first trip abroad': /first trip outside of the country/,
  'whom he met: al-Sudani': /Sudani/,
  'agreements planned: MoUs': /MoUs|memoranda of understanding/,
  'a security thread': /Soleimani|Kurdistan|U\.S\. (?:forces|troops|military)/,
};
const HELD_OUT_FACTS: Record<string, RegExp[]> = {
  'wildfire-forces-evacuation': [/4,000 residents/, /12,000 acres|contained/, /35 homes/, /state of emergency|900/, /Thursday|investigation/],
  'automaker-cuts-jobs': [/3,000 jobs/, /Park|competitive/, /union/i, /battery plant|Tennessee/, /Shares/],
};

function factsTold(facts: RegExp[], told: string): number {
  return facts.filter((fact) => fact.test(told)).length;
}

/** The first-N-sentences baseline, N = the medium length. */
function leadBaseline(story: Story): string {
  const sentences = story.paragraphs.flatMap((p) => p.sentences.map((s) => s.text));
  return sentences.slice(0, SUMMARY_SENTENCES.medium).join(' ');
}

describe('summary of the shipped story', async () => {
  const [story] = await loadStories('seeds/pezeshkian-visits-iraq.txt');
  const medium = summarize(story);

  it.each(Object.entries(SHIPPED_FACTS))('the medium summary tells %s', (_fact, keyword) => {
    expect(text(medium)).toMatch(keyword);
  });

  it('tells more of those facts than the first five sentences do', () => {
    const facts = Object.values(SHIPPED_FACTS);
    expect(factsTold(facts, text(medium))).toBeGreaterThan(factsTold(facts, leadBaseline(story)));
  });

  it.each(SUMMARY_LENGTHS)('%s: the asked number of sentences, verbatim, cited, in story order', (length) => {
    const summary = summarize(story, length);
    expectFaithful(story, summary, length);
    expect(summary.sentences).toHaveLength(SUMMARY_SENTENCES[length]);
    expect(summary.title).toBe(story.title);
  });

  it('medium is the default, and a longer summary keeps what a shorter one chose', () => {
    expect(summarize(story, 'medium')).toEqual(medium);
    const short = text(summarize(story, 'short'));
    const long = text(summarize(story, 'long'));
    for (const s of summarize(story, 'short').sentences) expect(text(medium)).toContain(s.text);
    for (const s of medium.sentences) expect(long).toContain(s.text);
    expect(short.length).toBeLessThan(long.length);
  });

  it('opens with the lead sentence', () => {
    for (const length of SUMMARY_LENGTHS) {
      expect(summarize(story, length).sentences[0]).toEqual({ text: story.paragraphs[0].sentences[0].text, paragraph: 1 });
    }
  });
});

describe('summary of two more news stories', async () => {
  const stories = await loadStories('tests/answer/summary');

  it.each(stories.map((s) => [s.id, s] as const))('%s: faithful, the lede first, facts at least as good as the first five sentences', (id, story) => {
    const facts = HELD_OUT_FACTS[id];
    expect(facts, `facts listed for ${id}`).toBeDefined();
    const summary = summarize(story);
    expectFaithful(story, summary, 'medium');
    expect(summary.sentences[0].text).toBe(story.paragraphs[0].sentences[0].text);
    expect(factsTold(facts, text(summary))).toBeGreaterThanOrEqual(factsTold(facts, leadBaseline(story)));
    expect(factsTold(facts, text(summary))).toBeGreaterThanOrEqual(facts.length - 1);
  });
});

describe('summary edge cases', () => {
  it('summarises a one-sentence story with that sentence', () => {
    const story = storyOf('one', ['Only one sentence here, and it says everything.']);
    for (const length of SUMMARY_LENGTHS) {
      expect(summarize(story, length).sentences).toEqual([{ text: 'Only one sentence here, and it says everything.', paragraph: 1 }]);
    }
  });

  it('summarises a one-paragraph story from that paragraph', () => {
    const story = storyOf('para', ['The council met on Monday. It approved a new budget. Taxes will not rise. The mayor praised the vote.']);
    const summary = summarize(story, 'short');
    expectFaithful(story, summary, 'short');
    expect(summary.sentences).toHaveLength(3);
    expect(summary.sentences.every((s) => s.paragraph === 1)).toBe(true);
  });

  it('returns every sentence, in order, when the story has fewer than asked', () => {
    const story = storyOf('few', ['Rain fell in the north.', 'Roads were closed near the river.', 'Schools opened late.']);
    expect(summarize(story, 'long').sentences).toEqual([
      { text: 'Rain fell in the north.', paragraph: 1 },
      { text: 'Roads were closed near the river.', paragraph: 2 },
      { text: 'Schools opened late.', paragraph: 3 },
    ]);
  });

  it('never quotes the same sentence twice, even when the story repeats it', () => {
    const story = storyOf('repeats', [
      'Officials confirmed the bridge will close. Repairs start in May.',
      'Officials confirmed the bridge will close. Drivers should use the ferry.',
      'Officials confirmed the bridge will close. The work costs $4 million.',
    ]);
    const summary = summarize(story, 'long');
    expectFaithful(story, summary, 'long');
    expect(summary.sentences).toHaveLength(4); // four distinct sentences in the story
  });

  it('quotes a sentence with its whitespace collapsed and cites the paragraph that holds it', () => {
    const story: Story = {
      id: 'manual',
      title: 'Manual',
      source: 'manual',
      paragraphs: [
        { n: 1, text: 'A storm  hit\nthe coast.', sentences: [{ text: 'A storm  hit\nthe coast.', start: 0, end: 24 }] },
        { n: 2, text: 'Power was cut.', sentences: [{ text: 'Power was cut.', start: 0, end: 14 }] },
      ],
    };
    expect(summarize(story).sentences).toEqual([
      { text: 'A storm hit the coast.', paragraph: 1 },
      { text: 'Power was cut.', paragraph: 2 },
    ]);
  });

  it('drops lower-ranked sentences to stay within the character budget', () => {
    const long = (topic: string, n: number) => `${topic} ${'and the officials described the situation in detail '.repeat(n)}today.`;
    const paragraphs = ['Fire', 'Flood', 'Storm', 'Drought', 'Quake', 'Heat', 'Snow', 'Wind'].map((t) => long(t, 18));
    const story = storyOf('wordy', paragraphs);
    expect(paragraphs[0].length).toBeGreaterThan(900);
    const summary = summarize(story, 'long');
    expectFaithful(story, summary, 'long');
    expect(summary.sentences.length).toBeLessThan(8);
    expect(renderedLength(summary)).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(summarize(story, 'long', { maxChars: 2000 }).sentences.length).toBeLessThan(summary.sentences.length);
  });

  it('skips a sentence longer than the whole budget, unless it is the only one', () => {
    const huge = `The report ${'lists another finding of the inquiry '.repeat(130)}in full.`;
    expect(huge.length).toBeGreaterThan(SUMMARY_MAX_CHARS);
    const story = storyOf('huge', [`${huge} The minister resigned on Friday.`, 'An election will follow in June.']);
    const summary = summarize(story);
    expect(summary.sentences.map((s) => s.text)).toEqual(['The minister resigned on Friday.', 'An election will follow in June.']);
    expect(summarize(storyOf('only', [huge])).sentences).toEqual([{ text: huge, paragraph: 1 }]);
  });

  it('is deterministic and leaves the story untouched', () => {
    const story = storyOf('same', ['A plane landed safely in Oslo on Sunday. Nobody was hurt.', 'The airline is investigating a warning light.']);
    const before = structuredClone(story);
    expect(summarize(story)).toEqual(summarize(story));
    expect(story).toEqual(before);
  });

  it('rejects an unknown length with a clear error', () => {
    const story = storyOf('x', ['Something happened.']);
    expect(() => summarize(story, 'huge' as SummaryLength)).toThrow(/short, medium or long/);
  });

  it('holds for arbitrary stories (property)', () => {
    const word = fc.oneof(
      fc.constantFrom('Iran', 'U.S.', 'the', 'of', '2,500', 'Dr.', 'al-Sudani', 'MoUs', 'a', '"quoted"', '@everyone', '🙂', 'ثم'),
      fc.string({ minLength: 1, maxLength: 12 }),
    );
    const sentence = fc.array(word, { minLength: 1, maxLength: 30 }).map((words) => `${words.join(' ')}.`);
    const paragraph = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((s) => s.join(' '));
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 12 }), fc.constantFrom(...SUMMARY_LENGTHS), (paragraphs, length) => {
        const story = storyOf('prop', paragraphs);
        fc.pre(story.paragraphs.length > 0);
        expectFaithful(story, summarize(story, length), length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('summary building blocks', () => {
  const sentences = [
    'The central bank raised interest rates by half a point.',
    'Interest rates were raised by the central bank by half a point on Tuesday.',
    'Farmers fear a poor harvest after the long drought.',
  ];
  const similarity = tfidfSimilarity(sentences.map((s) => terms(s)));
  const at = (i: number, j: number) => similarity.values[i * similarity.size + j];
  const plain = (cost = 10): Candidate => ({ weight: 1, bonus: 0, cost, duplicate: false });

  it('TF-IDF cosine: symmetric, zero diagonal, high for a restatement, zero for no shared word', () => {
    expect(at(0, 1)).toBeCloseTo(at(1, 0), 12);
    expect(at(0, 0)).toBe(0);
    expect(at(0, 1)).toBeGreaterThan(0.5);
    expect(at(0, 2)).toBe(0);
    const same = tfidfSimilarity([terms('Rates rose.'), terms('Rates rose.')]);
    expect(same.values[1]).toBeCloseTo(1, 9);
  });

  it('coverage picks a new topic over a restatement of what it already chose', () => {
    const chosen = selectByCoverage(sentences.map(() => plain()), similarity, { count: 2, maxChars: 1000 });
    expect(chosen).toHaveLength(2);
    expect(chosen).toContain(2);
  });

  it('coverage passes over a candidate that does not fit the budget, and never picks a duplicate', () => {
    const candidates = [plain(), { ...plain(), duplicate: true }, plain(500)];
    expect(selectByCoverage(candidates, similarity, { count: 3, maxChars: 100 })).toEqual([0]);
  });

  it('the lead outweighs later paragraphs, and names and figures count as facts', () => {
    expect(leadWeight({ paragraph: 1, indexInParagraph: 0 })).toBeGreaterThan(leadWeight({ paragraph: 1, indexInParagraph: 1 }));
    expect(leadWeight({ paragraph: 1, indexInParagraph: 3 })).toBeGreaterThan(leadWeight({ paragraph: 2, indexInParagraph: 0 }));
    const vague = 'In addition, talks will address more general topics.';
    const factual = 'Foreign Minister Abbas Araqchi said 15 MoUs would be signed.';
    expect(factDensity(vague, analyze(vague))).toBe(0);
    expect(factDensity(factual, analyze(factual))).toBeGreaterThan(0.5);
  });
});

describe('summary of every SQuAD 1.1 dev article', () => {
  const squad = JSON.parse(gunzipSync(readFileSync('bench/data/squad-dev.json.gz')).toString('utf8')) as {
    articles: { title: string; paragraphs: string[] }[];
  };

  it('has all 48 articles to check', () => {
    expect(squad.articles).toHaveLength(48);
  });

  it.each(SUMMARY_LENGTHS)('%s: no crash, within limits, verbatim, cited, no duplicates', (length) => {
    for (const article of squad.articles) {
      const story = storyOf(article.title, article.paragraphs);
      const summary = summarize(story, length);
      expectFaithful(story, summary, length);
      expect(summary.sentences, article.title).toHaveLength(SUMMARY_SENTENCES[length]);
    }
  });
});
