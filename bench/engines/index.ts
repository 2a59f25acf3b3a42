import type { EngineFactory } from './engine.js';
import { peers } from './peers.js';
import { storybotAsk, storybotIndex } from './storybot.js';

export { storybotAsk, storybotIndex, storybotWith, storyFromTexts } from './storybot.js';
export { peers, naturalTfIdf, miniSearch, winkBm25, lunrEngine } from './peers.js';

export type { Engine, EngineFactory, AskingEngine } from './engine.js';
export { isAsking } from './engine.js';

/** storybot's engines first, then the peers, in the order the tables show them. */
export const storybotEngines: EngineFactory[] = [storybotAsk, storybotIndex];
export const allEngines: EngineFactory[] = [...storybotEngines, ...peers];

export function engineByName(name: string): EngineFactory {
  const known = allEngines;
  const found = known.find((e) => e.name === name);
  if (!found) throw new Error(`bench: no engine named "${name}" (have: ${known.map((e) => e.name).join(', ')})`);
  return found;
}
