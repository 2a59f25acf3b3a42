// fast-check arbitraries for text a hostile or unlucky user (or story file) can produce.
import fc from 'fast-check';

export const HOSTILE_FRAGMENTS = [
  '@everyone', '@here', '@EVERYONE', '<@123456789012345678>', '<@!123456789012345678>', '<@&987654321098765432>',
  '<#555555555555555555>', '</ask:123456789012345678>', '<t:1700000000:R>', '<:pepe:123456789012345678>',
  '[click](https://evil.example/x)', '[x](<https://evil.example>)', 'https://evil.example/a_b', 'http://x.y',
  'steam://run/1', '<https://evil.example>', '```js\nalert(1)\n```', '```', '`code`', '**bold**', '*it*', '__under__',
  '~~strike~~', '||spoiler||', '> quote', '>>> all', '# Heading', '## h2', '-# small', '- item', '* item', '+ item',
  '1. item', '\\', '\\*', '\\\\', '](', ')[', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u202E',
  '\u202D', '\u2066', '\u2069', '\u200F', '\u061C', '\u3164', '\uE000', '\uE001', '\uD800', '\uDFFF', '\u0000', '\u001B[31m',
  '\r\n', '\n', '\t', '   ', 'e\u0301\u0302\u0303\u0304\u0305\u0306\u0307', '👨‍👩‍👧‍👦', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '👍🏽', '❤️',
  'مرحبا بالعالم', 'שלום', 'کتاب‌ها', '中文', 'troops', 'Iraq', 'harbour', 'storm', '?', 'U.S.', '2.5',
];

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(fc.constantFrom(...HOSTILE_FRAGMENTS), fc.string({ maxLength: 8 })), { maxLength: 30 }).map((p) => p.join(' ')) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...HOSTILE_FRAGMENTS), { maxLength: 20 }).map((p) => p.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u00A0', '\u3000', '\u200B'), maxLength: 50 }) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS).map((f) => f.repeat(Math.ceil(6000 / f.length)).slice(0, 6000)) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 5900, maxLength: 6100 }) },
);
