// The detectors the e2e tests rely on must catch what they claim to, or a green run means nothing.
import { describe, expect, it } from 'vitest';
import { World } from './standin/world.js';
import { botToken } from './standin/ids.js';
import { messageProblems, autocompleteProblems, commandProblems } from './standin/limits.js';
import { pingsOf } from './discord-standin.js';
import { leakedSpellings } from './harness.js';
import { hasStackTrace } from './child.js';

describe('leakedSpellings', () => {
  const world = new World();
  const token = botToken(world.bot.id);
  const [idPart, , hmac] = token.split('.');

  it('finds the token however discord.js or a logger might spell it', () => {
    expect(leakedSpellings(`Provided token: ${idPart}.abcdef.*****`, token)).toEqual(['user-id part']);
    expect(leakedSpellings(`auth ${Buffer.from(token).toString('base64')}`, token)).toContain('base64');
    expect(leakedSpellings(`?t=${encodeURIComponent(token)}`, token)).toContain('plain');
    expect(leakedSpellings(`signature ${hmac}`, token)).toEqual(['hmac part']);
    expect(leakedSpellings(`id ${world.bot.id} and [redacted]`, token)).toEqual([]);
  });

  it('takes the first segment to be the base64 of the bot user id, as Discord tokens are', () => {
    expect(Buffer.from(idPart, 'base64').toString()).toBe(world.bot.id);
  });
});

describe('pingsOf (Discord allowed_mentions rules)', () => {
  const world = new World();
  const user = world.addUser('alice');
  const author = world.createMessage({ channelId: world.channel.id, author: user, content: 'hi' });

  it('without allowed_mentions everything in content pings, including the replied-to author', () => {
    expect(pingsOf({ content: `@everyone <@${user.id}>` }, world, author)).toEqual([
      'everyone',
      user.id,
      'replied-user',
    ]);
  });

  it('parse: [] pings nobody, and replied_user defaults to false once allowed_mentions is given', () => {
    expect(pingsOf({ content: `@everyone <@${user.id}>`, allowed_mentions: { parse: [] } }, world, author)).toEqual([]);
    expect(pingsOf({ content: 'x', allowed_mentions: { parse: [], replied_user: true } }, world, author)).toEqual([
      'replied-user',
    ]);
  });

  it('mentions inside embeds never ping', () => {
    expect(pingsOf({ embeds: [{ description: '@everyone' }] }, world, null)).toEqual([]);
  });
});

describe("Discord's payload limits", () => {
  it('refuses oversize content and embeds, empty messages and overlong custom ids', () => {
    expect(messageProblems({ content: 'x'.repeat(2001) })).toHaveLength(1);
    expect(messageProblems({ content: 'x'.repeat(2000) })).toEqual([]);
    expect(messageProblems({ embeds: [{ description: 'x'.repeat(4097) }] })[0]).toMatch(/description/);
    expect(
      messageProblems({ embeds: [{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(2001) }] })[0],
    ).toMatch(/6000/);
    expect(messageProblems({})).toEqual(['Cannot send an empty message']);
    const button = { type: 2, style: 2, label: 'go', custom_id: 'x'.repeat(101) };
    expect(messageProblems({ content: 'x', components: [{ type: 1, components: [button] }] })[0]).toMatch(/custom_id/);
  });

  it('refuses 26 autocomplete choices and bad command definitions', () => {
    expect(
      autocompleteProblems({ choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: i })) }),
    ).toHaveLength(1);
    expect(commandProblems({ name: 'Ask', description: 'x' })[0]).toMatch(/name/);
    expect(
      commandProblems({
        name: 'ask',
        description: 'x',
        options: [
          { name: 'a', description: 'a' },
          { name: 'b', description: 'b', required: true },
        ],
      })[0],
    ).toMatch(/required/);
  });
});

describe('hasStackTrace', () => {
  it('tells a stack trace from a one-line message', () => {
    expect(hasStackTrace(new Error('boom').stack!)).toBe(true);
    expect(hasStackTrace('Story path /x does not exist: set STORY_PATH to a folder.')).toBe(false);
  });
});
