// Loader for the related-terms lexicon the build writes to dist/lexicon.tsv (format.ts).
// Synchronous and lazy: the file is read at the first lookup (~10 ms), and each row is
// decoded once, at its first lookup.

import { readFileSync } from 'node:fs';
import { LexiconText, decodeCount, decodeRow, encodeLexicon } from './format.js';
import type { LexiconTable, RelatedTerm } from './options.js';
import { defaultLexiconPath } from './paths.js';

export type { RelatedTerm } from './options.js';

export interface Lexicon {
  /**
   * Stems related to `stem` (a lower-case Porter stem, as `terms()` gives), best first, each
   * with a weight in (0, 1): ~0.9 another form of the same word, ~0.7 a synonym in the word's
   * main sense, lower for rarer senses and looser relations. Empty when nothing is known.
   */
  related(stem: string): ReadonlyArray<Readonly<RelatedTerm>>;
  /**
   * How often SemCor tagged English words with this stem (0 = a word it never tagged), or
   * undefined when no single-word WordNet lemma has this stem: probably not an English word.
   */
  count(stem: string): number | undefined;
  /** Reads the data now instead of at the first lookup; throws {@link LexiconLoadError}. */
  load(): this;
  /** Number of stems with related terms (loads the data). */
  readonly size: number;
}

/** The lexicon file is missing or unreadable; the message says which file and what to do. */
export class LexiconLoadError extends Error {
  override name = 'LexiconLoadError';
}

const NOTHING: ReadonlyArray<Readonly<RelatedTerm>> = Object.freeze([]);

class TextLexicon implements Lexicon {
  private text?: LexiconText;
  private readonly decoded = new Map<string, ReadonlyArray<Readonly<RelatedTerm>>>();

  constructor(private readonly read: () => LexiconText) {}

  load(): this {
    this.text ??= this.read();
    return this;
  }

  get size(): number {
    return this.load().text?.size ?? 0;
  }

  count(stem: string): number | undefined {
    const row = this.load().text?.row(stem);
    return row === undefined ? undefined : decodeCount(row);
  }

  related(stem: string): ReadonlyArray<Readonly<RelatedTerm>> {
    let related = this.decoded.get(stem);
    if (related === undefined) {
      const row = this.load().text?.row(stem);
      if (!row) return NOTHING; // misses are not cached: the cache stays within the file's rows
      related = Object.freeze(decodeRow(row).map((r) => Object.freeze(r)));
      this.decoded.set(stem, related);
    }
    return related;
  }
}

function readLexiconFile(path: string): LexiconText {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new LexiconLoadError(
      missing
        ? `The related-terms lexicon ${path} is missing; it is made by the build: run "npm run build".`
        : `Cannot read the related-terms lexicon ${path}: ${(error as Error).message}`,
    );
  }
  try {
    return LexiconText.parse(text);
  } catch (error) {
    throw new LexiconLoadError(`${path} is ${(error as Error).message}; rebuild it with "npm run build".`);
  }
}

const shared = new Map<string, Lexicon>();

/**
 * The lexicon in `path` (default: dist/lexicon.tsv under the package root). Nothing is read
 * until the first lookup or `load()`; calls with the same path share one instance.
 */
export function loadLexicon(path = defaultLexiconPath()): Lexicon {
  let lexicon = shared.get(path);
  if (!lexicon) shared.set(path, (lexicon = new TextLexicon(() => readLexiconFile(path))));
  return lexicon;
}

/** A lexicon from encoded text (see format.ts), e.g. one a test wrote. */
export function lexiconFromText(text: string): Lexicon {
  return new TextLexicon(() => LexiconText.parse(text));
}

/** A lexicon from a table in memory, e.g. a few hand-made rows in a unit test of the search. */
export function lexiconFromTable(table: LexiconTable, counts?: ReadonlyMap<string, number>): Lexicon {
  return lexiconFromText(encodeLexicon(table, 'in-memory table', counts));
}
