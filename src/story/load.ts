import { isUtf8 } from 'node:buffer';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { splitSentences } from './sentences.js';
import type { Paragraph, Story } from './types.js';

/** A story that cannot be served; the message is one line that names the file and what to do. */
export class StoryLoadError extends Error {
  override name = 'StoryLoadError';
}

const STORY_EXTENSIONS = new Set(['.txt', '.md']);
const MAX_STORY_BYTES = 20 * 1024 * 1024;
// A first line this short, without a final period, reads as a headline rather than a paragraph.
const MAX_TITLE_WORDS = 16;

function titleFromFileName(id: string): string {
  const words =
    id
      .replace(/^\d+[_\-\s]+/, '')
      .replace(/[_\-]+/g, ' ')
      .trim() || id;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Why bytes cannot be read as UTF-8 text: the encoding they look like, or 'binary'. */
export function encodingProblem(bytes: Buffer): 'UTF-16' | 'Latin-1' | 'binary' | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'UTF-16';
  const sample = bytes.subarray(0, 8192);
  const zeros = [0, 0];
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) zeros[i % 2]++;
  if (zeros[0] + zeros[1] > 0) {
    // UTF-16 without a byte-order mark: each ASCII character is a printable byte beside a zero.
    let pairs = 0;
    let printablePairs = 0;
    for (let i = 0; i + 1 < sample.length; i += 2) {
      const [a, b] = [sample[i], sample[i + 1]];
      if (a !== 0 && b !== 0) continue;
      pairs++;
      const other = a === 0 ? b : a;
      if ((other >= 0x20 && other < 0x7f) || other === 0x0a || other === 0x0d || other === 0x09) printablePairs++;
    }
    const ascii = pairs >= 8 && pairs > (sample.length / 2) * 0.3 && printablePairs > pairs * 0.9;
    return ascii ? 'UTF-16' : 'binary';
  }
  let controls = 0;
  for (const byte of sample)
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  if (controls > sample.length * 0.01) return 'binary';
  // Checked in place: decoding a 20 MB file to test it made a string of up to 40 MB to throw away.
  return isUtf8(bytes) ? undefined : 'Latin-1';
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Splits the text into blocks: blank-line separated when it has blank lines, else one per line. */
function blocks(text: string): string[] {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const hasBlankLines = /\n[ \t]*\n/.test(normalized.trim());
  const raw = hasBlankLines ? normalized.split(/\n[ \t]*\n/) : normalized.split('\n');
  return raw.map((b) => b.trim()).filter(Boolean);
}

const HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;

/**
 * One block of a story's text: a heading (the title, or a section name: never a paragraph), a
 * paragraph, or an item (a list item or quoted paragraph: a paragraph that is never the title).
 */
export interface StoryBlock {
  kind: 'heading' | 'paragraph' | 'item';
  text: string;
}

/** Blocks of a plain-text story; a `#` heading line still names the story or a section. */
function textBlocks(text: string): StoryBlock[] {
  const out: StoryBlock[] = [];
  for (const block of blocks(text)) {
    const lines = block.split('\n');
    const heading = HEADING.exec(lines[0]);
    if (heading) {
      out.push({ kind: 'heading', text: collapse(heading[1]) });
      const rest = collapse(lines.slice(1).join(' '));
      if (rest) out.push({ kind: 'paragraph', text: rest });
    } else {
      out.push({ kind: 'paragraph', text: collapse(block) });
    }
  }
  return out;
}

const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * The same text, stored in one byte per character when it can be. A file with a single character
 * beyond Latin-1 is decoded as a two-byte string, and every paragraph cut from it stays two-byte:
 * at scale that doubles the memory the stories hold.
 */
function compactText(text: string): string {
  return BEYOND_LATIN1.test(text) ? text : Buffer.from(text, 'latin1').toString('latin1');
}

/** A story from its blocks: the first heading, or a short first line without a final period, is the title. */
export function storyFromBlocks(all: readonly StoryBlock[], id: string, source = id): Story {
  let title: string | undefined;
  const paragraphs: Paragraph[] = [];
  all.forEach((block, i) => {
    if (block.kind === 'heading') {
      if (title === undefined && paragraphs.length === 0) title = block.text;
      return;
    }
    if (i === 0 && block.kind === 'paragraph' && all.length > 1) {
      const words = block.text.split(' ').length;
      if (words <= MAX_TITLE_WORDS && !/[.!?:;,]["'”’)]*$/.test(block.text)) {
        title = block.text;
        return;
      }
    }
    const text = compactText(block.text);
    paragraphs.push({ n: paragraphs.length + 1, text, sentences: splitSentences(text) });
  });
  return { id, title: title || titleFromFileName(id), source, paragraphs };
}

/** Parses plain story text into a title and paragraphs (pure; `id` names the story). */
export function parseStory(text: string, id: string, source = id): Story {
  return storyFromBlocks(textBlocks(text), id, source);
}

const UTF8_HINT = 'save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)';

/** A story file's bytes, read and checked (UTF-8 text, size) but not yet parsed. */
export interface StoryFile {
  path: string;
  bytes: Buffer;
}

/** Reads one story file and checks it as {@link readStoryFiles} does; throws StoryLoadError. */
export async function readStoryFile(path: string): Promise<StoryFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StoryLoadError(
      `Cannot read story file ${path} (${code ?? 'read error'}): check that it exists and is readable.`,
    );
  }
  if (bytes.length === 0)
    throw new StoryLoadError(
      `Story file ${path} is empty: put the story's text in it, paragraphs separated by blank lines.`,
    );
  if (bytes.length > MAX_STORY_BYTES)
    throw new StoryLoadError(`Story file ${path} is larger than 20 MB: split it into several story files.`);
  const problem = encodingProblem(bytes);
  if (problem === 'binary')
    throw new StoryLoadError(`Story file ${path} is not text (binary data): use a UTF-8 .txt or .md file.`);
  if (problem === 'UTF-16') throw new StoryLoadError(`Story file ${path} is UTF-16 text, not UTF-8: ${UTF8_HINT}.`);
  if (problem === 'Latin-1')
    throw new StoryLoadError(`Story file ${path} is not UTF-8 (it looks like Latin-1 or Windows-1252): ${UTF8_HINT}.`);
  return { path, bytes };
}

/** Parses a file read by {@link readStoryFiles} into a story; throws StoryLoadError when it has no paragraphs. */
export async function parseStoryFile({ path, bytes }: StoryFile): Promise<Story> {
  const name = basename(path);
  const text = bytes.toString('utf8');
  const id = basename(name, extname(name));
  // The Markdown parser is loaded only when a Markdown story is: plain-text start-up stays as fast.
  const story =
    extname(name).toLowerCase() === '.md'
      ? storyFromBlocks((await import('./markdown.js')).markdownBlocks(text), id, path)
      : parseStory(text, id, path);
  if (story.paragraphs.length === 0) {
    throw new StoryLoadError(
      `Story file ${path} has no paragraphs (only a title or headings): add the story's text below it.`,
    );
  }
  return story;
}

/**
 * Reads a story file, or every .txt/.md file of a folder (sorted by name), checking each is
 * UTF-8 text and that no two share a name; throws StoryLoadError. Nothing is parsed yet.
 */
export async function readStoryFiles(path: string): Promise<StoryFile[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new StoryLoadError(
      `Story path ${path} does not exist: set STORY_PATH (or --story) to a .txt/.md file or a folder of them.`,
    );
  }
  if (!info.isDirectory()) return [await readStoryFile(path)];

  const names = (await readdir(path))
    .filter((n) => STORY_EXTENSIONS.has(extname(n).toLowerCase()) && !n.startsWith('.'))
    .sort();
  if (names.length === 0) {
    throw new StoryLoadError(
      `Story folder ${path} has no .txt or .md files: add a story file there or point STORY_PATH at one.`,
    );
  }
  const files = await Promise.all(names.map((n) => readStoryFile(join(path, n))));
  const seen = new Map<string, string>();
  for (const { path: source } of files) {
    const id = basename(source, extname(source));
    const other = seen.get(id);
    if (other) throw new StoryLoadError(`Stories ${other} and ${source} share the name "${id}": rename one of them.`);
    seen.set(id, source);
  }
  return files;
}

/**
 * Loads a story file, or every .txt/.md file of a folder (sorted by name). All or nothing:
 * any file that cannot be served fails the whole load with a {@link StoryLoadError}.
 */
export async function loadStories(path: string): Promise<Story[]> {
  const files = await readStoryFiles(path);
  const stories: Story[] = [];
  for (const file of files) stories.push(await parseStoryFile(file));
  return stories;
}
