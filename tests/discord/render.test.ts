import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Library } from '../../src/answer/library.js';
import { parseStory } from '../../src/story/load.js';
import type { Answer, Passage, Summary } from '../../src/answer/types.js';
import { ZWSP, cleanText, unescapeMarkdown } from '../../src/discord/escape.js';
import { parseButtonId } from '../../src/discord/custom-ids.js';
import { ELLIPSIS } from '../../src/discord/limits.js';
import { renderAnswer, renderContext, renderParagraph, renderSummary, type Payload } from '../../src/discord/render.js';
import { answerPayload, helpPayload, paragraphPayload, summaryPayload } from '../../src/discord/replies.js';
import {
  SECOND_STORY_TEXT,
  STORY_TEXT,
  expectSendable,
  literalProblem,
  makeLibrary,
  markdownText,
  plainSurfaces,
} from '../support/discord-helpers.js';
import { hostileText } from '../support/hostile.js';
import { wordData } from '../support/search.js';

const single = renderContext([{ id: 'harbour', title: 'Quiet Harbour Reopens After Storm' }]);
const several = renderContext([
  { id: 'harbour', title: 'Quiet Harbour' },
  { id: 'mill', title: 'Library Opens' },
]);

function passage(over: Partial<Passage> = {}): Passage {
  return {
    story: 'harbour',
    paragraph: 2,
    text: 'First sentence here. The answer sentence is this one.',
    sentence: 'The answer sentence is this one.',
    score: 1,
    matched: ['answer'],
    ...over,
  };
}

/** The question as echoed in the title, without the "Q: " prefix. */
function echoedQuestion(payload: Payload, prefix = 'Q: '): string {
  const title = payload.embeds[0].title!;
  expect(title.startsWith(prefix)).toBe(true);
  return title.slice(prefix.length);
}

describe('renderAnswer', () => {
  it('shows the answering sentence first, cited, then its passage, then further passages', () => {
    const answer: Answer = {
      question: 'What is the answer?',
      answered: true,
      passages: [
        passage(),
        passage({ paragraph: 4, sentence: 'Another supporting line.', text: 'Another supporting line.' }),
      ],
      shortAnswer: null,
    };
    const payload = renderAnswer(answer, single);
    expectSendable(payload);
    const [embed] = payload.embeds;
    expect(embed.description).toMatch(
      /^\*\*The answer sentence is this one\.\*\* \*\*¶2\*\*\n> First sentence here\. The \*\*answer\*\* sentence/,
    );
    expect(embed.fields).toEqual([{ name: 'Also ¶4', value: 'Another supporting line.' }]);
    expect(embed.footer?.text).toBe('Quiet Harbour Reopens After Storm');
    const buttons = payload.components[0].components;
    expect(buttons.map((b) => b.label)).toEqual(['Show ¶2 in full', 'Show ¶4 in full']);
    expect(parseButtonId(buttons[0].custom_id)).toEqual({ kind: 'paragraph', story: 'harbour', paragraph: 2 });
  });

  it('shows the short answer first, bold and cited, then the sentence with it in bold, then the passage', () => {
    const p = passage({
      text: 'Violence rose. About 2,500 U.S. forces are there.',
      sentence: 'About 2,500 U.S. forces are there.',
      matched: ['forces'],
    });
    const payload = renderAnswer(
      { question: 'How many troops?', answered: true, passages: [p], shortAnswer: '2,500' },
      single,
    );
    expectSendable(payload);
    expect(payload.embeds[0].description).toBe(
      '**2,500** **¶2**\nAbout **2,500** U.S. forces are there. **¶2**\n> Violence rose. About 2,500 U.S. **forces** are there.',
    );
    // Only on the first page: "More passages" pages start with other paragraphs.
    const more = renderAnswer(
      { question: 'How many troops?', answered: true, passages: [p], shortAnswer: '2,500' },
      single,
      { offset: 3 },
    );
    expect(more.embeds[0].description).not.toContain('**2,500**');
  });

  it('bolds a short answer from another sentence of the paragraph in the quote', () => {
    const p = passage({
      text: 'Violence rose. About 2,500 U.S. forces are there.',
      sentence: 'About 2,500 U.S. forces are there.',
    });
    const payload = renderAnswer(
      { question: 'What rose?', answered: true, passages: [p], shortAnswer: 'Violence' },
      single,
    );
    expect(payload.embeds[0].description).toBe(
      '**Violence** **¶2**\nAbout 2,500 U.S. forces are there. **¶2**\n> **Violence** rose. About 2,500 U.S. forces are there.',
    );
  });

  it('renders a short answer from a hostile story literally, within limits', () => {
    const hostile = '@everyone **bold** <@123> [x](https://e.vil)';
    const p = passage({ text: `They wrote ${hostile} here.`, sentence: `They wrote ${hostile} here.` });
    const payload = renderAnswer(
      { question: 'What did they write?', answered: true, passages: [p], shortAnswer: hostile },
      single,
    );
    expectSendable(payload);
    const [lead] = payload.embeds[0].description!.split('\n');
    expect(literalProblem(lead.replace(/^\*\*|\*\* \*\*¶2\*\*$/g, ''))).toBeUndefined();
    const huge = 'word '.repeat(3000).trim();
    const big = renderAnswer(
      { question: 'q', answered: true, passages: [passage({ text: huge, sentence: huge })], shortAnswer: huge },
      single,
    );
    expectSendable(big);
    expect((big.embeds[0].description!.match(/\*\*/g) ?? []).length % 2).toBe(0);
  });

  it('names the story in citations when several are loaded', () => {
    const answer: Answer = {
      question: 'q',
      answered: true,
      passages: [passage({ story: 'mill', paragraph: 3 })],
      shortAnswer: null,
    };
    const payload = renderAnswer(answer, several);
    expect(payload.embeds[0].description).toContain('**mill ¶3**');
    expect(payload.components[0].components[0].label).toBe('Show mill ¶3 in full');
  });

  it('says plainly when the story does not say, and labels the closest passages', () => {
    const payload = renderAnswer(
      { question: 'How do I bake bread?', answered: false, passages: [passage()], shortAnswer: null },
      single,
    );
    expectSendable(payload);
    expect(payload.embeds[0].description).toMatch(/doesn't say/);
    expect(payload.embeds[0].fields![0].name).toBe('Closest: ¶2');
    const none = renderAnswer({ question: 'Hello?', answered: false, passages: [], shortAnswer: null }, single);
    expect(none.embeds[0].description).toMatch(/doesn't say/);
    expect(none.components).toEqual([]);
  });

  it('offers "More passages" with a stateless id, only when there are more and the id fits', () => {
    const answer: Answer = { question: 'what: now?', answered: true, passages: [passage()], shortAnswer: null };
    const withMore = renderAnswer(answer, single, { hasMore: true, story: 'harbour' });
    const more = withMore.components[0].components.at(-1)!;
    expect(more.label).toBe('More passages');
    expect(parseButtonId(more.custom_id)).toEqual({
      kind: 'more',
      story: 'harbour',
      offset: 1,
      question: 'what: now?',
    });
    expect(renderAnswer(answer, single).components[0].components.map((b) => b.label)).not.toContain('More passages');
    const long = renderAnswer({ ...answer, question: 'x'.repeat(200) }, single, { hasMore: true });
    expect(long.components[0].components.map((b) => b.label)).not.toContain('More passages');
  });

  it('fits Discord limits with a huge paragraph, sentence, question and title', () => {
    const huge = 'word '.repeat(5000);
    const answer: Answer = {
      question: 'why '.repeat(2000),
      answered: true,
      passages: [1, 2, 3].map((n) => passage({ paragraph: n, text: huge, sentence: huge, matched: ['word'] })),
      shortAnswer: null,
    };
    const ctx = renderContext([{ id: 'harbour', title: 'T'.repeat(5000) }]);
    const payload = renderAnswer(answer, ctx, { hasMore: true });
    expectSendable(payload);
    expect(payload.embeds[0].title!.endsWith(ELLIPSIS)).toBe(true);
    // Bold markers stay paired even where the text was cut.
    for (const text of [payload.embeds[0].description!, ...payload.embeds[0].fields!.map((f) => f.value)]) {
      expect((text.match(/\*\*/g) ?? []).length % 2).toBe(0);
    }
  });

  it('escapes the echoed question so it cannot ping, link or format', () => {
    const question = '@everyone <@123> [x](https://e.vil) **hi** # ```';
    const payload = renderAnswer({ question, answered: false, passages: [], shortAnswer: null }, single);
    const echoed = echoedQuestion(payload);
    expect(literalProblem(echoed)).toBeUndefined();
    expect(unescapeMarkdown(echoed)).toBe(question);
    expect(echoed).toContain(`@${ZWSP}everyone`);
  });
});

describe('renderSummary / renderParagraph', () => {
  const summary: Summary = {
    story: 'harbour',
    title: 'Quiet Harbour',
    sentences: [
      { text: 'The harbour reopened.', paragraph: 1 },
      { text: 'Repairs will cost 2.5 million euros.', paragraph: 3 },
    ],
  };

  it('cites every sentence', () => {
    const payload = renderSummary(summary, single, 'short');
    expectSendable(payload);
    expect(payload.embeds[0].description).toBe(
      'The harbour reopened. **¶1** Repairs will cost 2.5 million euros. **¶3**',
    );
    expect(payload.embeds[0].footer?.text).toBe('short summary of harbour');
  });

  it('keeps whole sentences within the limit and cuts a single over-long one', () => {
    const many: Summary = {
      ...summary,
      sentences: Array.from({ length: 40 }, (_, i) => ({
        text: `${'Long sentence '.repeat(20)}${i}.`,
        paragraph: i + 1,
      })),
    };
    const payload = renderSummary(many, single, 'long');
    expectSendable(payload);
    expect(payload.embeds[0].description).toMatch(/\*\*¶\d+\*\*$/);
    const one = renderSummary({ ...summary, sentences: [{ text: 'x '.repeat(5000), paragraph: 1 }] }, single, 'short');
    expectSendable(one);
    expect(one.embeds[0].description).toMatch(/… \*\*¶1\*\*$/);
  });

  it('shows a paragraph in full, or as much as Discord allows', () => {
    const story = parseStory(STORY_TEXT, 'harbour');
    const payload = renderParagraph(story, story.paragraphs[1], single);
    expectSendable(payload);
    expect(payload.embeds[0].description).toBe(story.paragraphs[1].text);
    expect(payload.embeds[0].title).toBe('¶2 · Quiet Harbour Reopens After Storm');
    const long = { n: 1, text: 'Long text. '.repeat(2000), sentences: [] };
    expectSendable(renderParagraph({ ...story, paragraphs: [long] }, long, single));
  });
});

describe('replies over a real Library', () => {
  const library = makeLibrary({ harbour: STORY_TEXT });

  it('/ask path: cites the paragraph that answers', () => {
    const payload = answerPayload(library, 'How much will the repairs cost?');
    expectSendable(payload);
    expect(payload.embeds[0].description).toMatch(/2\.5 million euros.*\*\*¶3\*\*/);
  });

  it('"More passages" pages continue where the first page stopped', () => {
    const first = library.ask('harbour boats storm', { limit: 10 });
    const page2 = answerPayload(library, 'harbour boats storm', { offset: 1 });
    expectSendable(page2);
    if (first.passages.length > 1) expect(markdownText(page2)).toContain(`¶${first.passages[1].paragraph}`);
    expect(page2.embeds[0].title).toMatch(/^More for: /);
  });

  it('unknown story names get a notice listing the loaded ones', () => {
    const payload = answerPayload(library, 'who?', { story: 'nope' });
    expect(payload.content).toMatch(/don't know a story called nope\. Loaded: `harbour`/);
  });

  it('empty and whitespace-only questions get a hint, not an exception', () => {
    for (const q of ['', '   ', '\u200B\u200B', '\n\t'])
      expect(answerPayload(library, q).content).toMatch(/Ask me something/);
  });

  it('summary and paragraph replies', () => {
    const summary = summaryPayload(library, { length: 'short' });
    expectSendable(summary);
    expect(summary.embeds[0].description).toMatch(/\*\*¶\d\*\*/);
    expect(paragraphPayload(library, 99).content).toMatch(/no ¶99.*paragraphs 1 to 4/);
    expect(paragraphPayload(library, 2).embeds[0].description).toContain('40 fishing boats');
  });

  it('summary with several stories covers the first and says how to pick', () => {
    const two = makeLibrary({ harbour: STORY_TEXT, mill: SECOND_STORY_TEXT });
    const payload = summaryPayload(two);
    expect(payload.embeds[0].title).toBe('Summary: Quiet Harbour Reopens After Storm');
    expect(payload.embeds[0].footer?.text).toMatch(/1 more story is loaded/);
    expect(summaryPayload(two, { story: 'mill' }).embeds[0].description).toMatch(/\*\*mill ¶\d\*\*/);
    expectSendable(helpPayload(two));
  });
});

describe('property: hostile questions and hostile stories (issue 5)', () => {
  const library = makeLibrary({ harbour: STORY_TEXT });

  it('any question: no exception, within limits, no pings, and the echo renders literally', () => {
    fc.assert(
      fc.property(hostileText, (question) => {
        const payload = answerPayload(library, question);
        expectSendable(payload);
        if (payload.embeds.length === 0) return; // the empty-question hint echoes nothing
        let echoed = echoedQuestion(payload);
        const truncated = echoed.endsWith(ELLIPSIS);
        if (truncated) echoed = echoed.slice(0, -ELLIPSIS.length);
        expect(literalProblem(echoed)).toBeUndefined();
        const shown = unescapeMarkdown(echoed);
        const asked = cleanText(question);
        if (truncated) expect(asked.startsWith(shown.trimEnd())).toBe(true);
        else expect(shown).toBe(asked);
      }),
      { numRuns: 300 },
    );
  });

  it('any story text: answers, summaries and paragraphs stay sendable and never ping or link', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: 1, maxLength: 4 }), hostileText, (paragraphs, question) => {
        const story = parseStory(['Hostile Story', ...paragraphs].join('\n\n'), 'hostile');
        fc.pre(story.paragraphs.length > 0);
        const lib = Library.fromStories([story, parseStory(STORY_TEXT, 'harbour')], wordData());
        const words = story.paragraphs[0].text.split(/\s+/).slice(0, 5).join(' ');
        const payloads = [
          answerPayload(lib, words),
          answerPayload(lib, question, { story: 'hostile' }),
          summaryPayload(lib, { story: 'hostile', length: 'long' }),
          paragraphPayload(lib, 1, 'hostile'),
          helpPayload(lib),
        ];
        for (const payload of payloads) {
          expectSendable(payload);
          const text = markdownText(payload);
          expect(text).not.toMatch(/@(everyone|here)/i);
          expect(text).not.toMatch(/<[@#:/!&a-z0-9]/i);
          expect(text).not.toMatch(/[a-z0-9+.-]:\/\//i);
          expect(text).not.toMatch(/(?<!\\)\]\(/);
          expect(plainSurfaces(payload)).not.toMatch(/@(everyone|here)|<[@#]/i);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('refusal notes and two-part questions on Discord', () => {
  it('puts the note where "the story doesn\'t say" would stand, the closest passages below it', () => {
    const answer: Answer = {
      question: 'How old is Ada?',
      answered: false,
      passages: [passage()],
      shortAnswer: null,
      note: "The story mentions Ada but doesn't give an age.",
    };
    const payload = renderAnswer(answer, single);
    expectSendable(payload);
    expect(payload.embeds[0].description).toMatch(
      /^The story mentions Ada but doesn't give an age\. These are the closest passages/,
    );
  });

  it('answers each part under its own number, within the limits, whatever the parts hold', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (a, b) => {
        const part = (question: string, answered: boolean): Answer => ({
          question,
          answered,
          passages: answered ? [passage({ sentence: question || 'x', text: question || 'x' })] : [],
          shortAnswer: null,
        });
        const answer: Answer = {
          question: `${a} and ${b}`,
          answered: true,
          passages: [passage()],
          shortAnswer: null,
          parts: [part(a, true), part(b, false)],
        };
        const payload = renderAnswer(answer, single);
        expectSendable(payload);
        const description = payload.embeds[0].description!;
        expect(description.startsWith('**1.**')).toBe(true);
        expect(description).toContain('**2.**');
      }),
      { numRuns: 100 },
    );
  });
});
