import { describe, expect, it } from 'vitest';
import { renderGaps, renderProblem, renderStoryAdded, renderStoryList } from '../../src/discord/story-render.js';
import type { StoredStoryInfo } from '../../src/store/types.js';
import type { Story } from '../../src/story/types.js';
import { expectSendable } from '../support/discord-helpers.js';

const HOSTILE = '@everyone <@123456789012345678> <@&123456789012345678> [x](https://evil.example) **b** `c` ||s||';

function info(i: number, title = `${HOSTILE} story number ${i} `.repeat(6)): StoredStoryInfo {
  return {
    id: String(i),
    guildId: 'g',
    slug: `story-${i}`,
    title,
    fileName: 'f.txt',
    paragraphs: i,
    sizeBytes: 1000,
    sha256: 'h',
    addedBy: '123456789012345678',
    addedAt: 1_700_000_000_000 + i,
  };
}

const shipped: Story[] = Array.from({ length: 30 }, (_, i) => ({
  id: `ship_${i}`,
  title: `Shipped ${HOSTILE} ${i}`.repeat(4),
  source: 'x',
  paragraphs: [],
}));

/** Visible text outside code spans and the bot's own mention/timestamp markup. */
function loose(text: string): string {
  return text.replace(/`[^`]*`/g, '').replace(/<@\d{17,20}>|<t:\d+:[Rd]>/g, '');
}

describe('story replies', () => {
  it('/story list of 50 long, hostile titles plus 30 shipped fits Discord, shows the count and says how many more', () => {
    const payload = renderStoryList(
      Array.from({ length: 50 }, (_, i) => info(i + 1)),
      shipped,
      50,
    );
    expectSendable(payload);
    const text = payload.embeds[0].description!;
    expect(text).toMatch(/This server's stories\*\* \(50 of 50\)/);
    expect(text).toMatch(/…and \d+ more\./);
    expect(text).toContain('`story-1`');
    expect(text).toContain('`ship_0`'); // a code span shows the name as it is, no escapes
    expect(loose(text)).not.toMatch(/@everyone|<@|\]\(/);
  });

  it('an empty server says how to add one', () => {
    const payload = renderStoryList([], shipped.slice(0, 1), 50);
    expect(payload.embeds[0].description).toMatch(/None yet: add one with `\/story add file:`/);
  });

  it('/story gaps with many long, hostile questions fits Discord', () => {
    const question = `${HOSTILE} why `.repeat(20);
    const payload = renderGaps({
      days: 30,
      unanswered: Array.from({ length: 15 }, (_, i) => ({
        question: `${question}${i}`,
        asked: 15 - i,
        lastAskedAt: 1_700_000_000_000,
      })),
      downvoted: Array.from({ length: 15 }, (_, i) => ({
        question: `${question}${i}`,
        down: 3,
        up: 1,
        storySlug: 'a`b',
        paragraph: 2,
        lastAskedAt: 1_700_000_000_000,
      })),
    });
    expectSendable(payload);
    const text = payload.embeds.map((e) => e.description).join('\n');
    expect(loose(text)).not.toMatch(/@everyone|<@|\]\(/);
    expect(text).toContain("`a'b` ¶2");
    const empty = renderGaps({ days: 7, unanswered: [], downvoted: [] });
    expect(empty.embeds[0].title).toMatch(/last 7 days/);
    expect(empty.embeds[0].description).toMatch(/None/);
  });

  it('added and refused are one line each, escaped', () => {
    const added = renderStoryAdded(info(3, HOSTILE), 'text');
    expectSendable(added);
    expect(added.content!.split('\n')).toHaveLength(1);
    expect(loose(added.content!)).not.toMatch(/@everyone|<@|\]\(/);
    const refused = renderProblem(`"${HOSTILE}.pdf" is not a .txt or .md file: save it as plain text.`);
    expect(refused.content!.split('\n')).toHaveLength(1);
    expect(loose(refused.content!)).not.toMatch(/@everyone|<@|\]\(/);
  });
});
