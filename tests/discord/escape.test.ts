import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ZWSP, cleanText, escapeMarkdown, safeText, sanitize, unescapeMarkdown } from '../../src/discord/escape.js';
import { literalProblem } from '../support/discord-helpers.js';
import { hostileText } from '../support/hostile.js';

describe('sanitize / cleanText', () => {
  it('drops controls, bidi overrides and stray zero-width characters', () => {
    expect(cleanText('a\u202Eb\u200Bc\u0000d\uFEFFe\u2066f\u00ADg')).toBe('abcdefg');
  });

  it('keeps joiners inside emoji and between letters, drops them elsewhere', () => {
    expect(cleanText('👨‍👩‍👧')).toBe('👨‍👩‍👧');
    expect(cleanText('کتاب‌ها')).toBe('کتاب‌ها'); // Persian plural with ZWNJ
    expect(cleanText('a \u200D b\u200C')).toBe('a b');
  });

  it('replaces lone surrogates and keeps pairs', () => {
    expect(sanitize('x\uD800y\uDC00z😀')).toBe('x\uFFFDy\uFFFDz😀');
  });

  it('keeps flag tag sequences but removes hidden tag text', () => {
    expect(cleanText('🏴󠁧󠁢󠁳󠁣󠁴󠁿')).toBe('🏴󠁧󠁢󠁳󠁣󠁴󠁿');
    expect(cleanText('hi\u{E0068}\u{E0069}')).toBe('hi');
  });

  it('caps floods of combining marks', () => {
    expect(cleanText('e\u0301\u0302\u0303\u0304\u0305\u0306')).toBe('e\u0301\u0302\u0303\u0304');
  });

  it('collapses whitespace, line breaks included', () => {
    expect(cleanText('  a \n\n b\t\u00A0c  ')).toBe('a b c');
  });
});

describe('escapeMarkdown', () => {
  const cases: [string, string][] = [
    ['**bold** _it_ ~~s~~ ||sp|| `c`', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\|\\|sp\\|\\| \\`c\\`'],
    ['@everyone and @here', `@${ZWSP}everyone and @${ZWSP}here`],
    ['<@123> <@&45> <#67>', `\\<${ZWSP}@123\\> \\<${ZWSP}@&45\\> \\<${ZWSP}#67\\>`],
    ['[x](https://e.x)', `\\[x\\]\\(https:${ZWSP}//e.x)`],
    ['# title', '\\# title'],
    ['-# small', '\\-# small'],
    ['1. first', '1\\. first'],
    ['> quote', '\\> quote'],
    ['a - b # c 1. d', 'a - b # c 1. d'],
  ];
  it.each(cases)('escapes %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('leaves ordinary news text alone', () => {
    const text = "Iraq's PM, Mohammed Shia al-Sudani (right), met him on Wednesday; 2,500 U.S. troops remain.";
    expect(escapeMarkdown(text)).toBe(text);
  });
});

describe('property: any text renders literally once made safe', () => {
  it('never renders as a ping, link, tag or Markdown, and loses no visible character', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const safe = safeText(text);
        expect(literalProblem(safe)).toBeUndefined();
        expect(unescapeMarkdown(safe)).toBe(cleanText(text));
      }),
      { numRuns: 400 },
    );
  });

  it('is stable: cleaning twice changes nothing', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(cleanText(cleanText(text))).toBe(cleanText(text));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the literalProblem checker itself', () => {
  it.each(['**x**', '@everyone', '<@123>', 'see https://x.y', '[a](b)', '# h', '> q', 'a\\', '`c`'])(
    'flags raw %j',
    (raw) => {
      expect(literalProblem(raw)).toBeDefined();
    },
  );
  it.each(['plain words', 'a # b - c', `\\<${ZWSP}@1\\>`, `@${ZWSP}here`])('accepts %j', (ok) => {
    expect(literalProblem(ok)).toBeUndefined();
  });
});
