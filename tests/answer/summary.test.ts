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
import {
  factDensity,
  FEATURE_COUNT,
  opensOnItsOwn,
  quantities,
  sentenceFeatures,
  standsAlone,
  SUMMARY_FEATURES,
} from '../../src/answer/summary/features.js';
import { keywordProbabilities, WORD_FEATURES, wordFeatures } from '../../src/answer/summary/keywords.js';
import { selectLeadFirst, type SelectionCandidate } from '../../src/answer/summary/select.js';
import { tfidfSimilarity } from '../../src/answer/summary/similarity.js';
import { SUMMARY_MODEL } from '../../src/answer/summary/weights.js';
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
 * shipped story alone. The summary is judged against editors' references of other stories in the
 * benchmark (bench/lib/summary-bench.ts); these stay as checks, not evaluations.
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
  'wildfire-forces-evacuation': [
    /4,000 residents/,
    /12,000 acres|contained/,
    /35 homes/,
    /state of emergency|900/,
    /Thursday|investigation/,
  ],
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

  it('the long summary tells agreements planned: MoUs', () => {
    expect(text(summarize(story, 'long'))).toMatch(SHIPPED_FACTS['agreements planned: MoUs']);
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
      expect(summarize(story, length).sentences[0]).toEqual({
        text: story.paragraphs[0].sentences[0].text,
        paragraph: 1,
      });
    }
  });
});

describe('summary of two more news stories', async () => {
  const stories = await loadStories('tests/answer/summary');

  it.each(stories.map((s) => [s.id, s] as const))(
    '%s: faithful, the lede first, facts at least as good as the first five sentences',
    (id, story) => {
      const facts = HELD_OUT_FACTS[id];
      expect(facts, `facts listed for ${id}`).toBeDefined();
      const summary = summarize(story);
      expectFaithful(story, summary, 'medium');
      expect(summary.sentences[0].text).toBe(story.paragraphs[0].sentences[0].text);
      expect(factsTold(facts, text(summary))).toBeGreaterThanOrEqual(factsTold(facts, leadBaseline(story)));
      expect(factsTold(facts, text(summary))).toBeGreaterThanOrEqual(facts.length - 1);
    },
  );
});

describe('summary edge cases', () => {
  it('summarises a one-sentence story with that sentence', () => {
    const story = storyOf('one', ['Only one sentence here, and it says everything.']);
    for (const length of SUMMARY_LENGTHS) {
      expect(summarize(story, length).sentences).toEqual([
        { text: 'Only one sentence here, and it says everything.', paragraph: 1 },
      ]);
    }
  });

  it('summarises a one-paragraph story from that paragraph', () => {
    const story = storyOf('para', [
      'The council met on Monday. It approved a new budget. Taxes will not rise. The mayor praised the vote.',
    ]);
    const summary = summarize(story, 'short');
    expectFaithful(story, summary, 'short');
    expect(summary.sentences).toHaveLength(3);
    expect(summary.sentences.every((s) => s.paragraph === 1)).toBe(true);
  });

  it('returns every sentence, in order, when the story has fewer than asked', () => {
    const story = storyOf('few', [
      'Rain fell in the north.',
      'Roads were closed near the river.',
      'Schools opened late.',
    ]);
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
        {
          n: 1,
          text: 'A storm  hit\nthe coast.',
          sentences: [{ text: 'A storm  hit\nthe coast.', start: 0, end: 24 }],
        },
        { n: 2, text: 'Power was cut.', sentences: [{ text: 'Power was cut.', start: 0, end: 14 }] },
      ],
    };
    expect(summarize(story).sentences).toEqual([
      { text: 'A storm hit the coast.', paragraph: 1 },
      { text: 'Power was cut.', paragraph: 2 },
    ]);
  });

  it('drops lower-ranked sentences to stay within the character budget', () => {
    // Eight long sentences on eight topics, no words shared (so none is dropped as a restatement).
    const long = (topic: string) =>
      `${topic} ${Array.from({ length: 130 }, (_, i) => `${topic.toLowerCase()}${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}`).join(' ')} today.`;
    const paragraphs = ['Fire', 'Flood', 'Storm', 'Drought', 'Quake', 'Heat', 'Snow', 'Wind'].map(long);
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
    expect(summary.sentences.map((s) => s.text)).toEqual([
      'The minister resigned on Friday.',
      'An election will follow in June.',
    ]);
    expect(summarize(storyOf('only', [huge])).sentences).toEqual([{ text: huge, paragraph: 1 }]);
  });

  it('is deterministic and leaves the story untouched', () => {
    const story = storyOf('same', [
      'A plane landed safely in Oslo on Sunday. Nobody was hurt.',
      'The airline is investigating a warning light.',
    ]);
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
      fc.constantFrom(
        'Iran',
        'U.S.',
        'the',
        'of',
        '2,500',
        'Dr.',
        'al-Sudani',
        'MoUs',
        'a',
        '"quoted"',
        '@everyone',
        '🙂',
        'ثم',
      ),
      fc.string({ minLength: 1, maxLength: 12 }),
    );
    const sentence = fc.array(word, { minLength: 1, maxLength: 30 }).map((words) => `${words.join(' ')}.`);
    const paragraph = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((s) => s.join(' '));
    fc.assert(
      fc.property(
        fc.array(paragraph, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(...SUMMARY_LENGTHS),
        (paragraphs, length) => {
          const story = storyOf('prop', paragraphs);
          fc.pre(story.paragraphs.length > 0);
          expectFaithful(story, summarize(story, length), length);
        },
      ),
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

  it('TF-IDF cosine: symmetric, zero diagonal, high for a restatement, zero for no shared word', () => {
    expect(at(0, 1)).toBeCloseTo(at(1, 0), 12);
    expect(at(0, 0)).toBe(0);
    expect(at(0, 1)).toBeGreaterThan(0.5);
    expect(at(0, 2)).toBe(0);
    const same = tfidfSimilarity([terms('Rates rose.'), terms('Rates rose.')]);
    expect(same.values[1]).toBeCloseTo(1, 9);
  });

  it('names and figures count as facts; fragments and pieces of a quotation do not stand alone', () => {
    const vague = 'In addition, talks will address more general topics.';
    const factual = 'Foreign Minister Abbas Araqchi said 15 MoUs would be signed.';
    expect(factDensity(vague, analyze(vague))).toBe(0);
    expect(factDensity(factual, analyze(factual))).toBeGreaterThan(0.5);
    expect(standsAlone(factual)).toBe(true);
    expect(standsAlone('Pacific time.')).toBe(false); // a slip of the sentence splitter
    expect(standsAlone('"We will rebuild every home and every school.')).toBe(false); // the quote goes on
    expect(standsAlone('"We will rebuild every home," she said on Tuesday.')).toBe(true);
  });

  it('features: the lead first, new facts counted against the lede, likely summary words added', () => {
    const texts = [
      'Storm Ada hit the coast of Norland on Monday, cutting power to 40,000 homes.',
      'Storm Ada brought winds of 150 kilometers an hour to the coast.',
      'Power will be restored to all homes by Friday, the grid operator Lumen said.',
    ];
    const tokens = texts.map((t) => analyze(t));
    const places = [0, 1, 2].map((index) => ({ index, paragraph: index + 1, indexInParagraph: 0 }));
    const keywords = keywordProbabilities(wordFeatures(tokens, texts), SUMMARY_MODEL.keywordWeights);
    const rows = sentenceFeatures(
      texts,
      places,
      tokens,
      tfidfSimilarity(tokens.map((t) => t.map((x) => x.term))),
      keywords,
    );
    const f = (i: number, name: (typeof SUMMARY_FEATURES)[number]) =>
      rows[i * FEATURE_COUNT + SUMMARY_FEATURES.indexOf(name)];
    expect(f(0, 'position')).toBeGreaterThan(f(1, 'position'));
    expect(f(1, 'position')).toBeGreaterThan(f(2, 'position'));
    expect(f(1, 'newFacts')).toBeGreaterThan(0); // 150, not in the lede
    expect(f(2, 'consequence')).toBe(1); // "will be restored"
    expect(f(1, 'ledeSimilarity')).toBeGreaterThan(f(2, 'ledeSimilarity'));
    // A word the story repeats, the lede has and that comes first is likelier in a summary.
    expect(keywords.get('ada')).toBeGreaterThan(keywords.get('kilomet') ?? keywords.get('kilometer') ?? 1);
    expect(WORD_FEATURES).toHaveLength(SUMMARY_MODEL.keywordWeights.length);
    for (const length of SUMMARY_LENGTHS) expect(SUMMARY_MODEL.lengths[length].weights).toHaveLength(FEATURE_COUNT);
  });

  const candidate = (value: number, cost = 10, more: Partial<SelectionCandidate> = {}): SelectionCandidate => ({
    value,
    cost,
    duplicate: false,
    standalone: true,
    figures: [],
    opensOnItsOwn: true,
    ...more,
  });
  const unrelated = (n: number) => ({
    size: n,
    values: new Float64Array(n * n),
    total: 0,
    rowSums: new Float64Array(n),
  });
  const settings = { margin: 0.1, redundancy: 0.5, diversity: 0, numbers: false };

  it('starts from the lead and keeps it when nothing later is clearly worth more', () => {
    const values = [1, 0.2, 0.3, 0.28, 0.25];
    const chosen = selectLeadFirst(
      values.map((v) => candidate(v)),
      unrelated(5),
      settings,
      { count: 3, maxChars: 1000 },
    );
    expect(chosen).toEqual([0, 1, 2]); // 0.28 is not 0.1 more than 0.2
  });

  it('a later sentence replaces the weakest lead sentence only by the margin, never the lede', () => {
    const values = [0, 0.2, 0.3, 0.9, 0.25];
    const chosen = selectLeadFirst(
      values.map((v) => candidate(v)),
      unrelated(5),
      settings,
      { count: 3, maxChars: 1000 },
    );
    expect(chosen).toEqual([0, 2, 3]); // 0.9 replaces 0.2; the lede stays though it is worth least
  });

  it('never takes in a restatement, a duplicate, a sentence that does not stand alone, or one over budget', () => {
    const similarity = unrelated(6);
    similarity.values[2 * 6 + 3] = similarity.values[3 * 6 + 2] = 0.8; // 3 restates 2
    const candidates = [
      candidate(1),
      candidate(0.1),
      candidate(0.5),
      candidate(2),
      candidate(2, 10, { standalone: false }),
      candidate(2, 500),
    ];
    expect(selectLeadFirst(candidates, similarity, settings, { count: 3, maxChars: 100 })).toEqual([0, 1, 2]);
    const dup = [candidate(1), candidate(0.1), candidate(3, 10, { duplicate: true })];
    expect(selectLeadFirst(dup, unrelated(3), settings, { count: 2, maxChars: 100 })).toEqual([0, 1]);
  });

  it('figures are amounts written in digits, years left out; a sentence opens on its own unless it opens a quote or leans on the one before', () => {
    expect(quantities('In 2020, about 2,500 troops cost $14.2 million, up 6.8%.')).toEqual(['2,500', '$14.2', '6.8%']);
    expect(quantities('The bridge reopened in 1998 after three years.')).toEqual([]);
    expect(opensOnItsOwn('Foreign Minister Abbas Araqchi said 15 MoUs would be signed.')).toBe(true);
    expect(opensOnItsOwn('He said 15 MoUs would be signed.')).toBe(false);
    expect(opensOnItsOwn('But only 15 MoUs were signed.')).toBe(false);
    expect(opensOnItsOwn('“We will sign 15 of them,” he said.')).toBe(false);
  });

  const withFigures = (figures: string[], more: Partial<SelectionCandidate> = {}) =>
    candidate(0, 10, { figures, ...more });
  const numbers = { ...settings, margin: 1e9, numbers: true };

  it('the key numbers: a lead sentence with no figure gives way to the next sentence with a figure the summary lacks', () => {
    const candidates = [
      withFigures(['3,000']),
      withFigures(['8%']),
      withFigures([]),
      withFigures([]),
      withFigures(['2,200']),
      withFigures(['1,500']),
    ];
    expect(selectLeadFirst(candidates, unrelated(6), numbers, { count: 3, maxChars: 1000, fixed: 2 })).toEqual([
      0, 1, 4,
    ]);
    // Without the setting, or when the lead sentence has a figure of its own, the lead stays.
    expect(
      selectLeadFirst(candidates, unrelated(6), { ...numbers, numbers: false }, { count: 3, maxChars: 1000, fixed: 2 }),
    ).toEqual([0, 1, 2]);
    const figured = candidates.map((c, i) => (i === 2 ? withFigures(['12']) : c));
    expect(selectLeadFirst(figured, unrelated(6), numbers, { count: 3, maxChars: 1000, fixed: 2 })).toEqual([0, 1, 2]);
  });

  it('the key numbers: never a fixed place, a figure the summary has, a sentence that leans on another, a restatement, or one over budget', () => {
    const candidates = [
      withFigures(['3,000']),
      withFigures([]), // fixed: stays though it has no figure
      withFigures([]),
      withFigures(['3,000']), // the summary has it already
      withFigures(['40'], { opensOnItsOwn: false }), // "He said 40 …"
      withFigures(['41']), // restates sentence 1
      withFigures(['42'], { cost: 500 }), // does not fit
      withFigures(['43'], { standalone: false }), // a piece of a quotation
      withFigures(['44']),
    ];
    const similarity = unrelated(9);
    similarity.values[5 * 9 + 1] = similarity.values[1 * 9 + 5] = 0.8;
    expect(selectLeadFirst(candidates, similarity, numbers, { count: 3, maxChars: 100, fixed: 2 })).toEqual([0, 1, 8]);
    // With the second place open, 5 may take the place of the sentence it restates.
    expect(selectLeadFirst(candidates, similarity, numbers, { count: 3, maxChars: 100, fixed: 1 })).toEqual([0, 5, 8]);
  });

  it('the key numbers: a longer summary changes only its own places, the latest first, and keeps what came in', () => {
    const candidates = [
      withFigures(['1']),
      withFigures([]),
      withFigures([]),
      withFigures([]),
      withFigures([]),
      withFigures(['5']),
      withFigures([]),
      withFigures(['7']),
      withFigures(['5']),
    ];
    // Medium extends short [0, 1, 2]: its own places 3 and 4 give way to 5 and 7 (8 repeats 5's figure).
    expect(selectLeadFirst(candidates, unrelated(9), numbers, { count: 5, maxChars: 1000, kept: [0, 1, 2] })).toEqual([
      0, 1, 2, 5, 7,
    ]);
    // Only one figure to be had: the later place (4) gives way, the earlier lead sentence stays.
    const one = candidates.map((c, i) => (i === 7 || i === 8 ? withFigures([]) : c));
    expect(selectLeadFirst(one, unrelated(9), numbers, { count: 5, maxChars: 1000, kept: [0, 1, 2] })).toEqual([
      0, 1, 2, 3, 5,
    ]);
  });

  it('extends a shorter summary without dropping what it chose, and can fill by value', () => {
    const values = [1, 0.2, 0.3, 0.35, 0.9, 0.1];
    const candidates = values.map((v) => candidate(v));
    expect(
      selectLeadFirst(candidates, unrelated(6), settings, { count: 4, maxChars: 1000, kept: [0, 1], fill: 'value' }),
    ).toEqual([0, 1, 3, 4]);
  });
});

describe('summary of every SQuAD 1.1 dev article', () => {
  const squad = JSON.parse(gunzipSync(readFileSync('bench/data/squad-dev.json.gz')).toString('utf8')) as {
    articles: { title: string; paragraphs: string[] }[];
  };

  it('has all 48 articles to check', () => {
    expect(squad.articles).toHaveLength(48);
  });

  it.each(SUMMARY_LENGTHS)(
    '%s: no crash, within limits, verbatim, cited, no duplicates; short of the count only when out of room',
    (length) => {
      for (const article of squad.articles) {
        const story = storyOf(article.title, article.paragraphs);
        const summary = summarize(story, length);
        expectFaithful(story, summary, length);
        if (summary.sentences.length < SUMMARY_SENTENCES[length]) {
          // Wikipedia's sentences run long: the embed's 4,096 characters may hold fewer.
          const quoted = new Set(summary.sentences.map((s) => s.text));
          const cheapest = Math.min(
            ...story.paragraphs.flatMap((p) =>
              p.sentences
                .map((s) => collapse(s.text))
                .filter((t) => !quoted.has(t))
                .map((t) => renderedCost(t, p.n)),
            ),
          );
          expect(renderedLength(summary) + cheapest, article.title).toBeGreaterThan(SUMMARY_MAX_CHARS / 2);
        }
      }
    },
  );
});
