// Questions as people type them on Discord: shouted in capitals, chat spellings ("wat", "ppl",
// "gonna") and short forms the story spells out ("govt", "PM"). The story's own text is read as
// written; only the question is normalised here.

// Chat spellings for everyday words, written for this project: WordNet and the word vectors don't
// know them, and a typo fix would guess wrong ("wat" is one edit from "was" and "war").
const CHAT_WORDS: Readonly<Record<string, string>> = {
  u: 'you',
  ur: 'your',
  r: 'are',
  y: 'why',
  wat: 'what',
  wut: 'what',
  wht: 'what',
  hw: 'how',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  bc: 'because',
  bcuz: 'because',
  cuz: 'because',
  coz: 'because',
  abt: 'about',
  smth: 'something',
  sth: 'something',
  smthng: 'something',
  w: 'with',
  wo: 'without',
  tho: 'though',
  rn: 'right now',
  atm: 'at the moment',
  ppl: 'people',
  ppls: 'people',
  ya: 'you',
  yall: 'you all',
  gonna: 'going to',
  wanna: 'want to',
  gotta: 'got to',
  kinda: 'kind of',
  sorta: 'sort of',
  dunno: 'do not know',
  idk: 'i do not know',
  lemme: 'let me',
  gimme: 'give me',
  til: 'until',
  till: 'until',
  whats: 'what is',
  whos: 'who is',
  wheres: 'where is',
  hows: 'how is',
  whens: 'when is',
  isnt: 'is not',
  wasnt: 'was not',
  didnt: 'did not',
  doesnt: 'does not',
  dont: 'do not',
  cant: 'can not',
  wont: 'will not',
  arent: 'are not',
  werent: 'were not',
  hasnt: 'has not',
  havent: 'have not',
};

/**
 * Short forms that news stories usually spell out, with the words they stand for (several
 * readings where one short form has several). Used only when the story itself lacks the short
 * form, so a story that writes "PM" still matches "PM" exactly. Written for this project from
 * common news and chat usage: WordNet and the word vectors hold none of these readings.
 */
export const SHORT_FORMS: Readonly<Record<string, string>> = {
  govt: 'government',
  gov: 'government governor',
  gvt: 'government',
  pm: 'prime minister',
  mp: 'member parliament',
  mps: 'members parliament',
  ceo: 'chief executive',
  cfo: 'chief financial officer',
  pres: 'president',
  vp: 'vice president',
  dept: 'department',
  admin: 'administration',
  exec: 'executive',
  execs: 'executives',
  mgmt: 'management',
  docs: 'doctors documents',
  doc: 'doctor document',
  meds: 'medicines medication',
  uni: 'university',
  univ: 'university',
  intl: 'international',
  natl: 'national',
  info: 'information',
  approx: 'approximately',
  avg: 'average',
  pct: 'percent',
  prep: 'preparation',
  qtr: 'quarter',
  mgr: 'manager',
  asst: 'assistant',
  yr: 'year',
  yrs: 'years',
  hr: 'hour',
  hrs: 'hours',
  min: 'minute',
  mins: 'minutes',
  sec: 'second',
  secs: 'seconds',
  wk: 'week',
  wks: 'weeks',
  bn: 'billion',
  mn: 'million',
  mln: 'million',
  mil: 'million',
  cops: 'police',
  cop: 'police',
  kids: 'children',
  vax: 'vaccine',
  feds: 'federal',
  pic: 'picture',
  pics: 'pictures',
  temp: 'temperature',
  temps: 'temperatures',
  biz: 'business',
  eu: 'european union',
  un: 'united nations',
  uk: 'united kingdom britain',
  nhs: 'national health service',
  // Added later from the same usage; capitals that name other things ("GM", "PD", "DA") left out.
  hq: 'headquarters',
  hqs: 'headquarters',
  ref: 'referee',
  refs: 'referees',
  rep: 'representative',
  reps: 'representatives',
  sen: 'senator',
  gop: 'republican republicans',
  dem: 'democrat democratic',
  dems: 'democrats',
  capt: 'captain',
  prof: 'professor',
  hosp: 'hospital',
  icu: 'intensive care',
  org: 'organisation organization',
  orgs: 'organisations organizations',
  corp: 'corporation company',
  infra: 'infrastructure',
  stats: 'statistics figures',
  econ: 'economy economic',
  num: 'number',
  amt: 'amount',
  qty: 'quantity',
  max: 'maximum',
  tech: 'technology',
  bday: 'birthday',
  vid: 'video',
  vids: 'videos',
  convo: 'conversation',
  req: 'requirement',
  reqs: 'requirements',
  bldg: 'building',
  mtg: 'meeting',
  appt: 'appointment',
  dmg: 'damage',
};

// Shouting: at least this many words of two or more letters, this share of them in capitals.
const SHOUTED_MIN_WORDS = 3;
const SHOUTED_SHARE = 0.8;

/**
 * True when the question is typed in capitals ("WHAT HAPPENED TO SOLEIMANI"): its words are then
 * read as ordinary words, not as acronyms (short words may still match an acronym of the story).
 */
export function isShouted(text: string): boolean {
  const words = text.match(/\p{L}{2,}/gu) ?? [];
  if (words.length < SHOUTED_MIN_WORDS) return false;
  const capitals = words.filter((w) => w === w.toUpperCase() && w !== w.toLowerCase()).length;
  return capitals / words.length >= SHOUTED_SHARE;
}

const WORD = /[\p{L}\p{N}'’]+/gu;

// Words that carry a reader's tone, not the topic: "did she actually win", "why did he end up
// backing it", "any news on the fishermen so far".
const FILLER =
  /\b(?:end(?:s|ed)? up|actually|exactly|anyway|anyways|basically|really|literally|even|just|so far|right now|at the moment|in the first place|these days|currently|any news on|any update on|any word on|tell me|do you know|i wonder|i mean|or nah|or not|lol|lmao|tbh|pls|please|yeah|yep|nah|nope|wait so|wait|ok so|okay so|hey|guys)\b/gi;

const ORDINALS: Readonly<Record<string, string>> = {
  '1st': 'first',
  '2nd': 'second',
  '3rd': 'third',
  '4th': 'fourth',
  '5th': 'fifth',
};

/** The question as the search should read it: lower case when shouted, chat spellings replaced, filler dropped. */
export function normalizeQuestion(text: string): string {
  const read = isShouted(text) ? text.toLowerCase() : text;
  return (
    read
      // "how much $$ did she win": dollar signs without a figure stand for money.
      .replace(/(?<![\d.,])[$£€]+(?![\d])/g, ' money ')
      .replace(/\b([1-5])(?:st|nd|rd|th)\b/gi, (ordinal) => ORDINALS[ordinal.toLowerCase()] ?? ordinal)
      .replace(WORD, (word) => {
        const plain = word.toLowerCase().replace(/['’]/g, '');
        return CHAT_WORDS[plain] ?? word;
      })
      .replace(FILLER, ' ')
  );
}
