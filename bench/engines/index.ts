import type { EngineFactory } from './engine.js';
import { peers } from './peers.js';
import { storybotAsk, storybotBareIndex, storybotIndex } from './storybot.js';

export { storybotAsk, storybotBareIndex, storybotIndex, storybotWith, storyFromTexts } from './storybot.js';
export { peers, naturalTfIdf, miniSearch, winkBm25, lunrEngine } from './peers.js';

export type { Engine, EngineFactory, AskingEngine } from './engine.js';
export { isAsking } from './engine.js';

/** storybot's engines first, then the peers, in the order the tables show them. */
export const storybotEngines: EngineFactory[] = [storybotAsk, storybotIndex];
export const allEngines: EngineFactory[] = [...storybotEngines, ...peers];

/** Engines run only when named (`--engines=...`), e.g. to see what one of storybot's parts costs. */
export const extraEngines: EngineFactory[] = [storybotBareIndex];

export function engineByName(name: string): EngineFactory {
  const known = [...allEngines, ...extraEngines];
  const found = known.find((e) => e.name === name);
  if (!found) throw new Error(`bench: no engine named "${name}" (have: ${known.map((e) => e.name).join(', ')})`);
  return found;
}
