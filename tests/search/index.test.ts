import { describe, expect, it } from 'vitest';
import type { Hit } from '../../src/search/index.js';
import { indexOf } from '../support/search.js';
import { lexiconFromTable } from '../../src/search/lexicon/index.js';
import { FEATURE_COUNT, RERANK_FEATURES } from '../../src/search/rerank-model.js';
import { terms } from '../../src/search/text.js';
import { loadWordVectors } from '../../src/search/vectors/load.js';

const docs = [
  'Iran and Iraq signed agreements on trade and agriculture.',
  'About 2,500 U.S. forces are stationed in Iraq. They train local troops.',
  'The weather in Baghdad was hot. Farmers worried about the harvest.',
  'Soleimani died in 2020 in a drone strike.',
];

/** Ids of the hits that hold any of the question's words (a small story's other paragraphs are listed too, unmatched). */
const matching = (hits: Hit[]) => hits.filter((h) => h.matchedTerms.size > 0).map((h) => h.id);

describe('SearchIndex', () => {
  const index = indexOf(docs);

  it('ranks the paragraph that holds the question words first', () => {
    expect(index.search('How many US forces are in Iraq?')[0].id).toBe(1);
    expect(index.search('trade agreements')[0].id).toBe(0);
  });

  it('picks the best sentence, steered by the kind of answer asked', () => {
    const hit = index.search('How many forces are stationed in Iraq?')[0];
    expect(hit.bestSentence).toBe(0);
  });

  it('tolerates a typo in a content word', () => {
    expect(index.search('soliemani drone')[0].id).toBe(3);
    expect(index.search('forcs in Irak')[0].id).toBe(1);
  });

  it('reports how much of the question a paragraph covers', () => {
    expect(index.search('Soleimani drone strike')[0].coverage).toBeCloseTo(1);
    const offTopic = index.search('Who wrote Hamlet?');
    expect(offTopic.every((h) => h.coverage === 0)).toBe(true);
    expect(matching(offTopic)).toEqual([]);
  });

  it('uses related terms below the words asked', () => {
    const words = lexiconFromTable(
      new Map([['soldier', [{ term: 'troop', weight: 0.7 }]]]),
      new Map([['soldier', 10]]),
    );
    const withRelated = indexOf(docs, { words });
    const hit = withRelated.search('soldiers')[0];
    expect(hit.id).toBe(1);
    expect(hit.coverage).toBeGreaterThan(0);
    expect(hit.coverage).toBeLessThan(1);
    expect(matching(indexOf(docs).search('soldiers'))).toEqual([]);
  });

  it("counts a word's spread over the story by the word itself, not by a related word", () => {
    // "plan" is a WordNet synonym of "program" (0.7), but a story full of plans is not about programs.
    const story = [
      'The plan was signed.',
      'A second plan followed.',
      'Programs for farmers start soon.',
      'Nothing else.',
    ];
    const words = lexiconFromTable(new Map([['program', [{ term: 'plan', weight: 0.7 }]]]), new Map([['program', 10]]));
    const asked = (q: string) => indexOf(story, { words }).searchDetailed(q).asked;
    const program = asked('program?').find((w) => w.term === 'program');
    expect(program?.spread).toBe(0.25);
    expect(program?.inRange).toBe(1);
    const onlyRelated = indexOf(story.slice(0, 2).concat('Nothing.'), { words }).searchDetailed('program?').asked[0];
    expect(onlyRelated.inRange).toBeCloseTo(0.7);
    expect(onlyRelated.spread).toBe(0);
    expect(asked('plan?')[0].spread).toBe(0.5);
  });

  it('corrects typos only for words that are not real words', () => {
    // "harvesd" is no word: a typo of "harvest". "bake" is a word: never read as "base".
    const words = lexiconFromTable(
      new Map(),
      new Map([
        ['bake', 10],
        ['harvest', 10],
      ]),
    );
    const index = indexOf([...docs, 'The army used the old base.'], { words });
    expect(index.search('harvesd')[0].id).toBe(2);
    expect(matching(index.search('bake'))).toEqual([]);
    expect(indexOf([...docs, 'The army used the old base.']).search('bake')[0].id).toBe(4);
  });

  it('keeps acronyms apart from words, and finds them when typed in lower case', () => {
    const index = indexOf(['The US sent aid.', 'They use old maps.']);
    expect(matching(index.search('US aid'))).toEqual([0]);
    expect(matching(index.search('use'))).toEqual([1]);
    expect(matching(index.search('nato'))).toEqual([]);
    expect(indexOf(['NATO met.', 'Nothing.']).search('nato')[0].id).toBe(0);
  });

  it('restricts results to a range of documents', () => {
    const hits = index.search('Iraq', { from: 0, to: 1 });
    expect(hits.map((h) => h.id)).toEqual([0]);
  });

  it("lets the re-rank's hidden layer weigh a whole story only", () => {
    // A layer that favours long paragraphs, whatever the question: it shows where it counts.
    const weights = RERANK_FEATURES.map((f) => (f === 'length' ? 50 : 0));
    const rerankHidden = {
      topK: 4,
      mean: new Array<number>(FEATURE_COUNT).fill(0),
      scale: new Array<number>(FEATURE_COUNT).fill(1),
      units: [{ weights, bias: 0, out: 1 }],
    };
    const question = 'Soleimani drone strike';
    const ids = (options: Parameters<typeof indexOf>[1]) =>
      indexOf(docs, options)
        .search(question)
        .map((h) => h.id);
    expect(ids({})[0]).toBe(3);
    expect(ids({ rerankHidden })[0]).not.toBe(3);
    // Four paragraphs are more than a whole-story re-rank of two: the first pass's leaders, no layer.
    expect(ids({ rerankHidden, rerankAllUpTo: 2 })).toEqual(ids({ rerankAllUpTo: 2 }));
  });

  it('scores exactly like a brute-force BM25 when re-ranking is off', () => {
    const k1 = 1.2;
    const b = 0.75;
    const plain = indexOf(docs, {
      k1,
      b,
      sentenceWeight: 0,
      pairWeight: 0,
      answerKindBonus: 0,
      concentration: 0,
      rerankAllUpTo: 0,
    });
    const bags = docs.map((d) => terms(d));
    const avg = bags.reduce((n, t) => n + t.length, 0) / bags.length;
    const query = 'Iraq forces trade weather';
    const expected = bags.map((bag) =>
      [...new Set(terms(query))].reduce((sum, q) => {
        const tf = bag.filter((t) => t === q).length;
        const df = bags.filter((other) => other.includes(q)).length;
        const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
        return sum + (tf === 0 ? 0 : (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * bag.length) / avg)));
      }, 0),
    );
    for (const hit of plain.search(query, { limit: 4 })) expect(hit.matchScore).toBeCloseTo(expected[hit.id], 4);
    expect(plain.search(query, { limit: 4 })).toHaveLength(expected.filter((s) => s > 0).length);
  });
});

describe('SearchIndex with word vectors', () => {
  const vectors = loadWordVectors();
  const withVectors = indexOf(docs, { vectors });
  const without = indexOf(docs);

  it('counts a word the text says differently towards coverage', () => {
    // "soldiers" is not in the text; "forces" and "troops" are, and are near it.
    const question = 'How many soldiers are stationed in Iraq?';
    const near = withVectors.search(question)[0];
    const plain = without.search(question)[0];
    expect(near.id).toBe(1);
    expect(near.coverage).toBeGreaterThan(plain.coverage);
    expect(near.coverage).toBeLessThan(1);
  });

  it('scores the leaders as shares of one, best first', () => {
    const hits = withVectors.search('drone strike', { limit: 10 });
    const scores = hits.map((h) => h.score);
    expect(scores.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(hits[0].id).toBe(3);
  });

  it('explains each hit by its re-rank features', () => {
    const [hit] = withVectors.search('How many soldiers are stationed in Iraq?', { explain: true });
    expect(hit.features).toHaveLength(FEATURE_COUNT);
    const value = (name: (typeof RERANK_FEATURES)[number]) => hit.features![RERANK_FEATURES.indexOf(name)];
    expect(value('softCoverage')).toBeGreaterThan(value('coverage'));
    expect(value('sentenceCosine')).toBeGreaterThan(0.3);
    expect(value('answerNumber')).toBe(1);
    expect(without.search('drone strike')[0].features).toHaveLength(FEATURE_COUNT);
  });

  it('measures how tightly, and in what order, the question words sit in a sentence', () => {
    const index = indexOf(['The quick brown fox jumps.', 'Brown bears and a grey fox met a quick dog.']);
    const hits = index.search('quick brown fox', { explain: true, limit: 2 });
    const feature = (id: number, name: (typeof RERANK_FEATURES)[number]) =>
      hits.find((h) => h.id === id)!.features![RERANK_FEATURES.indexOf(name)];
    expect(feature(0, 'density')).toBeCloseTo(1, 5);
    expect(feature(0, 'inOrder')).toBeCloseTo(1, 5);
    expect(feature(1, 'density')).toBeCloseTo(0.5, 5); // 3 words over a span of 6
    expect(feature(1, 'inOrder')).toBeCloseTo(2 / 3, 5);
    expect(feature(0, 'phrases')).toBeCloseTo(1, 5);
    expect(feature(1, 'phrases')).toBe(0);
  });

  it("sees the question's words beside the asked figure, loosely too", () => {
    const index = indexOf(['About 2,500 US forces remain stationed in Iraq, officials said.'], { vectors });
    const [hit] = index.searchDetailed('How many soldiers does America keep in Iraq?').hits;
    // "soldiers" and "America" are not in the text: only "Iraq" stands beside 2,500 itself.
    expect(hit.evidence.looseFactWindow).toBeGreaterThan(hit.evidence.factWindow!);
    expect(hit.evidence.factWindow).toBeGreaterThan(0);
    expect(hit.evidence.looseFactWindow).toBeLessThanOrEqual(1);
  });

  it("sees whether the best sentence holds an answer of the asked kind beyond the question's words", () => {
    const index = indexOf(['The treaty was signed in Paris in 1815.', 'The treaty of 1648 was signed in Paris.']);
    const feature = (question: string, id: number, name: (typeof RERANK_FEATURES)[number]) =>
      index.search(question, { explain: true, limit: 2 }).find((h) => h.id === id)!.features![
        RERANK_FEATURES.indexOf(name)
      ];
    // "When was the treaty of 1648 signed in Paris?": only the first sentence has a year not asked about.
    expect(feature('When was the treaty of 1648 signed in Paris?', 0, 'novelAnswer')).toBe(1);
    expect(feature('When was the treaty of 1648 signed in Paris?', 1, 'novelAnswer')).toBe(0);
    // "Who signed the treaty?": the capitalised "Paris" is a name the question does not hold.
    expect(feature('Who signed the treaty?', 0, 'novelAnswer')).toBe(1);
  });
});
