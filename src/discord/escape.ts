/**
 * Making text from users (questions) and from story files safe to show in a Discord message:
 * it must render as the literal characters, never as a ping, a link, a masked link or Markdown
 * that swallows the formatting around it.
 *
 * Two steps: `cleanText` drops invisible and control characters and collapses whitespace (for
 * every surface, including plain-text ones like footers and button labels), and `escapeMarkdown`
 * backslash-escapes Markdown and breaks mention and URL syntax with a zero-width space (only for
 * surfaces Discord parses as Markdown: content, embed title, description, fields).
 */

export const ZWSP = '\u200B';

/** Bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates): they can reorder what we print. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Invisible characters with no place in a question or a news story (ZWSP, word joiner, BOM,
 * soft hyphen, Hangul fillers used for "blank" text), plus our own highlight sentinels. */
const INVISIBLES = /[\u00AD\u115F\u1160\u180E\u200B\u2060-\u2064\u3164\uFEFF\uFFA0\uE000\uE001]/g;
/** C0 and C1 controls except tab and newline. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** ZWJ/ZWNJ belong between letters (Persian, Indic scripts) and inside emoji sequences. */
const JOINER_CONTEXT = '[\\p{L}\\p{M}\\p{Extended_Pictographic}\\u{FE0F}\\u{1F3FB}-\\u{1F3FF}]';
// eslint-disable-next-line no-misleading-character-class -- skin-tone modifiers (U+1F3FB-U+1F3FF) are a range here on purpose
const STRAY_JOINERS = new RegExp(`(?<!${JOINER_CONTEXT})[\\u200C\\u200D]|[\\u200C\\u200D](?!${JOINER_CONTEXT})`, 'gu');
/** Tag characters are only legitimate inside a flag sequence that starts with U+1F3F4. */
const TAG_RUNS = /(\u{1F3F4}?)([\u{E0000}-\u{E007F}]+)/gu;
/** More than a few combining marks on one letter is "Zalgo" text that spills over other lines. */
const MARK_FLOODS = /(\p{M}{4})\p{M}+/gu;

/**
 * Removes what should never be shown: lone surrogates (replaced by U+FFFD), control characters,
 * bidi controls, zero-width characters outside the scripts and emoji that need them, hidden tag
 * characters, and floods of combining marks. Line breaks are kept (as `\n`).
 */
export function sanitize(text: string): string {
  return text
    .replace(LONE_SURROGATES, '\uFFFD')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(CONTROLS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(INVISIBLES, '')
    .replace(STRAY_JOINERS, '')
    .replace(TAG_RUNS, (run, flag: string) => (flag ? run : ''))
    .replace(MARK_FLOODS, '$1');
}

/** `sanitize`, then every run of whitespace (line breaks included) becomes one space. */
export function cleanText(text: string): string {
  return sanitize(text).replace(/\s+/g, ' ').trim();
}

/** Characters that start or end Markdown anywhere in a line, plus `<` (mentions, `<url>`, `<t:…>`). */
const INLINE_SPECIALS = /[\\*_~`|<>[\]]/g;
/** Block syntax that only counts at the start of a line: headings, lists, `-#` subtext, quotes. */
const LINE_START_SPECIALS = /^([ \t]*)([#+-]|\d+(?=[.)]))/gm;
const MASS_MENTIONS = /@(everyone|here)/gi;
/** `scheme://` is what Discord's autolinker needs; a zero-width space after the colon breaks it. */
const URL_SCHEMES = /([a-z][a-z0-9+.-]{0,30}):\/\//gi;

/**
 * Escapes text so that Discord renders exactly its characters: Markdown is backslash-escaped,
 * `<` (user, role, channel, slash-command and timestamp mentions) and `@everyone`/`@here` are
 * broken with a zero-width space, and URLs lose their autolink. Use on sanitized text.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_SPECIALS, (c) => (c === '<' ? `\\<${ZWSP}` : `\\${c}`))
    .replaceAll('\\](', '\\]\\(') // belt and braces: no `](` pair survives, escaped or not
    .replace(LINE_START_SPECIALS, (_m, indent: string, marker: string) =>
      /^\d/.test(marker) ? `${indent}${marker}\\` : `${indent}\\${marker}`,
    )
    .replace(MASS_MENTIONS, `@${ZWSP}$1`)
    .replace(URL_SCHEMES, `$1:${ZWSP}//`);
}

/** Clean and escape: the form of any user or story text placed in Markdown. */
export function safeText(text: string): string {
  return escapeMarkdown(cleanText(text));
}

/**
 * For surfaces Discord shows as typed (embed footers, button labels, autocomplete choices): no
 * Markdown to escape there, but mention and mass-mention syntax is still broken, in case a
 * client ever renders it.
 */
export function plainText(text: string): string {
  return cleanText(text)
    .replace(MASS_MENTIONS, `@${ZWSP}$1`)
    .replace(/<(?=[@#:/!&a-z])/gi, `<${ZWSP}`);
}

/**
 * Removes what `escapeMarkdown` added, giving back the cleaned text. Tests use it to prove the
 * escaping loses nothing a reader should see.
 */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1').replaceAll(ZWSP, '');
}
