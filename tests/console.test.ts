import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Library } from '../src/answer/library.js';
import { consoleReply, runConsole } from '../src/console.js';
import { parseStory } from '../src/story/load.js';
import { wordData } from './support/search.js';

const STORY = `# Harbour works

The new harbour wall cost 12 million euros and took three years to build.

The mayor, Ana Ruiz, opened it on Saturday.`;

const library = Library.fromStories([parseStory(STORY, 'harbour')], wordData());

describe('consoleReply', () => {
  it('answers a question with the cited passage, and ignores a blank line', () => {
    expect(consoleReply(library, 'How much did the wall cost?')).toMatch(
      /12 million euros.*\[¶1\]|\[¶1\][\s\S]*12 million/,
    );
    expect(consoleReply(library, '   ')).toBeUndefined();
  });

  it('knows /stories, /summary with a length, /help, and says so for anything else', () => {
    expect(consoleReply(library, '/stories')).toBe('harbour: Harbour works (2 paragraphs)');
    expect(consoleReply(library, '/summary short')).toMatch(/harbour wall/);
    expect(consoleReply(library, '/summary huge')).toBe('Length must be short, medium or long.');
    expect(consoleReply(library, '/frobnicate')).toMatch(/^Unknown command \/frobnicate\./);
  });

  it('meets a greeting with a hint, not a refusal', () => {
    expect(consoleReply(library, 'hello!')).not.toMatch(/doesn't say/);
  });
});

describe('runConsole', () => {
  it('reads one question per line until the input ends, and counts the lines it read', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (d: Buffer) => (written += d.toString()));
    const done = runConsole(library, input, output);
    input.end('Who opened the wall?\n\n');
    expect(await done).toBe(1);
    expect(written).toMatch(/storybot: ask about Harbour works/);
    expect(written).toMatch(/Ana Ruiz/);
  });
});
