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
  const words = id.replace(/^\d+[_\-\s]+/, '').replace(/[_\-]+/g, ' ').trim() || id;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function looksBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return true;
  const text = sample.toString('utf8');
  const replaced = text.split('\uFFFD').length - 1;
  return replaced > 0 && replaced / Math.max(1, text.length) > 0.01;
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

/** Parses story text into a title and paragraphs (pure; `id` names the story). */
export function parseStory(text: string, id: string, source = id): Story {
  const all = blocks(text);
  let title: string | undefined;
  const paragraphs: Paragraph[] = [];
  all.forEach((block, i) => {
    const lines = block.split('\n');
    const heading = HEADING.exec(lines[0]);
    if (heading) {
      // A Markdown heading is a title (the first) or a section name: never a paragraph.
      if (title === undefined && paragraphs.length === 0) title = collapse(heading[1]);
      const rest = collapse(lines.slice(1).join(' '));
      if (!rest) return;
      block = rest;
    } else if (i === 0 && title === undefined && all.length > 1) {
      const first = collapse(block);
      const words = first.split(' ').length;
      if (words <= MAX_TITLE_WORDS && !/[.!?:;,]["'”’)]*$/.test(first)) {
        title = first;
        return;
      }
    }
    const paragraphText = collapse(block);
    paragraphs.push({ n: paragraphs.length + 1, text: paragraphText, sentences: splitSentences(paragraphText) });
  });
  return { id, title: title || titleFromFileName(id), source, paragraphs };
}

async function loadFile(path: string): Promise<Story> {
  const name = basename(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StoryLoadError(`Cannot read story file ${path} (${code ?? 'read error'}): check that it exists and is readable.`);
  }
  if (bytes.length === 0) throw new StoryLoadError(`Story file ${path} is empty: put the story's text in it, paragraphs separated by blank lines.`);
  if (bytes.length > MAX_STORY_BYTES) throw new StoryLoadError(`Story file ${path} is larger than 20 MB: split it into several story files.`);
  if (looksBinary(bytes)) throw new StoryLoadError(`Story file ${path} is not text (binary data): use a UTF-8 .txt or .md file.`);
  const story = parseStory(bytes.toString('utf8'), basename(name, extname(name)), path);
  if (story.paragraphs.length === 0) {
    throw new StoryLoadError(`Story file ${path} has no paragraphs (only a title or headings): add the story's text below it.`);
  }
  return story;
}

/**
 * Loads a story file, or every .txt/.md file of a folder (sorted by name). All or nothing:
 * any file that cannot be served fails the whole load with a {@link StoryLoadError}.
 */
export async function loadStories(path: string): Promise<Story[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new StoryLoadError(`Story path ${path} does not exist: set STORY_PATH (or --story) to a .txt/.md file or a folder of them.`);
  }
  if (!info.isDirectory()) return [await loadFile(path)];

  const names = (await readdir(path)).filter((n) => STORY_EXTENSIONS.has(extname(n).toLowerCase()) && !n.startsWith('.')).sort();
  if (names.length === 0) {
    throw new StoryLoadError(`Story folder ${path} has no .txt or .md files: add a story file there or point STORY_PATH at one.`);
  }
  const stories = await Promise.all(names.map((n) => loadFile(join(path, n))));
  const seen = new Map<string, string>();
  for (const s of stories) {
    const other = seen.get(s.id);
    if (other) throw new StoryLoadError(`Stories ${other} and ${s.source} share the name "${s.id}": rename one of them.`);
    seen.set(s.id, s.source);
  }
  return stories;
}
