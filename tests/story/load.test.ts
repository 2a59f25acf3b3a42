import fc from 'fast-check';
import { mkdtempSync, writeFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodingProblem, loadStories, parseStory, StoryLoadError } from '../../src/story/load.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'storybot-load-'));
  made.push(dir);
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

async function loadOne(name: string, body: string | Buffer) {
  const [story] = await loadStories(join(folder({ [name]: body }), name));
  return story;
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
      paragraphs: [
        { n: 1, text: 'Body one.' },
        { n: 2, text: 'Body two.' },
      ],
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

describe('Markdown stories', () => {
  it('removes inline markup from the title and the paragraphs', async () => {
    const story = await loadOne(
      'storm.md',
      '# Storm closes **coastal** roads\n\nThe *storm* hit [Ayr](https://example.com) at `5pm` &amp; closed the A77\\* road.  \nCrews were out.\n',
    );
    expect(story.title).toBe('Storm closes coastal roads');
    expect(story.paragraphs.map((p) => p.text)).toEqual([
      'The storm hit Ayr at 5pm & closed the A77* road. Crews were out.',
    ]);
  });

  it('makes each list item and each quoted paragraph a paragraph of its own', async () => {
    const story = await loadOne(
      'list.md',
      '# Roads closed\n\nThe council listed:\n\n- the **A77** at Ayr\n- the B741, both ways\n  1. from Girvan\n\n> We expect delays,\n> said the council.\n>\n> Buses run as usual.\n\n<!-- an editor note -->\n\n---\n\nThe end.\n',
    );
    expect(story.paragraphs.map((p) => [p.n, p.text])).toEqual([
      [1, 'The council listed:'],
      [2, 'the A77 at Ayr'],
      [3, 'the B741, both ways'],
      [4, 'from Girvan'],
      [5, 'We expect delays, said the council.'],
      [6, 'Buses run as usual.'],
      [7, 'The end.'],
    ]);
  });

  it('keeps one paragraph per line when the file has no blank lines, as plain text does', async () => {
    const story = await loadOne('lines.md', 'Headline here\n===\nFirst **paragraph**.\nSecond paragraph.\n');
    expect(story.title).toBe('Headline here');
    expect(story.paragraphs.map((p) => p.text)).toEqual(['First paragraph.', 'Second paragraph.']);
  });

  it('numbers plain-paragraph Markdown stories exactly as their text reads', async () => {
    const dir = join(import.meta.dirname, '../../bench/data/news-dev');
    const files = readdirSync(dir).filter((f) => /^\d.*\.md$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const plain = parseStory(readFileSync(join(dir, file), 'utf8'), 'x');
      const [markdown] = await loadStories(join(dir, file));
      expect(markdown.title, file).toBe(plain.title);
      expect(
        markdown.paragraphs.map((p) => [p.n, p.text]),
        file,
      ).toEqual(plain.paragraphs.map((p) => [p.n, p.text]));
    }
  });

  it('leaves the markup of a .txt story alone: only Markdown files are parsed as Markdown', async () => {
    const story = await loadOne('plain.txt', 'A **bold** claim.\n\n- not a list item\n- really\n');
    expect(story.paragraphs.map((p) => p.text)).toEqual(['A **bold** claim.', '- not a list item - really']);
  });
});

describe('text encodings', () => {
  const text = 'Café owners in Zürich said the storm closed the road.\n\nIt reopened on Monday.\n';
  const utf16le = Buffer.from(text, 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();

  it.each([
    ['UTF-16 with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]), 'UTF-16'],
    ['UTF-16 LE without a byte-order mark', utf16le, 'UTF-16'],
    ['UTF-16 BE without a byte-order mark', utf16be, 'UTF-16'],
    ['Latin-1', Buffer.from(text, 'latin1'), 'Latin-1'],
    [
      'binary data',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]),
      'binary',
    ],
    ['UTF-8', Buffer.from(text, 'utf8'), undefined],
    [
      'UTF-8 with a byte-order mark',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      undefined,
    ],
  ])('tells %s', (_name, bytes, expected) => {
    expect(encodingProblem(bytes)).toBe(expected);
  });

  it('names a non-UTF-8 file as such and says to save it as UTF-8', async () => {
    for (const [name, bytes, pattern] of [
      ['latin.txt', Buffer.from(text, 'latin1'), /latin\.txt is not UTF-8 \(it looks like Latin-1/],
      ['wide.md', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]), /wide\.md is UTF-16 text, not UTF-8/],
    ] as const) {
      const error = await loadStories(join(folder({ [name]: bytes }), name)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoryLoadError);
      expect((error as Error).message).toMatch(pattern);
      expect((error as Error).message).toMatch(/save it as UTF-8/);
      expect((error as Error).message).not.toMatch(/binary/);
    }
  });
});

describe('the UTF-8 check of a story file', () => {
  it('calls bytes UTF-8 exactly when a strict decoder accepts them', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const accepts = (bytes: Uint8Array) => {
      try {
        strict.decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    const pieces = [
      0x41, 0x20, 0xc3, 0xa9, 0xe2, 0x80, 0x93, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x80, 0xc0, 0xaf, 0xff, 0xf4, 0x90,
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 24 }), (codes) => {
        // Printable text first, so the binary and UTF-16 sniffing never decides instead.
        const bytes = Buffer.concat([Buffer.from('A plain start. '), Buffer.from(codes)]);
        expect(encodingProblem(bytes) === undefined).toBe(accepts(bytes));
      }),
      { numRuns: 3000 },
    );
  });
});
