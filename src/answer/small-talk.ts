/**
 * Messages that are not questions about the story: a greeting, a thanks, or a question written in
 * another language than the (English) stories. Searching them can only end in "the story doesn't
 * say", which reads as a brush-off; a one-line hint says what the bot can do instead. Pure and
 * small: the console and Discord both ask it before (greetings, thanks) or after (language) the
 * search.
 */

export type SmallTalk = 'greeting' | 'thanks' | 'not-english';

// A message is a greeting or a thanks when every word is one of these, with at least one core word.
const GREETING_WORDS = new Set([
  'hi',
  'hello',
  'hey',
  'heya',
  'hiya',
  'howdy',
  'yo',
  'greetings',
  'morning',
  'afternoon',
  'evening',
  'gm',
  'sup',
  'hola',
  'bonjour',
  'salut',
  'hallo',
  'ciao',
  'namaste',
  'salaam',
  'salam',
  'ola',
  'olá',
]);
const THANKS_WORDS = new Set([
  'thanks',
  'thank',
  'thx',
  'thnx',
  'thanx',
  'ty',
  'tysm',
  'cheers',
  'appreciated',
  'appreciate',
  'kudos',
  'merci',
  'gracias',
  'danke',
  'obrigado',
  'obrigada',
  'grazie',
  'dank',
]);
/** Words that may stand around a greeting or thanks without making it a question. */
const FILLERS = new Set([
  'there',
  'everyone',
  'everybody',
  'all',
  'folks',
  'guys',
  'bot',
  'storybot',
  'friend',
  'mate',
  'team',
  'again',
  'so',
  'much',
  'very',
  'a',
  'lot',
  'ok',
  'okay',
  'great',
  'cool',
  'awesome',
  'perfect',
  'nice',
  'good',
  'oh',
  'you',
  'u',
  'ya',
  'and',
  'it',
  'many',
  'for',
  'that',
  'the',
  'help',
  'answer',
  'info',
  'man',
  'buddy',
  'beaucoup',
  'muchas',
  'schön',
  'vielen',
  'mille',
  'day',
  'how',
  'are',
  'doing',
  'today',
  "what's",
  'whats',
  'up',
]);
/** Longest message still read as small talk ("ok thanks a lot for the help storybot"). */
const MAX_SMALL_TALK_WORDS = 8;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/<@!?\d+>/g, ' ')
    .replace(/[’`]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

/** `greeting` or `thanks` when the whole message is one (never when it also asks something). */
export function greetingOrThanks(text: string): 'greeting' | 'thanks' | undefined {
  const list = words(text);
  if (list.length === 0 || list.length > MAX_SMALL_TALK_WORDS) return undefined;
  let greeting = false;
  let thanks = false;
  for (const word of list) {
    if (GREETING_WORDS.has(word)) greeting = true;
    else if (THANKS_WORDS.has(word)) thanks = true;
    else if (!FILLERS.has(word)) return undefined;
  }
  if (thanks) return 'thanks';
  return greeting ? 'greeting' : undefined;
}

// Common function words of the languages readers most often write in besides English. Words that
// are also English ("a", "in", "die", "son", "come") are left out so English questions never count.
const FOREIGN_WORDS = new Set([
  // Spanish
  'el',
  'los',
  'las',
  'del',
  'que',
  'qué',
  'quién',
  'quien',
  'quiénes',
  'dónde',
  'donde',
  'cuándo',
  'cuando',
  'cómo',
  'cuántos',
  'cuántas',
  'cuantos',
  'cuantas',
  'cuál',
  'por',
  'para',
  'está',
  'están',
  'hay',
  'una',
  'unos',
  'con',
  'fue',
  'según',
  'también',
  'muy',
  'sobre',
  'entre',
  'porqué',
  'qual',
  'es',
  // French
  'le',
  'les',
  'des',
  'du',
  'est',
  'sont',
  'qui',
  'quoi',
  'où',
  'quand',
  'comment',
  'combien',
  'pourquoi',
  'quel',
  'quelle',
  'quels',
  'une',
  'dans',
  'avec',
  'pour',
  'sur',
  'il',
  'elle',
  'ils',
  'ont',
  'été',
  'au',
  'aux',
  'ce',
  'cette',
  // German
  'der',
  'das',
  'den',
  'dem',
  'ein',
  'eine',
  'einen',
  'ist',
  'sind',
  'wer',
  'wie',
  'viele',
  'wo',
  'wann',
  'warum',
  'welche',
  'welcher',
  'und',
  'mit',
  'von',
  'zu',
  'auf',
  'hat',
  'haben',
  'wurde',
  'nicht',
  'im',
  'für',
  'über',
  // Portuguese and Italian
  'quantos',
  'quantas',
  'onde',
  'quem',
  'quando',
  'como',
  'são',
  'foi',
  'uma',
  'não',
  'em',
  'os',
  'estão',
  'há',
  'das',
  'dos',
  'ao',
  'chi',
  'dove',
  'quanti',
  'quante',
  'perché',
  'sono',
  'gli',
  'della',
  'degli',
  'nel',
  'nella',
  'di',
  // Dutch
  'het',
  'een',
  'hoeveel',
  'waar',
  'wanneer',
  'waarom',
  'wie',
  'zijn',
  'niet',
  'ook',
  'naar',
  'bij',
]);
const ENGLISH_WORDS = new Set([
  'the',
  'is',
  'are',
  'was',
  'were',
  'how',
  'many',
  'much',
  'what',
  'who',
  'whom',
  'when',
  'where',
  'why',
  'which',
  'did',
  'does',
  'do',
  'of',
  'in',
  'to',
  'and',
  'an',
  'on',
  'for',
  'with',
  'by',
  'at',
  'from',
  'has',
  'have',
  'had',
  'will',
  'would',
  'there',
  'this',
  'that',
  'it',
  'he',
  'she',
  'they',
  'his',
  'her',
  'their',
  'about',
  'after',
  'be',
]);

/** Letters of Latin script (with accents) versus all letters. */
function latinShare(text: string): number {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 1;
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  return latin / letters.length;
}

/**
 * True when a question is most likely not written in English: mostly non-Latin letters (Persian,
 * Arabic, Russian, Chinese...), or more function words of another language than of English.
 */
export function looksNotEnglish(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 2) return false;
  if (latinShare(text) < 0.5) return true;
  let foreign = 0;
  let english = 0;
  for (const word of words(text)) {
    if (FOREIGN_WORDS.has(word)) foreign++;
    else if (ENGLISH_WORDS.has(word)) english++;
  }
  if (/[¿¡]/.test(text)) foreign++;
  return foreign >= 2 && foreign > english;
}

/** The one-line hint for each kind; commands are named as both the console and Discord spell them. */
export function smallTalkHint(kind: SmallTalk): string {
  switch (kind) {
    case 'greeting':
      return 'Hello! Ask me a question about the story (who, what, where, when...). /help lists what I can do; /summary gives the story in a few sentences.';
    case 'thanks':
      return "You're welcome! Ask another question any time, or try /summary for the story in a few sentences.";
    case 'not-english':
      return 'I can only read questions in English, the language of the story: please ask again in English. /help lists what I can do; /summary gives the story in a few sentences.';
  }
}
