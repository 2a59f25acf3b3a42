import { describe, expect, it } from 'vitest';
import { greetingOrThanks, looksNotEnglish, smallTalkHint } from '../../src/answer/small-talk.js';
import { answerText, consoleReply } from '../../src/console.js';
import { answerPayload } from '../../src/discord/replies.js';
import { loadLibrary } from '../../src/answer/library.js';

describe('greetingOrThanks', () => {
  it.each([
    'hi',
    'Hello!',
    'hey there',
    'Good morning, storybot',
    'hello everyone 👋',
    '<@900000000000000001> hi',
    'hola',
    'Hello, how are you?',
  ])('%j is a greeting', (text) => expect(greetingOrThanks(text)).toBe('greeting'));

  it.each([
    'thanks',
    'Thank you!',
    'thx',
    'ok thanks a lot for the help',
    'Cheers mate',
    'great, thank you so much',
    'merci beaucoup',
  ])('%j is a thanks', (text) => expect(greetingOrThanks(text)).toBe('thanks'));

  it.each([
    'How many US troops are in Iraq?',
    'Thanks, but how many troops are there?',
    'Who said hello to al-Sudani?',
    'hi, when did the visit start?',
    'What did Pezeshkian say?',
    '',
    '   ',
  ])('%j is not small talk', (text) => expect(greetingOrThanks(text)).toBeUndefined());
});

describe('looksNotEnglish', () => {
  it.each([
    '¿Cuántos soldados estadounidenses hay en Irak?',
    'Combien de soldats américains sont en Irak ?',
    'Wie viele US-Soldaten sind im Irak?',
    'Quantos soldados americanos estão no Iraque?',
    'Hoeveel Amerikaanse soldaten zijn er in Irak?',
    'چند سرباز آمریکایی در عراق هستند؟',
    'Сколько американских солдат в Ираке?',
    '美国在伊拉克有多少士兵？',
  ])('%j is not English', (text) => expect(looksNotEnglish(text)).toBe(true));

  it.each([
    'How many US troops are in Iraq?',
    'Who is Pezeshkian?',
    'What did Macron say in Orléans about the café owners?',
    'When was Qassem Soleimani killed?',
    'Did al-Sudani meet him at the airport?',
    'Is the Kurdistan region part of the deal?',
    'ok',
    '2,500',
  ])('%j is English (or too short to tell)', (text) => expect(looksNotEnglish(text)).toBe(false));
});

describe('the hint, in the console and on Discord', () => {
  it('answers a greeting, a thanks and a question in another language with a one-line hint naming /help or /summary', async () => {
    const library = await loadLibrary('seeds');
    for (const [text, kind] of [
      ['hello!', 'greeting'],
      ['thanks!', 'thanks'],
      ['¿Cuántos soldados estadounidenses hay en Irak?', 'not-english'],
    ] as const) {
      const hint = smallTalkHint(kind);
      expect(hint).not.toContain('\n');
      expect(hint).toMatch(/\/help|\/summary/);
      expect(answerText(library, text)).toBe(hint);
      expect(consoleReply(library, text)).toBe(hint);
      const payload = answerPayload(library, text);
      expect(payload.content).toBe(hint);
      expect(payload.embeds).toEqual([]);
    }
  });

  it('still answers English questions, and still says plainly when the story does not say', async () => {
    const library = await loadLibrary('seeds');
    expect(answerText(library, 'How many US troops are in Iraq?')).toMatch(/2,500 U\.S\. forces/);
    expect(answerText(library, 'Who wrote Hamlet?')).toMatch(/^The story doesn't say/);
    expect(answerPayload(library, 'Who wrote Hamlet?').content).toBeUndefined();
  });
});
