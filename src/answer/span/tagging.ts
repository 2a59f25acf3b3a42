// Parts of speech and entities from wink-nlp with its English lite model: the tags the short
// answer's candidates are cut by. The model loads on first use (~150 ms), so neither start-up
// nor /summary pays for it. Only the `pos` and `ner` steps run: sentence breaks come from the
// story's own splitter, and negation and sentiment are not needed (half the tagging time).
import { createRequire } from 'node:module';
import type { PartOfSpeech, WinkMethods } from 'wink-nlp';

export type { PartOfSpeech };

/** One token as wink cuts it, with its offsets in the tagged text. */
export interface TaggedToken {
  start: number;
  end: number;
  /** The token as written. */
  text: string;
  lower: string;
  pos: PartOfSpeech;
  /** No space before it (the second half of "Levi's", "19th-century"). */
  attached: boolean;
}

/** An entity wink recognises (DATE, TIME, DURATION, CARDINAL, ORDINAL, MONEY, PERCENT, ...), by token. */
export interface TaggedEntity {
  first: number;
  last: number;
  type: string;
}

export interface Tagged {
  tokens: TaggedToken[];
  entities: TaggedEntity[];
}

let nlp: WinkMethods | undefined;

function load(): WinkMethods {
  if (!nlp) {
    const require = createRequire(import.meta.url);
    const winkNLP = require('wink-nlp') as typeof import('wink-nlp').default;
    const model = require('wink-eng-lite-web-model') as import('wink-nlp').Model;
    nlp = winkNLP(model, ['pos', 'ner']);
  }
  return nlp;
}

/** Tags a text: tokens with offsets and parts of speech, and entities. wink keeps every character, so offsets are exact. */
export function tag(text: string): Tagged {
  const wink = load();
  const its = wink.its;
  const doc = wink.readDoc(text);
  const values = doc.tokens().out(its.value);
  const spaces = doc.tokens().out(its.precedingSpaces);
  const tags = doc.tokens().out(its.pos) as PartOfSpeech[];
  const tokens: TaggedToken[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += spaces[i].length;
    const value = values[i];
    // Offsets come from the text itself: should wink ever normalise a token, find it nearby.
    let start = at;
    if (text.startsWith(value, at) === false) {
      const found = text.indexOf(value, at);
      if (found < 0) continue;
      start = found;
    }
    const end = start + value.length;
    tokens.push({
      start,
      end,
      text: value,
      lower: value.toLowerCase(),
      pos: tags[i],
      attached: spaces[i].length === 0 && i > 0,
    });
    at = end;
  }
  const entities: TaggedEntity[] = [];
  if (tokens.length === values.length) {
    const spans = doc.entities().out(its.span) as unknown as number[][];
    const types = doc.entities().out(its.type);
    spans.forEach(([first, last], e) => entities.push({ first, last, type: types[e] }));
  }
  return { tokens, entities };
}
