// The lexicon's file format, plain text so it loads in ~10 ms (JSON.parse of the same data
// takes ~40 ms) and can be read by eye:
//
//   # storybot-lexicon/1
//   # Derived from WordNet 3.1 ...
//   agricultur<TAB>agribusi:66 agrarian:49 farm:49 ...
//   kill<TAB>croak:50 deceas:50 die:50 ...
//
// One line per stem, sorted by stem, related stems best first, weights in hundredths. A row may
// open with `=N`: how often SemCor tagged the English words of that stem (how common it is);
// every single-word WordNet lemma has a row, so a stem without one is not a known English word.
// Lookups binary-search the text itself, so loading builds no per-word objects.

import type { LexiconTable, RelatedTerm } from './options.js';

export const LEXICON_FORMAT = 'storybot-lexicon/1';

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function encodeRow(related: readonly RelatedTerm[]): string {
  return related.map(({ term, weight }) => `${term}:${Math.round(weight * 100)}`).join(' ');
}

export function decodeRow(row: string): RelatedTerm[] {
  if (!row) return [];
  return row
    .split(' ')
    .filter((pair) => pair && !pair.startsWith('='))
    .map((pair) => {
      const colon = pair.lastIndexOf(':');
      return { term: pair.slice(0, colon), weight: Number(pair.slice(colon + 1)) / 100 };
    });
}

/** The count of a row (`=N` at its start), or 0. */
export function decodeCount(row: string): number {
  return row.startsWith('=') ? parseInt(row.slice(1), 10) || 0 : 0;
}

/** The whole file: format line, one comment line per line of `about`, then the rows. */
export function encodeLexicon(
  table: LexiconTable,
  about: string,
  counts: ReadonlyMap<string, number> = new Map(),
): string {
  const header = [LEXICON_FORMAT, ...about.split('\n')].map((line) => `# ${line}\n`).join('');
  const keys = new Set([...counts.keys(), ...[...table.keys()].filter((key) => table.get(key)?.length)]);
  const rows = [...keys]
    .filter((key) => /^[^#\s]\S*$/.test(key))
    .sort(byCodeUnit)
    .map((key) => {
      const related = encodeRow(table.get(key) ?? []);
      const count = counts.has(key) ? `=${counts.get(key)}` : '';
      return `${key}\t${[count, related].filter(Boolean).join(' ')}\n`;
    });
  return header + rows.join('');
}

/** Read-only view of an encoded lexicon: the text plus where each row starts. */
export class LexiconText {
  private readonly rowStarts: Int32Array;

  private constructor(
    private readonly text: string,
    rowStarts: number[],
  ) {
    this.rowStarts = Int32Array.from(rowStarts);
  }

  /** Throws when the text is not this format, so a stale or foreign file is not read as empty. */
  static parse(text: string): LexiconText {
    if (!text.startsWith(`# ${LEXICON_FORMAT}\n`)) {
      throw new Error(`not a ${LEXICON_FORMAT} file (first line: ${JSON.stringify(text.slice(0, 40).split('\n')[0])})`);
    }
    const starts: number[] = [];
    for (let i = 0; i < text.length;) {
      const end = text.indexOf('\n', i);
      if (text[i] !== '#') starts.push(i);
      i = end < 0 ? text.length : end + 1;
    }
    return new LexiconText(text, starts);
  }

  get size(): number {
    return this.rowStarts.length;
  }

  /** The encoded row of `key`, or undefined. Binary search over the sorted lines. */
  row(key: string): string | undefined {
    let lo = 0;
    let hi = this.rowStarts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = this.rowStarts[mid];
      const order = this.compareKeyAt(start, key);
      if (order === 0) {
        const tab = start + key.length;
        const end = this.text.indexOf('\n', tab);
        return this.text.slice(tab + 1, end < 0 ? this.text.length : end);
      }
      if (order < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** The row key at `start` compared with `key` by code unit, read in place (no substring per step). */
  private compareKeyAt(start: number, key: string): number {
    const text = this.text;
    for (let i = 0; ; i++) {
      const c = text.charCodeAt(start + i);
      const rowEnded = c === 9; // tab ends the key
      if (i === key.length) return rowEnded ? 0 : 1;
      if (rowEnded) return -1;
      const k = key.charCodeAt(i);
      if (c !== k) return c < k ? -1 : 1;
    }
  }
}
