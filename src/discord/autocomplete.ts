/**
 * Autocomplete choices for the `story` and `number` options: at most 25, each name and string
 * value at most 100 characters, filtered by what the user has typed so far.
 */
import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { StoryLibrary } from './context.js';
import { cleanText, plainText } from './escape.js';
import { LIMITS, truncate } from './limits.js';
import { findStory } from './replies.js';

export function storyChoices(library: StoryLibrary, typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const query = cleanText(typed).toLowerCase();
  return library.stories
    .filter((s) => s.id.length <= LIMITS.choiceValue)
    .filter((s) => !query || s.id.toLowerCase().includes(query) || s.title.toLowerCase().includes(query))
    .slice(0, LIMITS.autocompleteChoices)
    .map((s) => ({
      name:
        truncate(plainText(s.title && s.title !== s.id ? `${s.title} (${s.id})` : s.id), LIMITS.choiceName) || 'story',
      value: s.id,
    }));
}

/** Paragraph numbers with their first words; typed digits match numbers, typed words match text. */
export function paragraphChoices(
  library: StoryLibrary,
  typed: string,
  storyName?: string,
): ApplicationCommandOptionChoiceData<number>[] {
  const found = storyName ? findStory(library, storyName) : undefined;
  const story = found?.ok ? found.story : library.stories[0];
  if (!story) return [];
  const query = cleanText(typed).toLowerCase();
  const byNumber = /^\d+$/.test(query);
  return story.paragraphs
    .filter((p) => !query || (byNumber ? String(p.n).startsWith(query) : p.text.toLowerCase().includes(query)))
    .slice(0, LIMITS.autocompleteChoices)
    .map((p) => ({ name: truncate(`¶${p.n} — ${plainText(p.text)}`, LIMITS.choiceName), value: p.n }));
}
