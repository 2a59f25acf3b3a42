/** One sentence of a paragraph, quoted exactly as the story has it. */
export interface Sentence {
  /** The sentence text, trimmed; `paragraph.text.slice(start, end) === text`. */
  text: string;
  start: number;
  end: number;
}

/** One paragraph of a story; `n` is 1-based, as citations show it (`[¶n]`). */
export interface Paragraph {
  n: number;
  text: string;
  sentences: Sentence[];
}

/** A loaded story: a title and its numbered paragraphs. */
export interface Story {
  /** The file's base name without extension; names the story in citations and `--json`. */
  id: string;
  title: string;
  /** Where it was loaded from (for messages only). */
  source: string;
  paragraphs: Paragraph[];
}
