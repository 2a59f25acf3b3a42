/**
 * How a server's story is named: its slug (the id in citations, buttons and the `story` option)
 * and the key its title is compared by for duplicates.
 */

/** Longest slug; leaves room in a 100-character button id for the paragraph number. */
export const MAX_SLUG_LENGTH = 40;

/** "Iran's President Visits Iraq!" -> "irans-president-visits-iraq". */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
  return slug || 'story';
}

/** A slug not in `taken`: the title's, else with -2, -3… */
export function uniqueSlug(title: string, taken: ReadonlySet<string>): string {
  const base = slugify(title);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX_SLUG_LENGTH - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Titles that differ only in case, accents' composition or spacing are the same title. */
export function titleKey(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The question as the gaps report groups it: case, punctuation and spacing ignored, so "Who won?"
 * and "who won" count as one question.
 */
export function normalizeQuestionForLog(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'’-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}
