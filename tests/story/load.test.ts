import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStories, parseStory, StoryLoadError } from '../../src/story/load.js';

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'storybot-load-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

describe('parseStory', () => {
  it('reads one paragraph per line when the file has no blank lines', () => {
    const story = parseStory('First paragraph here.\nSecond paragraph here.\n', 'x');
    expect(story.paragraphs.map((p) => p.text)).toEqual(['First paragraph here.', 'Second paragraph here.']);
    expect(story.paragraphs.map((p) => p.n)).toEqual([1, 2]);
  });

  it('joins hard-wrapped lines of blank-line separated paragraphs', () => {
    const story = parseStory('One long\nwrapped line.\n\nTwo.\r\n', 'x');
    expect(story.paragraphs.map((p) => p.text)).toEqual(['One long wrapped line.', 'Two.']);
  });

  it('takes a Markdown heading or a short first line without a period as the title', () => {
    expect(parseStory('# The Visit\n\nBody one.\n\n## Section\n\nBody two.', 'x')).toMatchObject({
      title: 'The Visit',
      paragraphs: [{ n: 1, text: 'Body one.' }, { n: 2, text: 'Body two.' }],
    });
    const s = parseStory('Iran president visits Iraq\nHe arrived on Wednesday.', 'x');
    expect(s.title).toBe('Iran president visits Iraq');
    expect(s.paragraphs).toHaveLength(1);
  });

  it('falls back to the file name for the title', () => {
    expect(parseStory('Just one paragraph.', 'pezeshkian-visits-iraq').title).toBe('Pezeshkian visits iraq');
  });
});

describe('loadStories', () => {
  it('loads the shipped story: nine paragraphs, each with its sentences', async () => {
    const [story] = await loadStories('seeds');
    expect(story.paragraphs).toHaveLength(9);
    expect(story.paragraphs[2].text).toContain('2,500 U.S. forces');
    expect(story.paragraphs.every((p) => p.sentences.length >= 1)).toBe(true);
  });

  it('loads every .txt/.md file of a folder in name order and ignores other files', async () => {
    const dir = folder({ 'b.md': '# B\n\nBee text.', 'a.txt': 'Ay text.', 'notes.json': '{}' });
    expect((await loadStories(dir)).map((s) => s.id)).toEqual(['a', 'b']);
  });

  it.each([
    ['a missing path', () => join(tmpdir(), 'no-such-story-dir'), /does not exist/],
    ['an empty file', () => join(folder({ 'e.txt': '' }), 'e.txt'), /e\.txt is empty/],
    ['binary data', () => join(folder({ 'b.txt': Buffer.from([0x89, 0x50, 0x00, 0x01]) }), 'b.txt'), /not text/],
    ['a file with only a title', () => join(folder({ 't.md': '# Only a title\n' }), 't.md'), /no paragraphs/],
    ['a folder with no stories', () => folder({ 'x.json': '{}' }), /no \.txt or \.md files/],
  ])('rejects %s with one clear line naming it', async (_name, path, message) => {
    const p = path();
    const err = await loadStories(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoryLoadError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('serves nothing half-loaded: one bad file fails the whole folder', async () => {
    const dir = folder({ 'good.txt': 'Fine story.', 'bad.txt': '' });
    await expect(loadStories(dir)).rejects.toThrow(/bad\.txt is empty/);
  });

  it('rejects two stories with the same name', async () => {
    const dir = folder({ 'a.txt': 'One.', 'a.md': 'Two.' });
    mkdirSync(join(dir, 'sub'));
    await expect(loadStories(dir)).rejects.toThrow(/share the name "a"/);
  });
});
