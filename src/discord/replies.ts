/**
 * What to answer, shared by slash commands, buttons and mentions so all three give the same
 * reply to the same request. Each function returns a finished payload (or a notice for a request
 * that cannot be served); none of them touches Discord.
 */
import { greetingOrThanks, looksNotEnglish, smallTalkHint } from '../answer/small-talk.js';
import type { Answer, SummaryLength } from '../answer/types.js';
import type { Story } from '../story/types.js';
import type { StoryLibrary } from './context.js';
import { cleanText, safeText } from './escape.js';
import {
  PAGE_SIZE,
  renderAnswer,
  renderContext,
  renderHelp,
  renderNotice,
  renderParagraph,
  renderSummary,
  type Payload,
  type RenderContext,
} from './render.js';

/**
 * Longest question answered on Discord (the /ask option enforces it too; mentions are cut to it).
 * Below the core's own bound (MAX_QUESTION_CHARS in answer/ask.ts, for CLI lines): Discord's
 * options are short, and a reply must quote the question within Discord's limits.
 */
export const MAX_QUESTION_LENGTH = 300;

const contexts = new WeakMap<StoryLibrary, RenderContext>();

export function contextFor(library: StoryLibrary): RenderContext {
  let ctx = contexts.get(library);
  if (!ctx) {
    ctx = renderContext(library.stories);
    contexts.set(library, ctx);
  }
  return ctx;
}

/** The question as the library sees it: visible characters only, one line, at most 300 characters. */
export function normalizeQuestion(question: string): string {
  const clean = cleanText(question);
  const points = Array.from(clean);
  return points.length <= MAX_QUESTION_LENGTH ? clean : points.slice(0, MAX_QUESTION_LENGTH).join('').trimEnd();
}

export type StoryLookup = { ok: true; story: Story } | { ok: false; notice: Payload };

/** Finds a story by id, or by id/title ignoring case; a notice listing the stories otherwise. */
export function findStory(library: StoryLibrary, name: string): StoryLookup {
  const wanted = name.trim();
  const lower = wanted.toLowerCase();
  const story =
    library.stories.find((s) => s.id === wanted) ??
    library.stories.find((s) => s.id.toLowerCase() === lower || s.title.toLowerCase() === lower);
  if (story) return { ok: true, story };
  const known = library.stories.map((s) => `\`${cleanText(s.id).replace(/`/g, "'")}\``).join(', ');
  return {
    ok: false,
    notice: renderNotice(`I don't know a story called ${safeText(wanted) || '(empty)'}. Loaded: ${known}.`),
  };
}

export interface AskOptions {
  /** Story id (exact or loose) to limit the search to. */
  story?: string;
  /** Passages already shown (for "More passages"). */
  offset?: number;
  /** Told the answer (and the question as asked) when there is one: the questions log uses it. */
  onAnswer?: (answer: Answer, question: string) => void;
}

export function answerPayload(library: StoryLibrary, rawQuestion: string, options: AskOptions = {}): Payload {
  const question = normalizeQuestion(rawQuestion);
  if (!question) return renderNotice('Ask me something about the story, for example who, what, where or when.');
  const smallTalk = greetingOrThanks(question);
  if (smallTalk) return renderNotice(smallTalkHint(smallTalk));
  let story: string | undefined;
  if (options.story !== undefined) {
    const found = findStory(library, options.story);
    if (!found.ok) return found.notice;
    story = found.story.id;
  }
  const offset = options.offset ?? 0;
  // One extra passage tells whether a "More passages" button has anything to show.
  const answer = library.ask(question, { ...(story !== undefined ? { story } : {}), limit: offset + PAGE_SIZE + 1 });
  // A hint is not an answer: like a greeting, it is neither logged for /story gaps nor voted on.
  if (!answer.answered && offset === 0 && looksNotEnglish(question)) return renderNotice(smallTalkHint('not-english'));
  options.onAnswer?.(answer, question);
  const page = { ...answer, passages: answer.passages.slice(offset, offset + PAGE_SIZE) };
  return renderAnswer(page, contextFor(library), {
    offset,
    ...(story !== undefined ? { story } : {}),
    hasMore: answer.passages.length > offset + PAGE_SIZE,
  });
}

export function summaryPayload(
  library: StoryLibrary,
  options: { story?: string; length?: SummaryLength } = {},
): Payload {
  const length = options.length ?? 'medium';
  let story = library.stories[0];
  if (options.story !== undefined) {
    const found = findStory(library, options.story);
    if (!found.ok) return found.notice;
    story = found.story;
  }
  if (!story) return renderNotice('No story is loaded.');
  const [summary] = library.summarize({ story: story.id, length });
  if (!summary) return renderNotice('That story has nothing to summarize.');
  const others = library.stories.length - 1;
  const note =
    options.story === undefined && others > 0
      ? `${others} more ${others === 1 ? 'story is' : 'stories are'} loaded: pick one with the story option`
      : undefined;
  return renderSummary(summary, contextFor(library), length, note);
}

export function paragraphPayload(library: StoryLibrary, n: number, storyName?: string): Payload {
  let story = library.stories[0];
  if (storyName !== undefined) {
    const found = findStory(library, storyName);
    if (!found.ok) return found.notice;
    story = found.story;
  }
  if (!story) return renderNotice('No story is loaded.');
  const paragraph = Number.isInteger(n) ? library.paragraph(story.id, n) : undefined;
  if (!paragraph) {
    return renderNotice(
      `There is no ¶${Number.isFinite(n) ? n : '?'} in ${safeText(story.title || story.id)}: it has paragraphs 1 to ${story.paragraphs.length}.`,
    );
  }
  return renderParagraph(story, paragraph, contextFor(library));
}

export function helpPayload(library: StoryLibrary): Payload {
  return renderHelp(contextFor(library), library.stories);
}
