// What a sentence's place and wording say about its worth in a news story, independent of
// the other sentences.
import type { Token } from '../../search/text.js';

export interface SentencePlace {
  /** 1-based paragraph number. */
  paragraph: number;
  /** 0-based position within the paragraph. */
  indexInParagraph: number;
}

/**
 * The inverted pyramid: the lead paragraph carries who, what, where and when, its first
 * sentence most of all (1, 1/2, 1/3, ...); later paragraphs matter less the further down they
 * stand (1/8 for ¶2, 1/12 for ¶3, ...), well below any lead sentence.
 */
export function leadWeight({ paragraph, indexInParagraph }: SentencePlace): number {
  return paragraph === 1 ? 1 / (indexInParagraph + 1) : 1 / (4 * paragraph);
}

/**
 * Share of a sentence's content words that are names or figures (capitalised past the first
 * word, or holding a digit): "Iraqi Prime Minister al-Sudani", "15 MoUs", "2,500". Such
 * sentences state checkable facts; vague ones ("talks will address more general topics") don't.
 */
export function factDensity(sentence: string, tokens: readonly Token[]): number {
  if (tokens.length === 0) return 0;
  const firstWordEnd = /^\P{L}*\p{L}[\p{L}\p{N}'’.-]*/u.exec(sentence)?.[0].length ?? 0;
  let facts = 0;
  let lastSurfaceStart = -1;
  for (const token of tokens) {
    if (token.start === lastSurfaceStart) continue; // "al-Sudani" yields two terms, one name
    lastSurfaceStart = token.start;
    if (/\p{N}/u.test(token.surface) || (token.start >= firstWordEnd && /^\p{Lu}/u.test(token.surface))) facts++;
  }
  return facts / new Set(tokens.map((t) => t.start)).size;
}
