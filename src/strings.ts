// Words the bot says that more than one front end (Discord, console, CLI text) uses: one place.

/** The reply when the story holds no answer and no more specific note applies. */
export const STORY_DOES_NOT_SAY = "The story doesn't say.";
/** The same, as a whole reply of its own (no other part to stand beside). */
export const STORY_SAYS_NOTHING = "The story doesn't say anything about that.";

/** `text` with every character that means something in a regular expression escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
