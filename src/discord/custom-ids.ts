/**
 * Button custom ids carry everything their handler needs, so a button still works after the bot
 * restarts (no server-side state). Discord caps a custom id at 100 characters; a button whose id
 * would not fit is simply not offered.
 *
 *   para:<story>:<n>                     show paragraph n of a story in full
 *   more:<story|*>:<offset>:<question>   passages of the question after the first `offset`
 *
 * Story ids are URI-encoded (a file name may contain ':'); the question comes last, verbatim.
 */
import { LIMITS } from './limits.js';

export type ButtonAction =
  | { kind: 'paragraph'; story: string; paragraph: number }
  | { kind: 'more'; story?: string; offset: number; question: string };

const ALL_STORIES = '*';

/** URI-encodes a story id; `*` too, since a bare `*` means "all stories". */
function encodeStory(story: string): string | undefined {
  try {
    return encodeURIComponent(story).replace(/\*/g, '%2A');
  } catch {
    return undefined; // lone surrogates cannot be encoded: no button rather than a broken one
  }
}

function fits(id: string): string | undefined {
  return id.length <= LIMITS.customId ? id : undefined;
}

export function paragraphButtonId(story: string, paragraph: number): string | undefined {
  const encoded = encodeStory(story);
  return encoded === undefined ? undefined : fits(`para:${encoded}:${paragraph}`);
}

export function moreButtonId(question: string, offset: number, story?: string): string | undefined {
  if (question.length === 0) return undefined;
  const scope = story === undefined ? ALL_STORIES : encodeStory(story);
  return scope === undefined ? undefined : fits(`more:${scope}:${offset}:${question}`);
}

function decodeStory(text: string): string | undefined {
  try {
    const story = decodeURIComponent(text);
    return story.length > 0 ? story : undefined;
  } catch {
    return undefined;
  }
}

const COUNT = /^\d{1,6}$/;

/** The action a custom id stands for, or undefined for anything we did not make. */
export function parseButtonId(id: string): ButtonAction | undefined {
  if (id.startsWith('para:')) {
    const [story, n, ...rest] = id.slice('para:'.length).split(':');
    if (rest.length > 0 || story === undefined || n === undefined || !COUNT.test(n)) return undefined;
    const decoded = decodeStory(story);
    const paragraph = Number(n);
    return decoded !== undefined && paragraph >= 1 ? { kind: 'paragraph', story: decoded, paragraph } : undefined;
  }
  if (id.startsWith('more:')) {
    const body = id.slice('more:'.length);
    const first = body.indexOf(':');
    const second = body.indexOf(':', first + 1);
    if (first < 0 || second < 0) return undefined;
    const scope = body.slice(0, first);
    const offset = body.slice(first + 1, second);
    const question = body.slice(second + 1);
    if (!COUNT.test(offset) || question.length === 0) return undefined;
    if (scope === ALL_STORIES) return { kind: 'more', offset: Number(offset), question };
    const story = decodeStory(scope);
    return story === undefined ? undefined : { kind: 'more', story, offset: Number(offset), question };
  }
  return undefined;
}
