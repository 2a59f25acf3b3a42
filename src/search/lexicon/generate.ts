// Builds the related-terms table from WordNet: for each stem, the stems a query for it may
// also look for, each with a weight in (0, 1) that says how safe the substitution is.
// Everything comes from WordNet's structure and SemCor sense counts; there are no word lists.

import { irregularFormsByLemma, regularInflections } from './inflections.js';
import { DEFAULT_GENERATE_OPTIONS, type GenerateOptions, type GenerateSettings, type LexiconTable } from './options.js';
import type { PartOfSpeech, Sense, Synset, WordNet } from './wordnet.js';

export type { GenerateOptions, LexiconTable, RelatedTerm } from './options.js';

export function generateLexicon(wordnet: WordNet, options: GenerateOptions): LexiconTable {
  return new Generator(wordnet, { ...DEFAULT_GENERATE_OPTIONS, ...options }).run();
}

const SINGLE_WORD = /^[a-z]+$/;

/** Collects the best weight seen per (key, term) pair. */
class WeightTable {
  readonly rows = new Map<string, Map<string, number>>();
  add(key: string, term: string, weight: number): void {
    if (key === term || !(weight > 0)) return;
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = new Map<string, number>()));
    if ((row.get(term) ?? 0) < weight) row.set(term, weight);
  }
}

/** One lemma in one part of speech, e.g. "farming" as a noun, as it speaks for a stem. */
interface Entry {
  lemma: string;
  pos: PartOfSpeech;
  senses: Sense[];
  /** SemCor tags over all senses: how often the lemma is used in this part of speech. */
  tags: number;
  /** 1 under the lemma's own stem; the inflection weight under one of its forms' stems. */
  scale: number;
}

/** The stem being linked, and the factor its backward links get. */
interface Source {
  key: string;
  reverseScale: number;
}

class Generator {
  private readonly table = new WeightTable();
  /** Links read backwards ("kill > die" also tells "die" about "kill"). */
  private readonly backwards = new WeightTable();
  private readonly irregular: Map<string, string[]>;
  /** synset -> for each of its words, the rank of this synset among that word's senses. */
  private readonly wordRanks = new Map<string, number[]>();
  private readonly fanOutCache = new Map<string, Map<string, number>>();
  private readonly formCache = new Map<string, Map<string, number>>();

  constructor(
    private readonly wordnet: WordNet,
    private readonly o: GenerateSettings,
  ) {
    this.irregular = irregularFormsByLemma(o.exceptions ?? {});
    for (const [lemma, byPos] of wordnet.lemmas) {
      for (const senses of byPos.values()) {
        for (const sense of senses) {
          const n = wordnet.synsets.get(sense.synset)?.words.indexOf(lemma) ?? -1;
          if (n < 0) continue;
          let ranks = this.wordRanks.get(sense.synset);
          if (!ranks) this.wordRanks.set(sense.synset, (ranks = []));
          ranks[n] = sense.rank;
        }
      }
    }
  }

  run(): LexiconTable {
    const { o } = this;
    for (const [key, entries] of this.entriesByStem()) {
      // Lemmas that share a stem ("farm", "farming") speak for it by how often SemCor saw
      // them, so the rare "soldiering" (shirking) does not drown "soldier".
      const most = Math.max(...entries.map((e) => e.tags)) + o.lemmaCountSmoothing;
      const total = entries.reduce((sum, e) => sum + e.tags, 0);
      const source = { key, reverseScale: o.reverseFactor * Math.min(1, Math.sqrt((total + 1) / o.commonTagCount)) };
      for (const entry of entries) {
        const lemmaFactor = Math.max(o.minLemmaFactor, Math.sqrt((entry.tags + o.lemmaCountSmoothing) / most));
        for (const sense of entry.senses.slice(0, o.senseRankFactors.length)) {
          this.linkSense(source, entry, sense, o.senseRankFactors[sense.rank - 1] * lemmaFactor * entry.scale);
        }
      }
    }
    for (const [key, row] of this.backwards.rows) for (const [term, weight] of row) this.table.add(key, term, weight);
    return this.finish();
  }

  /**
   * Entries per stem. An inflected form's stem ("di" for died/dies) gets its lemma's entries
   * too, scaled by the form's weight, and the two stems are linked both ways.
   */
  private entriesByStem(): Map<string, Entry[]> {
    const byStem = new Map<string, Entry[]>();
    const add = (key: string, lemma: string, byPos: Map<PartOfSpeech, Sense[]>, scale: number): void => {
      let entries = byStem.get(key);
      if (!entries) byStem.set(key, (entries = []));
      for (const [pos, senses] of byPos) {
        entries.push({ lemma, pos, senses, scale, tags: senses.reduce((sum, s) => sum + s.tagCount, 0) });
      }
    };
    for (const [lemma, byPos] of this.wordnet.lemmas) {
      if (!SINGLE_WORD.test(lemma) || this.o.isStopWord(lemma)) continue;
      const key = this.o.stem(lemma);
      add(key, lemma, byPos, 1);
      for (const [formStem, weight] of this.formStems(lemma)) {
        add(formStem, lemma, byPos, weight);
        this.table.add(key, formStem, weight);
        this.table.add(formStem, key, weight);
      }
    }
    return byStem;
  }

  private linkSense(source: Source, entry: Entry, sense: Sense, factor: number): void {
    const { o } = this;
    const synset = this.wordnet.synsets.get(sense.synset);
    if (!synset) return;
    const self = synset.words.indexOf(entry.lemma) + 1;
    this.linkWords(source, synset, 0, o.relationWeights.syn * factor, 'syn');
    for (const pointer of synset.pointers) {
      let weight = o.relationWeights[pointer.symbol];
      if (!weight) continue;
      if (pointer.sourceWord !== 0 && pointer.sourceWord !== self) continue; // another word's link
      if (sense.rank > 1 && o.firstSenseOnly.includes(pointer.symbol)) continue;
      if (pointer.sourceWord === 0)
        weight *= Math.min(1, Math.sqrt(o.fanOutLimit / this.fanOut(synset, pointer.symbol)));
      const target = this.wordnet.synsets.get(pointer.target);
      if (target) this.linkWords(source, target, pointer.targetWord, weight * factor, pointer.symbol);
    }
    if (o.glossWeight > 0 && sense.rank === 1 && entry.pos === 'noun') this.linkGloss(source, synset, factor);
  }

  /**
   * Links to the single words of `synset` (or only its word number `only`). Multi-word lemmas
   * ("armed_forces", "pass_away") are skipped: a query term is one word, and using their head
   * word instead changed nothing measurable on SQuAD while adding loose links.
   */
  private linkWords(source: Source, synset: Synset, only: number, weight: number, relation: string): void {
    synset.words.forEach((word, n) => {
      if ((only && n + 1 !== only) || !SINGLE_WORD.test(word)) return;
      // "go" names the synset of "die" only as its 20-somethingth sense: "kill" should not fetch "go".
      const rank = this.wordRanks.get(synset.key)?.[n] ?? 1;
      this.linkWord(source, word, weight / (1 + (rank - 1) * this.o.targetRankDecay), relation);
    });
  }

  /** Nouns of a short definition: "troop: a group of soldiers" -> group, soldier. */
  private linkGloss(source: Source, synset: Synset, factor: number): void {
    const { wordnet, o } = this;
    const words = (synset.gloss.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => w.length > 2 && !o.isStopWord(w));
    if (words.length > o.glossMaxWords) return;
    const isNoun = (w: string): boolean => wordnet.lemmas.get(w)?.has('noun') ?? false;
    for (const word of words) {
      const noun = isNoun(word) ? word : word.endsWith('s') && isNoun(word.slice(0, -1)) ? word.slice(0, -1) : '';
      if (noun) this.linkWord(source, noun, o.glossWeight * factor, 'gloss');
    }
  }

  /** Links a stem to a word and to the stems of the word's other forms. */
  private linkWord(source: Source, word: string, weight: number, relation: string): void {
    if (this.o.isStopWord(word)) return;
    const term = this.o.stem(word);
    const forms = this.formStems(word);
    this.table.add(source.key, term, weight);
    for (const [formStem, link] of forms) this.table.add(source.key, formStem, weight * link);
    if (!this.o.reverseRelations.includes(relation)) return;
    const back = weight * source.reverseScale;
    this.backwards.add(term, source.key, back);
    for (const [formStem, link] of forms) this.backwards.add(formStem, source.key, back * link);
  }

  /** Semantic pointers of one kind in a synset, for the fan-out penalty. */
  private fanOut(synset: Synset, symbol: string): number {
    let counts = this.fanOutCache.get(synset.key);
    if (!counts) {
      counts = new Map();
      for (const p of synset.pointers) if (p.sourceWord === 0) counts.set(p.symbol, (counts.get(p.symbol) ?? 0) + 1);
      this.fanOutCache.set(synset.key, counts);
    }
    return counts.get(symbol) ?? 1;
  }

  /**
   * Stems of a lemma's other forms that its own stem does not cover ("die" -> "di" for
   * died/dies, "dy" for dying), with the link's weight.
   */
  private formStems(lemma: string): Map<string, number> {
    let forms = this.formCache.get(lemma);
    if (forms) return forms;
    const { o } = this;
    forms = new Map();
    const regular = o.attested
      ? [...(this.wordnet.lemmas.get(lemma)?.keys() ?? [])].flatMap((pos) =>
          regularInflections(lemma, pos, o.attested!),
        )
      : [];
    const own = o.stem(lemma);
    for (const form of [...regular, ...(this.irregular.get(lemma) ?? [])]) {
      const formStem = o.stem(form);
      if (formStem === own || o.isStopWord(form)) continue;
      const weight = o.relationWeights.inflection * (this.isOtherWord(form, lemma) ? o.ambiguousFormFactor : 1);
      forms.set(formStem, Math.max(forms.get(formStem) ?? 0, weight));
    }
    this.formCache.set(lemma, forms);
    return forms;
  }

  /**
   * Whether an inflected form is also a word of its own, used (SemCor-tagged) in senses that
   * WordNet does not tie to the lemma: "found" (establish) is not "find", "left" is not
   * "leave"; "dying" points back to "die", so it is just a form.
   */
  private isOtherWord(form: string, lemma: string): boolean {
    const byPos = this.wordnet.lemmas.get(form);
    if (!byPos || ![...byPos.values()].some((senses) => senses.some((s) => s.tagCount > 0))) return false;
    for (const senses of byPos.values()) {
      for (const sense of senses) {
        const synset = this.wordnet.synsets.get(sense.synset);
        if (!synset) continue;
        if (synset.words.includes(lemma)) return false;
        for (const p of synset.pointers) if (this.wordnet.synsets.get(p.target)?.words.includes(lemma)) return false;
      }
    }
    return true;
  }

  private finish(): LexiconTable {
    const result: LexiconTable = new Map();
    for (const [key, row] of this.table.rows) {
      const related = [...row]
        .filter(([, weight]) => weight >= this.o.minWeight)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, this.o.maxRelated)
        .map(([term, weight]) => ({ term, weight: Math.round(weight * 100) / 100 }));
      if (related.length) result.set(key, related);
    }
    return result;
  }
}
