/**
 * What kind of answer a question asks for, and which kinds a sentence can give. A sentence that
 * can give the asked kind ("when" -> a year or date) is a better answer than one that cannot.
 */
export const enum AnswerKind {
  None = 0,
  Number = 1,
  Date = 2,
  Name = 4,
}

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
const DATE_IN_TEXT = new RegExp(
  `\\b(?:1\\d{3}|20\\d{2})s?\\b|\\b(?:${MONTHS})\\b|\\b(?:century|centuries|decade|yesterday|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b`,
  'i',
);
// A count or amount: a figure that is not a year on its own, or a number word.
const NUMBER_IN_TEXT =
  /(?<![\d,.])(?!(?:1[0-9]{3}|20[0-9]{2})s?(?![\d,.]\d))\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|half|several)\b/i;
// A capitalised word after the first word: a name, a place, an organisation.
const NAME_IN_TEXT = /\s["'“(]?\p{Lu}[\p{L}'’\-.]+/u;

/** The kinds of answer a sentence can give, as a bit mask of {@link AnswerKind}. */
export function answerKindsOf(sentence: string): number {
  let kinds = 0;
  if (NUMBER_IN_TEXT.test(sentence)) kinds |= AnswerKind.Number;
  if (DATE_IN_TEXT.test(sentence)) kinds |= AnswerKind.Date;
  if (NAME_IN_TEXT.test(sentence)) kinds |= AnswerKind.Name;
  return kinds;
}

/** "How many ...?" / "How much ...?": a count or amount, which a text without any figure cannot give. */
export function asksCount(question: string): boolean {
  return /\bhow (?:many|much)\b/i.test(question);
}

/** The kind of answer a question asks for, or None when the question words do not say. */
export function askedKind(question: string): AnswerKind {
  const q = question.toLowerCase();
  if (
    /\bwhen\b|\bwhat (?:year|date|day|month|century|decade|time)\b|\bwhich (?:year|date|day|month|century|decade)\b|\bhow long ago\b|\bsince when\b/.test(
      q,
    )
  )
    return AnswerKind.Date;
  if (
    /\bhow (?:many|much|long|far|old|large|big|tall|high|often|fast|deep|wide|heavy)\b|\bwhat (?:percentage|percent|number|amount|proportion|fraction|size)\b|\bhow many\b/.test(
      q,
    )
  )
    return AnswerKind.Number;
  if (
    /\bwho(?:m|se)?\b|\bwhere\b|\bwhat (?:city|country|state|place|town|region|nation|company|organi[sz]ation|team|river|language)\b|\bwhich (?:city|country|state|place|town|region|nation|company|team|person)\b/.test(
      q,
    )
  )
    return AnswerKind.Name;
  return AnswerKind.None;
}
