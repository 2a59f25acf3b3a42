import { describe, expect, it } from 'vitest';
import { AnswerKind, answerKindsOf, askedKind, asksCount } from '../../src/search/answer-type.js';

describe('answer kinds', () => {
  it('reads the kind of answer a question asks for', () => {
    expect(askedKind('When did the drone strike happen?')).toBe(AnswerKind.Date);
    expect(askedKind('How many US forces are stationed in Iraq?')).toBe(AnswerKind.Number);
    expect(askedKind('Who is the Iraqi prime minister?')).toBe(AnswerKind.Name);
    expect(askedKind('What sectors do the MoUs cover?')).toBe(AnswerKind.None);
  });

  it('tells count questions from other quantity questions', () => {
    expect(asksCount('How many US troops are in Iraq?')).toBe(true);
    expect(asksCount('How much did it cost?')).toBe(true);
    expect(asksCount('How long did the tour last?')).toBe(false);
    expect(asksCount('What will the talks address?')).toBe(false);
  });

  it('finds figures in digits and in words, but not a year alone', () => {
    const number = (text: string) => (answerKindsOf(text) & AnswerKind.Number) !== 0;
    expect(number('about 2,500 U.S. forces')).toBe(true);
    expect(number('fourteen of the fifteen points')).toBe(true);
    expect(number('He died in 2020 in a drone strike.')).toBe(false);
    expect(number('Attacks on U.S. troops have increased.')).toBe(false);
    expect((answerKindsOf('He died in 2020.') & AnswerKind.Date) !== 0).toBe(true);
  });
});
