import { describe, expect, it } from 'vitest';
import { AnswerKind } from '../../src/search/answer-type.js';
import { FirstPass, topByScore } from '../../src/search/first-pass.js';
import { Postings, tokenKind } from '../../src/search/postings.js';
import { withSentences } from '../../src/story/sentences.js';

const docs = [
  'Troops left Iraq. They went home.',
  'The harvest was poor this year.',
  'Troops and troops: 2,500 of them stay in Iraq.',
].map(withSentences);

describe('Postings', () => {
  const postings = new Postings(docs, { k1: 1.2, b: 0.75 });

  it('keeps the sentence bounds it was given, and reads sentences back from them', () => {
    expect(postings.docSentenceStart[1] - postings.docSentenceStart[0]).toBe(2);
    expect(postings.sentenceIn(0, 1)).toBe('They went home.');
    expect(postings.docOfSentence(2)).toBe(1);
  });

  it('lists each term once per document, sorted, with its frequency', () => {
    const troop = postings.vocabulary.get('troop')!;
    const [start, end] = postings.postingRange(troop, 0, postings.size);
    expect(Array.from(postings.postingDoc.subarray(start, end))).toEqual([0, 2]);
    expect(Array.from(postings.postingTf.subarray(start, end))).toEqual([1, 2]);
    expect(postings.postingRange(troop, 1, 2)).toEqual([start + 1, start + 1]);
  });

  it('counts in one byte while every count fits, in two from the first that does not', () => {
    expect(postings.postingTf).toBeInstanceOf(Uint8Array);
    const many = new Postings(
      ['Harvest '.repeat(300) + 'failed.', 'Troops harvest grain.', 'Troops left.'].map(withSentences),
      { k1: 1.2, b: 0.75 },
    );
    expect(many.postingTf).toBeInstanceOf(Uint16Array);
    const harvest = many.vocabulary.get('harvest')!;
    const [start, end] = many.postingRange(harvest, 0, many.size);
    expect(Array.from(many.postingTf.subarray(start, end))).toEqual([300, 1]);
    const troop = many.vocabulary.get('troop')!;
    const [from, to] = many.postingRange(troop, 0, many.size);
    expect(Array.from(many.postingTf.subarray(from, to))).toEqual([1, 1]);
  });

  it('gives a rare term a higher idf than a common one, and an unknown one the highest', () => {
    expect(postings.idfOf('harvest')).toBeGreaterThan(postings.idfOf('troop'));
    expect(postings.idfOf('zebra')).toBeGreaterThan(postings.idfOf('harvest'));
  });
});

describe('FirstPass', () => {
  const postings = new Postings(docs, { k1: 1.2, b: 0.75 });
  const pass = new FirstPass(postings, 1.2);
  const term = (t: string, of = t) => ({ id: postings.vocabulary.get(t)!, of, weight: 1, related: false });

  it('ranks by BM25 and counts a question word once, by its best stand-in', () => {
    const leaders = pass.leaders([term('troop'), term('iraq')], 0, postings.size, 3, 1000, false);
    expect(leaders.map((l) => l.id)).toEqual([2, 0]);
    const once = pass.leaders([term('troop'), term('iraq', 'troop')], 0, postings.size, 3, 1000, false);
    const twice = pass.leaders([term('troop'), term('iraq')], 0, postings.size, 3, 1000, false);
    expect(once[0].score).toBeLessThan(twice[0].score);
  });

  it("adds the range's unmatched documents when asked to weigh every one", () => {
    expect(pass.leaders([term('harvest')], 0, postings.size, 3, 1000, true).map((l) => l.id)).toEqual([1, 0, 2]);
  });
});

describe('topByScore and tokenKind', () => {
  it('keeps the k best, lower id first on ties', () => {
    const scores = Float32Array.from([1, 3, 3, 2]);
    expect(topByScore(Uint32Array.from([0, 1, 2, 3]), 4, scores, 3).map((b) => b.id)).toEqual([1, 2, 3]);
  });

  it('reads years, ordinals, figures, months and names', () => {
    expect(tokenKind('1990s', '1990s', 4)).toBe(AnswerKind.Date);
    expect(tokenKind('19th', '19th', 4)).toBe(AnswerKind.Date | AnswerKind.Number);
    expect(tokenKind('2500', '2,500', 4)).toBe(AnswerKind.Number);
    expect(tokenKind('june', 'June', 0)).toBe(AnswerKind.Date);
    expect(tokenKind('may', 'May', 3)).toBe(AnswerKind.Name);
    expect(tokenKind('troop', 'Troops', 0)).toBe(0);
  });
});
