/**
 * An uploaded story file, checked and read by the same rules as a file on disk (`parseStory`):
 * only `.txt`/`.md` by name, only UTF-8 text by content, at most the size limit, at least one
 * paragraph. Each refusal is one line that names the problem and what to do.
 */
import { createHash } from 'node:crypto';
import { parseStory } from '../story/load.js';
import type { Story } from '../story/types.js';

export const STORY_EXTENSIONS = ['.txt', '.md'] as const;

export type UploadCheck<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface ReadUpload {
  fileName: string;
  bytes: Uint8Array;
  /** The `title` option, used when the text has no heading or title line of its own. */
  titleOption?: string;
  maxBytes: number;
}

export interface UploadedStory {
  /** The parsed story; its id is a placeholder until the server's slug is chosen. */
  story: Story;
  text: string;
  sizeBytes: number;
  sha256: string;
  /** Where the title came from. */
  titleFrom: 'text' | 'option' | 'file name';
}

/** Human size: "1 MB", "512 KB", "37 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? '' : fileName.slice(dot).toLowerCase();
}

/** Checks the name and declared size before anything is downloaded. */
export function checkAttachment(fileName: string, declaredSize: number, maxBytes: number): UploadCheck<void> {
  if (!(STORY_EXTENSIONS as readonly string[]).includes(extensionOf(fileName))) {
    return {
      ok: false,
      problem: `${quoteName(fileName)} is not a .txt or .md file: save the story as plain text (.txt) or Markdown (.md) and attach that.`,
    };
  }
  if (declaredSize > maxBytes) {
    return {
      ok: false,
      problem: `${quoteName(fileName)} is ${formatBytes(declaredSize)}, over the ${formatBytes(maxBytes)} limit: split it into smaller stories.`,
    };
  }
  if (declaredSize === 0)
    return { ok: false, problem: `${quoteName(fileName)} is empty: attach a file with the story's text.` };
  return { ok: true, value: undefined };
}

function quoteName(fileName: string): string {
  const clean = fileName.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 80);
  return `"${clean || 'the file'}"`;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 text, or says what the bytes look like instead. */
export function decodeText(fileName: string, bytes: Uint8Array): UploadCheck<string> {
  const name = quoteName(fileName);
  if (bytes.length === 0) return { ok: false, problem: `${name} is empty: attach a file with the story's text.` };
  const utf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const sample = bytes.subarray(0, 4096);
  const zeros = sample.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
  // UTF-16 text of a Latin-script story has a zero in about every other byte.
  if (utf16Bom || zeros > sample.length / 4) {
    return {
      ok: false,
      problem: `${name} is UTF-16 text: save it as UTF-8 (in most editors: Save As → Encoding → UTF-8) and attach it again.`,
    };
  }
  if (zeros > 0)
    return {
      ok: false,
      problem: `${name} is not text (it holds binary data): attach a .txt or .md file saved as UTF-8.`,
    };
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return {
      ok: false,
      problem: `${name} is not UTF-8 (it looks like Latin-1 or Windows-1252): save it as UTF-8 (Save As → Encoding → UTF-8) and attach it again.`,
    };
  }
  // Control characters other than tab, newline and carriage return mean binary data.
  const controls = text.match(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (controls > 0 && controls > text.length / 1000) {
    return {
      ok: false,
      problem: `${name} is not text (it holds control characters): attach a .txt or .md file saved as UTF-8.`,
    };
  }
  return { ok: true, value: text };
}

// parseStory falls back to a title made from the id; an id it cannot mistake for a real title
// tells us the text had no title of its own.
const NO_TITLE = '\u0000';

function fileTitle(fileName: string): string {
  const base = fileName.replace(/\.[^.]*$/, '');
  const words =
    base
      .replace(/^\d+[_\-\s]+/, '')
      .replace(/[_\-]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() ||
    base ||
    'Story';
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Reads an uploaded file into a story: decode, size, then the same parse as files on disk. */
export function readUpload(input: ReadUpload): UploadCheck<UploadedStory> {
  const name = quoteName(input.fileName);
  if (input.bytes.length > input.maxBytes) {
    return {
      ok: false,
      problem: `${name} is over the ${formatBytes(input.maxBytes)} limit: split it into smaller stories.`,
    };
  }
  const decoded = decodeText(input.fileName, input.bytes);
  if (!decoded.ok) return decoded;
  const text = decoded.value;
  const parsed = parseStory(text, NO_TITLE, input.fileName);
  if (parsed.paragraphs.length === 0) {
    return {
      ok: false,
      problem: `${name} has no paragraphs (only a title or headings): add the story's text below its title.`,
    };
  }
  const option = input.titleOption?.replace(/\s+/g, ' ').trim();
  let titleFrom: UploadedStory['titleFrom'] = 'text';
  let title = parsed.title;
  // However parseStory spells "no title" (the id it was given, or nothing), the option or the file name takes over.
  if (!title || /^[\u0000\s]*$/.test(title)) {
    title = option ? option : fileTitle(input.fileName);
    titleFrom = option ? 'option' : 'file name';
  }
  return {
    ok: true,
    value: {
      story: { ...parsed, title },
      text,
      sizeBytes: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      titleFrom,
    },
  };
}
