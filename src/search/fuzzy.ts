/** True when `a` becomes `b` by one insertion, deletion, substitution or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  if (a === b) return true;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    const restA = a.slice(i + 1);
    if (restA === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Matches kept per matcher before the memory is cleared (a long-running bot sees many words). */
const FOUND_LIMIT = 20_000;

/**
 * Terms grouped by length, so a misspelt query word is compared only with terms one letter
 * shorter, as long, or one longer.
 */
export class TypoMatcher {
  private readonly byLength = new Map<number, string[]>();
  /** Each word's matches, kept: a question word is looked up both to read it and to search it. */
  private readonly found = new Map<string, readonly string[]>();

  constructor(terms: Iterable<string>) {
    for (const t of terms) {
      if (t.length < 3 || /\d/.test(t)) continue;
      let bucket = this.byLength.get(t.length);
      if (!bucket) this.byLength.set(t.length, (bucket = []));
      bucket.push(t);
    }
  }

  /** Known terms one edit away from `term` (which the index does not hold). */
  near(term: string): readonly string[] {
    if (term.length < 4 || /\d/.test(term)) return [];
    const known = this.found.get(term);
    if (known) return known;
    const found: string[] = [];
    for (let len = term.length - 1; len <= term.length + 1; len++) {
      for (const candidate of this.byLength.get(len) ?? []) {
        if (candidate.charCodeAt(0) === term.charCodeAt(0) || candidate.charCodeAt(1) === term.charCodeAt(1)) {
          if (withinOneEdit(term, candidate)) found.push(candidate);
        }
      }
    }
    if (this.found.size >= FOUND_LIMIT) this.found.clear();
    this.found.set(term, found);
    return found;
  }
}
