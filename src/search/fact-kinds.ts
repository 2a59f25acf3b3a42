// Kinds of fact: what a question asks for ("how old" -> an age, "why" -> a reason) and which of
// them a sentence holds ("aged 54", "because of heavy storms"). A sentence that holds the asked
// kind near the question's words can answer; a story that names the person asked about but holds
// no age anywhere near them cannot say how old they are.

/** Bits of a fact-kind mask. A question may accept several ("how much" -> money or a count). */
export const FactKind = {
  Count: 1,
  Money: 2,
  Percent: 4,
  Duration: 8,
  Date: 16,
  Time: 32,
  Age: 64,
  Score: 128,
  Name: 256,
  Reason: 512,
  Means: 1024,
  Quote: 2048,
  Measure: 4096,
  /** What settles a yes/no question: a denial, a confirmation, a plan or a possibility. */
  Stance: 8192,
} as const;

/** The kinds that are figures, dates or names: a text either holds one or cannot answer. */
export const CHECKABLE_KINDS =
  FactKind.Count |
  FactKind.Money |
  FactKind.Percent |
  FactKind.Duration |
  FactKind.Date |
  FactKind.Time |
  FactKind.Age |
  FactKind.Score |
  FactKind.Measure;

const NUMBER_WORD =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|a dozen|dozens|hundreds|thousands|millions|a few|several|half an?';
const NUM = `(?:\\d[\\d,]*(?:\\.\\d+)?|(?:${NUMBER_WORD})(?:[ -](?:${NUMBER_WORD}))*)`;
const MONTH =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const WEEKDAY = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const TIME_UNIT =
  'seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|years?|yrs?|decades?|centur(?:y|ies)|seasons?|terms?|innings';

/** Patterns of each kind in a sentence (case-insensitive, global). */
export const IN_TEXT: readonly [number, RegExp][] = [
  [FactKind.Percent, new RegExp(`${NUM}\\s?(?:%|per ?cent\\b|percentage points?\\b)`, 'gi')],
  [
    FactKind.Money,
    new RegExp(
      `[$£€¥]\\s?\\d[\\d,.]*(?:\\s?(?:million|billion|trillion|bn|m|k)\\b)?|\\b${NUM}(?:\\s(?:million|billion|trillion))?\\s(?:dollars|pounds|euros|yen|francs|kron[ae]|kroner|rupees|pence|cents|pesos|soles)\\b`,
      'gi',
    ),
  ],
  [
    FactKind.Duration,
    new RegExp(
      `\\b${NUM}[ -](?:${TIME_UNIT})\\b|\\b(?:an?|the past|the last|the next|several|many|few)\\s(?:${TIME_UNIT})\\b|\\bfor (?:decades|years|months|weeks|days|hours)\\b`,
      'gi',
    ),
  ],
  // The age alone, not the name before it ("Vella, 29, a diver"): the name is the question's own word.
  [
    FactKind.Age,
    new RegExp(
      `\\b${NUM}[ -]years?[ -]old\\b|\\baged? ${NUM}\\b|(?<=\\p{Lu}[\\p{L}'’-]+,\\s)\\d{1,3}(?=,\\s)|(?<=\\p{Lu}[\\p{L}'’-]+ \\()\\d{1,3}(?=\\))|\\b(?:teenager|in (?:his|her|their) (?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\\b`,
      'giu',
    ),
  ],
  [
    FactKind.Time,
    /\b\d{1,3}(?:st|nd|rd|th) minute\b|\b\d{1,2}(?:[:.]\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d{2}\b|\b(?:midnight|noon|midday|dawn|dusk|o'clock|overnight)\b|\b(?:morning|afternoon|evening|night)\b/gi,
  ],
  [
    FactKind.Date,
    new RegExp(
      `\\b(?:${MONTH})\\.?\\s\\d{1,2}\\b|\\b(?:${MONTH}|${WEEKDAY})\\b|\\b(?:1[5-9]\\d{2}|20\\d{2})s?\\b|\\b(?:yesterday|today|tomorrow|tonight|last (?:week|month|year|season)|next (?:week|month|year|season)|this (?:week|month|year|season)|earlier this|later this)\\b`,
      'gi',
    ),
  ],
  [FactKind.Score, /\b\d{1,3}-\d{1,3}\b(?:\s?\(\d{1,2}-\d{1,2}\))?/g],
  [
    FactKind.Measure,
    new RegExp(
      `\\b${NUM}\\s?(?:-\\s?)?(?:km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|m|feet|foot|ft|inch(?:es)?|cm|tons?|tonnes?|kg|kilograms?|pounds|lbs?|acres?|hectares?|square|degrees?|°|mph|km/h|magnitude|megawatts?|mw|gigawatts?|gw|kwh|litres?|liters?|gallons?|barrels?|storeys?|stories|floors?|lanes?|seats?)\\b|\\bmagnitude[ -]\\d(?:\\.\\d)?`,
      'gi',
    ),
  ],
  [
    FactKind.Count,
    new RegExp(
      `(?<![\\d,.$£€])(?!(?:1[5-9]\\d{2}|20\\d{2})s?\\b)\\d+(?:,\\d{3})*(?:\\.\\d+)?(?:\\s(?:million|billion|thousand|hundred))?|\\b(?:${NUMBER_WORD})\\b`,
      'gi',
    ),
  ],
  [
    FactKind.Reason,
    /\b(?:because|due to|owing to|as a result|result of|thanks to|caused by|blamed|blames|blaming|citing|cited|amid|in protest|so that|so as to|in order to|in response to|to (?:save|cut|avoid|prevent|protect|reduce|make|keep|allow|help|ensure|give|meet|stop|raise|pay|fund|free|boost|limit)|explained by|the reason|reasons?|after|since|over (?:pay|concerns?|fears?|claims?|allegations?)|following|led to|leading to|prompted|triggered|forced|swayed|convinced|persuaded|motivated|concerns? (?:about|over|that)|fears? (?:about|over|that)|worried|worries|wanted to|needed to|aimed at|meant to|designed to|hoping to|intended to|because of|said (?:it|the|that)|argued|warned|if|unless|without)\b/gi,
  ],
  [
    FactKind.Means,
    /\b(?:by (?:\w+ing|using|means of)|through|using|via|with (?:a|an|the|his|her|their) \w+|after (?:\w+ing))\b/gi,
  ],
  [FactKind.Quote, /["“”]/g],
  [
    FactKind.Stance,
    /\b(?:not|no|never|nobody|none|neither|nor|denied|denies|deny|declined|refused|rejected|ruled out|confirmed|confirms|agreed|approved|still|already|possible|possibly|likely|unlikely|may|might|could|would|will|plans? to|planned to|expects?|expected|intends?|intended|remains?|remained)\b|n['’]t\b/gi,
  ],
  // A capitalised word after a space (and maybe a quote): the capital is matched before the look
  // back, which runs only at capitals (the same matches as a look back first, a third faster).
  [FactKind.Name, /\p{Lu}(?<=\s["'“(]?\p{Lu})[\p{L}'’\-.]+/gu],
];

/**
 * For a kind whose every match holds one of a few literal strings (a digit, a number word, a unit
 * of time, a currency), a test for those strings: a text without any cannot hold the kind, and its
 * (far slower) pattern is not run. Each is read off its pattern above: every alternative of the
 * pattern holds one of these strings.
 */
export const NEEDED_IN_TEXT: ReadonlyMap<number, RegExp> = new Map([
  [FactKind.Percent, /%|per ?cent|percentage point/i],
  [FactKind.Money, /[$£€¥]|dollars|pounds|euros|yen|francs|kron|rupees|pence|cents|pesos|soles/i],
  [FactKind.Duration, new RegExp(TIME_UNIT, 'i')],
  // "54 years old", "aged 54", a figure after a name ("Vella, 29," "Vella (29)"), "teenager", "in her twenties".
  [FactKind.Age, /year|age |aged |,\s\d|\(\d|teenager|ties/iu],
  // A figure, a month or a weekday (all written from the word's start), "tomorrow", "last week".
  [
    FactKind.Date,
    /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|tomorrow|tonight|earlier this|later this|(?:last|next|this) (?:week|month|year|season))|day\b/i,
  ],
  [FactKind.Time, /\d|midnight|noon|midday|dawn|dusk|o'clock|morning|afternoon|evening|night/i],
  [FactKind.Score, /\d/],
  [FactKind.Measure, new RegExp(`\\d|magnitude|${NUMBER_WORD}`, 'i')],
  [FactKind.Count, new RegExp(`\\d|${NUMBER_WORD}`, 'i')],
]);

/** One fact of some kind in a text: where it stands. */
export interface FactSpan {
  kind: number;
  start: number;
  end: number;
  /** The span's stems, where a caller needs them (to tell a new fact from the question's own words). */
  terms?: readonly string[];
}

/** Every fact-kind span in a sentence, in pattern order (spans of different kinds may overlap). */
export function factSpans(text: string): FactSpan[] {
  return factSpansOfKinds(text, -1);
}

/** {@link factSpans} of the kinds in a mask only, reading only their patterns (a question asks one or two). */
export function factSpansOfKinds(text: string, kinds: number): FactSpan[] {
  const spans: FactSpan[] = [];
  for (const [kind, pattern] of IN_TEXT) {
    if ((kind & kinds) === 0) continue;
    if (NEEDED_IN_TEXT.get(kind)?.test(text) === false) continue;
    // exec over the shared pattern, as matchAll reads it (matchAll copies the pattern at each call).
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (m[0].length === 0) {
        pattern.lastIndex = nextIndex(text, pattern.lastIndex, pattern.unicode);
        continue;
      }
      spans.push({ kind, start: m.index, end: m.index + m[0].length });
    }
  }
  return spans;
}

/** The index after an empty match at `at`: past a whole code point with the u flag (as matchAll steps). */
function nextIndex(text: string, at: number, unicode: boolean): number {
  if (!unicode || at + 1 >= text.length) return at + 1;
  const code = text.charCodeAt(at);
  const low = text.charCodeAt(at + 1);
  return code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? at + 2 : at + 1;
}

/** The kinds a sentence holds, as a mask. */
export function factKindsOf(text: string): number {
  let kinds = 0;
  for (const [kind, pattern] of IN_TEXT) {
    pattern.lastIndex = 0;
    if (pattern.test(text)) kinds |= kind;
  }
  return kinds;
}

const ASKED: readonly [number, RegExp][] = [
  [
    FactKind.Reason,
    /^\s*(?:so\s+)?(?:why|how come)\b|\bwhy\b|\bwhat (?:caused|causes|led to|leads to|prompted|triggered|sparked|is behind|was behind|made)\b|\b(?:reason|reasons|cause)\b/i,
  ],
  [FactKind.Age, /\bhow old\b|\bwhat age\b|\bage\b|\baged\b/i],
  [
    FactKind.Duration | FactKind.Date,
    /\bhow long\b(?! ago)|\b(?:length|duration)\b|\bhow many (?:days|weeks|months|years|hours|minutes|seasons|terms)\b|\bfor how long\b/i,
  ],
  [FactKind.Score | FactKind.Count, /\b(?:score|scoreline|final result)\b/i],
  [FactKind.Date, /\btime of (?:the )?year\b/i],
  [
    FactKind.Time,
    /\bwhat time\b|\bat what time\b|\bhow (?:late|early)\b|\bwhat hour\b|\b(?:kick-?off|start|starting|opening|closing) times?\b/i,
  ],
  // A terse "winning time?", "repair time?": a clock time or how long it took.
  [FactKind.Time | FactKind.Duration, /\btimes?\s*\?*\s*$/i],
  // "When will the power be back?": a date, a time, or how long until ("within six weeks").
  [
    FactKind.Date | FactKind.Time | FactKind.Duration,
    /\bwhen\b|\bwhat (?:year|date|day|month|season|week)\b|\bwhich (?:year|date|day|month|season|week)\b|\bsince when\b|\bhow long ago\b|\b(?:date|deadline)\b/i,
  ],
  [
    FactKind.Percent | FactKind.Count,
    /\bper ?cent(?:age)?\b|%|\bwhat (?:share|proportion|fraction)\b|\bturnout\b|\b(?:rate|margin)\b/i,
  ],
  [
    FactKind.Money | FactKind.Count,
    /\bhow much (?:money|cash|did|does|do|will|would|is|was|are|were|has|have)\b|\b(?:cost|costs|price|prices|worth|paid|pay|salary|salaries|wage|wages|fine|fines|fee|fees|prize money|budget|funding|compensation|damages|ransom|payout|bill|\$+|£|€|money|bucks)\b/i,
  ],
  [
    FactKind.Measure | FactKind.Count,
    /\bhow (?:far|big|large|tall|high|deep|wide|heavy|strong|fast|powerful)\b|\b(?:magnitude|size|height|depth|weight|distance|speed|capacity)\b/i,
  ],
  [
    FactKind.Count | FactKind.Money | FactKind.Measure,
    /\bhow (?:many|much)\b|\bnumber of\b|\b(?:toll|count|total|tally|amount)\b/i,
  ],
  // An attribute that is a figure: "What is the population of Iraq?", "Tallyo's headcount?"
  [
    FactKind.Count,
    /\b(?:population|headcount|workforce|attendance|crowd size|casualties|death toll|enrolment|enrollment|membership)\b/i,
  ],
  [
    FactKind.Name,
    /\b(?:who|whom|whose|where)\b|\b(?:which|what) (?:\w+ )?(?:city|country|state|place|town|village|region|county|nation|company|firm|party|team|club|organi[sz]ation|agency|group|body|court|hospital|school|university|person|official|minister|player|coach|judge|leader|man|woman|venue|stadium|airport|street|district|province|island|language|brand|name)\b|\b(?:hometown|venue|located|based|named|called)\b/i,
  ],
  [
    FactKind.Quote,
    /\b(?:say|says|said|tell|told|claim|claimed|promise|promised|warn|warned|react|reacted|reaction|respond|responded|response|statement|quote|comment|comments|think|thinks|feel|feels)\b/i,
  ],
  [
    FactKind.Means,
    /^\s*(?:so\s+)?how (?:did|do|does|will|would|can|could|are|were|is|was|should|has|have|had)\b|\bby what means\b|\bin what way\b/i,
  ],
];

/** The kinds of fact a question asks for, as a mask (0: the words don't say). */
export function askedFactKinds(question: string): number {
  if (isYesNoQuestion(question)) return FactKind.Stance;
  let kinds = 0;
  for (const [kind, pattern] of ASKED) {
    if (!pattern.test(question)) continue;
    // A reason is asked whatever figures the question names ("why did turnout fall").
    if (kind === FactKind.Reason) return kind;
    // A manner ("how did they break in") only when no figure, date or name is asked.
    if (kind === FactKind.Means) return kinds === 0 ? kind : kinds;
    // The first, most specific figure or date reading decides; names and quotes may add.
    if (kind & CHECKABLE_KINDS) {
      if (kinds & CHECKABLE_KINDS) continue;
    }
    kinds |= kind;
  }
  return kinds;
}

/** A yes/no question ("Did the hackers get passwords?"): answered by a deciding phrase, not a fact. */
export function isYesNoQuestion(question: string): boolean {
  return /^\s*(?:so\s+|and\s+|but\s+)?(?:is|are|was|were|did|does|do|will|would|has|have|had|can|could|should|shall|may|might|must|isn't|aren't|wasn't|weren't|didn't|doesn't|don't|won't|hasn't|haven't|can't)\b/i.test(
    question,
  );
}
