import { createInterface } from 'node:readline';
import type { Library } from './answer/library.js';
import { greetingOrThanks, looksNotEnglish, smallTalkHint } from './answer/small-talk.js';
import { isSummaryLength } from './answer/summary.js';
import type { SummaryLength } from './answer/types.js';
import { answerToText, summaryToText } from './text-render.js';

const HELP = [
  'Type a question about the story and press Enter; answers cite paragraphs as [¶N].',
  '  /summary [short|medium|long]   the story in a few of its own sentences',
  '  /stories                       the loaded stories',
  '  /help                          this text',
  '  /quit                          leave (or Ctrl-D)',
].join('\n');

/** What the console answers to one line of input (pure, so tests need no terminal). */
export function consoleReply(library: Library, line: string): string | undefined {
  const input = line.trim();
  if (!input) return undefined;
  const several = library.stories.length > 1;
  if (input.startsWith('/')) {
    const [command, arg] = input.slice(1).split(/\s+/, 2);
    switch (command.toLowerCase()) {
      case 'summary': {
        if (arg && !isSummaryLength(arg)) return 'Length must be short, medium or long.';
        const summaries = library.summarize({ length: (arg as SummaryLength | undefined) ?? 'medium' });
        return summaries.map((s) => summaryToText(s, several)).join('\n\n');
      }
      case 'stories':
        return library.stories.map((s) => `${s.id}: ${s.title} (${s.paragraphs.length} paragraphs)`).join('\n');
      case 'help':
        return HELP;
      default:
        return `Unknown command /${command}. ${HELP}`;
    }
  }
  return answerText(library, input);
}

/** The answer for people, or a one-line hint for a greeting, a thanks or a question not in English. */
export function answerText(library: Library, question: string): string {
  const smallTalk = greetingOrThanks(question);
  if (smallTalk) return smallTalkHint(smallTalk);
  const answer = library.ask(question);
  if (!answer.answered && looksNotEnglish(question)) return smallTalkHint('not-english');
  return answerToText(answer, library.stories.length > 1);
}

export interface ConsoleOptions {
  /**
   * Called once the console has something to answer: at once on a terminal, else at the first
   * non-blank line (so input that never comes can be told apart by the caller).
   */
  onFirstInput?: () => void;
}

/**
 * Interactive console: one question per line, until /quit or end of input. Resolves to the number
 * of non-blank lines read.
 */
export async function runConsole(
  library: Library,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  options: ConsoleOptions = {},
): Promise<number> {
  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const titles = library.stories.map((s) => s.title).join('; ');
  let lines = 0;
  const begin = () => {
    options.onFirstInput?.();
    output.write(`storybot: ask about ${titles}. /help for commands.\n`);
  };
  if (interactive) {
    begin();
    rl.setPrompt('> ');
    rl.prompt();
  }
  for await (const line of rl) {
    if (line.trim() && lines++ === 0 && !interactive) begin();
    if (/^\/(quit|exit)\b/i.test(line.trim())) break;
    const reply = consoleReply(library, line);
    if (reply) output.write(`${reply}\n\n`);
    if (interactive) rl.prompt();
  }
  rl.close();
  return lines;
}
