// Two questions in one ("How many US troops are in Iraq and why is the relationship strained?",
// "When and where does the parade start?"): each part is answered on its own.

const WH = "(?:who|whom|whose|what|what's|whats|when|where|why|which|how)";
const AUX = '(?:is|are|was|were|did|does|do|will|would|can|could|has|have|had|should)';
const LINK = '(?:and(?:\\s+also)?|plus|also|&)';
const PREPOSITION = '(?:for|by|in|on|at|to|from|since|until|after|before|with)';

// "..., and how big is ...", "... and for how long": a second question after a conjunction.
const SECOND_QUESTION = new RegExp(
  `^(.*?\\S)(?:\\s*,\\s*|\\s+)${LINK}\\s+((?:${PREPOSITION}\\s+)?${WH}\\b.*|${AUX}\\s+\\S+.*)$`,
  'i',
);
// "When and where does ...": two question words sharing one question.
const SHARED_WORDS = new RegExp(`^\\s*(${WH})\\s*(?:,\\s*|\\s+)${LINK}\\s+(${WH})\\b(.*)$`, 'i');
const CONTENT_WORD = /[\p{L}\p{N}]{3,}/gu;

/** Enough words to search on their own: a part like "for how long" needs the first part's words. */
function standsAlone(part: string): boolean {
  const words = (part.match(CONTENT_WORD) ?? []).filter(
    (w) => !new RegExp(`^(?:${WH}|${AUX}|${PREPOSITION}|the|and|long|many|much)$`, 'i').test(w),
  );
  return words.length >= 2;
}

/** The first part without its question words, to lend a short second part its topic. */
function topicOf(part: string): string {
  return part
    .replace(new RegExp(`^\\s*(?:${WH}\\b(?:\\s+(?:many|much|long|old|big|far))?\\s*(?:${AUX}\\b)?)`, 'i'), '')
    .trim();
}

function tidy(part: string): string {
  return part
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;]+|[\s,;]+$/g, '')
    .trim();
}

/** One separately answerable part: as the reader wrote it, and as it is searched. */
export interface QuestionPart {
  text: string;
  /** The text, with the first part's topic words when it is too short to stand alone ("for how long"). */
  query: string;
}

/**
 * The separately answerable parts of a question, in order: one part (the question itself) when
 * it asks one thing. A part too short to stand alone borrows the first part's topic words.
 */
export function questionParts(question: string): QuestionPart[] {
  return splitParts(question).map(([text, query]) => ({ text, query }));
}

function splitParts(question: string): [string, string][] {
  const text = question.trim();
  // Two questions, each with its own mark: "Who won? By how much?"
  const marked = text
    .split(/\?\s+(?=\S)/)
    .map(tidy)
    .filter(Boolean);
  if (marked.length === 2 && marked.every((p) => /[\p{L}]/u.test(p)))
    return withTopic(marked[0].replace(/\?*$/, '?'), marked[1]);
  const shared = SHARED_WORDS.exec(text);
  if (shared) {
    const rest = shared[3].trim();
    if (rest.length > 0) return [tidy(`${shared[1]} ${rest}`), tidy(`${shared[2]} ${rest}`)].map((p) => [p, p]);
  }
  const second = SECOND_QUESTION.exec(text);
  if (
    second &&
    /[\p{L}]{3,}/u.test(second[1]) &&
    new RegExp(`^\\s*(?:${WH}|${AUX})\\b|\\b${WH}\\b`, 'i').test(second[1])
  ) {
    return withTopic(tidy(second[1]), tidy(second[2]));
  }
  return [[text, text]];
}

function withTopic(first: string, second: string): [string, string][] {
  return [
    [first, first],
    [second, standsAlone(second) ? second : tidy(`${second} ${topicOf(first)}`)],
  ];
}
