import type { EngineFactory } from './engine.js';
import { peers } from './peers.js';
import { storybotAsk, storybotIndex } from './storybot.js';

export type { EngineFactory } from './engine.js';
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
