// vitest's global setup: the suites' one build step, before any test file runs.
import { ensureBuilt } from './child.js';

export default function setup(): void {
  ensureBuilt();
}
