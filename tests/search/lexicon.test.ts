import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStopWord, stem, terms } from '../../src/search/text.js';
import { buildLexiconTable } from '../../src/search/lexicon/build.js';
import { LexiconText, encodeLexicon } from '../../src/search/lexicon/format.js';
import { generateLexicon, type LexiconTable, type RelatedTerm } from '../../src/search/lexicon/generate.js';
import { irregularFormsByLemma, regularInflections } from '../../src/search/lexicon/inflections.js';
import { LexiconLoadError, lexiconFromTable, loadLexicon } from '../../src/search/lexicon/load.js';
import { readWordNetFiles } from '../../src/search/lexicon/source.js';
import { parseSynsetLine, parseWordNet } from '../../src/search/lexicon/wordnet.js';

/** The one term the index makes of a word, so the tests speak in the search's own terms. */
const term = (word: string): string => {
  const [t, ...rest] = terms(word);
  if (!t || rest.length) throw new Error(`"${word}" is not one indexed term`);
  return t;
};
const relatedTerms = (table: LexiconTable, word: string): string[] => (table.get(term(word)) ?? []).map((r) => r.term);
const weightOf = (table: LexiconTable, from: string, to: string): number =>
  table.get(term(from))?.find((r) => r.term === term(to))?.weight ?? 0;

// A WordNet in miniature, in the real file format (wndb(5)): data lines carry the synset's
// words and pointers, index lines list a lemma's senses most frequent first.
const LICENSE_LINE = '  1 This line stands for the license header of the real files.\n';
const TINY_WORDNET = {
  'data.noun': [
    LICENSE_LINE,
    '00000001 06 n 02 car 0 automobile 0 001 @ 00000002 n 0000 | a motor vehicle; "he needs a car"',
    '00000002 06 n 01 vehicle 0 001 ~ 00000001 n 0000 | a conveyance',
    '00000003 06 n 02 elevator_car 0 car 0 000 | where passengers ride',
    '00000004 28 n 01 death 0 001 + 00000010 v 0101 | the end of life',
  ].join('\n'),
  'data.verb': [
    LICENSE_LINE,
    '00000010 30 v 02 die 0 perish 0 001 + 00000004 n 0101 01 + 02 00 | pass from physical life',
    '00000011 35 v 01 kill 0 001 > 00000010 v 0000 01 + 08 00 | cause to die',
  ].join('\n'),
  'data.adj': LICENSE_LINE,
  'data.adv': LICENSE_LINE,
  'index.noun': [
    LICENSE_LINE,
    'car n 2 1 @ 2 1 00000001 00000003',
    'automobile n 1 1 @ 1 1 00000001',
    'vehicle n 1 1 ~ 1 1 00000002',
    'elevator_car n 1 0 1 0 00000003',
    'death n 1 1 + 1 1 00000004',
  ].join('\n'),
  'index.verb': [
    LICENSE_LINE,
    'die v 1 1 + 1 1 00000010',
    'perish v 1 0 1 0 00000010',
    'kill v 1 1 > 1 1 00000011',
  ].join('\n'),
  'index.adj': LICENSE_LINE,
  'index.adv': LICENSE_LINE,
  'index.sense': [
    'automobile%1:06:00:: 00000001 1 5',
    'car%1:06:00:: 00000001 1 40',
    'car%1:06:01:: 00000003 2 1',
    'death%1:28:00:: 00000004 1 30',
    'die%2:30:00:: 00000010 1 100',
    'kill%2:35:00:: 00000011 1 80',
    'vehicle%1:06:00:: 00000002 1 20',
  ].join('\n'),
};
const TINY_ATTESTED: Record<string, string[]> = { dies: ['VBZ'], died: ['VBD'], dying: ['VBG'], killed: ['VBD'] };
const tinyOptions = { stem, isStopWord, attested: (w: string) => TINY_ATTESTED[w] };

describe('WordNet parsing', () => {
  it('reads words, lexical and semantic pointers, and the gloss without its examples', () => {
    const synset = parseSynsetLine(
      '01099442 33 v 01 soldier 0 004 @ 02714280 v 0000 + 10641415 n 0101 + 08414212 n 0102 + 05648029 n 0101 02 + 02 00 | serve as a soldier in the military',
      'verb',
    );
    expect(synset.key).toBe('verb:01099442');
    expect(synset.words).toEqual(['soldier']);
    expect(synset.pointers).toHaveLength(4);
    expect(synset.pointers[0]).toEqual({ symbol: '@', target: 'verb:02714280', sourceWord: 0, targetWord: 0 });
    expect(synset.pointers[2]).toEqual({ symbol: '+', target: 'noun:08414212', sourceWord: 1, targetWord: 2 });
    expect(synset.gloss).toBe('serve as a soldier in the military');
    const car = TINY_WORDNET['data.noun'].split('\n').find((line) => line.startsWith('00000001')) ?? '';
    expect(parseSynsetLine(car, 'noun').gloss).toBe('a motor vehicle');
  });

  it('drops adjective position markers and reads senses in index order with their tag counts', () => {
    expect(parseSynsetLine('01 00 a 02 big(a) 0 large 0 000 | above average in size', 'adj').words).toEqual([
      'big',
      'large',
    ]);
    const wordnet = parseWordNet(TINY_WORDNET);
    expect(wordnet.lemmas.get('car')?.get('noun')).toEqual([
      { synset: 'noun:00000001', rank: 1, tagCount: 40 },
      { synset: 'noun:00000003', rank: 2, tagCount: 1 },
    ]);
    expect(wordnet.synsets.size).toBe(6);
  });

  it('refuses a database with a missing file instead of reading it as empty', () => {
    const { 'index.sense': _omitted, ...rest } = TINY_WORDNET;
    expect(() => parseWordNet(rest)).toThrow(/index\.sense/);
    const empty = mkdtempSync(join(tmpdir(), 'no-wordnet-'));
    try {
      expect(() => readWordNetFiles(empty)).toThrow(/data\.noun.*npm ci/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('inflections', () => {
  it('keeps only regular forms the word list attests with the right tag', () => {
    const attested = (w: string): string[] | undefined =>
      ({ stopped: ['VBD'], stopping: ['VBG'], stops: ['VBZ', 'NNS'], larger: ['JJR'], founder: ['NN'] })[w];
    expect(regularInflections('stop', 'verb', attested).sort()).toEqual(['stopped', 'stopping', 'stops']);
    expect(regularInflections('large', 'adj', attested)).toEqual(['larger']);
    expect(regularInflections('found', 'adj', attested)).toEqual([]); // "founder" is a noun, not a comparative
    expect(regularInflections('car', 'noun', attested)).toEqual([]);
  });

  it('inverts exception lists into lemma -> forms', () => {
    const byLemma = irregularFormsByLemma({
      verb: { bought: 'buy', went: 'go', gone: 'go' },
      noun: { children: 'child' },
    });
    expect(byLemma.get('go')?.sort()).toEqual(['gone', 'went']);
    expect(byLemma.get('child')).toEqual(['children']);
  });
});

describe('generateLexicon on a miniature WordNet', () => {
  const table = generateLexicon(parseWordNet(TINY_WORDNET), tinyOptions);

  it('ranks a synonym above a hypernym and leaves multi-word lemmas out', () => {
    expect(weightOf(table, 'car', 'automobile')).toBeGreaterThan(weightOf(table, 'car', 'vehicle'));
    expect(weightOf(table, 'car', 'vehicle')).toBeGreaterThan(0);
    expect(relatedTerms(table, 'car')).not.toContain('elevator_car');
  });

  it('follows cause links both ways, forward stronger', () => {
    expect(weightOf(table, 'kill', 'die')).toBeGreaterThan(weightOf(table, 'die', 'kill'));
    expect(weightOf(table, 'die', 'kill')).toBeGreaterThan(0);
  });

  it('applies a lexical pointer to its own word only', () => {
    expect(relatedTerms(table, 'die')).toContain(term('death'));
    expect(relatedTerms(table, 'death')).toContain(term('die'));
    expect(relatedTerms(table, 'perish')).not.toContain(term('death'));
  });

  it("links the stems Porter leaves apart and lets a form inherit its lemma's links", () => {
    expect(term('died')).not.toBe(term('die')); // the reason for these links
    expect(weightOf(table, 'died', 'die')).toBeGreaterThan(weightOf(table, 'died', 'perish'));
    expect(relatedTerms(table, 'died')).toContain(term('kill'));
    expect(relatedTerms(table, 'dying')).toContain(term('die'));
    expect(relatedTerms(table, 'kill')).toContain(term('died'));
  });

  it('caps every list, best first, with weights in (0, 1)', () => {
    const capped = generateLexicon(parseWordNet(TINY_WORDNET), { ...tinyOptions, maxRelated: 1 });
    for (const [key, related] of capped) {
      expect(related).toHaveLength(1);
      expect(related[0]).toEqual(table.get(key)?.[0]);
    }
    for (const related of table.values()) {
      for (const r of related) expect(r.weight > 0 && r.weight < 1).toBe(true);
      expect(related.map((r) => r.weight)).toEqual([...related.map((r) => r.weight)].sort((a, b) => b - a));
    }
  });
});

describe('lexicon file format', () => {
  const row = fc.array(
    fc.record({ term: fc.stringMatching(/^[a-z]{1,8}$/), weight: fc.integer({ min: 1, max: 99 }).map((n) => n / 100) }),
    { minLength: 1, maxLength: 12 },
  );
  const table = fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), row).map((d) => new Map(Object.entries(d)));

  it('finds every row it wrote, and nothing else', () => {
    fc.assert(
      fc.property(table, fc.stringMatching(/^[a-z]{1,8}$/), (t: LexiconTable, probe) => {
        const text = LexiconText.parse(encodeLexicon(t, 'test\nsecond line'));
        expect(text.size).toBe(t.size);
        const lexicon = lexiconFromTable(t);
        for (const [key, related] of t) expect(lexicon.related(key)).toEqual(related);
        if (!t.has(probe)) expect(lexicon.related(probe)).toEqual([]);
      }),
    );
  });

  it('rejects text that is not a lexicon', () => {
    expect(() => LexiconText.parse('{"terms": {}}')).toThrow(/storybot-lexicon/);
  });
});

describe('loadLexicon', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lexicon-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads lazily and says which file is missing and how to make it', () => {
    const path = join(dir, 'absent.tsv');
    const lexicon = loadLexicon(path); // nothing read yet
    expect(() => lexicon.related('kill')).toThrow(LexiconLoadError);
    expect(() => lexicon.load()).toThrow(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*npm run build`));
  });

  it('rejects a file in another format', () => {
    const path = join(dir, 'stale.json');
    writeFileSync(path, '{"format":"old"}');
    expect(() => loadLexicon(path).load()).toThrow(/stale\.json.*rebuild/);
  });

  it('serves what was written, and the same instance per path', () => {
    const path = join(dir, 'small.tsv');
    const rows: [string, RelatedTerm[]][] = [['kill', [{ term: 'die', weight: 0.5 }]]];
    writeFileSync(path, encodeLexicon(new Map(rows), 'test'));
    expect(loadLexicon(path).related('kill')).toEqual([{ term: 'die', weight: 0.5 }]);
    expect(loadLexicon(path).related('unknown')).toEqual([]);
    expect(loadLexicon(path)).toBe(loadLexicon(path));
  });
});

describe('the lexicon built from the installed WordNet', () => {
  let table: LexiconTable;
  beforeAll(() => {
    table = buildLexiconTable();
  }, 60_000);

  const reachEachOther = (a: string, b: string): void => {
    expect(relatedTerms(table, a), `${a} -> ${b}`).toContain(term(b));
    expect(relatedTerms(table, b), `${b} -> ${a}`).toContain(term(a));
  };

  it('joins the paraphrases of issue 2', () => {
    reachEachOther('soldiers', 'troops');
    reachEachOther('killed', 'died');
    reachEachOther('farming', 'agriculture');
  });

  it('joins common synonyms', () => {
    for (const [a, b] of [
      ['car', 'automobile'],
      ['buy', 'purchase'],
      ['begin', 'start'],
      ['big', 'large'],
      ['doctor', 'physician'],
      ['country', 'nation'],
    ]) {
      reachEachOther(a, b);
    }
  });

  it('joins irregular and unstemmed forms to their lemma, above its synonyms', () => {
    for (const [form, lemma] of [
      ['bought', 'buy'],
      ['went', 'go'],
      ['children', 'child'],
      ['larger', 'large'],
      ['dies', 'die'],
    ]) {
      reachEachOther(form, lemma);
    }
    expect(weightOf(table, 'bought', 'buy')).toBeGreaterThan(weightOf(table, 'bought', 'purchase'));
  });

  it('does not follow a word into its rare senses', () => {
    // "go" and "pass" name the synset of "die" only as late senses of theirs.
    expect(relatedTerms(table, 'killed')).not.toContain(term('go'));
    expect(relatedTerms(table, 'killed')).not.toContain(term('pass'));
    // "soldiering" (shirking) is a rare word next to "soldier".
    expect(weightOf(table, 'soldier', 'shirk')).toBeLessThan(weightOf(table, 'soldier', 'soldierly') / 2);
  });

  it('keeps lists short and lighter than the word itself', () => {
    let links = 0;
    const bad: string[] = []; // one expect per row would take seconds over 56k rows
    for (const [key, related] of table) {
      links += related.length;
      if (related.length > 12) bad.push(`${key}: ${related.length} terms`);
      for (const r of related) if (r.term === key || !(r.weight > 0 && r.weight < 1)) bad.push(`${key} -> ${r.term}`);
    }
    expect(bad).toEqual([]);
    expect(table.size).toBeGreaterThan(40_000);
    expect(links / table.size).toBeLessThan(8);
  });

  it('survives the trip through the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lexicon-real-'));
    try {
      const path = join(dir, 'lexicon.tsv');
      writeFileSync(path, encodeLexicon(table, 'test'));
      const lexicon = loadLexicon(path);
      expect(lexicon.size).toBe(table.size);
      for (const word of ['killed', 'farming', 'soldiers', 'bought']) {
        expect(lexicon.related(term(word))).toEqual(table.get(term(word)));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
