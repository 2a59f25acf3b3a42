/**
 * Discord's message limits, in one place, and the one helper that cuts text to fit them.
 * Lengths are counted in UTF-16 code units (JavaScript's `length`), which is never less than the
 * code-point count Discord uses, so anything that fits here fits there.
 */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Title + description + field names and values + footer + author, across all embeds of a message. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

export const ELLIPSIS = '…';

/** How far back `truncate` looks for a space so it cuts between words. */
const WORD_BOUNDARY_WINDOW = 30;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Index ≤ `cut` that does not split a surrogate pair or leave a dangling Markdown escape. */
function safeCut(text: string, cut: number): number {
  let at = cut;
  if (at > 0 && isHighSurrogate(text.charCodeAt(at - 1))) at -= 1;
  let backslashes = 0;
  while (at - backslashes > 0 && text[at - backslashes - 1] === '\\') backslashes += 1;
  if (backslashes % 2 === 1) at -= 1;
  return at;
}

/**
 * Cuts `text` to at most `max` code units, ending in "…", preferring a word boundary, never
 * splitting a surrogate pair or a `\x` escape. Text that fits is returned unchanged.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max < ELLIPSIS.length + 1) return ELLIPSIS.slice(0, max);
  let cut = safeCut(text, max - ELLIPSIS.length);
  const space = text.lastIndexOf(' ', cut);
  if (space > 0 && cut - space <= WORD_BOUNDARY_WINDOW) cut = safeCut(text, space);
  return text.slice(0, cut).trimEnd() + ELLIPSIS;
}

/**
 * Renders the longest prefix of `raw` (plus "…") whose rendering fits in `max`. Unlike cutting
 * rendered text, this keeps every escape and every `**` pair that `render` makes intact.
 */
export function fitRendered(raw: string, render: (text: string) => string, max: number): string {
  const full = render(raw);
  if (full.length <= max) return full;
  const points = Array.from(raw);
  // The ellipsis goes inside the rendering, so it stays within bold, quotes and citations.
  const renderPrefix = (count: number) => render(points.slice(0, count).join('').trimEnd() + ELLIPSIS);
  let low = 0;
  let high = points.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (renderPrefix(mid).length <= max) low = mid;
    else high = mid - 1;
  }
  // Step back to the end of a word when one is close, so the cut reads naturally.
  for (let back = 0; back <= WORD_BOUNDARY_WINDOW && low - back > 0; back += 1) {
    if (/\s/.test(points[low - back] ?? '')) {
      low -= back;
      break;
    }
  }
  const best = renderPrefix(low);
  return best.length <= max ? best : truncate(best, max);
}
