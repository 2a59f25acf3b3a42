// British and American spellings of one word ("harbour"/"harbor", "paediatric"/"pediatric",
// "cancelled"/"canceled"): a reader may write either, whichever the story uses. The search tries
// these variants of a question word that the story does not hold, and counts a variant found as
// the word itself. Regular patterns only; each variant must still be a word of the story.

// [British, American] endings or inner parts, tried in both directions.
const PATTERNS: readonly [RegExp, string, RegExp, string][] = [
  // colour/color, harbour/harbor, labourer/laborer (not "four", "hour", "tour": handled by length)
  [
    /([a-z]{2,})our(?=[a-z]*$)/,
    '$1or',
    /([a-z]{2,}[^aeiou])or(?=(?:s|ed|ing|er|ers|ful|ite|ites|able|less)?$)/,
    '$1our',
  ],
  // centre/center, theatre/theater, metre/meter, litre/liter
  [/([a-z]{2,}[^aeiou])re(s|d)?$/, '$1er$2', /([a-z]{2,}[^aeiou])er(s|ed)?$/, '$1re$2'],
  // organise/organize, organisation/organization, analyse/analyze
  [
    /([a-z]{2,})is(e|es|ed|ing|ation|ations|er|ers)$/,
    '$1iz$2',
    /([a-z]{2,})iz(e|es|ed|ing|ation|ations|er|ers)$/,
    '$1is$2',
  ],
  [/([a-z]{2,})ys(e|es|ed|ing)$/, '$1yz$2', /([a-z]{2,})yz(e|es|ed|ing)$/, '$1ys$2'],
  // paediatric/pediatric, anaemia/anemia, manoeuvre/maneuver, oestrogen/estrogen
  [/([a-z]*)ae([a-z]{2,})/, '$1e$2', /^([a-z]*[^aeo])e([a-z]{2,})$/, '$1ae$2'],
  [/([a-z]*)oe([a-z]{2,})/, '$1e$2', /^([a-z]*[^aeo])e([a-z]{2,})$/, '$1oe$2'],
  // defence/defense, licence/license, offence/offense
  [/([a-z]{2,})ence(s)?$/, '$1ense$2', /([a-z]{2,})ense(s)?$/, '$1ence$2'],
  // cancelled/canceled, travelling/traveling, counsellor/counselor, modelled/modeled
  [/([a-z]{2,}[aeiou])ll(ed|ing|er|ers|or|ors)$/, '$1l$2', /([a-z]{2,}[aeiou])l(ed|ing|er|ers|or|ors)$/, '$1ll$2'],
  // catalogue/catalog, dialogue/dialog
  [/([a-z]{3,})ogue(s)?$/, '$1og$2', /([a-z]{3,})og(s)?$/, '$1ogue$2'],
  // programme/program
  [/([a-z]{3,})mme(s)?$/, '$1m$2', /([a-z]{3,}[^m])m(s)?$/, '$1mme$2'],
  // enrolment/enrollment, fulfilment/fulfillment, instalment/installment
  [/([a-z]{2,}[aeiou])lment(s)?$/, '$1llment$2', /([a-z]{2,}[aeiou])llment(s)?$/, '$1lment$2'],
  // judgement/judgment, ageing/aging
  [/([a-z]{3,})gement(s)?$/, '$1gment$2', /([a-z]{3,})gment(s)?$/, '$1gement$2'],
  [/^ageing$/, 'aging', /^aging$/, 'ageing'],
];

// Pairs no regular pattern gives.
const PAIRS: readonly [string, string][] = [
  ['grey', 'gray'],
  ['tyre', 'tire'],
  ['tyres', 'tires'],
  ['kerb', 'curb'],
  ['cheque', 'check'],
  ['plough', 'plow'],
  ['aluminium', 'aluminum'],
  ['jewellery', 'jewelry'],
  ['sceptic', 'skeptic'],
  ['sceptical', 'skeptical'],
  ['mould', 'mold'],
  ['storey', 'story'],
  ['storeys', 'stories'],
  ['draught', 'draft'],
  ['pyjamas', 'pajamas'],
  ['moustache', 'mustache'],
];
const PAIR_OF = new Map<string, string>([...PAIRS, ...PAIRS.map(([a, b]) => [b, a] as [string, string])]);

/** Other spellings of a lower-case word, British for American and American for British. */
export function spellingVariants(word: string): string[] {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return [];
  const out = new Set<string>();
  const pair = PAIR_OF.get(word);
  if (pair) out.add(pair);
  for (const [british, toAmerican, american, toBritish] of PATTERNS) {
    if (british.test(word)) out.add(word.replace(british, toAmerican));
    if (american.test(word)) out.add(word.replace(american, toBritish));
  }
  out.delete(word);
  return [...out];
}
