/** A cited passage: one paragraph and, within it, the sentence that best answers. */
export interface Passage {
  /** Story id (file base name without extension). */
  story: string;
  /** 1-based paragraph number within its story. */
  paragraph: number;
  /** The whole paragraph text. */
  text: string;
  /** The sentence of the paragraph that best answers, verbatim. */
  sentence: string;
  score: number;
  /** Words of `sentence` (as written there) that matched the question, for highlighting. */
  matched: string[];
}

/** What the bot answers to a question. The Discord layer and the CLI render only this. */
export interface Answer {
  question: string;
  /** False when the story does not answer: `passages` then lists the closest paragraphs, if any. */
  answered: boolean;
  passages: Passage[];
  /**
   * The story's exact words that answer (a figure, a date, a name, a short phrase): a slice of
   * `passages[0].text`, or null when there is none; always null when `answered` is false.
   */
  shortAnswer: string | null;
  /**
   * When not answered and the story names what was asked about, one line that says so ("The story
   * mentions Helena Drost but doesn't give an age.").
   */
  note?: string;
  /** A question that asks two things: each part's own answer, in order. */
  parts?: Answer[];
}

export type SummaryLength = 'short' | 'medium' | 'long';

export interface SummarySentence {
  text: string;
  paragraph: number;
}

/** An extractive summary: the story's own sentences in story order, each with its paragraph. */
export interface Summary {
  story: string;
  title: string;
  sentences: SummarySentence[];
}
