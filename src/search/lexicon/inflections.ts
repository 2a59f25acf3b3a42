// Inflected forms of a lemma, so the lexicon can link the stems that Porter leaves apart:
// irregular ones from WordNet's exception lists ("bought" -> buy, "children" -> child) and
// regular ones the stemmer does not fold ("dies" -> "di" but "die" -> "die"; "larger" stays).
// Regular forms are guesses by spelling rule, kept only when a word list has seen them with
// the matching tag, so "found" never gets "foundest" and "go" never gets "goer".

import type { PartOfSpeech } from './wordnet.js';

/** Inflected form -> base lemma, per part of speech (WordNet's `*.exc` lists). */
export type Exceptions = Partial<Record<PartOfSpeech, Readonly<Record<string, string>>>>;

/** Word -> the Penn Treebank tags it has been seen with (e.g. natural's Brill lexicon). */
export type AttestedForms = (word: string) => readonly string[] | undefined;

/** A candidate form and the tags that would prove it real. */
interface Candidate {
  form: string;
  tags: readonly string[];
}

const VOWEL = /[aeiou]/;
const SIBILANT_END = /(?:s|x|z|ch|sh)$/;
const CONSONANT_Y_END = /[^aeiou]y$/;
// A short syllable ending consonant-vowel-consonant doubles its last letter: "stop" -> "stopped".
const SHORT_CVC_END = /^[^aeiou]*[aeiou][^aeiouwxy]$/;

const PAST = ['VBD', 'VBN'];

function verbCandidates(verb: string): Candidate[] {
  const third = CONSONANT_Y_END.test(verb)
    ? verb.slice(0, -1) + 'ies'
    : SIBILANT_END.test(verb) || verb.endsWith('o')
      ? verb + 'es'
      : verb + 's';
  const out: Candidate[] = [{ form: third, tags: ['VBZ'] }];
  const add = (past: string, gerund: string): void => {
    out.push({ form: past, tags: PAST }, { form: gerund, tags: ['VBG'] });
  };
  if (verb.endsWith('ie')) add(verb + 'd', verb.slice(0, -2) + 'ying');
  else if (verb.endsWith('ee')) add(verb + 'd', verb + 'ing');
  else if (verb.endsWith('e')) add(verb + 'd', verb.slice(0, -1) + 'ing');
  else if (CONSONANT_Y_END.test(verb)) add(verb.slice(0, -1) + 'ied', verb + 'ing');
  else {
    add(verb + 'ed', verb + 'ing');
    if (SHORT_CVC_END.test(verb)) {
      const doubled = verb + verb[verb.length - 1];
      add(doubled + 'ed', doubled + 'ing');
    }
  }
  return out;
}

function adjectiveCandidates(adj: string): Candidate[] {
  const pair = (stem: string, er: string, est: string): Candidate[] => [
    { form: stem + er, tags: ['JJR'] },
    { form: stem + est, tags: ['JJS'] },
  ];
  if (adj.endsWith('e')) return pair(adj, 'r', 'st');
  if (CONSONANT_Y_END.test(adj)) return pair(adj.slice(0, -1), 'ier', 'iest');
  const out = pair(adj, 'er', 'est');
  if (SHORT_CVC_END.test(adj)) out.push(...pair(adj + adj[adj.length - 1], 'er', 'est'));
  return out;
}

/**
 * Regular inflections of a single-word verb (-s, -ed, -ing) or adjective (-er, -est) that the
 * word list attests with the right tag. Noun plurals are left out: Porter already folds them.
 */
export function regularInflections(lemma: string, pos: PartOfSpeech, attested: AttestedForms): string[] {
  if (!VOWEL.test(lemma)) return [];
  const candidates = pos === 'verb' ? verbCandidates(lemma) : pos === 'adj' ? adjectiveCandidates(lemma) : [];
  return candidates
    .filter(({ form, tags }) => attested(form)?.some((tag) => tags.includes(tag)))
    .map(({ form }) => form);
}

/** Irregular form -> lemma pairs inverted: lemma -> its irregular forms, all parts of speech. */
export function irregularFormsByLemma(exceptions: Exceptions): Map<string, string[]> {
  const byLemma = new Map<string, string[]>();
  for (const table of Object.values(exceptions)) {
    for (const [form, lemma] of Object.entries(table ?? {})) {
      if (form === lemma) continue;
      const forms = byLemma.get(lemma);
      if (forms) forms.push(form);
      else byLemma.set(lemma, [form]);
    }
  }
  return byLemma;
}
