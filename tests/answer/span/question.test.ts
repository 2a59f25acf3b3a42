import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../../src/answer/span/question.js';

describe('what a question asks for', () => {
  it.each([
    ['When did the drone strike happen?', 'when'],
    ['In what year was the bridge built?', 'when'],
    ['How many US troops are in Iraq?', 'howMany'],
    ['How much is Washington sending?', 'howMuch'],
    ['How long was the detour?', 'howMeasure'],
    ['What percentage of voters cast a ballot?', 'percent'],
    ['Who won the title?', 'who'],
    ['Where was the epicentre?', 'where'],
    ['Which city hosted the final?', 'where'],
    ['Why did the bridge close?', 'why'],
    ['How did the hackers get in?', 'how'],
    ['What did the mayor say about the bridge?', 'said'],
    ['Which NFL team represented the AFC?', 'whatNoun'],
    ['What is a formateur?', 'what'],
    ['Did investors panic?', 'yesNo'],
    ['death toll?', 'howMany'],
    ['judge name?', 'fragment'],
  ])('%s -> %s', (question, cls) => {
    expect(analyzeQuestion(question).class).toBe(cls);
  });

  it('finds the noun that names what is asked', () => {
    expect(analyzeQuestion('Which NFL team represented the AFC?').head).toBe('team');
    expect(analyzeQuestion('How many US troops are in Iraq?').head).toBe('troop');
  });

  it('reads a question typed in capitals as words, not acronyms', () => {
    const q = analyzeQuestion('WHAT DID JAPAN SEND TO HELP');
    expect(q.terms).toContain('japan');
    expect(q.terms).toContain('send');
  });
});
