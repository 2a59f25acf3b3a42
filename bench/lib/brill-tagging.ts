// natural's Brill part-of-speech tagger in the shape of the short answer's tagger, to compare the
// two (bench/span-taggers.ts). natural gives tags only: no tokens with offsets (its tokenizers
// drop punctuation), no entities; its Penn Treebank tags are mapped to the universal tags wink
// uses, and words are cut by a regular expression that keeps every character's offset.
// Bench-only: natural's Brill tagger is GPL-3.0-or-later (its files' headers), unlike the rest
// of natural (MIT), so it is not shipped.
import { createRequire } from 'node:module';
import type { PartOfSpeech, Tagged, TaggedToken } from '../../src/answer/span/tagging.js';

interface BrillTagger {
  tag(words: string[]): { taggedWords: { token: string; tag: string }[] };
}

let tagger: BrillTagger | undefined;

function load(): BrillTagger {
  if (!tagger) {
    const require = createRequire(import.meta.url);
    const brill = require('natural/lib/natural/brill_pos_tagger') as {
      BrillPOSTagger: new (lexicon: unknown, rules: unknown) => BrillTagger;
      Lexicon: new (language: string, defaultCategory: string, capitalised: string) => unknown;
      RuleSet: new (language: string) => unknown;
    };
    tagger = new brill.BrillPOSTagger(new brill.Lexicon('EN', 'NN', 'NNP'), new brill.RuleSet('EN'));
  }
  return tagger;
}

/** Penn Treebank tag -> universal part of speech. */
function universal(penn: string, word: string): PartOfSpeech {
  if (/^NNPS?$/.test(penn)) return 'PROPN';
  if (/^NN/.test(penn) || penn === 'N') return /^\d/.test(word) ? 'NUM' : 'NOUN';
  if (/^VB/.test(penn) || penn === 'MD') return penn === 'MD' ? 'AUX' : 'VERB';
  if (/^JJ/.test(penn)) return 'ADJ';
  if (/^RB/.test(penn) || penn === 'WRB') return 'ADV';
  if (penn === 'CD') return 'NUM';
  if (penn === 'DT' || penn === 'PDT' || penn === 'WDT') return 'DET';
  if (penn === 'IN') return 'ADP';
  if (penn === 'CC') return 'CCONJ';
  if (/^PRP/.test(penn) || penn === 'WP' || penn === 'WP$' || penn === 'EX') return 'PRON';
  if (penn === 'TO' || penn === 'POS' || penn === 'RP') return 'PART';
  if (penn === 'UH') return 'INTJ';
  if (penn === 'SYM' || penn === '$' || penn === '%') return 'SYM';
  if (/^[^\p{L}\p{N}]+$/u.test(word)) return 'PUNCT';
  return 'X';
}

// Words (with inner apostrophes, periods of abbreviations, hyphens and digit groups), the
// possessive "'s" on its own, and every other non-space character as a token of its own.
const TOKEN = /['’]s\b|[\p{L}\p{N}]+(?:[.,'’\-][\p{L}\p{N}]+)*\.?(?<=\b\p{Lu}\.|[\p{L}\p{N}])|[^\s]/gu;

/** Tags a text with natural's Brill tagger; no entities. */
export function brillTag(text: string): Tagged {
  const matches = [...text.matchAll(TOKEN)];
  const tagged = load().tag(matches.map((m) => m[0])).taggedWords;
  const tokens: TaggedToken[] = matches.map((m, i) => {
    const word = m[0];
    const start = m.index;
    return {
      start,
      end: start + word.length,
      text: word,
      lower: word.toLowerCase(),
      pos: universal(tagged[i]?.tag ?? 'NN', word),
      attached: i > 0 && matches[i - 1].index + matches[i - 1][0].length === start,
    };
  });
  return { tokens, entities: [] };
}
