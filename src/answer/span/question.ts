// What a question asks for, as the short answer needs it: the class of answer (a date, a count, a
// person, a reason...), the noun that names what is asked ("which *river*", "how many *troops*"),
// and the question's search terms, which an answer rarely repeats.
import { analyze } from '../../search/text.js';
import { tag, type Tagged } from './tagging.js';

export const QUESTION_CLASSES = [
  'when',
  'howMany',
  'howMuch',
  'howMeasure',
  'percent',
  'who',
  'whose',
  'where',
  'why',
  'how',
  'said',
  'whatNoun',
  'what',
  'which',
  'yesNo',
  'fragment',
  'other',
] as const;
export type QuestionClass = (typeof QUESTION_CLASSES)[number];

/** Coarser kinds of answer, each shared by several classes. */
export const ASKED_KINDS = ['number', 'date', 'name', 'reason', 'thing'] as const;
export type AskedKind = (typeof ASKED_KINDS)[number];

export function kindOfClass(cls: QuestionClass): AskedKind {
  switch (cls) {
    case 'howMany':
    case 'howMuch':
    case 'howMeasure':
    case 'percent':
      return 'number';
    case 'when':
      return 'date';
    case 'who':
    case 'whose':
    case 'where':
      return 'name';
    case 'why':
    case 'how':
    case 'said':
      return 'reason';
    default:
      return 'thing';
  }
}

export interface AnalyzedQuestion {
  text: string;
  class: QuestionClass;
  /** Stem of the noun that names what is asked, if any ("which river" -> "river"). */
  head?: string;
  /** Search terms (stems) of the question, and the acronym forms of its short words. */
  terms: Set<string>;
}

const TIME_NOUNS = new Set([
  'year',
  'date',
  'day',
  'month',
  'century',
  'decade',
  'time',
  'period',
  'era',
  'season',
  'age',
  'week',
  'hour',
  'morning',
  'night',
  'weekend',
]);
const PLACE_NOUNS = new Set([
  'city',
  'country',
  'state',
  'place',
  'town',
  'region',
  'nation',
  'continent',
  'province',
  'county',
  'island',
  'location',
  'area',
  'village',
  'capital',
  'venue',
  'site',
  'neighborhood',
  'neighbourhood',
  'district',
]);
const COUNT_NOUNS = new Set([
  'number',
  'amount',
  'size',
  'total',
  'quantity',
  'population',
  'cost',
  'price',
  'score',
  'rate',
  'temperature',
  'temp',
  'magnitude',
  'length',
  'distance',
  'height',
  'weight',
  'value',
  'sum',
  'fee',
  'toll',
  'count',
  'tally',
  'margin',
  'figure',
  'budget',
  'salary',
  'fine',
  'bill',
  'capacity',
  'level',
  'speed',
  'depth',
  'attendance',
  'turnout',
  'majority',
]);
const PERCENT_NOUNS = new Set(['percent', 'percentage', 'proportion', 'fraction', 'share', 'ratio']);
const REASON_NOUNS = new Set(['reason', 'cause', 'purpose', 'motive', 'explanation']);
const YES_NO_OPENERS =
  /^(?:is|are|was|were|do|does|did|can|could|will|would|has|have|had|should|shall|may|might|must|isn't|aren't|wasn't|didn't|doesn't|won't)\b/;
/** "What did she say?", "What was his message?": the answer is a quote. */
const SAID =
  /\bwhat (?:did|does|do|has|have|had|will|would)\b.*\b(?:say|said|tell|told|promise|promised|warn|warned|announce|write|admit|insist|claim|call|reply|respond|add)\b|\bwhat (?:was|were|is)\b.*\b(?:message|words|promise|warning|statement|quote|response|reply|reaction)\b|\bsaid what\b/;
const MEASURE = /\bhow (?:long|far|old|large|big|tall|high|often|fast|deep|wide|heavy|soon|small|late|early)\b/;

/** The class of answer a question asks for, and where its question word is. */
function classify(lower: string): { cls: QuestionClass; wh: RegExpExecArray | null } {
  const wh = /\b(?:what|which|who|whom|whose|when|where|why|how)\b/.exec(lower);
  if (/\bhow many\b/.test(lower)) return { cls: 'howMany', wh };
  if (/\bhow much\b/.test(lower)) return { cls: 'howMuch', wh };
  if (/\bhow long ago\b|\bsince when\b|\bwhen\b/.test(lower)) return { cls: 'when', wh };
  if (MEASURE.test(lower)) return { cls: 'howMeasure', wh };
  if (/\bwhy\b/.test(lower)) return { cls: 'why', wh };
  if (/\bwhose\b/.test(lower)) return { cls: 'whose', wh };
  if (/\bwho(?:m)?\b/.test(lower)) return { cls: 'who', wh };
  if (/\bwhere\b/.test(lower)) return { cls: 'where', wh };
  if (SAID.test(lower)) return { cls: 'said', wh };
  if (/\bhow\b/.test(lower)) return { cls: 'how', wh };
  if (/\bwhat\b/.test(lower)) return { cls: 'what', wh };
  if (/\bwhich\b/.test(lower)) return { cls: 'which', wh };
  if (YES_NO_OPENERS.test(lower)) return { cls: 'yesNo', wh };
  // "death toll?", "score after extra time?": a few words naming what is asked.
  if (lower.split(/\s+/).length <= 6 && !/^(?:tell|give|list|name|explain|describe)\b/.test(lower))
    return { cls: 'fragment', wh };
  return { cls: 'other', wh };
}

/** The last noun of a question's first noun run ("winning time after extra time?" -> "time"). */
function fragmentHead(question: string, tagger: (text: string) => Tagged): { word: string; stem: string } | undefined {
  const { tokens } = tagger(question);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].pos !== 'NOUN' && tokens[i].pos !== 'PROPN') continue;
    let last = i;
    while (tokens[last + 1]?.pos === 'NOUN' || tokens[last + 1]?.pos === 'PROPN') last++;
    const stem = analyze(tokens[last].text)[0]?.term;
    return stem ? { word: tokens[last].lower, stem } : undefined;
  }
  return undefined;
}

/** The noun right after "what/which/how many" (past adjectives and "kind of"), as a stem. */
function headNoun(
  question: string,
  whEnd: number,
  tagger: (text: string) => Tagged,
): { word: string; stem: string } | undefined {
  const { tokens } = tagger(question.slice(whEnd));
  for (let i = 0; i < tokens.length && i < 5; i++) {
    const t = tokens[i];
    if (t.pos === 'NOUN' || t.pos === 'PROPN') {
      if (
        (t.lower === 'kind' || t.lower === 'type' || t.lower === 'sort' || t.lower === 'form') &&
        tokens[i + 1]?.lower === 'of'
      )
        continue;
      // The last noun of the run: "which NFL team" -> "team".
      let last = i;
      while (tokens[last + 1]?.pos === 'NOUN' || tokens[last + 1]?.pos === 'PROPN') last++;
      const word = tokens[last].lower;
      const stem = analyze(tokens[last].text)[0]?.term;
      return stem ? { word, stem } : undefined;
    }
    if (t.pos !== 'ADJ' && t.pos !== 'ADV' && t.pos !== 'NUM' && !(t.lower === 'of' && i > 0)) return undefined;
  }
  return undefined;
}

export function analyzeQuestion(asked: string, tagger: (text: string) => Tagged = tag): AnalyzedQuestion {
  // A question typed in capitals would be all acronyms to the tagger and the search terms.
  const text = /\p{Ll}/u.test(asked) ? asked : asked.toLowerCase();
  const lower = text.toLowerCase();
  const classified = classify(lower);
  let cls = classified.cls;
  const wh = classified.wh;
  let head: string | undefined;
  if (cls === 'fragment' || (wh && (cls === 'what' || cls === 'which' || cls === 'howMany' || cls === 'howMuch'))) {
    const end =
      cls === 'howMany' || cls === 'howMuch'
        ? lower.search(/\bhow (?:many|much)\b/) + 8
        : (wh?.index ?? 0) + (wh?.[0].length ?? 0);
    const noun = cls === 'fragment' ? fragmentHead(text, tagger) : headNoun(text, end, tagger);
    if (noun) {
      head = noun.stem;
      if (cls === 'fragment') {
        if (TIME_NOUNS.has(noun.word)) cls = 'when';
        else if (PERCENT_NOUNS.has(noun.word)) cls = 'percent';
        else if (COUNT_NOUNS.has(noun.word)) cls = 'howMany';
      } else if (cls === 'what' || cls === 'which') {
        if (TIME_NOUNS.has(noun.word)) cls = 'when';
        else if (PLACE_NOUNS.has(noun.word)) cls = 'where';
        else if (PERCENT_NOUNS.has(noun.word)) cls = 'percent';
        else if (COUNT_NOUNS.has(noun.word)) cls = 'howMany';
        else if (REASON_NOUNS.has(noun.word)) cls = 'why';
        else cls = 'whatNoun';
      }
    }
  }
  const terms = new Set<string>();
  for (const t of analyze(text)) {
    terms.add(t.term);
    if (t.acronym) terms.add(t.acronym);
  }
  return { text: asked, class: cls, head, terms };
}
